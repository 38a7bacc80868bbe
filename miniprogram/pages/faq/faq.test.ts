import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { qingyuan2020 } from '../../../shared/policies/qingyuan2020'
import type { Policy } from '../../../shared/Policy'
import { faq } from './faq'

const answersUnder = (policy: Policy) => Object.fromEntries(faq({ receivingRule: policy.receivingRule, stages: policy.stages.map((s) => ({ id: s.id, deadline: s.deadline })) }).map((x) => [x.q, x.a]))

describe('the FAQ reads what differs by city from the policy', () => {
  test('二连浩特 2019: the hukou community, and the plan’s dates', () => {
    const a = answersUnder(erenhot2019)
    expect(a['这次移交是怎么回事？']).toContain('由您户口所在地的社区管理和服务')
    expect(a['我长期住在外地怎么办？']).toBe('仍由户口所在地的社区管理；在您居住地的社区，也可以享受面向居民的各项服务。')
    expect(a['什么时候办完？']).toBe('按照方案，移交协议在2020年3月31日前签订，档案和党组织关系在2020年6月30日前转好，2020年10月31日前全部办完。')
  })

  test('青原市 (the fictional example): where the retiree lives (常住地), and its own dates', () => {
    const a = answersUnder(qingyuan2020)
    expect(a['这次移交是怎么回事？']).toContain('由您长期居住地的社区管理和服务')
    expect(a['我长期住在外地怎么办？']).toBe('由您长期居住地的社区接收和服务。')
    expect(a['什么时候办完？']).toBe('按照方案，移交协议在2020年8月31日前签订，档案和党组织关系在2020年11月30日前转好，2020年12月31日前全部办完。')
  })

  test('without the retiree’s status the answers name no rule and no date', () => {
    const a = Object.fromEntries(faq(null).map((x) => [x.q, x.a]))
    expect(a['这次移交是怎么回事？']).toContain('由接收您的社区管理和服务')
    expect(a['什么时候办完？']).toBe('按照本市方案的时间表办理，每一步的截止日期都在「我的移交进度」里。')
    expect(Object.values(a).join('')).not.toMatch(/20\d\d年/)
  })
})
