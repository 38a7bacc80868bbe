/** Every handler, for the local cloud, which serves the `api` and `roster` functions in one process. */
import type { Handlers } from '../router'
import { apiHandlers } from './index'
import { rosterHandlers } from './roster'
import { auditExportHandlers } from '../roster/auditExport'
import { exportHandlers } from './exports'
import { expenseHandlers } from './expenses'
import { afterTakeInHandlers } from './afterTakeIn'

export const handlers: Handlers = { ...apiHandlers, ...rosterHandlers, ...exportHandlers, ...auditExportHandlers, ...expenseHandlers, ...afterTakeInHandlers }
