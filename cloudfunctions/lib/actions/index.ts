/**
 * The handlers of the API contract (shared/Api.ts), one file per concept. The `api` cloud
 * function serves all but the roster, export and expense actions and the staff-only ones after take-in (shared/Api.ts functionFor); `roster` serves those (it bundles exceljs and docx).
 */
import type { Handlers } from '../router'
import { bindingHandlers } from './binding'
import { caseHandlers } from './cases'
import { communityHandlers } from './community'
import { detailsHandlers } from './details'
import { inboxHandlers } from './inbox'
import { visitHandlers } from './visit'
import { handoverHandlers } from './handover'
import { agreementHandlers } from './agreements'
import { correctionHandlers } from './corrections'
import { materialsHandlers } from './materials'
import { staffHandlers } from './staff'
import { workstreamHandlers } from './workstreams'
import { messageHandlers } from './messages'
import { forecastHandlers } from './forecast'
import { auditTrailHandlers } from './auditTrail'
import { bulletinHandlers } from './bulletins'
import { boardHandlers } from './board'
import { residenceHandlers } from './residence'
import { approvalHandlers } from './approvals'

export const apiHandlers: Omit<Handlers, 'roster.template' | 'roster.preview' | 'roster.confirm' | 'roster.continueImport' | 'roster.referrals' | 'roster.markReferralSent' | 'roster.ownRules' | 'roster.markOwnRules' | 'expenses.list' | 'expenses.save' | 'expenses.accrue' | 'export.bulletin' | 'export.assessment' | 'export.audit' | 'care.record' | 'case.close' | 'case.transfer' | 'qualification.set'> = {
  ...caseHandlers,
  ...bindingHandlers,
  ...detailsHandlers,
  ...communityHandlers,
  ...visitHandlers,
  ...inboxHandlers,
  ...handoverHandlers,
  ...agreementHandlers,
  ...correctionHandlers,
  ...materialsHandlers,
  ...staffHandlers,
  ...workstreamHandlers,
  ...messageHandlers,
  ...forecastHandlers,
  ...bulletinHandlers,
  ...boardHandlers,
  ...auditTrailHandlers,
  ...residenceHandlers,
  ...approvalHandlers,
}

