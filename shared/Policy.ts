/**
 * The policy of one jurisdiction: its phase timeline, its stages with their deadlines, who
 * receives a retiree, and the category rules. Cities ran the same programme with other dates
 * and rules, so all of this is validated configuration, not code.
 */
import * as z from 'zod/mini'
import { CATEGORY_FLAG_NAMES, EMPLOYMENT_KIND_SHORT_NAMES, EmploymentKind, CategoryFlag } from './Category'
import { isChinaDate } from './ChinaTime'
import { StageId, ResponsibleParty, stageParties, type StageId as StageIdT } from './Stage'
import { STAGE_STEPS } from './CaseState'

const ChinaDate = z.string().check(z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))

export const Phase = z.object({
  id: z.enum(['preparation', 'transfer', 'wrapUp']),
  name: z.string().check(z.minLength(1)),
  from: z.nullable(ChinaDate),
  to: ChinaDate,
})
export type Phase = z.infer<typeof Phase>

/** How a stage is done for one person: the usual way, or under confidentiality rules (涉密档案). */
export const StageRoute = z.enum(['standard', 'classified'])
export type StageRoute = z.infer<typeof StageRoute>

export const StagePolicy = z.object({
  id: StageId,
  name: z.string().check(z.minLength(1)),
  deadline: z.nullable(ChinaDate).check(z.describe('China calendar date by which the stage must be done')),
  daysAfterOpening: z.optional(
    z.int().check(z.gte(0), z.lte(3650), z.describe('for a case that opens after the last fixed deadline (a new retiree): the stage is due this many days after the case opened (shared/Deadlines.ts)')),
  ),
  responsible: ResponsibleParty.check(z.describe('the party that answers for the stage (the first of stepParties, when given)')),
  stepParties: z.optional(
    z.array(ResponsibleParty).check(z.describe('who records each step of the usual route, in order (shared/CaseState.ts STAGE_STEPS): for a stage more than one party answers for')),
  ),
  after: z.array(StageId).check(z.describe('stages that must be done (or not apply) first')),
  retireeTodo: z.string().check(z.describe('what the retiree must bring or do, in plain words')),
  retireeActs: z.optional(z.boolean().check(z.describe('the retiree must bring or do something: they get the deadline reminders too'))),
})
export type StagePolicy = z.infer<typeof StagePolicy>

export const CategoryCondition = z.object({
  employment: z.optional(z.array(EmploymentKind)),
  flag: z.optional(CategoryFlag),
  is: z.optional(z.boolean()),
  enterpriseOwnRules: z.optional(z.boolean().check(z.describe('only where the enterprise is (true) or is not (false) marked 另有规定'))),
})
export type CategoryCondition = z.infer<typeof CategoryCondition>

/** Whom a condition names, in a word or two: 离休, 金融企业退休, 非党员. */
export function conditionName(when: CategoryCondition): string {
  const employment = (when.employment ?? []).map((e) => EMPLOYMENT_KIND_SHORT_NAMES[e]).join('、')
  const flag = when.flag === undefined ? '' : `${when.is === false ? '非' : ''}${CATEGORY_FLAG_NAMES[when.flag]}`
  return [employment, flag].filter(Boolean).join('的')
}

export const CategoryEffect = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('excludeCase'), reason: z.string().check(z.minLength(1)) }),
  z.object({ kind: z.literal('skipStage'), stage: StageId, reason: z.string().check(z.minLength(1)) }),
  z.object({ kind: z.literal('routeStage'), stage: StageId, route: StageRoute, reason: z.string().check(z.minLength(1)) }),
])
export type CategoryEffect = z.infer<typeof CategoryEffect>

export const CategoryRule = z.object({ when: CategoryCondition, effect: CategoryEffect })
export type CategoryRule = z.infer<typeof CategoryRule>

export const Contact = z.object({ name: z.string().check(z.minLength(1)), phone: z.string().check(z.minLength(1)) })
export type Contact = z.infer<typeof Contact>

/**
 * How the annual assessment (目标责任考核) scores a unit: from a full mark, points off per
 * percentage point of items not done by their deadline, per day late on average over the items
 * due, and per percentage point of items still open past their deadline (shared/Assessment.ts).
 */
export const AssessmentWeights = z.object({
  example: z.boolean().check(z.describe('true: example values, not the plan’s (the plan gives no weights); the screens and files say so')),
  fullMarks: z.number().check(z.gt(0), z.describe('a unit with every item done by its deadline')),
  perLatePercent: z.number().check(z.gte(0), z.describe('off per percentage point of due items not done by their deadline')),
  perAverageDayLate: z.number().check(z.gte(0), z.describe('off per day late, averaged over the due items')),
  perOverduePercent: z.number().check(z.gte(0), z.describe('off per percentage point of due items still not done')),
})
export type AssessmentWeights = z.infer<typeof AssessmentWeights>

/**
 * Out-of-pool expenses (统筹外费用, shared/ExpenseRules.ts). A retiree's transition year is counted
 * from their enterprise's transition start, which each enterprise sets in its 移交方案.
 */
export const ExpenseRules = z.object({
  cutoffDate: ChinaDate.check(z.describe('不再新增统筹外项目: no item for a retiree retired before the transition may start after this day')),
  transitionYears: z.int().check(z.gte(0), z.lte(10), z.describe('an enterprise’s transition lasts at most this many years')),
  lifeExpectancy: z
    .object({
      years: z.number().check(z.gt(0), z.lte(120)),
      source: z.string().check(z.minLength(1), z.describe('where the figure comes from; shown beside the lump sum')),
      example: z.boolean().check(z.describe('true: an example, to be replaced by the city’s published figure before use')),
    })
    .check(z.describe('我市人口平均预期寿命: the one-time payment is the monthly standard up to this age')),
})
export type ExpenseRules = z.infer<typeof ExpenseRules>

/**
 * Concerns (shared/Concern.ts): the plan asks for 情况收集、意见反馈 and a 维稳方案 but names no time
 * limit, so these are the jurisdiction's to set.
 */
export const ConcernRules = z.object({
  answerDays: z.int().check(z.gte(1), z.lte(60), z.describe('China days the answering unit has: it must answer by the end of the day this many days after the concern was raised')),
  escalateEveryDays: z.int().check(z.gte(1), z.lte(30), z.describe('China days between one step of the escalation ladder and the next')),
})
export type ConcernRules = z.infer<typeof ConcernRules>

const PolicyShape = z.object({
  id: z.string().check(z.minLength(1)),
  jurisdiction: z.string().check(z.minLength(1), z.describe('the city or district this policy governs')),
  title: z.string().check(z.minLength(1)),
  receivingRule: z.enum(['hukou', 'residence']).check(z.describe('户籍所在地 or 常住地 community receives the retiree')),
  phases: z.array(Phase).check(z.minLength(1)),
  stages: z.array(StagePolicy).check(z.minLength(1)),
  categoryRules: z.array(CategoryRule),
  expenseRules: ExpenseRules,
  assetDeadline: ChinaDate.check(z.describe('资产划转 deadline')),
  bureaus: z
    .object({ archives: Contact, party: Contact, office: Contact, hrss: z.optional(Contact), medicalInsurance: z.optional(Contact) })
    .check(z.describe('city-wide contacts: archives bureau, organisation department, leading-group office, human-resources and social-security bureau, medical-insurance bureau')),
  assessment: AssessmentWeights,
  concerns: ConcernRules,
})

/** Problems a policy can have beyond its shape, in Chinese, for whoever writes the config. */
export function policyProblems(p: z.infer<typeof PolicyShape>): string[] {
  const problems: string[] = []
  const seen = new Set<StageIdT>()
  for (const s of p.stages) {
    if (seen.has(s.id)) problems.push(`环节「${s.name}」重复出现。`)
    for (const a of s.after) if (!seen.has(a)) problems.push(`环节「${s.name}」的前置环节 ${a} 必须排在它前面。`)
    seen.add(s.id)
  }
  if (p.stages[0]?.id !== 'roster' || p.stages[0].after.length > 0) problems.push('第一个环节必须是摸底造册（roster），且没有前置环节。')
  if (!seen.has('takenIn')) problems.push('必须包含纳入社区管理（takenIn）环节。')
  for (const ph of p.phases) if (ph.from !== null && ph.from > ph.to) problems.push(`阶段「${ph.name}」的开始日期晚于结束日期。`)
  const lastDay = p.phases.reduce((max, ph) => (ph.to > max ? ph.to : max), '')
  for (const s of p.stages) {
    if (s.deadline !== null && s.deadline > lastDay) problems.push(`环节「${s.name}」的截止日期晚于整个工作的结束日期 ${lastDay}。`)
  }
  for (const s of p.stages) {
    for (const a of s.after) {
      const before = p.stages.find((x) => x.id === a)
      if (before?.deadline && s.deadline && before.deadline > s.deadline) problems.push(`环节「${s.name}」的截止日期早于它的前置环节「${before.name}」。`)
    }
  }
  const relative = p.stages.some((s) => s.daysAfterOpening !== undefined)
  for (const s of p.stages) {
    if (relative && s.deadline !== null && s.daysAfterOpening === undefined) problems.push(`环节「${s.name}」有截止日期，也要写明新退休人员开案后几天内办完（daysAfterOpening）。`)
    for (const a of s.after) {
      const before = p.stages.find((x) => x.id === a)
      if (before?.daysAfterOpening !== undefined && s.daysAfterOpening !== undefined && before.daysAfterOpening > s.daysAfterOpening) problems.push(`环节「${s.name}」的开案后天数少于它的前置环节「${before.name}」。`)
    }
  }
  for (const s of p.stages) {
    const parties = stageParties(s)
    if (s.stepParties !== undefined && s.stepParties.length !== STAGE_STEPS[s.id].standard.length) {
      problems.push(`环节「${s.name}」有 ${STAGE_STEPS[s.id].standard.length} 个步骤，stepParties 要逐一写明由谁办理。`)
    }
    if (s.stepParties !== undefined && s.stepParties[0] !== s.responsible) problems.push(`环节「${s.name}」的 responsible 应是 stepParties 的第一个。`)
    for (const b of ['hrss', 'medicalInsurance'] as const) if (parties.includes(b) && !p.bureaus[b]) problems.push(`环节「${s.name}」由 ${b} 办理，bureaus 里要写明它的名称和电话。`)
  }
  for (const r of p.categoryRules) {
    if (r.effect.kind !== 'excludeCase' && !seen.has(r.effect.stage)) problems.push(`类别规则引用了政策中没有的环节 ${r.effect.stage}。`)
    if (r.effect.kind === 'routeStage' && r.effect.stage !== 'personnelFile') problems.push('目前只有人事档案环节可以按特殊途径办理。')
    if (r.when.employment === undefined && r.when.flag === undefined) problems.push('每条类别规则都要写明适用于哪类人员。')
  }
  return problems
}

export const Policy = PolicyShape.check(
  z.superRefine((p, ctx) => {
    for (const message of policyProblems(p)) ctx.addIssue({ code: 'custom', message, input: p })
  }),
)
export type Policy = z.infer<typeof Policy>

export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`政策配置有误：${problems.join(' ')}`)
    this.name = 'PolicyError'
  }
}

/** Validates a policy config; throws a PolicyError listing every problem in Chinese. */
export function parsePolicy(input: unknown): Policy {
  const result = Policy.safeParse(input)
  if (result.success) return result.data
  throw new PolicyError(result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)))
}
