/** The shipped policies, for the suites that hold for any city: `describe.each(POLICIES)`. */
import { erenhot2019 } from '../policies/erenhot2019'
import { qingyuan2020 } from '../policies/qingyuan2020'
import type { Policy } from '../Policy'

export const POLICIES: Array<[string, Policy]> = [
  [erenhot2019.id, erenhot2019],
  [qingyuan2020.id, qingyuan2020],
]

/** A stage's deadline in the policy (the stage must have one). */
export function deadlineOf(policy: Policy, stage: Policy['stages'][number]['id']): string {
  const deadline = policy.stages.find((s) => s.id === stage)?.deadline
  if (!deadline) throw new Error(`${policy.id}: no deadline for ${stage}`)
  return deadline
}
