/** The `roster` cloud function: roster import (template, preview, confirmation, the office's 另有规定 mark), the bulletin and assessment files and audit-trail downloads, with exceljs and docx; and the enterprise's expense ledger. */
import { exportHandlers } from '../lib/actions/exports'
import { expenseHandlers } from '../lib/actions/expenses'
import { rosterHandlers } from '../lib/actions/roster'
import { auditExportHandlers } from '../lib/roster/auditExport'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain({ ...rosterHandlers, ...exportHandlers, ...auditExportHandlers, ...expenseHandlers })
