import fc from 'fast-check'
import { APPROVAL_KINDS, APPROVAL_MOVES, APPROVAL_STATUSES, APPROVAL_UNITS, applyApprovalMove, approvalRefusal, approvalsOpen, approvalUnit, approvalUnitKey, approverUnitKey, ApprovalDetails, newApprovalRequest, type ApprovalKind, type ApprovalMove, type ApprovalRequest, type ApprovalStatus, type ApprovalUnit } from './Approval'
import { ROLES } from './Role'
import type { User } from './User'
import { erenhot2019 } from './policies/erenhot2019'
import { POLICIES } from './testing/policies'
import { makeCase } from './testing/fixtures'
import { throughSteps } from './testing/handedOver'

const TRIP: ApprovalDetails = { kind: 'privateTripAbroad', destination: '蒙古国乌兰巴托', from: '2020-05-01', to: '2020-05-10', purpose: '探亲' }
const POST: ApprovalDetails = { kind: 'partTimePost', organisation: '二连浩特市老年大学', post: '兼职教师', term: '2020年5月至2022年4月' }
const DETAILS: Record<ApprovalKind, ApprovalDetails> = { privateTripAbroad: TRIP, partTimePost: POST }

/** Plan 四（七）, every kind × flag combination: who decides. */
const ROUTES: Array<[string, { municipalCadre: boolean; militaryIndustryLeader: boolean }, Record<ApprovalKind, ApprovalUnit>]> = [
  ['anyone else: the community', { municipalCadre: false, militaryIndustryLeader: false }, { partTimePost: 'community', privateTripAbroad: 'community' }],
  ['市委-managed leader: the organisation department, both kinds', { municipalCadre: true, militaryIndustryLeader: false }, { partTimePost: 'organisationDepartment', privateTripAbroad: 'organisationDepartment' }],
  ['military-industry leader / core secret-holder: trips to the original unit, posts to the community', { municipalCadre: false, militaryIndustryLeader: true }, { partTimePost: 'community', privateTripAbroad: 'originalUnit' }],
  ['both: trips to the original unit (the secrecy rule), posts to the organisation department', { municipalCadre: true, militaryIndustryLeader: true }, { partTimePost: 'organisationDepartment', privateTripAbroad: 'originalUnit' }],
]

const staff = (role: User['role'], orgId: string): User => ({ id: `u-${role}-${orgId}`, role, name: 'x', orgId })
const COMMUNITY_ADMIN = staff('communityAdmin', 'com-a')
const PARTY = staff('partyOfficer', 'party')
const OPERATOR = staff('enterpriseOperator', 'ent-a')
const APPROVER_OF: Record<ApprovalUnit, User> = { community: COMMUNITY_ADMIN, organisationDepartment: PARTY, originalUnit: OPERATOR }

describe.each(ROUTES)('%s', (_name, flags, expected) => {
  const c = throughSteps(erenhot2019, makeCase(erenhot2019, { enterpriseId: 'ent-a', hukouCommunityId: 'com-a', categories: flags }))

  test.each(APPROVAL_KINDS.map((k) => [k]))('%s is routed to the unit the plan names, and only that unit decides it', (kind) => {
    expect(approvalUnit(kind, c.categories)).toBe(expected[kind])
    const r = newApprovalRequest(c, DETAILS[kind], { userId: 'u-ret', role: 'retiree' }, new Date('2020-11-02T01:00:00Z'), 'a')
    expect(r).toMatchObject({ unit: expected[kind], status: 'submitted', unitQueue: `${r.routedTo}|submitted` })
    for (const unit of APPROVAL_UNITS) {
      const refusal = approvalRefusal(APPROVER_OF[unit], r, 'approve')
      expect(refusal === null).toBe(unit === expected[kind])
      if (refusal) expect(refusal.code).toBe('FORBIDDEN')
    }
  })
})

test('the unit keys name the case’s own community and enterprise, and the city-wide organisation department', () => {
  const c = makeCase(erenhot2019, { enterpriseId: 'ent-b', hukouCommunityId: 'com-b' })
  expect(APPROVAL_UNITS.map((u) => approvalUnitKey(u, c))).toEqual(['community:com-b', 'party', 'enterprise:ent-b'])
  // Another community's admin or another enterprise's operator is not the unit.
  expect(approverUnitKey(staff('communityAdmin', 'com-a'))).not.toBe(approvalUnitKey('community', c))
  expect(approverUnitKey(staff('enterpriseOperator', 'ent-a'))).not.toBe(approvalUnitKey('originalUnit', c))
  // Grid workers, party secretaries, bureaus and the office decide for no unit.
  for (const role of ['gridWorker', 'communityPartySecretary', 'archivesOfficer', 'socialSecurityOfficer', 'supervisor', 'retiree', 'relative'] as const) expect(approverUnitKey(staff(role, 'com-b'))).toBeNull()
})

describe.each(POLICIES)('requests are taken only after the hand-over (%s)', (_name, policy) => {
  test.each(ROUTES.map(([name, flags]) => [name, flags]))('%s: closed at every stage before 纳入社区管理服务, open once taken in', (_n, flags) => {
    const start = makeCase(policy, { categories: { ...flags, partyMember: true } })
    const done = throughSteps(policy, start)
    expect(done.summary.done).toBe(true)
    const steps = done.actions.filter((a) => a.type !== 'visitRecorded').length
    for (let n = 0; n < steps; n++) {
      const c = throughSteps(policy, start, n)
      expect(c.summary.done).toBe(false)
      expect(approvalsOpen(c)).toEqual({ open: false, message: expect.stringContaining('原企业') })
    }
    expect(approvalsOpen(done)).toEqual({ open: true })
  })

  test('someone outside the transfer (离休) is never taken', () => {
    const c = throughSteps(policy, makeCase(policy, { categories: { employment: 'retiredCadre' } }))
    expect(approvalsOpen(c)).toEqual({ open: false, message: expect.stringContaining('不在这次移交范围内') })
  })
})

const request = (status: ApprovalStatus): ApprovalRequest => ({
  ...newApprovalRequest(makeCase(erenhot2019, { id: 'case-x', enterpriseId: 'ent-a', hukouCommunityId: 'com-a' }), TRIP, { userId: 'u-ret', role: 'retiree' }, new Date('2020-11-02T01:00:00Z'), 'a'),
  status,
})
const RETIREE: User = { id: 'u-ret', role: 'retiree', name: 'x', orgId: '', caseId: 'case-x' }
/** A relative the retiree allowed to act for them (「允许代为确认」), and one they did not. */
const RELATIVE: User = { id: 'u-rel', role: 'relative', name: 'x', orgId: '', caseId: 'case-x', mayConfirm: true }
const RELATIVE_NOT_ALLOWED: User = { ...RELATIVE, mayConfirm: false }

/** Each state × each move, by whom it is allowed: only a submitted request moves, once. */
type Transition = [ApprovalStatus, ApprovalMove, User, 'ok' | 'FORBIDDEN' | 'CONFLICT' | 'BAD_REQUEST', ApprovalStatus | null]
const TRANSITIONS: Transition[] = [
  ['submitted', 'approve', COMMUNITY_ADMIN, 'ok', 'approved'],
  ['submitted', 'refuse', COMMUNITY_ADMIN, 'ok', 'refused'],
  ['submitted', 'withdraw', RETIREE, 'ok', 'withdrawn'],
  ['submitted', 'withdraw', RELATIVE, 'ok', 'withdrawn'],
  ['submitted', 'withdraw', RELATIVE_NOT_ALLOWED, 'FORBIDDEN', null],
  ['submitted', 'withdraw', { ...RELATIVE, mayConfirm: undefined }, 'FORBIDDEN', null],
  ['submitted', 'withdraw', { ...RETIREE, caseId: 'case-other' }, 'FORBIDDEN', null],
  ['submitted', 'withdraw', COMMUNITY_ADMIN, 'FORBIDDEN', null],
  ['submitted', 'approve', RETIREE, 'FORBIDDEN', null],
  ['submitted', 'approve', staff('communityAdmin', 'com-b'), 'FORBIDDEN', null],
  ['submitted', 'approve', staff('gridWorker', 'com-a'), 'FORBIDDEN', null],
  ['submitted', 'approve', PARTY, 'FORBIDDEN', null],
  ...(['approved', 'refused', 'withdrawn'] as const).flatMap((s): Transition[] => [
    [s, 'approve', COMMUNITY_ADMIN, 'CONFLICT', null],
    [s, 'refuse', COMMUNITY_ADMIN, 'CONFLICT', null],
    [s, 'withdraw', RETIREE, 'CONFLICT', null],
  ]),
]

test.each(TRANSITIONS)('%s --%s by %o--> %s', (status, move, user, outcome, next) => {
  const r = request(status)
  const refusal = approvalRefusal(user, r, move, '理由')
  expect(refusal?.code ?? 'ok').toBe(outcome)
  if (next) {
    const after = applyApprovalMove(r, move, { userId: user.id, role: user.role }, new Date('2020-11-03T01:00:00Z'), '理由')
    expect(after).toMatchObject({ status: next, version: r.version + 1, unitQueue: `${r.routedTo}|${next}`, decidedAt: '2020-11-03T01:00:00.000Z' })
    expect(after.decidedBy).toEqual(move === 'withdraw' ? null : { userId: user.id, role: user.role })
  }
})

test('the transition table covers every state, and only a submitted request moves', () => {
  expect(Object.keys(APPROVAL_MOVES).sort()).toEqual([...APPROVAL_STATUSES].sort())
  for (const s of APPROVAL_STATUSES) expect(APPROVAL_MOVES[s].length > 0).toBe(s === 'submitted')
})

test('a refusal needs a reason; an approval may go without a note', () => {
  expect(approvalRefusal(COMMUNITY_ADMIN, request('submitted'), 'refuse', '  ')).toMatchObject({ code: 'BAD_REQUEST' })
  expect(approvalRefusal(COMMUNITY_ADMIN, request('submitted'), 'approve')).toBeNull()
  expect(applyApprovalMove(request('submitted'), 'approve', { userId: 'a', role: 'communityAdmin' }, new Date(), '').answer).toBeNull()
})

test('details: a trip back before it leaves, an empty field or an overlong one is refused in plain words', () => {
  expect(ApprovalDetails.safeParse(TRIP).success).toBe(true)
  expect(ApprovalDetails.safeParse(POST).success).toBe(true)
  const back = ApprovalDetails.safeParse({ ...TRIP, from: '2020-05-10', to: '2020-05-01' })
  expect(back.success ? null : back.error.issues[0].message).toBe('回来的日期不能早于出发的日期')
  expect(ApprovalDetails.safeParse({ ...TRIP, from: '2020-13-01' }).success).toBe(false)
  expect(ApprovalDetails.safeParse({ ...POST, post: ' ' }).success).toBe(false)
  expect(ApprovalDetails.safeParse({ ...POST, organisation: '单'.repeat(61) }).success).toBe(false)
})

const flagsArb = fc.record({ municipalCadre: fc.boolean(), militaryIndustryLeader: fc.boolean() })
const userArb = fc.record({
  role: fc.constantFrom(...ROLES),
  orgId: fc.constantFrom('com-a', 'com-b', 'ent-a', 'ent-b', 'party', 'office', ''),
  caseId: fc.constantFrom('case-x', 'case-y', undefined),
})

test('property: routing is total, and a request is decided only by the unit it was routed to', () => {
  fc.assert(
    fc.property(flagsArb, fc.constantFrom(...APPROVAL_KINDS), fc.constantFrom('com-a', 'com-b'), fc.constantFrom('ent-a', 'ent-b'), fc.array(userArb, { minLength: 1, maxLength: 8 }), (flags, kind, community, enterprise, users) => {
      const c = makeCase(erenhot2019, { id: 'case-x', enterpriseId: enterprise, hukouCommunityId: community, categories: flags })
      const unit = approvalUnit(kind, c.categories)
      expect(APPROVAL_UNITS).toContain(unit)
      const r = newApprovalRequest(c, DETAILS[kind], { userId: 'u', role: 'retiree' }, new Date('2020-11-02T01:00:00Z'), 'p')
      expect(r.routedTo).toBe(approvalUnitKey(unit, c))
      for (const u of users) {
        const user = { ...u, id: 'u', name: 'x' } as User
        for (const move of ['approve', 'refuse'] as const) {
          expect(approvalRefusal(user, r, move, '理由') === null).toBe(approverUnitKey(user) === r.routedTo)
        }
        // The routed unit's own staff are exactly those who may decide.
        expect(approverUnitKey(user) === r.routedTo).toBe(
          (unit === 'community' && user.role === 'communityAdmin' && user.orgId === community) ||
            (unit === 'organisationDepartment' && user.role === 'partyOfficer') ||
            (unit === 'originalUnit' && user.role === 'enterpriseOperator' && user.orgId === enterprise),
        )
      }
    }),
  )
})
