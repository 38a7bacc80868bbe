/** The `roster` cloud function: roster import (template, preview, confirmation), the bulletin and assessment files and audit-trail downloads, with exceljs and docx. */
import { exportHandlers } from '../lib/actions/exports'
import { rosterHandlers } from '../lib/actions/roster'
import { auditExportHandlers } from '../lib/roster/auditExport'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain({ ...rosterHandlers, ...exportHandlers, ...auditExportHandlers })
