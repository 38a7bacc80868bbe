/**
 * Full case lives through the handlers, per category: roster → materials → agreement (draft,
 * community signature, enterprise countersignature) → file (archives batch) → party relation →
 * social security → in-person check and take-in. Plus the refusals and the races.
 */
import { seededCloud } from '../../../test/support/cloudHarness'
import type { CaseCategories } from '../../../shared/Category'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const ENT = 'dev-ent-water'
const ADMIN = 'dev-admin-wulan'
const GRID = 'dev-grid-wulan'
const ARCHIVES = 'dev-archives'

async function step(cloud: Cloud, userId: string, caseId: string, s: object) {
  return cloud.ok(userId, 'case.recordStep', { caseId, expectedVersion: await cloud.versionOf(caseId), step: s })
}

/** Uploads every material, confirms the hukou community, and submits. */
async function submitMaterials(cloud: Cloud, caseId: string) {
  for (const item of ['application', 'nameList', 'fileRoster', 'householdRegister', 'idCard']) {
    await cloud.ok(ENT, 'materials.attach', { caseId, item, fileId: cloud.upload(ENT, caseId) })
  }
  await cloud.ok(ENT, 'materials.confirmHukou', { caseId })
  return cloud.ok(ENT, 'materials.submit', { caseId, expectedVersion: await cloud.versionOf(caseId) })
}

async function throughAgreement(cloud: Cloud, caseIds: string[], community = 'com-wulan') {
  for (const id of caseIds) {
    await step(cloud, ENT, id, { type: 'rosterConfirmed' })
    await submitMaterials(cloud, id)
  }
  const draft = await cloud.ok(ENT, 'agreement.draft', { communityId: community, caseIds })
  const signed = await cloud.ok(community === 'com-wulan' ? ADMIN : 'x', 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
  return cloud.ok(ENT, 'agreement.countersign', { id: draft.id, expectedVersion: signed.version })
}

/** Scans the retiree's QR code (a pass signed as visit.issuePass signs it): the proof visit.record asks for. */
async function scanPass(cloud: Cloud, worker: string, caseId: string): Promise<string> {
  const token = cloud.deps.visitTokens.sign(caseId, new Date(cloud.clock.now().getTime() + 300_000))
  return (await cloud.ok(worker, 'visit.open', { token })).visitProofId
}

async function visitAndTakeIn(cloud: Cloud, caseId: string, worker = GRID) {
  const visitProofId = await scanPass(cloud, worker, caseId)
  await cloud.ok(worker, 'visit.record', { caseId, expectedVersion: await cloud.versionOf(caseId), identityChecked: true, materialsChecked: true, visitProofId })
  return step(cloud, worker, caseId, { type: 'takenIn' })
}

const PARTY_SECRETARY = 'dev-partysec-wulan'
const HRSS = 'dev-hrss'
const MEDICAL = 'dev-medical'

/** 人社局 checks the pension, then 医保局 the medical insurance (plan 四（六）). */
async function socialSecurity(cloud: Cloud, caseId: string) {
  await step(cloud, HRSS, caseId, { type: 'pensionHandedOver', pensionOnTime: true })
  return step(cloud, MEDICAL, caseId, { type: 'medicalInsuranceHandedOver', medicalContinued: true, management: 'local', supplementaryOnChannel: true })
}

async function life(categories: Partial<CaseCategories>) {
  const cloud = await seededCloud({ count: 10 })
  await cloud.addCase('case-9001', { categories })
  const signed = await throughAgreement(cloud, ['case-9001'])
  expect(signed.status).toBe('signed')
  return cloud
}

describe('a full case life per category', () => {
  test('ordinary SOE retiree', async () => {
    const cloud = await life({})
    const batch = await cloud.ok(ARCHIVES, 'archives.batch', { enterpriseId: 'ent-water', caseIds: ['case-9001'] })
    expect(batch).toEqual({ done: [{ caseId: 'case-9001', name: '张秀兰', step: 'personnelFileTransferred' }], skipped: [] })
    await socialSecurity(cloud, 'case-9001')
    const done = await visitAndTakeIn(cloud, 'case-9001')
    expect(done.case.currentStageName).toBe('已纳入社区管理')
    const c = (await cloud.store.getCase('case-9001'))!
    expect(c.summary.done).toBe(true)
    expect(c.actions.map((a) => a.type)).toEqual(['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned', 'personnelFileTransferred', 'pensionHandedOver', 'medicalInsuranceHandedOver', 'visitRecorded', 'takenIn'])
    // Every action emitted its notification event and was audited.
    const events = (await cloud.store.listDocs('outboxEvent', { caseId: 'case-9001' }, { limit: 50 })).items
    expect(events.map((e) => e.type).sort()).toEqual([...c.actions.map((a) => a.type)].sort())
    expect(events.every((e) => e.status === 'pending')).toBe(true)
    const audit = await cloud.store.listAudit('case-9001')
    expect(audit.filter((a) => a.outcome === 'done' && a.changes.some((x) => x.field === 'actions')).length).toBe(c.actions.length)
    // The materials were audited too: five uploads and the hukou check.
    expect(audit.filter((a) => a.action === 'materials.attach').length).toBe(6)
    cloud.close()
  })

  test('party member: relation transferred, then a branch', async () => {
    const cloud = await life({ partyMember: true })
    await cloud.ok(ARCHIVES, 'archives.batch', { enterpriseId: 'ent-water', caseIds: ['case-9001'] })
    await socialSecurity(cloud, 'case-9001')
    expect(await cloud.call(GRID, 'case.recordStep', { caseId: 'case-9001', expectedVersion: await cloud.versionOf('case-9001'), step: { type: 'takenIn' } })).toMatchObject({ ok: false })
    await step(cloud, PARTY_SECRETARY, 'case-9001', { type: 'partyRelationTransferred' })
    await step(cloud, PARTY_SECRETARY, 'case-9001', { type: 'partyBranchAssigned', branchName: '乌兰社区第一党支部' })
    await visitAndTakeIn(cloud, 'case-9001')
    expect((await cloud.store.getCase('case-9001'))!.summary.done).toBe(true)
    cloud.close()
  })

  test('市委-managed leader: the file stays; the archives batch skips it with the reason', async () => {
    const cloud = await life({ municipalCadre: true })
    const batch = await cloud.ok(ARCHIVES, 'archives.batch', { enterpriseId: 'ent-water', caseIds: ['case-9001'] })
    expect(batch.done).toEqual([])
    expect(batch.skipped[0].reason).toContain('人事档案不移交')
    await socialSecurity(cloud, 'case-9001')
    await visitAndTakeIn(cloud, 'case-9001')
    expect((await cloud.store.getCase('case-9001'))!.summary.done).toBe(true)
    cloud.close()
  })

  test('classified department: the batch takes the confidential route', async () => {
    const cloud = await life({ classified: true })
    const batch = await cloud.ok(ARCHIVES, 'archives.batch', { enterpriseId: 'ent-water', caseIds: ['case-9001'] })
    expect(batch.done[0].step).toBe('classifiedFileHandled')
    cloud.close()
  })

  test('离休: refused at the roster, and cannot be put in an agreement', async () => {
    const cloud = await seededCloud({ count: 10 })
    await cloud.addCase('case-9001', { categories: { employment: 'retiredCadre' } })
    expect(await cloud.call(ENT, 'case.recordStep', { caseId: 'case-9001', expectedVersion: 1, step: { type: 'rosterConfirmed' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('离休人员') },
    })
    expect(await cloud.call(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-9001'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await cloud.store.getCase('case-9001'))!.actions).toEqual([])
    cloud.close()
  })

  test('public-institution retiree: transferred together, like an ordinary one', async () => {
    const cloud = await life({ employment: 'publicInstitutionRetiree' })
    await cloud.ok(ARCHIVES, 'archives.batch', { enterpriseId: 'ent-water', caseIds: ['case-9001'] })
    await socialSecurity(cloud, 'case-9001')
    await visitAndTakeIn(cloud, 'case-9001')
    expect((await cloud.store.getCase('case-9001'))!.summary.done).toBe(true)
    cloud.close()
  })

  test('long-term resident elsewhere: the hukou community takes them in; the residence community cannot', async () => {
    const cloud = await seededCloud({ count: 10 })
    await cloud.addCase('case-9001', { categories: { livesAwayFromHukou: true }, residenceCommunityId: 'com-gerile' })
    await throughAgreement(cloud, ['case-9001'])
    await cloud.ok(ARCHIVES, 'archives.batch', { enterpriseId: 'ent-water', caseIds: ['case-9001'] })
    await socialSecurity(cloud, 'case-9001')
    const foreign = await cloud.call('dev-grid-gerile', 'visit.record', { caseId: 'case-9001', expectedVersion: await cloud.versionOf('case-9001'), identityChecked: true, materialsChecked: true })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await visitAndTakeIn(cloud, 'case-9001')
    expect((await cloud.store.getCase('case-9001'))!.summary.done).toBe(true)
    cloud.close()
  })
})

describe('agreements', () => {
  test('only cases ready for the agreement and received by that community can be included', async () => {
    const cloud = await seededCloud({ count: 10 })
    await cloud.addCase('case-9001')
    expect(await cloud.call(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-9001'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('前面的环节') } })
    await cloud.addCase('case-9002', { hukouCommunityId: 'com-gerile' })
    expect(await cloud.call(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-9002'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    cloud.close()
  })

  test('the community signs first, then the enterprise; a community cannot sign another’s agreement', async () => {
    const cloud = await seededCloud({ count: 10 })
    await cloud.addCase('case-9001')
    await step(cloud, ENT, 'case-9001', { type: 'rosterConfirmed' })
    await submitMaterials(cloud, 'case-9001')
    const draft = await cloud.ok(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-9001'] })
    expect(await cloud.call(ENT, 'agreement.countersign', { id: draft.id, expectedVersion: draft.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('社区先签字') } })
    await cloud.store.commit({ users: [{ id: 'admin-gerile', role: 'communityAdmin', name: '格日勒主任', orgId: 'com-gerile' }] })
    expect(await cloud.call('admin-gerile', 'agreement.sign', { id: draft.id, expectedVersion: draft.version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const listed = await cloud.ok(ADMIN, 'agreement.list')
    expect(listed.items.map((a: { id: string; statusName: string }) => [a.id, a.statusName])).toContainEqual([draft.id, '待社区签字'])
    expect(await cloud.call(GRID, 'case.recordStep', { caseId: 'case-9001', expectedVersion: await cloud.versionOf('case-9001'), step: { type: 'agreementSigned', agreementId: draft.id } })).toMatchObject({ ok: false })
    cloud.close()
  })
})

describe('races: exactly one wins, the other gets a conflict, nothing is lost', () => {
  test('two workers taking in the same person', async () => {
    const cloud = await life({})
    await cloud.ok(ARCHIVES, 'archives.batch', { enterpriseId: 'ent-water', caseIds: ['case-9001'] })
    await socialSecurity(cloud, 'case-9001')
    await cloud.ok(GRID, 'visit.record', { caseId: 'case-9001', expectedVersion: await cloud.versionOf('case-9001'), identityChecked: true, materialsChecked: true, visitProofId: await scanPass(cloud, GRID, 'case-9001') })
    const version = await cloud.versionOf('case-9001')
    const results = await Promise.all([GRID, ADMIN].map((u) => cloud.call(u, 'case.recordStep', { caseId: 'case-9001', expectedVersion: version, step: { type: 'takenIn' } })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT'])
    expect((await cloud.store.getCase('case-9001'))!.actions.filter((a) => a.type === 'takenIn')).toHaveLength(1)
    cloud.close()
  })

  test('an agreement countersigned while one of its cases is edited: conflict, and nothing is half-written', async () => {
    const cloud = await seededCloud({ count: 10 })
    for (const id of ['case-9001', 'case-9002']) {
      await cloud.addCase(id)
      await step(cloud, ENT, id, { type: 'rosterConfirmed' })
      await submitMaterials(cloud, id)
    }
    const draft = await cloud.ok(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-9001', 'case-9002'] })
    const signed = await cloud.ok(ADMIN, 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
    // The case is edited between the countersignature's read and its write.
    const store = cloud.store
    const realCommit = store.commit.bind(store)
    let edited = false
    store.commit = async (change) => {
      if (!edited && change.agreements?.length && change.cases?.length) {
        edited = true
        await cloud.ok(GRID, 'visit.record', { caseId: 'case-9002', expectedVersion: await cloud.versionOf('case-9002'), identityChecked: true, materialsChecked: false, visitProofId: await scanPass(cloud, GRID, 'case-9002') })
      }
      return realCommit(change)
    }
    const res = await cloud.call(ENT, 'agreement.countersign', { id: draft.id, expectedVersion: signed.version })
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await store.getAgreement(draft.id))!.status).toBe('communitySigned')
    expect((await store.getCase('case-9001'))!.actions.map((a) => a.type)).toEqual(['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned'])
    expect((await store.getCase('case-9002'))!.actions.map((a) => a.type)).toEqual(['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'visitRecorded'])
    // Signing again on fresh versions works.
    expect((await cloud.ok(ENT, 'agreement.countersign', { id: draft.id, expectedVersion: signed.version })).status).toBe('signed')
    cloud.close()
  })
})

describe('the grid worker’s queue', () => {
  test('filters by stage, overdue, not yet verified, and name; only the community’s cases', async () => {
    const cloud = await seededCloud({ count: 60 })
    const all = await cloud.ok(GRID, 'case.list', { limit: 100 })
    const cases = await Promise.all(all.items.map((i: { id: string }) => cloud.store.getCase(i.id)))
    expect(cases.every((c) => c!.summary.receivingCommunityId === 'com-wulan')).toBe(true)
    const overdue = await cloud.ok(GRID, 'case.list', { overdue: true, limit: 100 })
    expect(overdue.items.length).toBeGreaterThan(0)
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true)
    const byStage = await cloud.ok(GRID, 'case.list', { stage: 'agreement', limit: 100 })
    expect(byStage.items.every((i: { currentStage: string }) => i.currentStage === 'agreement')).toBe(true)
    const unverified = await cloud.ok(GRID, 'case.list', { unverified: true, limit: 100 })
    expect(unverified.items.map((i: { id: string }) => i.id)).not.toContain('case-0005')
    expect((await cloud.ok(GRID, 'case.list', { name: '斯日古楞' })).items.map((i: { id: string }) => i.id)).toEqual(['case-0001'])
    cloud.close()
  })
})

describe('correction requests', () => {
  async function disputed(cloud: Cloud) {
    const { version } = await cloud.ok('dev-retiree-1', 'details.get')
    await cloud.ok('dev-retiree-1', 'details.dispute', { expectedVersion: version, fields: [{ field: 'hukouAddress', reason: '应为12号' }, { field: 'partyMember', reason: '我是党员' }, { field: 'name', reason: '名字少写了一个字' }] })
    const list = await cloud.ok(ENT, 'correction.list', { status: 'open' })
    return list.items[0]
  }

  test('accepting changes the fields, with an audit entry; the retiree sees the answer', async () => {
    const cloud = await seededCloud({ count: 10 })
    const request = await disputed(cloud)
    const res = await cloud.ok(ENT, 'correction.answer', {
      id: request.id,
      expectedVersion: request.version,
      decision: { kind: 'accept', values: { hukouAddress: '二连浩特市乌兰大街12号', partyMember: '是', name: '其其格 ． 巴　图' }, answer: '已核实，按您说的改了。' },
    })
    expect(res.items[0]).toMatchObject({ status: 'accepted', answer: '已核实，按您说的改了。' })
    const c = (await cloud.store.getCase('case-0001'))!
    // A name is stored as every typed name is (PersonName.ts): the dot as ·, spaces beside it gone, its own kept.
    expect(c.person.name).toBe('其其格·巴 图')
    expect(c.person.hukouAddress).toBe('二连浩特市乌兰大街12号')
    expect(c.categories.partyMember).toBe(true)
    // Now a party member, the party stage applies to them (it waits for the agreement).
    const timeline = await cloud.ok('dev-retiree-1', 'case.myStatus')
    expect(timeline.stages.find((x: { id: string }) => x.id === 'partyRelation').status).toBe('waiting')
    const audit = (await cloud.store.listAudit('case-0001')).find((a) => a.action === 'correction.answer')!
    expect(audit.changes).toContainEqual({ field: 'person.hukouAddress', before: expect.any(String), after: '二连浩特市乌兰大街12号' })
    const view = await cloud.ok('dev-retiree-1', 'details.get')
    expect(view.corrections[0]).toMatchObject({ statusName: '已核实并更正', answer: '已核实，按您说的改了。' })
    expect((await cloud.ok('dev-retiree-1', 'inbox.list')).items[0].title).toBe('您的信息已更正')
    cloud.close()
  })

  test('rejecting needs a reason; an answered request cannot be answered again; other enterprises cannot see it', async () => {
    const cloud = await seededCloud({ count: 10 })
    const request = await disputed(cloud)
    expect(await cloud.call(ENT, 'correction.answer', { id: request.id, expectedVersion: request.version, decision: { kind: 'reject', answer: ' ' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await cloud.call('dev-ent-heat', 'correction.answer', { id: request.id, expectedVersion: request.version, decision: { kind: 'reject', answer: '不对' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    await cloud.ok(ENT, 'correction.answer', { id: request.id, expectedVersion: request.version, decision: { kind: 'reject', answer: '档案记载为11号，请带户口本来核对。' } })
    expect(await cloud.call(ENT, 'correction.answer', { id: request.id, expectedVersion: request.version + 1, decision: { kind: 'reject', answer: '再说一次' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await cloud.store.getCase('case-0001'))!.person.hukouAddress).not.toBe('二连浩特市乌兰大街12号')
    cloud.close()
  })
})
