import * as z from 'zod/mini'
import { Role } from './Role'

/**
 * Someone who signed in: a WeChat identity (OPENID) bound to a role and a jurisdiction.
 * orgId is the enterprise for an enterprise operator, the community for grid workers and
 * community admins, and the bureau for officers and the supervisor (city-wide).
 */
export const User = z.object({
  id: z.string().check(z.minLength(1), z.describe('WeChat OPENID (or a dev identity locally)')),
  role: Role,
  name: z.string().check(z.minLength(1)),
  orgId: z.string().check(z.describe('enterprise, community or bureau id')),
  caseId: z.optional(z.string().check(z.describe('the bound case, for a retiree or a relative'))),
  mayConfirm: z.optional(z.boolean().check(z.describe('a relative allowed to confirm details for the retiree'))),
  phone: z.optional(z.string()),
  lastOpenedAt: z.optional(z.iso.datetime().check(z.describe('when they last opened the mini-program (written at most once per China day)'))),
})
export type User = z.infer<typeof User>
