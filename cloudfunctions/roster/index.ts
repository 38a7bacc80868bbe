/** The `roster` cloud function: roster import (template, preview, confirmation) and audit-trail downloads, with exceljs. */
import { rosterHandlers } from '../lib/actions/roster'
import { auditExportHandlers } from '../lib/roster/auditExport'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain({ ...rosterHandlers, ...auditExportHandlers })
