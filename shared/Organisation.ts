import * as z from 'zod/mini'

/** An enterprise: the transferor (移交方). */
export const Enterprise = z.object({
  id: z.string().check(z.minLength(1)),
  code: z.string().check(z.minLength(1), z.describe('short code used by imports and the CLI')),
  name: z.string().check(z.minLength(1)),
  contactName: z.string(),
  contactPhone: z.string(),
  hasAnnuity: z.optional(z.boolean().check(z.describe('已实施企业年金: no out-of-pool expenses at all'))),
  ownRules: z.optional(z.boolean().check(z.describe('金融企业另有规定 (plan 一（四）): its financial-enterprise retirees follow their own rules; marked by the office'))),
  ownRulesMarkedAt: z.optional(z.iso.datetime().check(z.describe('when the office last marked or unmarked it: a mark undone before the night still begins a new upgrade run'))),
  partyContact: z.optional(
    z
      .object({ name: z.string().check(z.minLength(1), z.maxLength(40)), phone: z.string().check(z.minLength(7), z.maxLength(20)) })
      .check(z.describe('the enterprise’s party body, responsible for its party members until their transfer (plan 四（三）)')),
  ),
})
export type Enterprise = z.infer<typeof Enterprise>

/** A community: the receiver (接收方). */
export const Community = z.object({
  id: z.string().check(z.minLength(1)),
  code: z.string().check(z.minLength(1), z.describe('code printed on the community QR poster')),
  name: z.string().check(z.minLength(1)),
  address: z.string(),
  serviceHours: z.string(),
  phone: z.string(),
  location: z.optional(z.object({ latitude: z.number(), longitude: z.number() })),
  partyBranch: z.optional(z.object({ name: z.string(), place: z.string(), phone: z.string() })),
  activityVenue: z.optional(z.string().check(z.describe('活动场所'))),
  services: z.optional(z.array(z.string()).check(z.describe('services offered to retirees'))),
})
export type Community = z.infer<typeof Community>
