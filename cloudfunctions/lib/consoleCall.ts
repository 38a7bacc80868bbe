/** What the `migrate` function answers to a call of the deploy command (no OPENID): each request kind to its own handler, which refuses what is not its own signed request. */
import { issueFirstSupervisorInvite, type FirstSupervisorAnswer } from './firstSupervisor'
import { loadOrganisations, type LoadOrganisationsAnswer } from './organisations'
import type { Deps } from './router'

export function answerConsoleCall(deps: Deps, event: unknown, masterKey: Buffer): Promise<FirstSupervisorAnswer | LoadOrganisationsAnswer> {
  return (event as { action?: unknown } | null)?.action === 'loadOrganisations' ? loadOrganisations(deps, event, masterKey) : issueFirstSupervisorInvite(deps, event, masterKey)
}
