/**
 * The case state machine. Which stages apply to a person, and in which order they may be done,
 * comes from the policy (data); which steps complete each stage is the table below. A case's
 * status is never stored as truth: it is folded from its append-only action list.
 */
import { AppError } from './AppError'
import { chinaDateOf } from './ChinaTime'
import { policyForCase } from './Deadlines'
import type { CaseCategories } from './Category'
import type { CaseAction, CaseNote, CaseStep, CaseStepType, CloseReason } from './CaseAction'
import type { CaseSummary, RetireeCase } from './Case'
import type { CategoryCondition, CategoryRule, Policy, StagePolicy, StageRoute } from './Policy'
import { answeringParty, type StageId } from './Stage'

/** The steps that complete each stage, per route, in order. */
export const STAGE_STEPS = {
  roster: { standard: ['rosterConfirmed'], classified: [] },
  materials: { standard: ['materialsSubmitted'], classified: [] },
  // Two-sided: the community signs, then the enterprise countersigns (plan 五（二）1).
  agreement: { standard: ['agreementCommunitySigned', 'agreementSigned'], classified: [] },
  personnelFile: { standard: ['personnelFileTransferred'], classified: ['classifiedFileHandled'] },
  // Party members are first transferred, then placed in a branch (plan 四（三）).
  partyRelation: { standard: ['partyRelationTransferred', 'partyBranchAssigned'], classified: [] },
  // 人社局 checks the pension, then 医保局 the medical insurance (plan 三（二）3, 四（六）).
  socialSecurity: { standard: ['pensionHandedOver', 'medicalInsuranceHandedOver'], classified: [] },
  takenIn: { standard: ['takenIn'], classified: [] },
} as const satisfies Record<StageId, Record<StageRoute, readonly CaseStepType[]>>

/**
 * Steps stored before a stage had the steps it has now, each of which still completes its stage
 * on its own, so no stored case loses a stage it had done: a countersignature recorded before
 * the community's signature was a step of its own, and the community's single 社保 step recorded
 * before the bureaus recorded theirs. Neither is recorded any more (LEGACY_STEPS never passes checkStep).
 */
export const COMPLETES_STAGE: Partial<Record<CaseStepType, StageId>> = {
  agreementSigned: 'agreement',
  socialSecurityHandedOver: 'socialSecurity',
}
export const LEGACY_STEPS: readonly CaseStepType[] = ['socialSecurityHandedOver']

/** The stage each step belongs to, derived from STAGE_STEPS (and the legacy steps above). */
export const STEP_STAGE = Object.fromEntries([
  ...(Object.keys(STAGE_STEPS) as StageId[]).flatMap((stage) =>
    Object.values(STAGE_STEPS[stage]).flatMap((steps: readonly CaseStepType[]) => steps.map((t) => [t, stage])),
  ),
  ...Object.entries(COMPLETES_STAGE).filter(([t]) => LEGACY_STEPS.includes(t as CaseStepType)),
]) as Record<CaseStepType, StageId>

export type PlannedStage =
  | { stage: StagePolicy; applies: true; route: StageRoute; routeReason: string | null }
  | { stage: StagePolicy; applies: false; reason: string }

export type StagePlan = { inScope: false; reason: string } | { inScope: true; stages: PlannedStage[] }

function matches(when: CategoryCondition, c: CaseCategories): boolean {
  if (when.employment !== undefined && !when.employment.includes(c.employment)) return false
  if (when.flag !== undefined && c[when.flag] !== (when.is ?? true)) return false
  if (when.enterpriseOwnRules !== undefined && (c.enterpriseOwnRules ?? false) !== when.enterpriseOwnRules) return false
  return true
}

/** The policy's rule that keeps a person of these categories out of the hand-over, if one does. */
export function exclusionRule(policy: Policy, categories: CaseCategories): CategoryRule | null {
  return policy.categoryRules.find((r) => r.effect.kind === 'excludeCase' && matches(r.when, categories)) ?? null
}

/** Which stages apply to a person of these categories, and how. Skipping wins over routing. */
export function planStages(policy: Policy, categories: CaseCategories): StagePlan {
  const exclusion = exclusionRule(policy, categories)
  if (exclusion) return { inScope: false, reason: exclusion.effect.reason }
  const rules = policy.categoryRules.filter((r) => matches(r.when, categories))
  return {
    inScope: true,
    stages: policy.stages.map((stage): PlannedStage => {
      const skip = rules.find((r) => r.effect.kind === 'skipStage' && r.effect.stage === stage.id)
      if (skip) return { stage, applies: false, reason: skip.effect.reason }
      const route = rules.find((r) => r.effect.kind === 'routeStage' && r.effect.stage === stage.id)
      if (route && route.effect.kind === 'routeStage') return { stage, applies: true, route: route.effect.route, routeReason: route.effect.reason }
      return { stage, applies: true, route: 'standard', routeReason: null }
    }),
  }
}

export type StageProgress =
  | { stage: StagePolicy; status: 'notApplicable'; reason: string }
  | {
      stage: StagePolicy
      status: 'done' | 'open' | 'waiting'
      route: StageRoute
      routeReason: string | null
      steps: readonly CaseStepType[]
      stepsDone: number
      completedAt: string | null
    }

export type CaseStatus =
  | { inScope: false; reason: string }
  | { inScope: true; stages: StageProgress[]; openStages: StageId[]; done: boolean; closed: Closure | null }

/** A closed case: terminal, with the reason and the day (China date). */
export type Closure = { reason: CloseReason; on: string }

/** The closure recorded on a case, if any (a closed case takes nothing more, so the first is the only one). */
export function closureOf(c: Pick<RetireeCase, 'actions'>): Closure | null {
  const a = c.actions.find((x) => x.type === 'caseClosed')
  return a && a.type === 'caseClosed' ? { reason: a.reason, on: a.on } : null
}

/** The community the case was last transferred to within the city, if it was. */
export function transferredTo(c: Pick<RetireeCase, 'actions'>): string | null {
  for (let i = c.actions.length - 1; i >= 0; i--) {
    const a = c.actions[i]
    if (a.type === 'caseTransferred') return a.toCommunityId
  }
  return null
}

/** Folds the action list into the status of every stage. */
export function deriveStatus(policy: Policy, c: Pick<RetireeCase, 'categories' | 'actions'> & { createdAt?: string }): CaseStatus {
  // A new retiree's case counts its deadlines from the day it opened (shared/Deadlines.ts).
  const plan = planStages(policyForCase(policy, c.createdAt), c.categories)
  if (!plan.inScope) return plan
  const settled = new Set<StageId>()
  const stages: StageProgress[] = []
  for (const planned of plan.stages) {
    if (!planned.applies) {
      stages.push({ stage: planned.stage, status: 'notApplicable', reason: planned.reason })
      settled.add(planned.stage.id)
      continue
    }
    const steps = STAGE_STEPS[planned.stage.id][planned.route]
    let stepsDone = 0
    let completedAt: string | null = null
    for (const a of c.actions) {
      if (stepsDone < steps.length && a.type === steps[stepsDone]) {
        stepsDone++
        if (stepsDone === steps.length) completedAt = a.at
      } else if (stepsDone < steps.length && COMPLETES_STAGE[a.type as CaseStepType] === planned.stage.id && planned.route === 'standard') {
        stepsDone = steps.length
        completedAt = a.at
      }
    }
    const ready = planned.stage.after.every((s) => settled.has(s))
    const status = stepsDone === steps.length ? 'done' : ready ? 'open' : 'waiting'
    if (status === 'done') settled.add(planned.stage.id)
    stages.push({ stage: planned.stage, status, route: planned.route, routeReason: planned.routeReason, steps, stepsDone, completedAt })
  }
  const openStages = stages.filter((s) => s.status === 'open').map((s) => s.stage.id)
  return { inScope: true, stages, openStages, done: stages.every((s) => s.status === 'done' || s.status === 'notApplicable'), closed: closureOf(c) }
}

export type StepCheck = { ok: true } | { ok: false; stage: StageId; message: string }

/** Whether a step may be recorded on a case now, and if not, why (in Chinese). */
export function checkStep(policy: Policy, c: Pick<RetireeCase, 'categories' | 'actions'>, type: CaseStepType): StepCheck {
  const stageId = STEP_STAGE[type]
  const status = deriveStatus(policy, c)
  if (!status.inScope) return { ok: false, stage: stageId, message: `这名人员不在移交范围内：${status.reason}` }
  const progress = status.stages.find((s) => s.stage.id === stageId)
  if (!progress) return { ok: false, stage: stageId, message: '本地政策没有这个环节。' }
  const name = progress.stage.name
  // Closed is terminal: the record stays, nothing more is recorded on it.
  if (status.closed) return { ok: false, stage: stageId, message: CLOSED_MESSAGE }
  if (LEGACY_STEPS.includes(type)) return { ok: false, stage: stageId, message: `「${name}」现在按步骤分别登记，这一步不再单独登记。` }
  switch (progress.status) {
    case 'notApplicable':
      return { ok: false, stage: stageId, message: `「${name}」不适用于这名人员：${progress.reason}` }
    case 'done':
      return { ok: false, stage: stageId, message: `「${name}」已经办完，不能重复登记。` }
    case 'waiting':
      return { ok: false, stage: stageId, message: `「${name}」还不能办理，要先完成前面的环节。` }
    case 'open': {
      if (!progress.steps.includes(type)) {
        return { ok: false, stage: stageId, message: `这名人员的「${name}」应按${progress.route === 'classified' ? '保密规定' : '常规'}途径办理。` }
      }
      if (progress.steps[progress.stepsDone] !== type) return { ok: false, stage: stageId, message: `「${name}」要按顺序办理，这一步还不能登记。` }
      // Taking someone in needs the person seen and their identity checked first.
      if (type === 'takenIn' && !identityVerified(c)) return { ok: false, stage: stageId, message: '请先当面核对本人身份（登记一次上门核对），再办理纳入。' }
      return { ok: true }
    }
    default:
      return assertNever(progress)
  }
}

export const CLOSED_MESSAGE = '这名人员已销户（去世或迁往外地），记录保留，不能再办理。'

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`)
}

/** The receiving community under this policy's rule (户籍 or 常住地); a move within the city (caseTransferred) overrides it in summarizeCase. */
export function receivingCommunityId(policy: Policy, c: Pick<RetireeCase, 'hukouCommunityId' | 'residenceCommunityId'>): string {
  return policy.receivingRule === 'residence' && c.residenceCommunityId ? c.residenceCommunityId : c.hukouCommunityId
}

/** Rebuilds the cached summary that the stores index. */
export function summarizeCase(policy: Policy, c: Pick<RetireeCase, 'categories' | 'actions' | 'hukouCommunityId' | 'residenceCommunityId'> & { createdAt?: string }): CaseSummary {
  const status = deriveStatus(policy, c)
  const receiving = transferredTo(c) ?? receivingCommunityId(policy, c)
  if (!status.inScope) return { inScope: false, receivingCommunityId: receiving, currentStage: null, openStages: [], nextDeadline: null, openItems: [], done: false, stages: {} }
  const open = status.stages.filter((s) => s.status === 'open')
  const deadlines = open.map((s) => s.stage.deadline).filter((d): d is string => d !== null).sort()
  return {
    inScope: true,
    receivingCommunityId: receiving,
    currentStage: open[0]?.stage.id ?? null,
    openStages: status.openStages,
    nextDeadline: deadlines[0] ?? null,
    openItems: open.filter((s) => s.stage.deadline !== null).map((s) => ({ stage: s.stage.id, deadline: s.stage.deadline! })),
    done: status.done,
    // Closed cases were taken in first (shared/AfterTakeIn.ts), so their stages stay done and the board counts them so.
    ...(status.closed ? { closed: status.closed } : {}),
    stages: Object.fromEntries(
      status.stages.flatMap((s) =>
        s.status === 'notApplicable'
          ? []
          : [
              [
                s.stage.id,
                {
                  state: s.status,
                  deadline: s.stage.deadline,
                  completedOn: s.completedAt === null ? null : chinaDateOf(s.completedAt),
                  ...(s.status === 'open' ? { party: answeringParty(s.stage, s.stepsDone) } : {}),
                },
              ],
            ],
      ),
    ),
  }
}

/**
 * Records a step: checks it against the state machine, appends it, bumps the version and
 * rebuilds the summary. Throws CONFLICT when the rules forbid it.
 */
export function recordStep(policy: Policy, c: RetireeCase, step: CaseStep, by: CaseAction['by'], at: Date, id: string): RetireeCase {
  const check = checkStep(policy, c, step.type)
  if (!check.ok) throw new AppError('CONFLICT', check.message, { caseId: c.id, stage: check.stage, action: step.type })
  const action = { ...step, id, at: at.toISOString(), by } as CaseAction
  const next = { ...c, actions: [...c.actions, action], version: c.version + 1, updatedAt: action.at }
  return { ...next, summary: summarizeCase(policy, next) }
}

export interface NewCase {
  id: string
  enterpriseId: string
  hukouCommunityId: string
  residenceCommunityId: string | null
  person: RetireeCase['person']
  categories: CaseCategories
}

/** A new case, as the enterprise's roster creates it: version 1, no steps yet. */
export function openCase(policy: Policy, input: NewCase, at: Date): RetireeCase {
  const base = { ...input, version: 1, policyId: policy.id, actions: [], createdAt: at.toISOString(), updatedAt: at.toISOString() }
  return { ...base, summary: summarizeCase(policy, base) }
}

/** Records a note (binding, confirmation, dispute): it moves no stage but is part of the history. */
export function recordNote(policy: Policy, c: RetireeCase, note: CaseNote, by: CaseAction['by'], at: Date, id: string): RetireeCase {
  const action = { ...note, id, at: at.toISOString(), by } as CaseAction
  const next = { ...c, actions: [...c.actions, action], version: c.version + 1, updatedAt: action.at }
  return { ...next, summary: summarizeCase(policy, next) }
}

/** The WeChat user the case is bound to (the latest binding, unless the community unbound it since), or null. */
export function boundUserId(c: Pick<RetireeCase, 'actions'>): string | null {
  for (let i = c.actions.length - 1; i >= 0; i--) {
    const a = c.actions[i]
    if (a.type === 'wechatBound') return a.userId
    if (a.type === 'wechatUnbound') return null
  }
  return null
}

export type DetailsStatus = { state: 'unconfirmed' } | { state: 'confirmed'; at: string } | { state: 'disputed'; at: string; correctionId: string }

/** Whether the retiree has confirmed their details, or disputed them (the latest word counts). */
export function detailsStatus(c: Pick<RetireeCase, 'actions'>): DetailsStatus {
  for (let i = c.actions.length - 1; i >= 0; i--) {
    const a = c.actions[i]
    if (a.type === 'detailsConfirmed') return { state: 'confirmed', at: a.at }
    if (a.type === 'detailsDisputed') return { state: 'disputed', at: a.at, correctionId: a.correctionId }
  }
  return { state: 'unconfirmed' }
}

/** Whether a grid worker has checked the person's identity in person. */
export function identityVerified(c: Pick<RetireeCase, 'actions'>): boolean {
  return c.actions.some((a) => a.type === 'visitRecorded' && a.identityChecked)
}
