/**
 * Random case sets for property tests of the board's read-outs (assessment, bulletins): cases of
 * a few enterprises and communities, of every category, each with a random number of steps done
 * at random days around the policy's deadlines.
 */
import fc from 'fast-check'
import type { RetireeCase } from '../Case'
import type { CaseStepType } from '../CaseAction'
import { recordStep } from '../CaseState'
import { isAppError } from '../AppError'
import { STEP_ROLES } from '../Authorization'
import type { Policy } from '../Policy'
import { makeCase, stepOf, withVisit } from './fixtures'

/** Every step, in an order the state machine accepts; steps that do not apply to a case are skipped. */
const STEP_ORDER: CaseStepType[] = [
  'rosterConfirmed',
  'materialsSubmitted',
  'agreementCommunitySigned',
  'agreementSigned',
  'personnelFileTransferred',
  'classifiedFileHandled',
  'partyRelationTransferred',
  'partyBranchAssigned',
  'pensionHandedOver',
  'medicalInsuranceHandedOver',
  'takenIn',
]

const START = Date.parse('2019-10-01T02:00:00Z')
const DAY = 86_400_000

export const caseSpec = fc.record({
  enterpriseId: fc.constantFrom('ent-a', 'ent-b', 'ent-c'),
  hukouCommunityId: fc.constantFrom('com-a', 'com-b', 'com-c'),
  employment: fc.constantFrom('soeRetiree', 'soeRetiree', 'soeRetiree', 'publicInstitutionRetiree', 'retiredCadre'),
  partyMember: fc.boolean(),
  municipalCadre: fc.boolean(),
  classified: fc.boolean(),
  steps: fc.nat({ max: 11 }),
  /** Days after 2019-10-01 of each step done, in order: the deadlines run to 2020-10-31. */
  gaps: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 11, maxLength: 11 }),
})
export type CaseSpec = typeof caseSpec extends fc.Arbitrary<infer T> ? T : never

let made = 0

export function caseOf(policy: Policy, spec: CaseSpec): RetireeCase {
  let c = makeCase(policy, {
    id: `case-r${++made}`,
    enterpriseId: spec.enterpriseId,
    hukouCommunityId: spec.hukouCommunityId,
    categories: { employment: spec.employment, partyMember: spec.partyMember, municipalCadre: spec.municipalCadre, classified: spec.classified },
  })
  let at = START
  let done = 0
  for (const [i, type] of STEP_ORDER.entries()) {
    if (done >= spec.steps) break
    at += spec.gaps[i] * DAY
    try {
      const ready = type === 'takenIn' ? withVisit(policy, c, new Date(at - 3600_000)) : c
      c = recordStep(policy, ready, stepOf(type), { userId: 'u-test', role: STEP_ROLES[type][0] ?? 'communityAdmin' }, new Date(at), `act-${c.id}-${i}`)
      done++
    } catch (e) {
      // The step does not apply to this case, or must wait: the next one is tried.
      if (!isAppError(e)) throw e
    }
  }
  return c
}

export const caseSets = (policy: Policy, max = 30) => fc.array(caseSpec, { maxLength: max }).map((specs) => specs.map((s) => caseOf(policy, s)))
