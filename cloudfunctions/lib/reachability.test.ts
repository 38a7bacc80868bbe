/** Reachability on the seeded demo: what opening the app records, and the loader by cases, community and enterprise. */
import { allCases } from '../../shared/testing/fixtures'
import { seededCloud } from '../../test/support/cloudHarness'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { indexCoverageProblems } from '../../shared/ports/IndexCoverage'
import { STORE_INDEXES } from '../../shared/ports/StoreIndexes'
import { makeCase } from '../../shared/testing/fixtures'
import permissions from '../permissions.json'
import { createCloudDbStore } from './CloudDbStore'
import { FakeCloudDatabase, recordedQueries } from './FakeCloudDatabase'
import { reachabilityOf, recordOpening, recordPrintedDelivery, recordSmsOutcome } from './reachability'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

describe('reachability', () => {
  let cloud: Cloud
  beforeEach(async () => {
    cloud = await seededCloud({ count: 30, now: '2020-04-20T01:00:00Z' })
  })
  afterEach(() => cloud.close())

  test('opening the app (session.me) records lastOpenedAt at most once per China day, and the case’s reach', async () => {
    await cloud.ok('dev-retiree-1', 'session.me')
    const first = (await cloud.store.getUser('dev-retiree-1'))!.lastOpenedAt
    expect(first).toBe('2020-04-20T01:00:00.000Z')
    expect((await cloud.store.getDoc('caseReach', 'case-0001'))!.version).toBe(1)
    cloud.clock.set(new Date('2020-04-20T15:00:00Z')) // 23:00 China time, the same day
    await cloud.ok('dev-retiree-1', 'session.me')
    expect((await cloud.store.getUser('dev-retiree-1'))!.lastOpenedAt).toBe(first)
    expect((await cloud.store.getDoc('caseReach', 'case-0001'))!.version).toBe(1)
    cloud.clock.set(new Date('2020-04-20T16:00:00Z')) // 00:00 China time, the next day
    await cloud.ok('dev-relative-1', 'session.me')
    await cloud.ok('dev-retiree-1', 'session.me')
    expect((await cloud.store.getUser('dev-retiree-1'))!.lastOpenedAt).toBe('2020-04-20T16:00:00.000Z')
    const reach = (await cloud.store.getDoc('caseReach', 'case-0001'))!
    expect(reach.wechat.map((u) => [u.userId, u.role])).toEqual(expect.arrayContaining([['dev-retiree-1', 'retiree'], ['dev-relative-1', 'relative']]))
    expect(reach).toMatchObject({ version: 3, communityId: 'com-wulan', enterpriseId: 'ent-water' })
    // Staff opening the app is recorded on their user only.
    await cloud.ok('dev-grid-wulan', 'session.me')
    expect((await cloud.store.getUser('dev-grid-wulan'))!.lastOpenedAt).toBe('2020-04-20T16:00:00.000Z')
  })

  test('a community’s reachability: every case of it once, each by its own facts, and the same by case ids', async () => {
    const now = cloud.clock.now()
    await cloud.ok('dev-retiree-1', 'session.me')
    const wulan = (await allCases(cloud.store)).filter((c) => c.summary.receivingCommunityId === 'com-wulan' && c.summary.inScope)
    const sms = wulan.find((c) => c.id !== 'case-0001')!
    const printed = wulan.find((c) => c.id !== 'case-0001' && c.id !== sms.id)!
    await recordSmsOutcome(cloud.store, sms.id, sms.person.phone, 'delivered', now)
    await recordPrintedDelivery(cloud.store, printed.id, 'handedOver', now)
    const byCommunity = await reachabilityOf(cloud.store, { communityId: 'com-wulan' }, now)
    expect(byCommunity.partial).toBe(false)
    expect(byCommunity.cases.map((c) => c.caseId).sort()).toEqual(wulan.map((c) => c.id).sort())
    const of = (id: string) => byCommunity.cases.find((c) => c.caseId === id)!
    expect(of('case-0001')).toMatchObject({ reachedBy: 'ownWechat', hasWorkingDigitalChannel: true })
    expect(of(sms.id)).toMatchObject({ reachedBy: 'sms', hasWorkingDigitalChannel: true })
    expect(of(printed.id)).toMatchObject({ reachedBy: 'inPerson', hasWorkingDigitalChannel: false })
    const rest = byCommunity.cases.filter((c) => ![sms.id, printed.id, 'case-0001'].includes(c.caseId))
    expect(rest.every((c) => c.reachedBy === 'none' && !c.hasWorkingDigitalChannel)).toBe(true)
    const byIds = await reachabilityOf(cloud.store, { caseIds: [sms.id, printed.id, 'case-0001', 'no-such-case'] }, now)
    expect(byIds.cases.map((c) => [c.caseId, c.reachedBy])).toEqual([[sms.id, 'sms'], [printed.id, 'inPerson'], ['case-0001', 'ownWechat']])
  })

  test('a case out of the hand-over’s scope (离休) is left out of every reachability read: the community never receives it', async () => {
    const now = cloud.clock.now()
    const out = await cloud.addCase('case-9001', { categories: { employment: 'retiredCadre' }, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan' })
    expect(out.summary).toMatchObject({ inScope: false, receivingCommunityId: 'com-wulan' })
    for (const scope of [{ communityId: 'com-wulan' }, { enterpriseId: 'ent-water' }, { caseIds: ['case-9001', 'case-0001'] }]) {
      const ids = (await reachabilityOf(cloud.store, scope, now)).cases.map((c) => c.caseId)
      expect(ids).toContain('case-0001')
      expect(ids).not.toContain('case-9001')
    }
  })

  test('a case transferred to another community takes its reach with it: the new community sees the person’s channels, the old one no longer lists them', async () => {
    const now = cloud.clock.now()
    // case-0005 (dev-retiree-5) is taken in by 乌兰社区; the retiree opens the app, which records the WeChat channel.
    await cloud.ok('dev-retiree-5', 'session.me')
    expect((await reachabilityOf(cloud.store, { communityId: 'com-wulan' }, now)).cases.find((c) => c.caseId === 'case-0005')).toMatchObject({ reachedBy: 'ownWechat' })
    await cloud.ok('dev-admin-wulan', 'case.transfer', { caseId: 'case-0005', expectedVersion: (await cloud.store.getCase('case-0005'))!.version, toCommunityCode: 'grl02', note: '随女儿搬家' })
    expect((await reachabilityOf(cloud.store, { communityId: 'com-gerile' }, now)).cases.find((c) => c.caseId === 'case-0005')).toMatchObject({ reachedBy: 'ownWechat', hasWorkingDigitalChannel: true })
    expect((await reachabilityOf(cloud.store, { communityId: 'com-wulan' }, now)).cases.map((c) => c.caseId)).not.toContain('case-0005')
    expect(await cloud.store.getDoc('caseReach', 'case-0005')).toMatchObject({ communityId: 'com-gerile', enterpriseId: 'ent-bus' })
  })

  test('an SMS that bounces marks the number bad; the case is then reachable by no channel', async () => {
    const now = cloud.clock.now()
    const c = (await allCases(cloud.store)).find((x) => x.enterpriseId === 'ent-heat' && x.id !== 'case-0003')!
    await recordSmsOutcome(cloud.store, c.id, c.person.phone, 'delivered', now)
    await recordSmsOutcome(cloud.store, c.id, c.person.phone, 'bounced', new Date(now.getTime() + 1000))
    const [r] = (await reachabilityOf(cloud.store, { enterpriseId: 'ent-heat' }, now)).cases.filter((x) => x.caseId === c.id)
    expect(r).toMatchObject({ phoneBad: true, hasWorkingDigitalChannel: false, channels: ['printed'] })
  })
})

test('on the cloud store, every read and write of reachability is served by a declared index', async () => {
  const store = createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))
  const now = new Date('2020-04-20T01:00:00Z')
  const c = makeCase(erenhot2019, { id: 'case-1', enterpriseId: 'ent-a', hukouCommunityId: 'com-a' })
  await store.commit({ cases: [{ next: c, expectedVersion: null }] })
  await recordOpening(store, { id: 'u1', role: 'retiree', name: '甲', orgId: '', caseId: 'case-1' }, now)
  await recordSmsOutcome(store, 'case-1', c.person.phone, 'delivered', now)
  await recordPrintedDelivery(store, 'case-1', 'leftAtDoor', now)
  for (const scope of [{ communityId: c.summary.receivingCommunityId }, { enterpriseId: 'ent-a' }, { caseIds: ['case-1'] }]) {
    expect((await reachabilityOf(store, scope, now)).cases.map((x) => x.reachedBy)).toEqual(['ownWechat'])
  }
  const declared: { [collection: string]: (typeof STORE_INDEXES)['cases'] } = STORE_INDEXES
  expect(recordedQueries().some((q) => q.collection === 'caseReach')).toBe(true)
  expect(indexCoverageProblems(recordedQueries(), declared, permissions.database)).toEqual([])
})
