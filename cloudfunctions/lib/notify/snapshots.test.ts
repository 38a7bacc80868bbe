import fc from 'fast-check'
import { seededCloud } from '../../../test/support/cloudHarness'
import { allCases } from '../../../shared/testing/fixtures'
import { addChinaDays } from '../../../shared/ChinaTime'
import { fixedClock } from '../../../shared/Clock'
import { countFigures } from '../../../shared/Figures'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import type { Store } from '../../../shared/ports/Store'
import { yieldingStore } from '../../../shared/testing/YieldingStore'
import { CITY, snapshotId, takeSnapshots, type UnitSnapshot } from '../../../shared/UnitSnapshot'
import { openSqliteStore } from '../../../local/SqliteStore'
import { createCloudDbStore } from '../CloudDbStore'
import { createDeps } from '../deps'
import { FakeCloudDatabase } from '../FakeCloudDatabase'
import { commitInChunks } from '../../../shared/ports/ChunkedCommit'
import { allSnapshots, snapshotPass, unitSnapshots } from './snapshots'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

async function storedSnapshots(cloud: Cloud): Promise<UnitSnapshot[]> {
  const rows = cloud.store.db.prepare("SELECT doc FROM docs WHERE kind = 'unitSnapshot' ORDER BY id").all() as { doc: string }[]
  return rows.map((r) => JSON.parse(r.doc) as UnitSnapshot)
}

/** Today's snapshots counted from the cases one by one. */
async function expected(cloud: Cloud, today: string, now: Date): Promise<UnitSnapshot[]> {
  const cases = await allCases(cloud.store)
  return takeSnapshots(erenhot2019, countFigures(cases.map((value) => ({ kind: 'case' as const, value }))), today, now)
}

describe('the daily snapshot pass', () => {
  test('two passes on one China day write one snapshot per unit, as the cases stand; the next day writes the next', async () => {
    const cloud = await seededCloud({ count: 40, now: '2020-03-19T16:30:00Z' }) // 00:30 on 20 March in China
    const now = cloud.clock.now()
    const first = await snapshotPass(cloud.deps, now)
    const want = await expected(cloud, '2020-03-20', now)
    // 4 enterprises, 6 communities and their party organisations, 3 bureaus (档案, 人社, 医保), the city.
    expect(want.length).toBe(4 + 6 + 6 + 3 + 1)
    expect(first).toEqual({ today: '2020-03-20', written: want.length, alreadyDone: false })
    const second = await snapshotPass(cloud.deps, new Date(now.getTime() + 3600_000))
    expect(second).toEqual({ today: '2020-03-20', written: 0, alreadyDone: true })
    const stored = await storedSnapshots(cloud)
    expect(stored.map((s) => s.id).sort()).toEqual(want.map((s) => s.id).sort())
    expect(stored.map((s) => [s.unit, s.stages, s.takenAt]).sort()).toEqual(want.map((s) => [s.unit, s.stages, now.toISOString()]).sort())
    const next = await snapshotPass(cloud.deps, new Date(now.getTime() + 24 * 3600_000))
    expect(next).toMatchObject({ today: '2020-03-21', written: want.length })
    expect((await storedSnapshots(cloud)).filter((s) => s.date === '2020-03-21').length).toBe(want.length)
    cloud.close()
  })

  test('a run cut off part-way is finished by the next; what the first wrote stays as it was', async () => {
    const cloud = await seededCloud({ count: 40, now: '2020-03-20T01:00:00Z' })
    const now = cloud.clock.now()
    const want = await expected(cloud, '2020-03-20', now)
    const early = want.slice(0, 3).map((s) => ({ ...s, takenAt: '2020-03-19T16:05:00.000Z' }))
    await cloud.store.commit({ docs: early.map((next) => ({ kind: 'unitSnapshot' as const, next, expectedVersion: null })) })
    expect(await snapshotPass(cloud.deps, now)).toMatchObject({ written: want.length - 3, alreadyDone: false })
    const stored = await storedSnapshots(cloud)
    expect(stored.length).toBe(want.length)
    for (const s of early) expect(stored.find((x) => x.id === s.id)).toEqual(s)
    cloud.close()
  })

  test('passes running in parallel write each unit’s snapshot once, and none of them fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const cloud = await seededCloud({ count: 8 })
        try {
          const deps = { ...cloud.deps, store: yieldingStore(cloud.store, () => s.schedule(Promise.resolve())) }
          const now = cloud.clock.now()
          const reports = await s.waitFor(Promise.all([snapshotPass(deps, now), snapshotPass(deps, now), snapshotPass(deps, new Date(now.getTime() + 60_000))]))
          const want = await expected(cloud, '2020-03-20', now)
          const stored = await storedSnapshots(cloud)
          expect(stored.map((x) => x.id).sort()).toEqual(want.map((x) => x.id).sort())
          expect(reports.reduce((n, r) => n + r.written, 0)).toBe(want.length)
          expect(stored.map((x) => [x.unit, x.stages]).sort()).toEqual(want.map((x) => [x.unit, x.stages]).sort())
        } finally {
          cloud.close()
        }
      }),
      { numRuns: 30 },
    )
  })
})

/** City snapshots of `days` days from 2019-09-01, and a unit's for the same days. */
function history(days: number): UnitSnapshot[] {
  const at = '2019-09-01T01:00:00.000Z'
  return Array.from({ length: days }, (_, k) => addChinaDays('2019-09-01', k)).flatMap((date, k) => [
    { id: snapshotId(CITY, date), version: 1, unit: CITY, date, takenAt: at, stages: [{ stage: 'roster' as const, done: k, open: 1, waiting: 0, overdue: 0 }] },
    { id: snapshotId('enterprise:ent-a', date), version: 1, unit: 'enterprise:ent-a', date, takenAt: at, stages: [{ stage: 'roster' as const, done: k, open: 1, waiting: 0, overdue: 0 }] },
  ])
}

describe.each([
  ['SQLite', () => openSqliteStore(':memory:') as Store],
  ['the cloud database', () => createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))],
])('reading snapshots back (%s)', (_name, open) => {
  const store = open()
  const all = history(1100)
  beforeAll(async () => {
    await commitInChunks(store, { docs: all.map((next) => ({ kind: 'unitSnapshot' as const, next, expectedVersion: null })) })
  })

  test('a unit’s last 29 days, and the city over more than a page of 1000 days', async () => {
    const month = await unitSnapshots(store, 'enterprise:ent-a', '2020-02-01', '2020-02-29')
    expect(month.map((s) => s.date)).toEqual(Array.from({ length: 29 }, (_, k) => addChinaDays('2020-02-01', k)))
    expect(month.every((s) => s.unit === 'enterprise:ent-a')).toBe(true)
    const city = await unitSnapshots(store, CITY, '2019-09-01', '2023-01-01')
    expect(city.length).toBe(1100)
    expect(city.map((s) => s.stages[0].done)).toEqual(Array.from({ length: 1100 }, (_, k) => k))
  })

  test('every unit’s snapshots of a few days, by day', async () => {
    const days = await allSnapshots(store, '2019-09-30', '2019-10-02')
    expect(days.map((s) => s.id)).toEqual(['city|2019-09-30', 'enterprise:ent-a|2019-09-30', 'city|2019-10-01', 'enterprise:ent-a|2019-10-01', 'city|2019-10-02', 'enterprise:ent-a|2019-10-02'])
  })

  test('a snapshot of the day is created once: a second writer gets CONFLICT', async () => {
    const [first] = all
    await expect(store.commit({ docs: [{ kind: 'unitSnapshot', next: { ...first, takenAt: '2019-09-01T02:00:00.000Z' }, expectedVersion: null }] })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await store.getDoc('unitSnapshot', first.id)).toEqual(first)
  })
})

test('the pass works on the cloud adapter too', async () => {
  const store = createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))
  const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock('2020-03-20T01:00:00Z'), masterKey: Buffer.alloc(32, 3) })
  const now = deps.clock.now()
  expect(await snapshotPass(deps, now)).toEqual({ today: '2020-03-20', written: 4, alreadyDone: false })
  expect((await unitSnapshots(store, CITY, '2020-03-20', '2020-03-20')).map((s) => s.stages.length)).toEqual([7])
  expect(await snapshotPass(deps, now)).toMatchObject({ written: 0, alreadyDone: true })
})
