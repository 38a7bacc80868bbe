import * as z from 'zod/mini'

/**
 * 亲情代办: a one-time code a bound retiree gives a relative. The relative who redeems it sees
 * the case and gets the reminders; they confirm details only if the retiree allowed it.
 */
export const FamilyInvite = z.object({
  id: z.string().check(z.describe('the one-time code itself (8 digits)')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  createdBy: z.string(),
  mayConfirm: z.boolean().check(z.describe('may the relative confirm details on the retiree’s behalf')),
  expiresAt: z.iso.datetime(),
  usedBy: z.nullable(z.string()),
  usedAt: z.nullable(z.iso.datetime()),
  revoked: z.boolean(),
})
export type FamilyInvite = z.infer<typeof FamilyInvite>

export const MAX_RELATIVES = 3
export const INVITE_VALID_HOURS = 72

/**
 * Who holds the relatives' places of one case: the relatives who joined and the invitations still
 * open (an open invitation holds a place). One versioned document per case, written with its
 * version guard in every commit that invites, accepts, revokes or removes, so parallel calls
 * cannot push the case past MAX_RELATIVES.
 */
export const FamilyRoster = z.object({
  id: z.string().check(z.describe('the case id')),
  version: z.int().check(z.gte(1)),
  relatives: z.array(z.string()).check(z.describe('user ids (OPENIDs) of the relatives who joined')),
  openInvites: z.array(z.object({ code: z.string(), expiresAt: z.iso.datetime() })),
})
export type FamilyRoster = z.infer<typeof FamilyRoster>
