import * as z from 'zod/mini'
import { Role } from './Role'

/** A one-time code a supervisor issues to a member of staff, bound to a role and an organisation. */
export const StaffInvite = z.object({
  id: z.string().check(z.describe('the code itself')),
  version: z.int().check(z.gte(1)),
  role: Role,
  orgId: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedBy: z.nullable(z.string()),
  revoked: z.boolean(),
})
export type StaffInvite = z.infer<typeof StaffInvite>

export const STAFF_INVITE_VALID_DAYS = 7

/** Which organisations each staff role belongs to: an enterprise, a community, or a city bureau. */
export const ROLE_ORG_KIND = {
  gridWorker: 'community',
  communityAdmin: 'community',
  enterpriseOperator: 'enterprise',
  archivesOfficer: 'archives',
  partyOfficer: 'party',
  communityPartySecretary: 'community',
  // 人社局 or 医保局 (SOCIAL_SECURITY_BUREAUS).
  socialSecurityOfficer: 'socialSecurity',
  supervisor: 'office',
} as const

/**
 * Who may invite (and remove) whom, besides the office, which invites any member of staff: a
 * community admin its own community's grid workers and party secretary; the organisation
 * department any community's party secretary (plan 三（二）2: it guides the community party organisations).
 */
export const INVITES_OF: Partial<Record<string, { roles: readonly string[]; ownCommunity: boolean }>> = {
  communityAdmin: { roles: ['gridWorker', 'communityPartySecretary'], ownCommunity: true },
  partyOfficer: { roles: ['communityPartySecretary'], ownCommunity: false },
}
