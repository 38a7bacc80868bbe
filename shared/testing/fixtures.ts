/** Fixture generators for tests: cases of any category, with a fake (clearly not real) sealing. */
import type { RetireeCase } from '../Case'
import { ORDINARY_CATEGORIES, type CaseCategories } from '../Category'
import type { CaseStep } from '../CaseAction'
import { checkStep, identityVerified, openCase, recordNote, recordStep } from '../CaseState'
import { STEP_ROLES } from '../Authorization'
import { maskIdNumber } from '../Mask'
import type { Person } from '../Person'
import type { Policy } from '../Policy'
import type { ResponsibleParty } from '../Stage'
import type { Store } from '../ports/Store'

/** A sealed ID number for tests that do not exercise the vault: marked FAKE, never decryptable. */
export function fakeSealed(idNumber: string): Person['idNumber'] {
  return { sealed: `FAKE-SEALED-${idNumber.length}`, hash: `fake-hash-${idNumber.slice(-6)}`, masked: maskIdNumber(idNumber) }
}

let counter = 0

export function makeCase(
  policy: Policy,
  overrides: Partial<{ id: string; categories: Partial<CaseCategories>; enterpriseId: string; hukouCommunityId: string; residenceCommunityId: string | null; name: string; idNumber: string; openedAt: string }> = {},
): RetireeCase {
  counter++
  const idNumber = overrides.idNumber ?? '11010519491231002X'
  return openCase(
    policy,
    {
      id: overrides.id ?? `case-t${String(counter).padStart(5, '0')}`,
      enterpriseId: overrides.enterpriseId ?? 'ent-a',
      hukouCommunityId: overrides.hukouCommunityId ?? 'com-a',
      residenceCommunityId: overrides.residenceCommunityId ?? null,
      person: {
        name: overrides.name ?? '张秀兰',
        gender: 'female',
        birthMonth: '1949-12',
        idNumber: fakeSealed(idNumber),
        phone: '13812345678',
        hukouAddress: '二连浩特市乌兰大街1号',
        residenceAddress: null,
        retirementMonth: '2005-01',
      },
      categories: { ...ORDINARY_CATEGORIES, ...overrides.categories },
    },
    new Date(overrides.openedAt ?? '2019-09-20T01:00:00Z'),
  )
}

export function stepOf(type: CaseStep['type']): CaseStep {
  if (type === 'agreementSigned' || type === 'agreementCommunitySigned') return { type, agreementId: 'agr-test' }
  if (type === 'socialSecurityHandedOver') return { type, pensionChecked: true, medicalChecked: true }
  if (type === 'pensionHandedOver') return { type, pensionOnTime: true }
  if (type === 'medicalInsuranceHandedOver') return { type, medicalContinued: true, management: 'local', supplementaryOnChannel: true }
  if (type === 'partyBranchAssigned') return { type, branchName: '第一党支部' }
  return { type } as CaseStep
}

/** A grid worker's in-person check of identity and materials. */
export function withVisit(policy: Policy, c: RetireeCase, at = new Date('2019-10-01T01:00:00Z')): RetireeCase {
  return recordNote(policy, c, { type: 'visitRecorded', identityChecked: true, materialsChecked: true }, { userId: 'u-grid', role: 'gridWorker' }, at, `visit-${c.id}-${c.actions.length}`)
}

/**
 * Shorthands for a whole two-step stage, as tests wrote them before the stage had two steps: a
 * countersignature gets the community's signature first (unless the case has it), and the
 * community's old single 社保 step stands for the two bureaus' steps.
 */
function expand(policy: Policy, c: RetireeCase, type: CaseStep['type']): CaseStep['type'][] {
  if (type === 'agreementSigned' && checkStep(policy, c, 'agreementCommunitySigned').ok) return ['agreementCommunitySigned', 'agreementSigned']
  if (type === 'socialSecurityHandedOver') return ['pensionHandedOver', 'medicalInsuranceHandedOver']
  return [type]
}

/**
 * Records the steps in order, each by the first role allowed to, the i-th on day i; a take-in is
 * preceded by a visit, and a shorthand's earlier steps come an hour apart before it.
 */
export function withSteps(policy: Policy, c: RetireeCase, types: CaseStep['type'][], start = Date.parse('2019-10-01T02:00:00Z')): RetireeCase {
  return types.reduce((before, given, i) => {
    const steps = expand(policy, before, given)
    return steps.reduce((acc, type, k) => {
      const at = start + i * 86_400_000 - (steps.length - 1 - k) * 3600_000
      const ready = type === 'takenIn' && !identityVerified(acc) ? withVisit(policy, acc, new Date(at - 3600_000)) : acc
      return recordStep(policy, ready, stepOf(type), { userId: 'u-test', role: STEP_ROLES[type][0] ?? 'communityAdmin' }, new Date(at), `act-${acc.id}-${i}${k < steps.length - 1 ? `-${k}` : ''}`)
    }, before)
  }, c)
}

/** Every case a store holds, page by page. */
export async function allCases(store: Store): Promise<RetireeCase[]> {
  const cases: RetireeCase[] = []
  for (let after: string | undefined, more = true; more; ) {
    const page = await store.listCases({ limit: 1000, after })
    cases.push(...page.items)
    after = page.nextCursor ?? undefined
    more = page.nextCursor !== null
  }
  return cases
}

/** The key of the unit a party answers through for a case (shared/Board.ts unitKey). */
export function unitOfParty(party: ResponsibleParty, c: Pick<RetireeCase, 'enterpriseId' | 'summary'>): string {
  if (party === 'enterprise') return `enterprise:${c.enterpriseId}`
  if (party === 'community' || party === 'communityParty') return `${party}:${c.summary.receivingCommunityId}`
  return party
}
