import * as z from 'zod/mini'

/**
 * One ID number opens at most one case: the first case written for a person also writes this
 * record, keyed by the ID number's look-up hash and guarded "must not exist yet", in the same
 * commit. A second case for the same number (another enterprise confirming at the same moment)
 * then fails as a whole.
 */
export const IdReservation = z.object({
  id: z.string().check(z.minLength(1), z.describe('the keyed look-up hash of the ID number')),
  version: z.int().check(z.gte(1)),
  caseId: z.string().check(z.describe('the case the number opened')),
  createdAt: z.iso.datetime(),
})
export type IdReservation = z.infer<typeof IdReservation>
