/** reach.*: a unit's shares by channel and a community's people reachable by no channel, on the seeded demo. */
import { allCases } from '../../../shared/testing/fixtures'
import type { ReachShares, UnreachedView } from '../../../shared/Reachability'
import { seededCloud } from '../../../test/support/cloudHarness'
import { recordPrintedDelivery, recordSmsOutcome } from '../reachability'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

describe('reachability on the board', () => {
  let cloud: Cloud
  let wulan: string[]
  let outOfScope: string[]
  let smsCase: string
  let printedCase: string
  beforeAll(async () => {
    cloud = await seededCloud({ count: 160, now: '2020-04-20T02:00:00Z' })
    const all = (await allCases(cloud.store)).filter((c) => c.summary.receivingCommunityId === 'com-wulan')
    // Out of the hand-over's scope (离休, 另有规定): the community never receives them, so they are not counted.
    outOfScope = all.filter((c) => !c.summary.inScope).map((c) => c.id)
    const cases = all.filter((c) => c.summary.inScope)
    wulan = cases.map((c) => c.id)
    const others = cases.filter((c) => c.id !== 'case-0001')
    smsCase = others[0].id
    printedCase = others[1].id
    await cloud.ok('dev-retiree-1', 'session.me')
    await recordSmsOutcome(cloud.store, smsCase, others[0].person.phone, 'delivered', cloud.clock.now())
  })
  afterAll(() => cloud.close())

  test('the office sees a community’s shares: each person once, in the best channel that works', async () => {
    const s = await cloud.ok<ReachShares>('dev-office', 'reach.shares', { side: 'community', orgId: 'com-wulan' })
    expect(s.total).toBe(wulan.length)
    expect(s.counts).toEqual({ ownWechat: 1, relativeWechat: 0, sms: 1, inPerson: 0, none: wulan.length - 2 })
    expect(Object.values(s.percent).reduce((a, b) => a + b, 0)).toBe(100)
    expect(s.partial).toBe(false)
    expect(await cloud.call('dev-office', 'reach.shares', { side: 'community' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  test('staff see their own unit only, whatever they ask for', async () => {
    const grid = await cloud.ok<ReachShares>('dev-grid-gerile', 'reach.shares', { side: 'community', orgId: 'com-wulan' })
    expect(grid.orgId).toBe('com-gerile')
    const ent = await cloud.ok<ReachShares>('dev-ent-heat', 'reach.shares', { side: 'community', orgId: 'com-wulan' })
    expect(ent.orgId).toBe('ent-heat')
    expect(ent.total).toBe((await allCases(cloud.store)).filter((c) => c.enterpriseId === 'ent-heat' && c.summary.inScope).length)
    expect(await cloud.call('dev-retiree-1', 'reach.shares', { side: 'community', orgId: 'com-wulan' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('a grid worker’s list to visit first: every person of the community reachable by no channel, page by page, with the reason', async () => {
    const seen: string[] = []
    let after: string | undefined
    for (let n = 0; n < 20; n++) {
      const page = await cloud.ok<UnreachedView>('dev-grid-wulan', 'reach.unreached', after ? { after } : {})
      seen.push(...page.items.map((i) => i.caseId))
      for (const item of page.items) expect(item.reason).toMatch(/微信.*；/)
      if (!page.nextCursor) break
      after = page.nextCursor
    }
    expect(seen.sort()).toEqual(wulan.filter((id) => id !== 'case-0001' && id !== smsCase).sort())
    expect(outOfScope.length).toBeGreaterThan(0)
    expect(seen).toEqual(expect.not.arrayContaining(outOfScope))
  })

  test('a printed notice handed over moves the person from “not yet reached” to “reached in person”', async () => {
    const before = await cloud.ok<ReachShares>('dev-office', 'reach.shares', { side: 'community', orgId: 'com-wulan' })
    await recordPrintedDelivery(cloud.store, printedCase, 'nobodyThere', cloud.clock.now())
    expect((await cloud.ok<ReachShares>('dev-office', 'reach.shares', { side: 'community', orgId: 'com-wulan' })).counts).toEqual(before.counts)
    await recordPrintedDelivery(cloud.store, printedCase, 'handedOver', cloud.clock.now())
    const after = await cloud.ok<ReachShares>('dev-office', 'reach.shares', { side: 'community', orgId: 'com-wulan' })
    expect(after.counts).toEqual({ ...before.counts, inPerson: before.counts.inPerson + 1, none: before.counts.none - 1 })
    const list = await cloud.ok<UnreachedView>('dev-grid-wulan', 'reach.unreached', {})
    expect(list.items.map((i) => i.caseId)).not.toContain(printedCase)
  })
})
