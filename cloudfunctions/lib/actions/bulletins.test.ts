import { assessment } from '../../../shared/Assessment'
import { unitKey, unitStandings } from '../../../shared/Board'
import { bulletinId, bulletinLink, type Bulletin, type BulletinContent } from '../../../shared/Bulletin'
import { erenhot2019 as policy } from '../../../shared/policies/erenhot2019'
import { unitNamer } from '../../../shared/UnitNames'
import { seededCloud } from '../../../test/support/cloudHarness'
import { explore, outcomes } from '../../../test/support/racingCloud'
import { auditIds, auditSince } from '../../../test/security/storeTrace'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
let cloud: Cloud
beforeEach(async () => {
  cloud = await seededCloud()
})
afterEach(() => cloud.close())

const TODAY = '2020-03-20'
const OFFICE = 'dev-office'

async function names() {
  return unitNamer(policy, { enterprises: await cloud.store.listEnterprises(), communities: await cloud.store.listCommunities() })
}

async function messagesOf(userId: string) {
  return (await cloud.store.listDocs('staffMessage', { recipientUserId: userId }, { limit: 1000 })).items
}

describe('bulletin actions', () => {
  it('previews the next bulletin from the maintained figures, storing nothing', async () => {
    const before = auditIds(cloud.store)
    const messagesBefore = await messagesOf('dev-ent-water')
    const content = await cloud.ok<BulletinContent>(OFFICE, 'bulletin.preview', { date: TODAY })
    const standings = unitStandings(policy, await cloud.store.readFigures(''), TODAY)
    const name = await names()
    expect(content.number).toBe(1)
    expect(content.units.map((u) => u.unitKey).sort()).toEqual(standings.map((s) => unitKey(s.unit)).sort())
    for (const s of standings) {
      expect(content.units.find((u) => u.unitKey === unitKey(s.unit))).toMatchObject({ name: name(s.unit), rate: s.rate, ...s.total })
    }
    expect(content.units.some((u) => u.overdue > 0)).toBe(true)
    expect(await cloud.store.getDoc('bulletin', bulletinId(1))).toBeNull()
    expect(await messagesOf('dev-ent-water')).toEqual(messagesBefore)
    expect(auditSince(cloud.store, before)).toEqual([])
  })

  it('issues bulletins one number after another, each sent once to the staff of every unit it names, and audited', async () => {
    const before = auditIds(cloud.store)
    const first = await cloud.ok<Bulletin>(OFFICE, 'bulletin.issue', { date: TODAY, number: 1 })
    expect(first).toMatchObject({ id: bulletinId(1), number: 1, date: TODAY, issuedBy: OFFICE, content: { number: 1, previous: null } })
    expect(await cloud.store.getDoc('bulletin', bulletinId(1))).toEqual(first)
    expect(auditSince(cloud.store, before)).toEqual([expect.objectContaining({ action: 'bulletin.issue', outcome: 'done' })])
    for (const [userId, key] of [
      ['dev-ent-water', 'enterprise:ent-water'],
      ['dev-admin-wulan', 'community:com-wulan'],
      ['dev-archives', 'archives'],
      ['dev-partysec-wulan', 'communityParty:com-wulan'],
      ['dev-hrss', 'hrss'],
      ['dev-medical', 'medicalInsurance'],
    ]) {
      const unit = first.content.units.find((u) => u.unitKey === key)!
      const mine = (await messagesOf(userId)).filter((m) => m.id.startsWith('bulletin|'))
      expect(mine).toEqual([expect.objectContaining({ id: `bulletin|1|${userId}`, link: bulletinLink(1), title: expect.stringContaining('第1期通报') })])
      expect(mine[0].body).toContain(`排第 ${unit.rank} 名`)
    }
    // Grid workers and the office itself are not sent the bulletin.
    expect((await messagesOf('dev-grid-wulan')).filter((m) => m.id.startsWith('bulletin|'))).toEqual([])

    const again = await cloud.call(OFFICE, 'bulletin.issue', { date: TODAY, number: 1 })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await cloud.call(OFFICE, 'bulletin.issue', { date: TODAY, number: 3 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('第2期') } })
    expect(await cloud.store.getDoc('bulletin', bulletinId(1))).toEqual(first)

    expect((await cloud.ok<BulletinContent>(OFFICE, 'bulletin.preview', { date: TODAY })).number).toBe(2)
    const second = await cloud.ok<Bulletin>(OFFICE, 'bulletin.issue', { date: TODAY, number: 2 })
    expect(second.content.previous).toEqual({ number: 1, date: TODAY, total: { overdue: first.content.total.overdue, rate: first.content.total.rate } })
    expect(second.content.changes).toHaveLength(first.content.units.length)
    expect((await messagesOf('dev-ent-water')).filter((m) => m.id.startsWith('bulletin|')).map((m) => m.id).sort()).toEqual(['bulletin|1|dev-ent-water', 'bulletin|2|dev-ent-water'])
  })

  it('lists issued bulletins newest first, page by page, and shows one to any member of staff', async () => {
    for (let n = 1; n <= 5; n++) await cloud.ok(OFFICE, 'bulletin.issue', { date: TODAY, number: n })
    const page1 = await cloud.ok(OFFICE, 'bulletin.list', { limit: 2 })
    expect(page1.items.map((b: { number: number }) => b.number)).toEqual([5, 4])
    const page2 = await cloud.ok('dev-ent-water', 'bulletin.list', { limit: 2, after: page1.nextCursor })
    expect(page2.items.map((b: { number: number }) => b.number)).toEqual([3, 2])
    const page3 = await cloud.ok(OFFICE, 'bulletin.list', { limit: 2, after: page2.nextCursor })
    expect(page3).toEqual({ items: [expect.objectContaining({ number: 1, date: TODAY })], nextCursor: null })
    expect(await cloud.ok('dev-grid-wulan', 'bulletin.get', { number: 3 })).toMatchObject({ number: 3 })
    expect(await cloud.call('dev-ent-water', 'bulletin.get', { number: 9 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('dev-retiree-1', 'bulletin.get', { number: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('dev-ent-water', 'bulletin.issue', { date: TODAY, number: 6 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('dev-ent-water', 'assessment.preview', { date: TODAY })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('writes a bulletin for today only: the figures are kept current', async () => {
    expect(await cloud.call(OFFICE, 'bulletin.preview', { date: '2020-03-19' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('2020年3月20日') } })
    expect(await cloud.call(OFFICE, 'bulletin.issue', { date: '2020-3-20', number: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('gives the assessment for any date from the maintained figures', async () => {
    const view = await cloud.ok(OFFICE, 'assessment.preview', { date: '2020-10-31' })
    expect(view).toEqual(assessment(policy, await cloud.store.readFigures(''), '2020-10-31', await names()))
    expect(view.weights.example).toBe(true)
    expect(view.rows.some((r: { due: number }) => r.due > 0)).toBe(true)
  })
})

describe('two offices issuing one number at once', () => {
  it('stores one bulletin and one set of messages; the other gets CONFLICT and writes nothing', async () => {
    await explore(
      async () => null,
      (call) => [call(OFFICE, 'bulletin.issue', { date: TODAY, number: 1 }), call(OFFICE, 'bulletin.issue', { date: TODAY, number: 1 })],
      async (results, raced) => {
        expect(outcomes(results)).toEqual({ ok: 1, CONFLICT: 1 })
        const stored = await raced.store.getDoc('bulletin', bulletinId(1))
        expect(stored).toEqual(results.find((r) => r.ok)!.data)
        const sent = (await raced.store.listDocs('staffMessage', { recipientUserId: 'dev-ent-water' }, { limit: 1000 })).items.filter((m) => m.id.startsWith('bulletin|'))
        expect(sent.map((m) => m.id)).toEqual(['bulletin|1|dev-ent-water'])
        const issued = (raced.store.db.prepare('SELECT doc FROM audit').all() as Array<{ doc: string }>).filter((r) => JSON.parse(r.doc).action === 'bulletin.issue')
        expect(issued).toHaveLength(1)
      },
    )
  })
})
