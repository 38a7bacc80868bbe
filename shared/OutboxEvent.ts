import * as z from 'zod/mini'
import { CaseActionType } from './CaseAction'

/**
 * A notification event, written in the same commit as the change it reports. The dispatcher
 * delivers it (inbox, subscribe message, staff responsible for the next step) and marks it.
 */
export const OutboxEvent = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  actionId: z.string(),
  type: CaseActionType,
  at: z.iso.datetime(),
  status: z.enum(['pending', 'delivered']),
})
export type OutboxEvent = z.infer<typeof OutboxEvent>
