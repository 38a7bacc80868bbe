/** Every handler, for the local cloud, which serves the `api` and `roster` functions in one process. */
import type { Handlers } from '../router'
import { apiHandlers } from './index'
import { rosterHandlers } from './roster'
import { exportHandlers } from './exports'

export const handlers: Handlers = { ...apiHandlers, ...rosterHandlers, ...exportHandlers }
