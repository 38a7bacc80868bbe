/** The `roster` cloud function: roster import (template, preview, confirmation), with exceljs. */
import { rosterHandlers } from '../lib/actions/roster'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain(rosterHandlers)
