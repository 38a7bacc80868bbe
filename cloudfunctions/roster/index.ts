/** The `roster` cloud function: roster import (template, preview, confirmation, the office's 另有规定 mark), the bulletin and assessment files and audit-trail downloads, with exceljs and docx; and the enterprise's expense ledger; and the community's staff-only actions after take-in (kept out of `api` for its size). */
import { exportHandlers } from '../lib/actions/exports'
import { expenseHandlers } from '../lib/actions/expenses'
import { rosterHandlers } from '../lib/actions/roster'
import { auditExportHandlers } from '../lib/roster/auditExport'
import { createCloudMain } from '../lib/cloudMain'
import { afterTakeInHandlers } from '../lib/actions/afterTakeIn'

export const main = createCloudMain({ ...rosterHandlers, ...exportHandlers, ...auditExportHandlers, ...expenseHandlers, ...afterTakeInHandlers })
