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
  supervisor: 'office',
} as const
