/** The `roster` cloud function: roster import (template, preview, confirmation) and the bulletin and assessment files, with exceljs and docx. */
import { exportHandlers } from '../lib/actions/exports'
import { rosterHandlers } from '../lib/actions/roster'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain({ ...rosterHandlers, ...exportHandlers })
