/**
 * Whose deadlines a case keeps. The 2019 plan set fixed dates for everyone on the roster, but
 * people keep retiring after it ends (新办理退休人员, plan 一（二）): a case that opens after the
 * policy's last fixed deadline counts each stage's deadline from the day it opened instead
 * (StagePolicy.daysAfterOpening). Which kind a case keeps is settled by its opening day alone, so
 * it never changes afterwards.
 */
import { addChinaDays, chinaDateOf, type ChinaDate } from './ChinaTime'
import type { Policy, StagePolicy } from './Policy'

/** The latest fixed stage deadline of the policy, or null when it has none. */
export function lastFixedDeadline(policy: Pick<Policy, 'stages'>): ChinaDate | null {
  let last: ChinaDate | null = null
  for (const s of policy.stages) if (s.deadline !== null && (last === null || s.deadline > last)) last = s.deadline
  return last
}

/** A case opened on this China day counts its deadlines from it: it opened after the last fixed deadline. */
export function usesRelativeDeadlines(policy: Pick<Policy, 'stages'>, openedOn: ChinaDate): boolean {
  const last = lastFixedDeadline(policy)
  return last !== null && openedOn > last
}

/** One stage's deadline for a case opened on `openedOn`: the fixed date, or N days after the opening. */
export function stageDeadline(policy: Pick<Policy, 'stages'>, stage: StagePolicy, openedOn: ChinaDate): ChinaDate | null {
  if (!usesRelativeDeadlines(policy, openedOn)) return stage.deadline
  return stage.daysAfterOpening === undefined ? null : addChinaDays(openedOn, stage.daysAfterOpening)
}

// One policy per opening day, made once: every summary of a case asks, and the stages keep their identity.
const byOpeningDay = new WeakMap<Policy, Map<ChinaDate, Policy>>()

/**
 * The policy as it applies to a case that opened at `openedAt`: the same policy when the case keeps
 * the fixed dates, otherwise a copy whose stage deadlines are the case's own.
 */
export function policyForCase(policy: Policy, openedAt: string | undefined): Policy {
  if (openedAt === undefined) return policy
  const openedOn = chinaDateOf(openedAt)
  if (!usesRelativeDeadlines(policy, openedOn)) return policy
  let days = byOpeningDay.get(policy)
  if (!days) byOpeningDay.set(policy, (days = new Map()))
  let own = days.get(openedOn)
  if (!own) days.set(openedOn, (own = { ...policy, stages: policy.stages.map((s) => ({ ...s, deadline: stageDeadline(policy, s, openedOn) })) }))
  return own
}
