/** case.queue: a community's work queue, overdue first, by deadline, with true totals per band, page by page. */
import type { RetireeCase } from '../../../shared/Case'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { QUEUE_BANDS, queueBand } from '../../../shared/WorkQueue'
import { seededCloud } from '../../../test/support/cloudHarness'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

async function communityCases(cloud: Cloud, communityId: string): Promise<RetireeCase[]> {
  const out: RetireeCase[] = []
  let after: string | undefined
  for (;;) {
    const page = await cloud.store.listCases({ receivingCommunityId: communityId, limit: 1000, after })
    out.push(...page.items)
    if (!page.nextCursor) return out
    after = page.nextCursor
  }
}

async function wholeGroup(cloud: Cloud, userId: string, group: string, limit: number) {
  const items: Array<{ id: string; band: string | null; nextDeadline: string | null }> = []
  let after: string | undefined
  let first: any = null
  for (let n = 0; n < 100; n++) {
    const view = await cloud.ok(userId, 'case.queue', { group, limit, ...(after ? { after } : {}) })
    if (n === 0) first = view
    else expect(view.totals).toBeNull()
    items.push(...view.items)
    if (!view.nextCursor) return { first, items }
    after = view.nextCursor
  }
  throw new Error('pagination did not end')
}

test('the open queue of a community: overdue first, then by deadline, every open person once; the totals are the whole community’s', async () => {
  const cloud = await seededCloud({ count: 320 })
  const today = chinaDateOf(cloud.clock.now())
  const mine = await communityCases(cloud, 'com-wulan')
  const open = mine.filter((c) => c.summary.inScope && !c.summary.done)
  expect(open.length).toBeGreaterThan(20)
  const { first, items } = await wholeGroup(cloud, 'dev-grid-wulan', 'open', 20)
  expect(first.items).toHaveLength(20)
  expect(items.map((i) => i.id).sort()).toEqual(open.map((c) => c.id).sort())
  // Sorted by next deadline, undated last; so the bands come in their order.
  const deadlines = items.map((i) => i.nextDeadline ?? '~')
  expect(deadlines).toEqual([...deadlines].sort())
  const bands = items.map((i) => QUEUE_BANDS.indexOf(i.band as (typeof QUEUE_BANDS)[number]))
  expect(bands).toEqual([...bands].sort((a, b) => a - b))
  const expected = Object.fromEntries(QUEUE_BANDS.map((b) => [b, open.filter((c) => queueBand(c.summary.nextDeadline, today) === b).length]))
  expect(first.totals).toEqual({ ...expected, open: open.length, done: mine.filter((c) => c.summary.inScope && c.summary.done).length, outOfScope: mine.filter((c) => !c.summary.inScope).length })
  expect(first.totals.overdue).toBeGreaterThan(0)
  cloud.close()
})

test('taken-in and out-of-scope people are behind their own groups, and only there', async () => {
  const cloud = await seededCloud({ count: 320 })
  const mine = await communityCases(cloud, 'com-wulan')
  const done = await wholeGroup(cloud, 'dev-admin-wulan', 'done', 7)
  expect(done.items.map((i) => i.id).sort()).toEqual(mine.filter((c) => c.summary.inScope && c.summary.done).map((c) => c.id).sort())
  expect(done.items.length).toBeGreaterThan(0)
  expect(done.items.every((i) => i.band === null)).toBe(true)
  const out = await wholeGroup(cloud, 'dev-grid-wulan', 'outOfScope', 7)
  expect(out.items.map((i) => i.id).sort()).toEqual(mine.filter((c) => !c.summary.inScope).map((c) => c.id).sort())
  const open = await wholeGroup(cloud, 'dev-grid-wulan', 'open', 50)
  expect(open.items.some((i) => done.items.some((d) => d.id === i.id) || out.items.some((o) => o.id === i.id))).toBe(false)
  cloud.close()
})

test('only a community’s own staff have a queue: other roles are refused', async () => {
  const cloud = await seededCloud({ count: 40 })
  for (const userId of ['dev-party', 'dev-ent-water', 'dev-office', 'dev-retiree-1']) {
    expect((await cloud.call(userId, 'case.queue', {})).ok).toBe(false)
  }
  expect((await cloud.call('dev-grid-wulan', 'case.queue', { after: 'x'.repeat(121) })).ok).toBe(false)
  cloud.close()
})
