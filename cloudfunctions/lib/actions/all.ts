/** Every handler, for the local cloud, which serves the `api`, `roster` and `print` functions in one process. */
import type { Handlers } from '../router'
import { apiHandlers } from './index'
import { rosterHandlers } from './roster'
import { auditExportHandlers } from '../roster/auditExport'
import { exportHandlers } from './exports'
import { expenseHandlers } from './expenses'
import { printHandlers } from './print'
import { afterTakeInHandlers } from './afterTakeIn'

export const handlers: Handlers = { ...apiHandlers, ...rosterHandlers, ...exportHandlers, ...auditExportHandlers, ...expenseHandlers, ...printHandlers, ...afterTakeInHandlers }
