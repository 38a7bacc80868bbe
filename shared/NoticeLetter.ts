/**
 * 纸质通知 (issue 14, point 2): the one-page letter a community prints for a retiree it receives
 * who has no working digital channel (shared/Reachability). It says where the person's
 * hand-over stands and what they must do, if anything; the deadline; the grid worker; the
 * community's address and hours; and carries a code that opens the community's `?scene=` page.
 * It carries no code that opens the case: a relative binds with an invitation the community's
 * staff issue after checking the relationship in person (see NOTICE_RELATIVES).
 */
import * as z from 'zod/mini'
import type { RetireeCase } from './Case'
import { ExportFile } from './ExportFile'
import { PrintedOutcome } from './Reachability'
import { deriveStatus, type StageProgress } from './CaseState'
import { chinaDaysBetween, formatChinaDate, type ChinaDate } from './ChinaTime'
import type { Community } from './Organisation'
import type { Policy } from './Policy'
import { stageResponsibleName } from './Stage'

export const NOTICE_TITLE = '退休人员移交社区管理告知书'
export const NOTICE_NOTHING_TO_DO = '现在不需要您办理什么，请等待通知。'
export const NOTICE_RELATIVES = '家人想用微信帮您查看、代办：请家人带上您和他本人的身份证到社区，社区核对亲属关系后当面给他邀请码。'
export const NOTICE_SCAN = '扫下面的码可以查看社区的地址和电话。'
export const NOTICE_NO_CODE = '这封信不能用来办理手续，请不要把信上的内容告诉陌生人。'

export interface NoticeLetter {
  caseId: string
  name: string
  /** Where the hand-over stands, one sentence. */
  standing: string
  /** What the person must do, or NOTICE_NOTHING_TO_DO. */
  todo: string
  /** 截止日期：…, or null when nothing is open. */
  deadline: string | null
  gridWorker: { name: string; phone: string }
  community: { name: string; address: string; hours: string; phone: string }
}

/** The open stage with the earliest deadline (a stage without one comes last), or null. */
function currentStage(stages: StageProgress[]): Exclude<StageProgress, { status: 'notApplicable' }> | null {
  const open = stages.filter((s): s is Exclude<StageProgress, { status: 'notApplicable' }> => s.status === 'open')
  return [...open].sort((a, b) => (a.stage.deadline ?? '9999').localeCompare(b.stage.deadline ?? '9999'))[0] ?? null
}

function deadlineLine(deadline: ChinaDate, today: ChinaDate): string {
  const days = chinaDaysBetween(today, deadline)
  if (days < 0) return `截止日期：${formatChinaDate(deadline)}（已过 ${-days} 天，负责单位正在加紧办理）`
  return `截止日期：${formatChinaDate(deadline)}（还有 ${days} 天）`
}

/**
 * The letter for one case, or null when the case is out of the hand-over's scope (no letter:
 * the community does not receive that person). The grid worker is the community's, as on 我的社区.
 */
export function noticeLetter(policy: Policy, c: RetireeCase, today: ChinaDate, community: Community, gridWorker: { name: string; phone: string } | null): NoticeLetter | null {
  const status = deriveStatus(policy, c)
  if (!status.inScope) return null
  const base = {
    caseId: c.id,
    name: c.person.name,
    gridWorker: gridWorker ?? { name: '社区工作人员', phone: community.phone },
    community: { name: community.name, address: community.address, hours: community.serviceHours, phone: community.phone },
  }
  if (status.done) return { ...base, standing: `您的移交已经全部办完，您已由${community.name}管理服务。`, todo: NOTICE_NOTHING_TO_DO, deadline: null }
  const current = currentStage(status.stages)
  if (!current) return { ...base, standing: '您的移交正在办理，下一步还没有开始。', todo: NOTICE_NOTHING_TO_DO, deadline: null }
  return {
    ...base,
    standing: `您的移交现在办到「${current.stage.name}」，由${stageResponsibleName(current.stage)}负责办理。`,
    // The policy's words for the stage: what to bring or do, or 您不用办理… when nothing.
    todo: current.stage.retireeTodo,
    deadline: current.stage.deadline ? deadlineLine(current.stage.deadline, today) : null,
  }
}

/** Every fixed text of the letter, for the print font's character set. */
export const NOTICE_FIXED_TEXT = [NOTICE_TITLE, NOTICE_NOTHING_TO_DO, NOTICE_RELATIVES, NOTICE_SCAN, NOTICE_NO_CODE, '您的移交已经全部办完，您已由管理服务。', '您的移交正在办理，下一步还没有开始。', '您的移交现在办到「」，由负责办理。', '截止日期：（已过天，负责单位正在加紧办理）（还有天）', '社区工作人员', '您好：', '网格员：电话', '社区地址：办公时间：社区电话：', '您要做的：'].join('')

/** Letters in one PDF: a batch the community prints at once, small enough for one cloud-function answer. */
export const NOTICE_BATCH = 100

export const PRINTED_OUTCOME_NAMES: Record<PrintedOutcome, string> = {
  handedOver: '已当面交给本人或家人',
  leftAtDoor: '放在门口或信箱',
  nobodyThere: '家里没人，没有送出',
}

/** One batch: its PDF (null when nobody is left), the people in it, and where the next batch starts. */
export const NoticeBatchView = z.object({
  file: z.nullable(ExportFile),
  people: z.array(z.object({ caseId: z.string(), name: z.string(), delivery: z.nullable(PrintedOutcome) })),
  /** Everyone the community receives (in scope) with no working digital channel. */
  total: z.int(),
  nextAfter: z.nullable(z.string()),
  /** The community has more cases than one reachability read covers: the figures cover the first ones. */
  partial: z.boolean(),
})
export type NoticeBatchView = z.infer<typeof NoticeBatchView>

export const NoticeDeliveryView = z.object({ caseId: z.string(), outcome: PrintedOutcome, at: z.string() })
export type NoticeDeliveryView = z.infer<typeof NoticeDeliveryView>
