/**
 * Issue 11 points 1–3: every step is recorded, and answered for, by the unit the plan names.
 * The party relation by the receiving community's party organisation (四（三）), the 社会保险
 * handover by 人社局 and 医保局 (三（二）3, 四（六）), the agreement by both sides (五（二）1).
 */
import * as fc from 'fast-check'
import { caseScope, canAccessCase, mayRecordStep, stepRefusal, STEP_ROLES } from './Authorization'
import { CaseStep, CASE_STEP_TYPES, type CaseStepType } from './CaseAction'
import { checkStep, deriveStatus, recordStep, STEP_STAGE, summarizeCase } from './CaseState'
import { parsePolicy } from './Policy'
import { erenhot2019 } from './policies/erenhot2019'
import type { Role } from './Role'
import { answeringParty, stageParties, stageResponsibleName } from './Stage'
import { makeCase, stepOf, withSteps } from './testing/fixtures'
import type { User } from './User'

const policy = erenhot2019
const stage = (id: string) => policy.stages.find((s) => s.id === id)!
const AGREED = ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned'] as const

const user = (role: Role, orgId: string): User => ({ id: `u-${role}-${orgId}`, role, name: role, orgId })

/** The party each open stage of a case waits on now, as its summary keeps it. */
function waitingOn(c: ReturnType<typeof makeCase>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(c.summary.stages).flatMap(([id, s]) => (s?.state === 'open' ? [[id, s.party]] : [])))
}

describe('the policy names who answers for each step (erenhot2019)', () => {
  test('party relations: the receiving community’s party organisation (四（三）)', () => {
    expect(stageParties(stage('partyRelation'))).toEqual(['communityParty'])
  })
  test('social security: 人社局 then 医保局, both needed (三（二）3, 四（六）)', () => {
    expect(stageParties(stage('socialSecurity'))).toEqual(['hrss', 'medicalInsurance'])
    expect(stageResponsibleName(stage('socialSecurity'))).toBe('市人社局、市医保局')
    expect(policy.bureaus.hrss).toMatchObject({ name: '市人社局', phone: expect.stringMatching(/^0479-/) })
    expect(policy.bureaus.medicalInsurance).toMatchObject({ name: '市医保局', phone: expect.stringMatching(/^0479-/) })
  })
  test('the agreement: the community signs, then the enterprise countersigns (五（二）1)', () => {
    expect(stageParties(stage('agreement'))).toEqual(['community', 'enterprise'])
    expect([0, 1].map((n) => answeringParty(stage('agreement'), n))).toEqual(['community', 'enterprise'])
  })
})

describe('state machine: the agreement is two-sided', () => {
  const ready = withSteps(policy, makeCase(policy), ['rosterConfirmed', 'materialsSubmitted'])
  test('before the community signs, only the community’s step is allowed, and the community answers', () => {
    expect(CASE_STEP_TYPES.filter((t) => checkStep(policy, ready, t).ok)).toEqual(['agreementCommunitySigned'])
    expect(checkStep(policy, ready, 'agreementSigned')).toMatchObject({ ok: false, message: expect.stringContaining('按顺序') })
    expect(waitingOn(ready)).toEqual({ agreement: 'community' })
  })
  test('after the community signs, the enterprise answers until it countersigns', () => {
    const signed = withSteps(policy, ready, ['agreementCommunitySigned'])
    expect(CASE_STEP_TYPES.filter((t) => checkStep(policy, signed, t).ok)).toEqual(['agreementSigned'])
    expect(waitingOn(signed)).toEqual({ agreement: 'enterprise' })
    const done = withSteps(policy, signed, ['agreementSigned'])
    expect(done.summary.stages.agreement).toMatchObject({ state: 'done' })
    expect(done.summary.stages.agreement).not.toHaveProperty('party')
  })
  test('a case countersigned before the community’s signature was a step keeps its agreement done', () => {
    // Stored as issue 10 left it: the countersignature alone.
    const before = withSteps(policy, makeCase(policy), ['rosterConfirmed', 'materialsSubmitted'])
    const stored = { ...before, actions: [...before.actions, { type: 'agreementSigned' as const, agreementId: 'agr-old', id: 'old', at: '2020-03-01T02:00:00.000Z', by: { userId: 'u', role: 'enterpriseOperator' as const } }] }
    const status = deriveStatus(policy, stored)
    if (!status.inScope) throw new Error('in scope')
    expect(status.stages.find((s) => s.stage.id === 'agreement')).toMatchObject({ status: 'done', completedAt: '2020-03-01T02:00:00.000Z' })
    expect(summarizeCase(policy, stored).openStages).toEqual(['personnelFile', 'socialSecurity'])
  })
})

describe('state machine: the 社会保险 handover by the two bureaus', () => {
  const agreed = withSteps(policy, makeCase(policy), [...AGREED])
  test('人社局 checks the pension first, then 医保局 the medical insurance; both are needed', () => {
    expect(waitingOn(agreed).socialSecurity).toBe('hrss')
    expect(checkStep(policy, agreed, 'medicalInsuranceHandedOver').ok).toBe(false)
    const pension = withSteps(policy, agreed, ['pensionHandedOver'])
    expect(pension.summary.stages.socialSecurity).toMatchObject({ state: 'open', party: 'medicalInsurance' })
    const both = withSteps(policy, pension, ['medicalInsuranceHandedOver'])
    expect(both.summary.stages.socialSecurity).toMatchObject({ state: 'done' })
  })
  test('the community’s old single step is no longer recorded, but a stored one still completes the stage', () => {
    expect(checkStep(policy, agreed, 'socialSecurityHandedOver')).toMatchObject({ ok: false, message: expect.stringContaining('不再单独登记') })
    const stored = { ...agreed, actions: [...agreed.actions, { type: 'socialSecurityHandedOver' as const, pensionChecked: true as const, medicalChecked: true as const, id: 'old', at: '2020-05-01T02:00:00.000Z', by: { userId: 'u', role: 'communityAdmin' as const } }] }
    expect(summarizeCase(policy, stored).stages.socialSecurity).toMatchObject({ state: 'done', completedOn: '2020-05-01' })
  })
  test('each bureau confirms what the plan asks of it', () => {
    expect(CaseStep.safeParse({ type: 'pensionHandedOver' }).success).toBe(false)
    expect(CaseStep.safeParse({ type: 'pensionHandedOver', pensionOnTime: true }).success).toBe(true)
    const medical = { type: 'medicalInsuranceHandedOver', medicalContinued: true, supplementaryOnChannel: true }
    // Where it was not locally managed, the transfer agreed between enterprise and locality must be said.
    expect(CaseStep.safeParse(medical).success).toBe(false)
    expect(CaseStep.safeParse({ ...medical, management: 'transferAgreed' }).success).toBe(true)
    expect(CaseStep.safeParse({ ...medical, management: 'local', supplementaryOnChannel: false }).success).toBe(false)
  })
})

describe('who records each step, and where', () => {
  const partyCase = withSteps(policy, makeCase(policy, { hukouCommunityId: 'com-a', categories: { partyMember: true } }), [...AGREED])
  test('the community party secretary works on its own community’s cases only', () => {
    const own = user('communityPartySecretary', 'com-a')
    expect(caseScope(own)).toEqual({ kind: 'community', communityId: 'com-a' })
    expect(canAccessCase(own, partyCase)).toBe(true)
    expect(canAccessCase(user('communityPartySecretary', 'com-b'), partyCase)).toBe(false)
    expect(mayRecordStep('communityPartySecretary', 'partyRelationTransferred') && mayRecordStep('communityPartySecretary', 'partyBranchAssigned')).toBe(true)
    expect(stepRefusal(own, { type: 'partyRelationTransferred' })).toBeNull()
  })
  test('the organisation department stands in for a community only with the reason in the note', () => {
    const dept = user('partyOfficer', 'party')
    expect(canAccessCase(dept, partyCase)).toBe(true)
    expect(stepRefusal(dept, { type: 'partyRelationTransferred' })).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('原因') })
    expect(stepRefusal(dept, { type: 'partyBranchAssigned', note: '  ' })).toMatchObject({ code: 'BAD_REQUEST' })
    expect(stepRefusal(dept, { type: 'partyBranchAssigned', note: '社区党组织书记暂缺' })).toBeNull()
  })
  test('a social-security officer records only their own bureau’s step, city-wide', () => {
    const hrss = user('socialSecurityOfficer', 'hrss')
    const medical = user('socialSecurityOfficer', 'medicalInsurance')
    expect(caseScope(hrss)).toEqual({ kind: 'city' })
    expect(stepRefusal(hrss, { type: 'pensionHandedOver' })).toBeNull()
    expect(stepRefusal(hrss, { type: 'medicalInsuranceHandedOver' })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('医保局') })
    expect(stepRefusal(medical, { type: 'medicalInsuranceHandedOver' })).toBeNull()
    expect(stepRefusal(medical, { type: 'pensionHandedOver' })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('人社局') })
    expect(mayRecordStep('socialSecurityOfficer', 'partyRelationTransferred')).toBe(false)
  })
  test('no one records the old single 社保 step, and the community no longer records the bureaus’ steps', () => {
    expect(STEP_ROLES.socialSecurityHandedOver).toEqual([])
    for (const role of ['communityAdmin', 'gridWorker'] as const) {
      expect(mayRecordStep(role, 'pensionHandedOver') || mayRecordStep(role, 'medicalInsuranceHandedOver')).toBe(false)
    }
  })
  test('for any step, the party the summary names is one whose staff may record that step', () => {
    const roleOfParty: Record<string, Role[]> = {
      enterprise: ['enterpriseOperator'],
      community: ['communityAdmin', 'gridWorker'],
      communityParty: ['communityPartySecretary'],
      archives: ['archivesOfficer'],
      hrss: ['socialSecurityOfficer'],
      medicalInsurance: ['socialSecurityOfficer'],
    }
    fc.assert(
      // Walks a case some steps along (each the first allowed), then checks every step allowed there.
      fc.property(fc.nat({ max: 10 }), fc.boolean(), (n, partyMember) => {
        let c = makeCase(policy, { categories: { partyMember } })
        for (let i = 0; i < n; i++) {
          const next = CASE_STEP_TYPES.find((t) => t !== 'takenIn' && checkStep(policy, c, t).ok)
          if (!next) break
          c = recordStep(policy, c, stepOf(next as CaseStepType), { userId: 'u', role: STEP_ROLES[next][0] ?? 'communityAdmin' }, new Date(Date.UTC(2020, 0, 1 + i)), `a${i}`)
        }
        for (const t of CASE_STEP_TYPES.filter((x) => checkStep(policy, c, x).ok)) {
          const party = c.summary.stages[STEP_STAGE[t]]?.party
          expect(party).toBeDefined()
          expect((STEP_ROLES[t] as readonly Role[]).some((r) => roleOfParty[party!].includes(r))).toBe(true)
        }
      }),
    )
  })
})

describe('policy problems about who answers', () => {
  test('stepParties must name one party per step, starting with the responsible party', () => {
    const bad = (change: object) => () => parsePolicy({ ...policy, stages: policy.stages.map((s) => (s.id === 'agreement' ? { ...s, ...change } : s)) })
    expect(bad({ stepParties: ['community'] })).toThrow('stepParties 要逐一写明')
    expect(bad({ responsible: 'enterprise' })).toThrow('responsible 应是 stepParties 的第一个')
  })
  test('a stage answered by a bureau needs that bureau’s contact', () => {
    const { hrss: _hrss, ...bureaus } = policy.bureaus
    expect(() => parsePolicy({ ...policy, bureaus })).toThrow('hrss')
  })
})
