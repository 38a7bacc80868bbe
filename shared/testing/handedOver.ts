/** A case taken along its stages, for tests of what holds before and after the hand-over. */
import type { RetireeCase } from '../Case'
import { CASE_STEP_TYPES, type CaseStepType } from '../CaseAction'
import { checkStep, identityVerified, LEGACY_STEPS, recordStep } from '../CaseState'
import { STEP_ROLES } from '../Authorization'
import type { Policy } from '../Policy'
import { stepOf, withVisit } from './fixtures'

/** The case after the first `limit` steps the rules allow in turn (all of them: taken in), `gap` apart (a day). */
export function throughSteps(policy: Policy, c: RetireeCase, limit = Infinity, start = Date.parse('2019-10-01T02:00:00Z'), gap = 86_400_000): RetireeCase {
  let next = c
  for (let n = 0; n < limit; n++) {
    const at = new Date(start + n * gap)
    // A take-in follows the grid worker's in-person check.
    const seen = (t: CaseStepType) => (t === 'takenIn' && !identityVerified(next) ? withVisit(policy, next, new Date(at.getTime() - 3600_000)) : next)
    const type = CASE_STEP_TYPES.find((t: CaseStepType) => !LEGACY_STEPS.includes(t) && checkStep(policy, seen(t), t).ok)
    if (!type) break
    next = seen(type)
    next = recordStep(policy, next, stepOf(type), { userId: 'u-test', role: STEP_ROLES[type][0] ?? 'communityAdmin' }, at, `act-${next.id}-through-${n}`)
  }
  return next
}
