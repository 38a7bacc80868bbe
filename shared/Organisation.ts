import * as z from 'zod/mini'

/** An enterprise: the transferor (移交方). */
export const Enterprise = z.object({
  id: z.string().check(z.minLength(1)),
  code: z.string().check(z.minLength(1), z.describe('short code used by imports and the CLI')),
  name: z.string().check(z.minLength(1)),
  contactName: z.string(),
  contactPhone: z.string(),
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
})
export type Community = z.infer<typeof Community>
