/** The `api` cloud function: every mini-program action but the roster import goes through here. */
import { apiHandlers } from '../lib/actions'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain(apiHandlers)
