import type { NoticeBatchView } from '../../../shared/NoticeLetter'
import { sceneOfLandingUrl } from '../../../shared/Poster'
import { seededCloud } from '../../../test/support/cloudHarness'
import { readPdf } from '../../../test/support/pdf'
import { usePrintFont } from '../../../test/support/printFont'
import { reachabilityOf } from '../reachability'

beforeAll(() => usePrintFont())

const WORKER = 'dev-grid-wulan'

describe('printed notices (issue 14.2)', () => {
  test('one PDF for the batch: a page a retiree with no working digital channel, with name, standing, deadline, grid worker, community and a code that opens the community page', async () => {
    const cloud = await seededCloud()
    const batch = await cloud.ok<NoticeBatchView>(WORKER, 'print.notices')
    // Nobody in the seed has opened the mini-program in the last 30 days or had an SMS delivered.
    const { cases } = await reachabilityOf(cloud.store, { communityId: 'com-wulan' }, cloud.clock.now())
    const inScope = await Promise.all(cases.map(async (r) => ((await cloud.store.getCase(r.caseId))!.summary.inScope ? r.caseId : null)))
    expect(batch.people.map((p) => p.caseId)).toEqual(inScope.filter((id) => id !== null).sort())
    expect(batch).toMatchObject({ total: batch.people.length, nextAfter: null, partial: false })
    expect(batch.people.length).toBeGreaterThan(3)
    const pages = readPdf(Buffer.from(batch.file!.contentBase64, 'base64'))
    expect(pages).toHaveLength(batch.people.length)
    const first = await cloud.store.getCase('case-0001')
    const page = pages[batch.people.findIndex((p) => p.caseId === 'case-0001')].text.replace(/\s/g, '')
    for (const s of [`${first!.person.name}，您好`, '现在办到「签订移交协议」', '截止日期：2020年3月31日（还有11天）', '网格员：孟和，电话13904790101', '乌兰社区地址：二连浩特市乌兰大街88号', '办公时间：周一至周五8:30-12:00，14:30-18:00', '社区核对亲属关系后当面给他邀请码']) expect(page).toContain(s)
    // The letter carries the community's code only: it opens the ?scene= page, never the case.
    expect(new Set(pages.flatMap((p) => p.codes.map((c) => sceneOfLandingUrl(c ?? ''))))).toEqual(new Set(['WL01']))
    expect(pages.every((p) => !p.text.includes(first!.person.idNumber.masked.slice(0, 6)))).toBe(true)
    cloud.close()
  })

  test('a retiree who opened the mini-program is no longer printed for', async () => {
    const cloud = await seededCloud()
    const before = await cloud.ok<NoticeBatchView>(WORKER, 'print.notices')
    expect(before.people.map((p) => p.caseId)).toContain('case-0001')
    await cloud.ok('dev-retiree-1', 'session.me')
    const after = await cloud.ok<NoticeBatchView>(WORKER, 'print.notices')
    expect(after.people.map((p) => p.caseId)).toEqual(before.people.map((p) => p.caseId).filter((id) => id !== 'case-0001'))
    cloud.close()
  })

  test('the grid worker records a delivery: audited, shown on the next batch, and a notice handed over counts as reached in person', async () => {
    const cloud = await seededCloud()
    const reachedBy = async (id: string) => (await reachabilityOf(cloud.store, { caseIds: [id] }, cloud.clock.now())).cases[0].reachedBy
    expect(await reachedBy('case-0001')).toBe('none')
    expect(await cloud.ok(WORKER, 'notice.recordDelivery', { caseId: 'case-0001', outcome: 'nobodyThere' })).toMatchObject({ caseId: 'case-0001', outcome: 'nobodyThere' })
    expect(await reachedBy('case-0001')).toBe('none')
    await cloud.ok(WORKER, 'notice.recordDelivery', { caseId: 'case-0001', outcome: 'handedOver' })
    expect(await reachedBy('case-0001')).toBe('inPerson')
    const entries = (await cloud.newAudit('case-0001')).filter((e) => e.action === 'notice.recordDelivery')
    expect(entries.map((e) => [e.actor.userId, e.changes])).toEqual([
      [WORKER, [{ field: 'printed.outcome', before: null, after: 'nobodyThere' }]],
      [WORKER, [{ field: 'printed.outcome', before: 'nobodyThere', after: 'handedOver' }]],
    ])
    // Still without a digital channel, so still printed for, now with the delivery shown.
    const batch = await cloud.ok<NoticeBatchView>(WORKER, 'print.notices')
    expect(batch.people.find((p) => p.caseId === 'case-0001')!.delivery).toBe('handedOver')
    cloud.close()
  })

  test('another community\'s worker may not record a delivery, and the refusal is audited; a bad outcome writes nothing', async () => {
    const cloud = await seededCloud()
    expect(await cloud.call('dev-grid-gerile', 'notice.recordDelivery', { caseId: 'case-0001', outcome: 'handedOver' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call(WORKER, 'notice.recordDelivery', { caseId: 'case-0001', outcome: 'lost' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await cloud.store.getDoc('caseReach', 'case-0001')).toBeNull()
    expect((await cloud.newAudit('case-0001')).map((e) => [e.action, e.outcome])).toEqual([['notice.recordDelivery', 'refused']])
    cloud.close()
  })

  test('a batch reads each case and its reach once, in the community\'s listing: no case or reach document is read again one by one', async () => {
    const cloud = await seededCloud()
    await cloud.ok(WORKER, 'notice.recordDelivery', { caseId: 'case-0001', outcome: 'nobodyThere' })
    const getCase = jest.spyOn(cloud.store, 'getCase')
    const getDoc = jest.spyOn(cloud.store, 'getDoc')
    const batch = await cloud.ok<NoticeBatchView>(WORKER, 'print.notices')
    expect(batch.people.length).toBeGreaterThan(3)
    expect(batch.people.find((p) => p.caseId === 'case-0001')!.delivery).toBe('nobodyThere')
    expect(getCase).not.toHaveBeenCalled()
    expect(getDoc.mock.calls.filter(([kind]) => kind === 'caseReach')).toEqual([])
    cloud.close()
  })

  test('only the community\'s staff print notices', async () => {
    const cloud = await seededCloud()
    for (const user of ['dev-office', 'dev-retiree-1', 'dev-ent-water']) expect(await cloud.call(user, 'print.notices')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })
})
