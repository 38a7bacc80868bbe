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
import type { PrintAction } from './print'
import { printedNoticeHandlers } from './printedNotices'
import { staffFamilyHandlers } from './staffFamily'
import { reachHandlers } from './reach'
import { noticeHandlers } from './notice'
import { concernHandlers } from './concerns'
import { stabilityHandlers } from './stability'

export const apiHandlers: Omit<Handlers, 'roster.template' | 'roster.preview' | 'roster.previewPerson' | 'roster.confirm' | 'roster.continueImport' | 'roster.referrals' | 'roster.markReferralSent' | 'roster.ownRules' | 'roster.markOwnRules' | 'expenses.list' | 'expenses.save' | 'expenses.accrue' | 'export.bulletin' | 'export.assessment' | 'export.audit' | 'care.record' | 'case.close' | 'case.transfer' | 'qualification.set' | PrintAction> = {
  ...caseHandlers,
  ...printedNoticeHandlers,
  ...staffFamilyHandlers,
  ...bindingHandlers,
  ...detailsHandlers,
  ...communityHandlers,
  ...visitHandlers,
  ...inboxHandlers,
  ...handoverHandlers,
  ...agreementHandlers,
  ...correctionHandlers,
  ...concernHandlers,
  ...stabilityHandlers,
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
  ...reachHandlers,
  ...noticeHandlers,
}

