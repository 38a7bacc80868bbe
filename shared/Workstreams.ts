/**
 * The enterprise's workstreams beside the cases (plan 四（四）（五）, 五（一）): the asset registry,
 * the out-of-pool expense ledger with its rules, and the enterprise plan record.
 */
import * as z from 'zod/mini'
import { isChinaDate } from './ChinaTime'
import { StabilityPlan, TransferPlan } from './HandoverPlans'

export const ChinaDate = z.string().check(z.maxLength(10), z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))
export const Fen = z.int().check(z.gte(0), z.lte(100_000_000_00), z.describe('amount in fen (分), an integer'))

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

/**
 * How an item is paid (plan 四（五）): the first three for people retired before the enterprise's
 * transition (老人老办法); `transition` for people who retire during it (新人新办法, 逐步减少);
 * `entitlementLumpSum` for people who retire after it, who get no out-of-pool items.
 */
export const EXPENSE_METHODS = {
  accrual: '一次性计提，按现有方式发放',
  lifeExpectancy: '参考人口平均预期寿命一次性支付（须本人同意）',
  existingChannel: '企业按现行途径处理',
  transition: '过渡期内新办理退休人员，逐年减少',
  entitlementLumpSum: '过渡期满后退休，按市政府规定的待遇一次性支付',
} as const
export type ExpenseMethod = keyof typeof EXPENSE_METHODS
const EXPENSE_METHOD_IDS = Object.keys(EXPENSE_METHODS) as [ExpenseMethod, ...ExpenseMethod[]]

/**
 * 统筹外费用: one item per retiree, amounts in fen. Items stored before issue 11 carried a
 * per-retiree `transitionEndsOn`; the transition is now the enterprise's (EnterprisePlan), and
 * reading such an item drops the field.
 */
export const ExpenseItem = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  caseId: z.string().check(z.maxLength(64)),
  item: z.string().check(z.trim(), z.minLength(1, { error: '请填写费用项目' }), z.maxLength(60)),
  method: z.enum(EXPENSE_METHOD_IDS),
  monthlyStandardFen: Fen,
  oneTimeAmountFen: z.nullable(Fen),
  retireeConsent: z.boolean().check(z.describe('the retiree agreed to a one-time payment (协商一致), as the enterprise records it')),
  startedOn: ChinaDate,
  transitionYear: z
    .optional(z.nullable(z.int().check(z.gte(1), z.lte(10))))
    .check(z.describe('for a `transition` item: the year of the enterprise’s transition its retiree retired in (1 = the first); set by the server')),
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
  // 四（五）过渡期: the plan names no start date; each enterprise sets its own in its 移交方案.
  transitionStartsOn: z.optional(z.nullable(ChinaDate)).check(z.describe('the enterprise’s out-of-pool transition starts (the plan gives no date)')),
  transitionEndsOn: z.optional(z.nullable(ChinaDate)).check(z.describe('its last day; null: the policy’s maximum (原则上不超过3年)')),
  // Issue 11 #9: the contents of both plans (shared/HandoverPlans.ts). Null until filled in, and on records saved before.
  transferPlan: z._default(z.nullable(TransferPlan), null),
  stabilityPlan: z._default(z.nullable(StabilityPlan), null),
  // Issue 13: the 维稳联系人 as a member of the enterprise's staff (an enterprise operator it invited), who
  // gets the concerns its unit's admin left unanswered. Null until designated; stabilityContact keeps the name and phone.
  stabilityContactUserId: z._default(z.nullable(z.string()), null).check(z.describe('the enterprise operator designated 维稳联系人')),
})
export type EnterprisePlan = z.infer<typeof EnterprisePlan>

