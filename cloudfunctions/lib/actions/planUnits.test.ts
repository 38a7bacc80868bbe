/**
 * Issue 11 points 1–3 through the router: each new role in its jurisdiction (its own community,
 * or its bureau), the organisation department standing in, the two-sided agreement, invites.
 */
import { seededCloud } from '../../../test/support/cloudHarness'
import { recordStep } from '../../../shared/CaseState'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { withSteps } from '../../../shared/testing/fixtures'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const ENT = 'dev-ent-water'
const ADMIN = 'dev-admin-wulan'
const SECRETARY = 'dev-partysec-wulan'
const PARTY = 'dev-party'
const HRSS = 'dev-hrss'
const MEDICAL = 'dev-medical'
const OFFICE = 'dev-office'

const PENSION = { type: 'pensionHandedOver', pensionOnTime: true }
const MEDICAL_STEP = { type: 'medicalInsuranceHandedOver', medicalContinued: true, management: 'transferAgreed', supplementaryOnChannel: true }

async function step(cloud: Cloud, userId: string, caseId: string, s: object) {
  return cloud.call(userId, 'case.recordStep', { caseId, expectedVersion: await cloud.versionOf(caseId), step: s })
}

/** A party member of `community`, through the agreement: drafted, signed by the community, countersigned. */
async function agreed(cloud: Cloud, id: string, community: string, admin: string) {
  await cloud.addCase(id, { hukouCommunityId: community, categories: { partyMember: true } })
  await cloud.ok(ENT, 'case.recordStep', { caseId: id, expectedVersion: await cloud.versionOf(id), step: { type: 'rosterConfirmed' } })
  // The materials workflow is covered elsewhere; here the stage is recorded as its workflow would.
  const c = (await cloud.store.getCase(id))!
  const next = recordStep(erenhot2019, c, { type: 'materialsSubmitted' }, { userId: ENT, role: 'enterpriseOperator' }, cloud.clock.now(), `m-${id}`)
  await cloud.store.commit({ cases: [{ next, expectedVersion: c.version }] })
  const draft = await cloud.ok(ENT, 'agreement.draft', { communityId: community, caseIds: [id] })
  const signed = await cloud.ok(admin, 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
  await cloud.ok(ENT, 'agreement.countersign', { id: draft.id, expectedVersion: signed.version })
}

describe('the community party secretary (社区党组织, plan 四（三）)', () => {
  test('sees the full phone of the party members its community receives, and only theirs', async () => {
    const cloud = await seededCloud({ count: 5 })
    await cloud.addCase('case-9101', { hukouCommunityId: 'com-wulan', categories: { partyMember: true } }) // phone 13812345678
    await cloud.addCase('case-9102', { hukouCommunityId: 'com-wulan', categories: { partyMember: false } })
    expect(await cloud.ok(SECRETARY, 'case.get', { caseId: 'case-9101' })).toMatchObject({ phone: '13812345678' })
    expect(await cloud.ok(SECRETARY, 'case.get', { caseId: 'case-9102' })).toMatchObject({ phone: '138****5678' })
    // The community's admin calls everyone it receives.
    expect(await cloud.ok(ADMIN, 'case.get', { caseId: 'case-9102' })).toMatchObject({ phone: '13812345678' })
    cloud.close()
  })

  test('records the transfer and the branch for its own community’s party members, and nothing elsewhere', async () => {
    const cloud = await seededCloud({ count: 10 })
    await agreed(cloud, 'case-9001', 'com-wulan', ADMIN)
    await agreed(cloud, 'case-9002', 'com-gerile', 'dev-admin-gerile')
    const own = await cloud.ok(SECRETARY, 'case.get', { caseId: 'case-9001' })
    expect(own.allowedSteps).toEqual(['partyRelationTransferred'])
    // Its own community's list only.
    const listed = await cloud.ok(SECRETARY, 'case.list', { limit: 100 })
    expect(listed.items.length).toBeGreaterThan(0)
    for (const item of listed.items) expect((await cloud.store.getCase(item.id))!.summary.receivingCommunityId).toBe('com-wulan')
    expect(await step(cloud, SECRETARY, 'case-9001', { type: 'partyRelationTransferred' })).toMatchObject({ ok: true })
    expect(await step(cloud, SECRETARY, 'case-9001', { type: 'partyBranchAssigned', branchName: '乌兰社区第一党支部' })).toMatchObject({ ok: true })
    expect((await cloud.store.getCase('case-9001'))!.summary.stages.partyRelation).toMatchObject({ state: 'done' })
    // Another community's member: refused, and the refusal audited.
    expect(await cloud.call(SECRETARY, 'case.get', { caseId: 'case-9002' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await step(cloud, SECRETARY, 'case-9002', { type: 'partyRelationTransferred' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.newAudit('case-9002')).filter((a) => a.outcome === 'refused').map((a) => a.actor.userId)).toContain(SECRETARY)
    // Not a step of its own.
    expect(await step(cloud, SECRETARY, 'case-9001', PENSION)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })

  test('the organisation department reads everything, and stands in for a community only with the reason', async () => {
    const cloud = await seededCloud({ count: 10 })
    await agreed(cloud, 'case-9002', 'com-gerile', 'dev-admin-gerile')
    expect(await step(cloud, PARTY, 'case-9002', { type: 'partyRelationTransferred' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('原因') } })
    expect((await cloud.store.getCase('case-9002'))!.summary.stages.partyRelation).toMatchObject({ state: 'open', party: 'communityParty' })
    expect(await step(cloud, PARTY, 'case-9002', { type: 'partyRelationTransferred', note: '格日勒社区党组织书记暂缺' })).toMatchObject({ ok: true })
    const recorded = (await cloud.store.getCase('case-9002'))!.actions.find((a) => a.type === 'partyRelationTransferred')
    expect(recorded).toMatchObject({ by: { userId: PARTY, role: 'partyOfficer' }, note: '格日勒社区党组织书记暂缺' })
    cloud.close()
  })

  test('the enterprise’s party body is named on the timeline until the transfer', async () => {
    const cloud = await seededCloud({ count: 10 })
    // case-0002 (dev-retiree-2) is a party member of ent-water at the party stage.
    const stage = async () => (await cloud.ok('dev-retiree-2', 'case.myStatus')).stages.find((s: { id: string }) => s.id === 'partyRelation')
    expect(await stage()).toMatchObject({ responsibleName: '社区党组织', contact: { name: '乌兰社区第一党支部', phone: '0479-7531001' }, moreContacts: [{ name: '二连浩特市供排水有限责任公司党组织 党支部书记 张志强', phone: '0479-7521109' }] })
    expect(await step(cloud, SECRETARY, 'case-0002', { type: 'partyRelationTransferred' })).toMatchObject({ ok: true })
    expect((await stage()).moreContacts).toEqual([])
    cloud.close()
  })
})

describe('the social-security officer (人社局, 医保局: plan 三（二）3, 四（六）)', () => {
  test('each bureau records its own step on any community’s case; both are needed', async () => {
    const cloud = await seededCloud({ count: 10 })
    await agreed(cloud, 'case-9002', 'com-gerile', 'dev-admin-gerile')
    expect((await cloud.ok(HRSS, 'case.get', { caseId: 'case-9002' })).allowedSteps).toEqual(['pensionHandedOver'])
    expect((await cloud.ok(MEDICAL, 'case.get', { caseId: 'case-9002' })).allowedSteps).toEqual([])
    // 医保局 cannot record 人社局's step, nor the community either.
    expect(await step(cloud, MEDICAL, 'case-9002', PENSION)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('人社局') } })
    expect(await step(cloud, 'dev-admin-gerile', 'case-9002', PENSION)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await step(cloud, HRSS, 'case-9002', { type: 'pensionHandedOver' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await step(cloud, HRSS, 'case-9002', PENSION)).toMatchObject({ ok: true })
    expect((await cloud.store.getCase('case-9002'))!.summary.stages.socialSecurity).toMatchObject({ state: 'open', party: 'medicalInsurance' })
    expect(await step(cloud, HRSS, 'case-9002', MEDICAL_STEP)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('医保局') } })
    expect((await cloud.ok(MEDICAL, 'case.get', { caseId: 'case-9002' })).allowedSteps).toEqual(['medicalInsuranceHandedOver'])
    expect(await step(cloud, MEDICAL, 'case-9002', MEDICAL_STEP)).toMatchObject({ ok: true })
    expect((await cloud.store.getCase('case-9002'))!.summary.stages.socialSecurity).toMatchObject({ state: 'done' })
    cloud.close()
  })

  test('the retiree’s timeline names the bureau that answers now, with its phone, and the other', async () => {
    const cloud = await seededCloud({ count: 10 })
    // case-0003 (dev-retiree-3) is past the agreement.
    const stage = async () => (await cloud.ok('dev-retiree-3', 'case.myStatus')).stages.find((s: { id: string }) => s.id === 'socialSecurity')
    expect(await stage()).toMatchObject({ responsibleName: '市人社局、市医保局', contact: { name: '市人社局', phone: '0479-7522604' }, moreContacts: [{ name: '市医保局', phone: '0479-7522605' }] })
    expect(await step(cloud, HRSS, 'case-0003', PENSION)).toMatchObject({ ok: true })
    expect(await stage()).toMatchObject({ contact: { name: '市医保局', phone: '0479-7522605' }, moreContacts: [{ name: '市人社局', phone: '0479-7522604' }] })
    cloud.close()
  })

  test('each bureau has its bar on its own home and on the office’s board', async () => {
    const cloud = await seededCloud({ count: 40 })
    const mine = await cloud.ok(HRSS, 'board.mine')
    expect(mine.unit).toMatchObject({ key: 'hrss', name: '市人社局', stages: [{ stage: 'socialSecurity' }] })
    expect((await cloud.ok(MEDICAL, 'board.mine')).unit).toMatchObject({ key: 'medicalInsurance', name: '市医保局' })
    const board = await cloud.ok(OFFICE, 'board.overview')
    expect(board.units.map((u: { key: string }) => u.key)).toEqual(expect.arrayContaining(['hrss', 'medicalInsurance', 'communityParty:com-wulan']))
    expect(board.stages.find((s: { id: string }) => s.id === 'agreement').responsibleName).toBe('接收社区、原企业')
    cloud.close()
  })
})

describe('the two-sided agreement on the board', () => {
  test('until the community signs the community answers; then the enterprise does', async () => {
    const cloud = await seededCloud({ count: 10 })
    await cloud.addCase('case-9001', {})
    const c = (await cloud.store.getCase('case-9001'))!
    await cloud.store.commit({ cases: [{ next: withSteps(erenhot2019, c, ['rosterConfirmed', 'materialsSubmitted']), expectedVersion: c.version }] })
    const agreementOf = async (userId: string) => (await cloud.ok(userId, 'board.mine')).unit.stages.find((s: { stage: string }) => s.stage === 'agreement')
    const [community, enterprise] = [await agreementOf(ADMIN), await agreementOf(ENT)]
    const draft = await cloud.ok(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-9001'] })
    await cloud.ok(ADMIN, 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
    // The signature is a step of the case, recorded with the agreement.
    expect((await cloud.store.getCase('case-9001'))!.actions.at(-1)).toMatchObject({ type: 'agreementCommunitySigned', agreementId: draft.id, by: { userId: ADMIN } })
    const [communityAfter, enterpriseAfter] = [await agreementOf(ADMIN), await agreementOf(ENT)]
    expect(communityAfter.open).toBe(community.open - 1)
    expect(communityAfter.waiting).toBe(community.waiting + 1)
    expect(enterpriseAfter.open).toBe(enterprise.open + 1)
    expect(enterpriseAfter.waiting).toBe(enterprise.waiting - 1)
    cloud.close()
  })
})

describe('invites for the new roles', () => {
  test('a community admin invites its own party secretary; the organisation department any; the office a bureau’s officer', async () => {
    const cloud = await seededCloud({ count: 10 })
    expect(await cloud.call(ADMIN, 'staff.invite', { role: 'communityPartySecretary', orgId: 'com-wulan' })).toMatchObject({ ok: true, data: { roleName: '社区党组织书记', orgName: '乌兰社区' } })
    expect(await cloud.call(ADMIN, 'staff.invite', { role: 'communityPartySecretary', orgId: 'com-gerile' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call(PARTY, 'staff.invite', { role: 'communityPartySecretary', orgId: 'com-gerile' })).toMatchObject({ ok: true, data: { orgName: '格日勒社区' } })
    expect(await cloud.call(PARTY, 'staff.invite', { role: 'gridWorker', orgId: 'com-gerile' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.ok(PARTY, 'staff.invites')).items.map((i: { roleName: string }) => i.roleName)).toEqual(['社区党组织书记'])
    expect((await cloud.ok(OFFICE, 'staff.orgs', { role: 'socialSecurityOfficer' })).items).toEqual([
      { orgId: 'hrss', name: '市人社局' },
      { orgId: 'medicalInsurance', name: '市医保局' },
    ])
    expect(await cloud.call(OFFICE, 'staff.invite', { role: 'socialSecurityOfficer', orgId: 'medicalInsurance' })).toMatchObject({ ok: true, data: { orgName: '市医保局' } })
    expect(await cloud.call(OFFICE, 'staff.invite', { role: 'socialSecurityOfficer', orgId: 'office' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    // The organisation department removes party secretaries only.
    expect((await cloud.ok(PARTY, 'staff.members')).items.map((m: { userId: string }) => m.userId)).toEqual([SECRETARY])
    expect(await cloud.call(PARTY, 'staff.remove', { userId: 'dev-grid-wulan' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.ok(PARTY, 'staff.remove', { userId: SECRETARY })).items).toEqual([])
    cloud.close()
  })
})
