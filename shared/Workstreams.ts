/**
 * The enterprise's workstreams beside the cases (plan 四（四）（五）, 五（一）): the asset registry,
 * the out-of-pool expense ledger with its rules, and the enterprise plan record.
 */
import * as z from 'zod/mini'
import { addMonths, isChinaDate, lastDayOfMonth } from './ChinaTime'
import { StabilityPlan, TransferPlan } from './HandoverPlans'

const ChinaDate = z.string().check(z.maxLength(10), z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))
const Fen = z.int().check(z.gte(0), z.lte(100_000_000_00), z.describe('amount in fen (分), an integer'))

/** 资产划转: a venue or equipment used only for retirees, handed to the community free, or swapped. */
export const Asset = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  item: z.string().check(z.trim(), z.minLength(1, { error: '请填写资产名称' }), z.maxLength(100)),
  communityId: z.string().check(z.maxLength(64)),
  groupApprovedOn: z.nullable(ChinaDate).check(z.describe('approval by the group company')),
  sasacApprovedOn: z.nullable(ChinaDate).check(z.describe('approval by the SASAC (国资委)')),
  disposal: z.enum(['handedOver', 'swapped']).check(z.describe('无偿划转, or 调换 when it cannot be divided')),
  completedOn: z.nullable(ChinaDate),
  // Issue 11 #7 (plan 四（四）, 五（二）4). Defaults to null: assets recorded before these still read.
  swappedFor: z._default(
    z.nullable(z.string().check(z.trim(), z.minLength(1, { error: '请写明调换成了什么' }), z.maxLength(100))),
    null,
  ).check(z.describe('调换: what it was swapped for')),
  cityAgreement: z._default(
    z.nullable(z.object({ signedOn: ChinaDate, number: z.string().check(z.trim(), z.minLength(1, { error: '请填写协议编号' }), z.maxLength(40)) })),
    null,
  ).check(z.describe('与市政府签订协议')),
})
export type Asset = z.infer<typeof Asset>

export const EXPENSE_METHODS = {
  accrual: '一次性计提，按现有方式发放',
  lifeExpectancy: '参考人口平均预期寿命一次性支付（须本人同意）',
  existingChannel: '企业按现行途径处理',
} as const
export type ExpenseMethod = keyof typeof EXPENSE_METHODS

/** 统筹外费用: one item per retiree, amounts in fen. */
export const ExpenseItem = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  caseId: z.string().check(z.maxLength(64)),
  item: z.string().check(z.trim(), z.minLength(1, { error: '请填写费用项目' }), z.maxLength(60)),
  method: z.enum(['accrual', 'lifeExpectancy', 'existingChannel']),
  monthlyStandardFen: Fen,
  oneTimeAmountFen: z.nullable(Fen),
  retireeConsent: z.boolean(),
  startedOn: ChinaDate,
  transitionEndsOn: z.nullable(ChinaDate).check(z.describe('for new retirees: at most 3 years, then a one-time payment')),
})
export type ExpenseItem = z.infer<typeof ExpenseItem>

/** The enterprise's 移交方案 and 维稳方案, and the notice and feedback dates. */
export const EnterprisePlan = z.object({
  id: z.string().check(z.describe('the enterprise id')),
  version: z.int().check(z.gte(1)),
  transferPlanOn: z.nullable(ChinaDate),
  stabilityPlanOn: z.nullable(ChinaDate),
  stabilityContact: z.nullable(z.object({ name: z.string().check(z.minLength(1), z.maxLength(40)), phone: z.string().check(z.minLength(7), z.maxLength(20)) })),
  noticePublishedOn: z.nullable(ChinaDate),
  feedbackClosedOn: z.nullable(ChinaDate),
  // Issue 11 #9: the contents of both plans (shared/HandoverPlans.ts). Null until filled in, and on records saved before.
  transferPlan: z._default(z.nullable(TransferPlan), null),
  stabilityPlan: z._default(z.nullable(StabilityPlan), null),
})
export type EnterprisePlan = z.infer<typeof EnterprisePlan>

export interface ExpenseRules {
  /** No item that started after this date (China): 不再新增统筹外项目. */
  cutoffDate: string
  /** Transition for new retirees, in years. */
  transitionYears: number
  /** Retirees who retired on or after this date are 新办理退休人员 (a retirement month counts from its last day). */
  newRetireeFrom: string
}

export type ExpenseCheck = { ok: true } | { ok: false; message: string }

/**
 * Retirement is kept to the month (issue 8). The plan's rules take it at the month's last day:
 * a person retiring in the month of the cut-off is a new retiree, and their transition may run
 * to the end of the same month, `transitionYears` later.
 */
function lastTransitionDay(retirementMonth: string, years: number): string {
  return lastDayOfMonth(addMonths(retirementMonth, 12 * years))
}

/** The plan's rules for an out-of-pool expense item, new or changed. */
export function checkExpense(
  rules: ExpenseRules,
  e: { hasAnnuity: boolean; retirementMonth: string },
  next: Pick<ExpenseItem, 'method' | 'monthlyStandardFen' | 'retireeConsent' | 'transitionEndsOn' | 'oneTimeAmountFen' | 'startedOn'>,
  previous: Pick<ExpenseItem, 'monthlyStandardFen'> | null,
): ExpenseCheck {
  if (e.hasAnnuity) return { ok: false, message: '已实施企业年金的企业，不再发放统筹外费用。' }
  if (next.startedOn > rules.cutoffDate) return { ok: false, message: `${rules.cutoffDate}以后不再新增统筹外项目。` }
  if (previous && next.monthlyStandardFen > previous.monthlyStandardFen) return { ok: false, message: '原则上不再提高发放标准。' }
  if (next.method === 'lifeExpectancy') {
    if (!next.retireeConsent) return { ok: false, message: '一次性支付要先和退休人员协商一致，请勾选本人已同意。' }
    if (next.oneTimeAmountFen === null) return { ok: false, message: '请填写一次性支付的金额。' }
  }
  if (lastDayOfMonth(e.retirementMonth) >= rules.newRetireeFrom) {
    const last = lastTransitionDay(e.retirementMonth, rules.transitionYears)
    if (!next.transitionEndsOn) return { ok: false, message: '新办理退休人员要写明过渡期截止日期（不超过3年）。' }
    if (next.transitionEndsOn > last) return { ok: false, message: `过渡期原则上不超过${rules.transitionYears}年，最晚到${last}。` }
  }
  return { ok: true }
}
