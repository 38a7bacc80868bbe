import * as z from 'zod/mini'

/**
 * A user's consent to a WeChat subscribe-message template. A one-time consent allows one message,
 * so accepted one-time consents are counted; `used` counts messages sent against them.
 */
export const SubscribeConsent = z.object({
  id: z.string().check(z.describe('userId + template id')),
  version: z.int().check(z.gte(1)),
  userId: z.string(),
  templateId: z.string(),
  kind: z.enum(['oneTime', 'longTerm']),
  accepted: z.int().check(z.gte(0), z.describe('one-time consents granted so far')),
  used: z.int().check(z.gte(0)),
  rejected: z.int().check(z.gte(0)),
  lastAnswer: z.enum(['accept', 'reject', 'ban', 'filter']),
  updatedAt: z.iso.datetime(),
})
export type SubscribeConsent = z.infer<typeof SubscribeConsent>
