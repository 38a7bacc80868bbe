/**
 * What a unit is called on the board, in bulletins and in the assessment: an enterprise's or a
 * community's name from the store, a city-wide bureau's from the policy.
 */
import type { UnitRef } from './Board'
import type { Community, Enterprise } from './Organisation'
import type { Policy } from './Policy'
import type { Store } from './ports/Store'
import { assertNever } from './CaseState'
import { RESPONSIBLE_PARTY_NAMES } from './Stage'

export interface UnitDirectory {
  enterprises: Array<Pick<Enterprise, 'id' | 'name'>>
  communities: Array<Pick<Community, 'id' | 'name'>>
}

/** A namer for the units of the store's enterprises and communities and the policy's bureaus. */
export async function storeUnitNamer(store: Store, policy: Policy): Promise<(unit: UnitRef) => string> {
  const [enterprises, communities] = await Promise.all([store.listEnterprises(), store.listCommunities()])
  return unitNamer(policy, { enterprises, communities })
}

/** A namer for units; an org the directory does not hold keeps its id (it was removed or never named). */
export function unitNamer(policy: Policy, directory: UnitDirectory): (unit: UnitRef) => string {
  const enterprises = new Map(directory.enterprises.map((e) => [e.id, e.name]))
  const communities = new Map(directory.communities.map((c) => [c.id, c.name]))
  return (unit) => {
    switch (unit.kind) {
      case 'enterprise':
        return enterprises.get(unit.orgId ?? '') ?? unit.orgId ?? '企业'
      case 'community':
        return communities.get(unit.orgId ?? '') ?? unit.orgId ?? '社区'
      case 'communityParty':
        return `${communities.get(unit.orgId ?? '') ?? unit.orgId ?? '社区'}党组织`
      case 'hrss':
        return policy.bureaus.hrss?.name ?? RESPONSIBLE_PARTY_NAMES.hrss
      case 'medicalInsurance':
        return policy.bureaus.medicalInsurance?.name ?? RESPONSIBLE_PARTY_NAMES.medicalInsurance
      case 'archives':
        return policy.bureaus.archives.name
      case 'party':
        return policy.bureaus.party.name
      default:
        return assertNever(unit.kind)
    }
  }
}
