/** Who hears of a concern at each step of the ladder (shared/Concern.ts): user ids from the store. */
import { UNIT_ADMINS, UNIT_STAFF, type Concern, type EscalationLevel } from '../../../shared/Concern'
import type { Role } from '../../../shared/Role'
import type { User } from '../../../shared/User'
import type { Deps } from '../router'

/** The staff of these roles in the concern's unit: bound to its enterprise or community, or to the bureau. */
async function unitUsers(deps: Pick<Deps, 'store'>, c: Pick<Concern, 'unitKind' | 'unitOrgId'>, roles: readonly Role[]): Promise<User[]> {
  const orgId = c.unitKind === 'hrss' || c.unitKind === 'medicalInsurance' ? c.unitKind : c.unitOrgId
  const lists = await Promise.all(roles.map((role) => deps.store.listUsers(orgId === null ? { role } : { orgId, role })))
  return lists.flat()
}

/**
 * The recipients at a level. The stability contact is the enterprise's designated operator; an
 * enterprise that has designated none (or whose contact left) has all its operators told instead,
 * so the step is never silent.
 */
export async function concernRecipients(deps: Pick<Deps, 'store'>, c: Concern, level: EscalationLevel): Promise<string[]> {
  switch (level) {
    case 0:
      return (await unitUsers(deps, c, UNIT_STAFF[c.unitKind])).map((u) => u.id)
    case 1:
      return (await unitUsers(deps, c, UNIT_ADMINS[c.unitKind])).map((u) => u.id)
    case 2: {
      const plan = await deps.store.getDoc('enterprisePlan', c.enterpriseId)
      const contact = plan?.stabilityContactUserId ? await deps.store.getUser(plan.stabilityContactUserId) : null
      if (contact && contact.role === 'enterpriseOperator' && contact.orgId === c.enterpriseId) return [contact.id]
      return (await deps.store.listUsers({ orgId: c.enterpriseId, role: 'enterpriseOperator' })).map((u) => u.id)
    }
    case 3:
      return (await deps.store.listUsers({ role: 'supervisor' })).map((u) => u.id)
  }
}
