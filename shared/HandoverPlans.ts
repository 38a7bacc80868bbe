/**
 * What the enterprise's 移交方案 and 维稳方案 contain (plan 五（一）1（3））:
 * - 移交方案: the retirees in scope (范围), their situation (基本情况), what is handed over (移交内容),
 *   the steps with their timetable (移交步骤和时间安排), the party members (党员情况) and the venues (活动场地移交情况).
 * - 维稳方案: the assessment of the situation (情况预判), the contact person (维稳联系人, kept in
 *   EnterprisePlan.stabilityContact since before) and the contingency plan (维稳预案).
 * Every text and list is capped: these are inputs of plan.save.
 */
import * as z from 'zod/mini'
import { isChinaDate } from './ChinaTime'

const Text = (max: number, missing: string) => z.string().check(z.trim(), z.minLength(1, { error: missing }), z.maxLength(max, { error: `最多${max}个字` }))
const Day = z.string().check(z.maxLength(10), z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))

export const PLAN_TEXT_MAX = 500
export const PLAN_STEPS_MAX = 20

export const TransferPlanStep = z.object({
  step: Text(100, '请写明这一步做什么'),
  by: Day, // done by this China date
})
export type TransferPlanStep = z.infer<typeof TransferPlanStep>

/** 移交方案. */
export const TransferPlan = z.object({
  scope: Text(PLAN_TEXT_MAX, '请写明移交退休人员的范围'),
  basics: Text(PLAN_TEXT_MAX, '请写明退休人员的基本情况'),
  content: Text(PLAN_TEXT_MAX, '请写明移交内容'),
  steps: z.array(TransferPlanStep).check(z.minLength(1, { error: '请至少写一个移交步骤' }), z.maxLength(PLAN_STEPS_MAX, { error: `移交步骤最多${PLAN_STEPS_MAX}步` })),
  partyMembers: Text(PLAN_TEXT_MAX, '请写明退休人员中的党员情况'),
  venues: Text(PLAN_TEXT_MAX, '请写明活动场地移交情况'),
})
export type TransferPlan = z.infer<typeof TransferPlan>

/** 维稳方案, besides its contact person. */
export const StabilityPlan = z.object({
  assessment: Text(PLAN_TEXT_MAX, '请写明情况预判'),
  contingency: Text(PLAN_TEXT_MAX, '请写明维稳预案'),
})
export type StabilityPlan = z.infer<typeof StabilityPlan>

type PlanFields = {
  transferPlanOn: string | null
  stabilityPlanOn: string | null
  stabilityContact: { name: string; phone: string } | null
  transferPlan: TransferPlan | null
  stabilityPlan: StabilityPlan | null
}

/** Why a plan record cannot be saved, in Chinese, with the field to fix; null when it holds. */
export function planProblem(p: PlanFields): { message: string; field: keyof PlanFields } | null {
  if (p.transferPlanOn && !p.transferPlan) return { message: '写了移交方案的日期，也请填写移交方案的内容。', field: 'transferPlan' }
  if (p.transferPlan) {
    const days = p.transferPlan.steps.map((s) => s.by)
    if (days.some((d, i) => i > 0 && d < days[i - 1])) return { message: '移交步骤要按时间先后排列。', field: 'transferPlan' }
  }
  if (p.stabilityPlanOn && !p.stabilityContact) return { message: '维稳方案要写明维稳联系人。', field: 'stabilityContact' }
  if (p.stabilityPlanOn && !p.stabilityPlan) return { message: '写了维稳方案的日期，也请填写情况预判和维稳预案。', field: 'stabilityPlan' }
  return null
}
