import * as z from 'zod/mini'

/** One notification in a case's in-app inbox (消息). It is there whether or not push was allowed. */
export const InboxMessage = z.object({
  id: z.string().check(z.describe('sortable: UTC instant + suffix')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  readBy: z.array(z.string()).check(z.describe('user ids who have read it (retiree and relatives)')),
})
export type InboxMessage = z.infer<typeof InboxMessage>
