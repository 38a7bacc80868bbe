/** All handlers of the API contract (shared/Api.ts), one file per concept. */
import type { Handlers } from '../router'
import { bindingHandlers } from './binding'
import { caseHandlers } from './cases'
import { communityHandlers } from './community'
import { detailsHandlers } from './details'
import { inboxHandlers } from './inbox'
import { visitHandlers } from './visit'

export const handlers: Handlers = {
  ...caseHandlers,
  ...bindingHandlers,
  ...detailsHandlers,
  ...communityHandlers,
  ...visitHandlers,
  ...inboxHandlers,
}
