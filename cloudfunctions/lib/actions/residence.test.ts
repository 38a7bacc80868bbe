/**
 * 在本社区居住的外社区人员 through the router: the residence community's list, its services,
 * visits and identity check; the receiving (hukou) community still takes the person in.
 */
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { withSteps } from '../../../shared/testing/fixtures'
import { allCases } from '../../../shared/testing/fixtures'
import { seededCloud } from '../../../test/support/cloudHarness'

/** case-0006 (dev-retiree-6): hukou and receiving community com-gerile, lives in com-xinyuan. */
const CASE = 'case-0006'
const RESIDENCE_WORKER = 'dev-grid-xinyuan'
const HUKOU_WORKER = 'dev-grid-gerile'

test("a residence community lists exactly the people it serves and does not receive, page by page, masked", async () => {
  const cloud = await seededCloud({ count: 160 })
  const cases = await allCases(cloud.store)
  for (const [userId, community] of [
    [RESIDENCE_WORKER, 'com-xinyuan'],
    ['dev-grid-mandula', 'com-mandula'],
  ] as const) {
    const expected = cases.filter((c) => c.residenceCommunityId === community && c.summary.receivingCommunityId !== community).map((c) => c.id)
    expect(expected.length).toBeGreaterThan(1)
    const seen: string[] = []
    let after: string | undefined
    for (let n = 0; n < 50; n++) {
      const page = await cloud.ok(userId, 'residence.list', { limit: 2, ...(after ? { after } : {}) })
      for (const row of page.items) {
        seen.push(row.id)
        const c = cases.find((x) => x.id === row.id)!
        expect(row.phone).not.toBe(c.person.phone)
        expect(row.phone).toMatch(/\*{4}/)
        expect(row.hukouCommunityName).not.toBe('')
      }
      if (!page.nextCursor) break
      after = page.nextCursor
    }
    expect(seen).toEqual(expected)
  }
  // Staff who are not a community have no such list.
  expect(await cloud.call('dev-ent-water', 'residence.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  cloud.close()
})

test('the residence community records services, visits and the identity check, but no hand-over step; the hukou community takes the person in', async () => {
  const cloud = await seededCloud({ count: 40 })
  const start = (await cloud.store.getCase(CASE))!
  expect(start).toMatchObject({ hukouCommunityId: 'com-gerile', residenceCommunityId: 'com-xinyuan', summary: { receivingCommunityId: 'com-gerile' } })
  const ready = withSteps(erenhot2019, start, ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver'])
  await cloud.store.commit({ cases: [{ next: { ...ready, version: start.version + 1 }, expectedVersion: start.version }] })

  // The case card and the hand-over steps are the receiving community's.
  expect(await cloud.call(RESIDENCE_WORKER, 'case.get', { caseId: CASE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  const refusedStep = await cloud.call(RESIDENCE_WORKER, 'case.recordStep', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), step: { type: 'takenIn' } })
  expect(refusedStep).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect((await cloud.newAudit(CASE)).map((e) => [e.action, e.outcome])).toEqual([
    ['case.get', 'refused'],
    ['case.recordStep', 'refused'],
  ])

  // A service, with what was given.
  const row = await cloud.ok(RESIDENCE_WORKER, 'residence.recordService', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), service: '上门看望', note: '身体硬朗' })
  expect(row).toMatchObject({ id: CASE, lastService: { service: '上门看望' }, identityCheckedAt: null })
  const served = (await cloud.store.getCase(CASE))!
  expect(served.actions.at(-1)).toMatchObject({ type: 'serviceRecorded', service: '上门看望', communityId: 'com-xinyuan', by: { userId: RESIDENCE_WORKER, role: 'gridWorker' } })
  expect(served.summary).toEqual(ready.summary)
  expect((await cloud.newAudit(CASE)).at(-1)).toMatchObject({ action: 'residence.recordService', outcome: 'done', actor: { userId: RESIDENCE_WORKER } })
  // Too long a service is refused with a message, and nothing is written.
  const long = await cloud.call(RESIDENCE_WORKER, 'residence.recordService', { caseId: CASE, expectedVersion: served.version, service: '服'.repeat(41) })
  expect(long).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  expect(await cloud.versionOf(CASE)).toBe(served.version)

  // The receiving community and a third one record no residence service.
  for (const who of [HUKOU_WORKER, 'dev-grid-wulan']) {
    expect(await cloud.call(who, 'residence.recordService', { caseId: CASE, expectedVersion: served.version, service: '上门看望' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  }

  // The in-person identity check: the retiree's pass opens the case for the residence worker, without steps to record.
  const pass = await cloud.ok('dev-retiree-6', 'visit.issuePass')
  const opened = await cloud.ok(RESIDENCE_WORKER, 'visit.open', { token: pass.token })
  expect(opened.allowedSteps).toEqual([])
  await cloud.ok(RESIDENCE_WORKER, 'visit.record', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), identityChecked: true, materialsChecked: false, visitProofId: opened.visitProofId })
  const checked = (await cloud.store.getCase(CASE))!
  expect(checked.actions.at(-1)).toMatchObject({ type: 'visitRecorded', identityChecked: true, communityId: 'com-xinyuan', by: { userId: RESIDENCE_WORKER } })
  const list = await cloud.ok(RESIDENCE_WORKER, 'residence.list', { limit: 100 })
  expect(list.items.find((i: { id: string }) => i.id === CASE)).toMatchObject({ identityCheckedHere: true, lastService: { service: '上门看望' } })

  // Take-in stays with the hukou community, which the residence community's check now lets go ahead.
  const hukouView = await cloud.ok(HUKOU_WORKER, 'case.get', { caseId: CASE })
  expect(hukouView.allowedSteps).toEqual(['takenIn'])
  const takenIn = await cloud.ok(HUKOU_WORKER, 'case.recordStep', { caseId: CASE, expectedVersion: checked.version, step: { type: 'takenIn' } })
  expect(takenIn.case.currentStageName).toBe('已纳入社区管理')
  cloud.close()
})

test('where the policy receives people where they live, the residence community is the receiving one and has no one in its residence list', async () => {
  const cloud = await seededCloud({ count: 40 })
  const c = (await cloud.store.getCase(CASE))!
  await cloud.store.commit({ cases: [{ next: { ...c, version: c.version + 1, summary: { ...c.summary, receivingCommunityId: 'com-xinyuan' } }, expectedVersion: c.version }] })
  const list = await cloud.ok(RESIDENCE_WORKER, 'residence.list', { limit: 100 })
  expect(list.items.map((i: { id: string }) => i.id)).not.toContain(CASE)
  expect((await cloud.ok(RESIDENCE_WORKER, 'case.get', { caseId: CASE })).case.id).toBe(CASE)
  expect(await cloud.call(RESIDENCE_WORKER, 'residence.recordService', { caseId: CASE, expectedVersion: c.version + 1, service: '上门看望' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  cloud.close()
})
