import fc from 'fast-check'
import { isAppError } from './AppError'
import { canAccessCase, mayRecordStep, servesAsResidence } from './Authorization'
import { CaseNote } from './CaseAction'
import { checkStep, deriveStatus, identityVerified, recordNote } from './CaseState'
import { parsePolicy } from './Policy'
import { erenhot2019 } from './policies/erenhot2019'
import { lastIdentityCheck, lastService, recordService, residentItem } from './Residence'
import { ROLES, type Role } from './Role'
import { caseSpec, caseOf } from './testing/randomCases'
import { makeCase, withSteps } from './testing/fixtures'
import type { User } from './User'

const policy = erenhot2019
const residencePolicy = parsePolicy({ ...policy, receivingRule: 'residence' })
const AT = new Date('2019-11-02T02:00:00Z')

const user = (role: Role, orgId: string): User => ({ id: `u-${role}-${orgId}`, role, name: '测试', orgId })
/** Lives in com-home, hukou (and, under the hukou rule, receiving) community com-hukou. */
const away = (p = policy) => makeCase(p, { id: 'case-away', hukouCommunityId: 'com-hukou', residenceCommunityId: 'com-home', categories: { livesAwayFromHukou: true } })

describe('who serves a person as their place of residence (plan 四（六）)', () => {
  // [role, community, policy, serves as residence, accesses as receiving]
  const TABLE: Array<[Role, string, 'hukou' | 'residence', boolean, boolean]> = [
    ['gridWorker', 'com-home', 'hukou', true, false],
    ['communityAdmin', 'com-home', 'hukou', true, false],
    ['gridWorker', 'com-hukou', 'hukou', false, true],
    ['communityAdmin', 'com-hukou', 'hukou', false, true],
    ['gridWorker', 'com-third', 'hukou', false, false],
    // A city that receives where people live: the residence community is the receiving one, and serves as such.
    ['gridWorker', 'com-home', 'residence', false, true],
    ['gridWorker', 'com-hukou', 'residence', false, false],
    // Bodies that are not communities never serve as a residence, even with a community's id.
    ['enterpriseOperator', 'com-home', 'hukou', false, false],
    ['partyOfficer', 'com-home', 'hukou', false, true],
    ['supervisor', 'com-home', 'hukou', false, true],
  ]
  test.each(TABLE)('%s of %s under the %s rule: serves %s, receives %s', (role, orgId, rule, serves, receives) => {
    const c = away(rule === 'hukou' ? policy : residencePolicy)
    expect(servesAsResidence(user(role, orgId), c)).toBe(serves)
    expect(canAccessCase(user(role, orgId), c)).toBe(receives)
  })

  test('a person who lives in their hukou community has no residence community to serve them', () => {
    const home = makeCase(policy, { hukouCommunityId: 'com-home' })
    for (const role of ROLES) expect(servesAsResidence(user(role, 'com-home'), home)).toBe(false)
  })

  test('for every case and every community, serving as residence and receiving never coincide', () => {
    fc.assert(
      fc.property(caseSpec, fc.constantFrom('com-a', 'com-b', 'com-c', 'com-home'), fc.constantFrom<Role>('gridWorker', 'communityAdmin'), fc.boolean(), (spec, orgId, role, residenceRule) => {
        const p = residenceRule ? residencePolicy : policy
        const base = caseOf(p, spec)
        const c = { ...base, residenceCommunityId: 'com-home', summary: { ...base.summary, receivingCommunityId: residenceRule ? 'com-home' : base.hukouCommunityId } }
        expect(servesAsResidence(user(role, orgId), c) && canAccessCase(user(role, orgId), c)).toBe(false)
        expect(servesAsResidence(user(role, orgId), c)).toBe(!residenceRule && orgId === 'com-home' && base.hukouCommunityId !== 'com-home')
      }),
    )
  })
})

describe('what the residence community records', () => {
  const worker = user('gridWorker', 'com-home')

  test('a service is recorded with what was given and which community gave it, and moves no stage, at any point of the hand-over', () => {
    fc.assert(
      fc.property(caseSpec, fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0), (spec, service) => {
        const base = caseOf(policy, spec)
        const c = { ...base, residenceCommunityId: 'com-home' }
        const next = recordService(policy, c, { service }, worker, AT, 'svc-1')
        expect(next.actions.at(-1)).toMatchObject({ type: 'serviceRecorded', service, communityId: 'com-home', by: { userId: worker.id, role: 'gridWorker' } })
        expect(deriveStatus(policy, next)).toEqual(deriveStatus(policy, c))
        expect(next.summary).toEqual(c.summary)
        expect(lastService(next)).toEqual({ at: AT.toISOString(), service })
      }),
    )
  })

  test('only the residence community records a service: the receiving community and a third community are refused', () => {
    for (const who of [user('gridWorker', 'com-hukou'), user('communityAdmin', 'com-hukou'), user('gridWorker', 'com-third'), user('enterpriseOperator', 'com-home')]) {
      let error: unknown = null
      try {
        recordService(policy, away(), { service: '上门看望' }, who, AT, 'svc-x')
      } catch (e) {
        error = e
      }
      expect(isAppError(error) && error.code).toBe('FORBIDDEN')
    }
  })

  test('a service names what was given, in at most 40 characters', () => {
    const note = (service: string) => CaseNote.safeParse({ type: 'serviceRecorded', service, communityId: 'com-home' }).success
    expect(note('健康体检')).toBe(true)
    expect(note('  ')).toBe(false)
    expect(note('服'.repeat(41))).toBe(false)
  })

  test("the residence community's identity check opens take-in for the receiving community, and names who made it", () => {
    const ready = withSteps(policy, away(), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver'])
    expect(checkStep(policy, ready, 'takenIn').ok).toBe(false)
    const seen = recordNote(policy, ready, { type: 'visitRecorded', identityChecked: true, materialsChecked: false, communityId: 'com-home' }, { userId: worker.id, role: 'gridWorker' }, AT, 'visit-1')
    expect(identityVerified(seen)).toBe(true)
    expect(lastIdentityCheck(seen)).toEqual({ at: AT.toISOString(), communityId: 'com-home' })
    expect(checkStep(policy, seen, 'takenIn').ok).toBe(true)
    // Take-in itself stays with the receiving community: the residence worker has the role but not the case.
    expect(mayRecordStep('gridWorker', 'takenIn') && canAccessCase(worker, seen)).toBe(false)
    expect(canAccessCase(user('gridWorker', 'com-hukou'), seen)).toBe(true)
  })

  test('the list row is masked for the residence staff and says whether this community checked the identity', () => {
    const seen = recordNote(policy, away(), { type: 'visitRecorded', identityChecked: true, materialsChecked: false, communityId: 'com-hukou' }, { userId: 'u-h', role: 'gridWorker' }, AT, 'visit-2')
    const row = residentItem(policy, seen, 'com-home', { name: '户籍社区', phone: '0479-7511111' })
    expect(row).toMatchObject({ name: '张秀兰', phone: '138****5678', idNumberMasked: seen.person.idNumber.masked, hukouCommunityName: '户籍社区', identityCheckedAt: AT.toISOString(), identityCheckedHere: false, lastService: null })
    expect(JSON.stringify(row)).not.toContain('13812345678')
    expect(JSON.stringify(row)).not.toContain('11010519491231002X')
    const here = recordNote(policy, seen, { type: 'visitRecorded', identityChecked: true, materialsChecked: false, communityId: 'com-home' }, { userId: 'u-r', role: 'gridWorker' }, AT, 'visit-3')
    expect(residentItem(policy, here, 'com-home', null).identityCheckedHere).toBe(true)
  })
})
