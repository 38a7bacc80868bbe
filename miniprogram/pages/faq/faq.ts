/**
 * A short policy FAQ in plain words, drawn from the plan. What differs from city to city (which
 * community receives the retiree, the dates) is read from the policy through the retiree's own
 * status; without it those answers leave the dates to 「我的移交进度」.
 */
import { formatChinaDate } from '../../../shared/ChinaTime'
import type { MyCaseView, StageView } from '../../../shared/Views'

type Faq = Array<{ q: string; a: string }>
/** What the answers read of the retiree's status: the policy's receiving rule and its stages' deadlines. */
type FaqPolicy = Pick<MyCaseView, 'receivingRule'> & { stages: Array<Pick<StageView, 'id' | 'deadline'>> }

/** 移交协议在…前签订，档案和党组织关系在…前转好，…前全部办完: from the policy's deadlines. */
function timetable(stages: FaqPolicy['stages']): string | null {
  const due = (ids: string[]) =>
    stages
      .filter((s) => ids.includes(s.id) && s.deadline !== null)
      .map((s) => s.deadline!)
      .sort()
      .pop()
  const agreement = due(['agreement'])
  const transfers = due(['personnelFile', 'partyRelation'])
  const end = due(['takenIn'])
  if (!agreement || !transfers || !end) return null
  return `按照方案，移交协议在${formatChinaDate(agreement)}前签订，档案和党组织关系在${formatChinaDate(transfers)}前转好，${formatChinaDate(end)}前全部办完。`
}

export function faq(policy: FaqPolicy | null): Faq {
  const rule = policy?.receivingRule ?? null
  const receiver = rule === 'residence' ? '您长期居住地的社区' : rule === 'hukou' ? '您户口所在地的社区' : '接收您的社区'
  return [
    { q: '这次移交是怎么回事？', a: `以前退休后由原企业管，现在改为由${receiver}管理和服务。原企业和社区签协议，把您的手续交过去。` },
    { q: '我的养老金会变吗？', a: '不会。移交后各项社会保障待遇照常按时足额发放。' },
    { q: '医保还能用吗？', a: '能。已参加基本医疗保险的，照常享受。大病保险、补充医疗、互助帮困等，还按原来的渠道解决，待遇不降低。' },
    { q: '我要跑腿办手续吗？', a: '基本不用。材料由原企业准备，原企业会请您提供户口本和身份证复印件。需要您做什么，首页第一句话会告诉您。' },
    { q: '我的档案去哪儿？', a: '人事档案由原企业交给档案部门。由市委（组织部）管理的领导人员，档案不移交；涉密人员的档案按保密规定办理。' },
    { q: '我是党员，组织关系怎么办？', a: '组织关系转到社区党组织，社区会把您编入党支部。转好之前，原企业党组织照常管理。' },
    { q: '我是离休干部，要移交吗？', a: '不用。离休人员保持现在的管理方式不变。' },
    {
      q: '我长期住在外地怎么办？',
      a: rule === 'residence' ? '由您长期居住地的社区接收和服务。' : '仍由户口所在地的社区管理；在您居住地的社区，也可以享受面向居民的各项服务。',
    },
    { q: '什么时候办完？', a: (policy && timetable(policy.stages)) ?? '按照本市方案的时间表办理，每一步的截止日期都在「我的移交进度」里。' },
    { q: '有问题找谁？', a: '先找您的网格员或社区（「我的社区」里有电话）。和原企业有关的问题，可以找原企业的经办人。' },
  ]
}
