/**
 * Lost updates under production's interleavings. Many grid workers' devices record a visit on the
 * same case at once (each reads the case's version, then calls visit.record with it, and tries
 * again on CONFLICT); the store yields between every call and fast-check's scheduler decides who
 * runs next. On both adapters (SQLite, and the cloud store over FakeCloudDatabase): every
 * success is in the case, nothing else is, and the version moved once per success.
 */
import fc from 'fast-check'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import type { Store } from '../../shared/ports/Store'
import { yieldingStore } from '../../shared/testing/YieldingStore'
import { handlers } from '../../cloudfunctions/lib/actions/all'
import { createCloudDbStore } from '../../cloudfunctions/lib/CloudDbStore'
import { createDeps } from '../../cloudfunctions/lib/deps'
import { FakeCloudDatabase } from '../../cloudfunctions/lib/FakeCloudDatabase'
import { createRouter } from '../../cloudfunctions/lib/router'
import { openSqliteStore } from '../../local/SqliteStore'
import { seedDemo } from '../../local/seed'
import { recordFigure } from './figures'

const CASE_ID = 'case-0001'
const WORKER = 'dev-grid-wulan'

const ADAPTERS: Record<string, () => Store> = {
  SQLite: () => openSqliteStore(':memory:'),
  'CloudDbStore over FakeCloudDatabase': () => createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false })),
}

interface Outcome {
  succeeded: number
  gaveUp: number
  lost: number
  /** Recorded in the case but never answered ok. */
  phantom: number
}

/** `writers` concurrent writers, each trying up to `tries` times; the scheduler picks every next step. */
async function race(makeStore: () => Store, s: fc.Scheduler, writers: number, tries: number): Promise<Outcome> {
  const base = makeStore()
  const clock = fixedClock('2020-03-20T01:00:00Z')
  const setup = createDeps({ store: base, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 5) })
  await seedDemo(base, erenhot2019, setup.vault, { count: 8, now: clock.now() })
  const store = yieldingStore(base, () => s.schedule(Promise.resolve()))
  const handle = createRouter({ ...setup, store }, handlers)
  const startVersion = (await base.getCase(CASE_ID))!.version
  const answeredOk = new Set<string>()
  let gaveUp = 0
  const writer = async (i: number) => {
    for (let attempt = 0; attempt < tries; attempt++) {
      const version = (await store.getCase(CASE_ID))!.version
      const res = await handle({ userId: WORKER }, { action: 'visit.record', input: { caseId: CASE_ID, expectedVersion: version, identityChecked: false, materialsChecked: false, note: `writer ${i}` } })
      if (res.ok) return void answeredOk.add(`writer ${i}`)
      if (res.error.code !== 'CONFLICT') throw new Error(`writer ${i}: ${res.error.code}`)
    }
    gaveUp++
  }
  await s.waitFor(Promise.all(Array.from({ length: writers }, (_, i) => writer(i))))
  const final = (await base.getCase(CASE_ID))!
  const recorded = final.actions.flatMap((a) => (a.type === 'visitRecorded' && a.note?.startsWith('writer ') ? [a.note] : []))
  const lost = [...answeredOk].filter((n) => !recorded.includes(n)).length + Math.abs(final.version - startVersion - answeredOk.size)
  const phantom = recorded.filter((n) => !answeredOk.has(n)).length + (recorded.length - new Set(recorded).size)
  return { succeeded: answeredOk.size, gaveUp, lost, phantom }
}

const totals: Record<string, { updates: number; succeeded: number; lost: number; runs: number }> = {}

describe.each(Object.entries(ADAPTERS))('%s', (name, makeStore) => {
  const total = (totals[name] = { updates: 0, succeeded: 0, lost: 0, runs: 0 })

  test('1 000 concurrent conflicting updates of one case: every success kept, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const o = await race(makeStore, s, 1000, 3)
        Object.assign(total, { updates: total.updates + 1000, succeeded: total.succeeded + o.succeeded, lost: total.lost + o.lost + o.phantom, runs: total.runs + 1 })
        expect(o.succeeded + o.gaveUp).toBe(1000)
        expect(o.succeeded).toBeGreaterThan(0)
        expect({ lost: o.lost, phantom: o.phantom }).toEqual({ lost: 0, phantom: 0 })
      }),
      { numRuns: 1, seed: 8 },
    )
  }, 60_000)

  test('10 writers retrying until they land, over 40 explored interleavings: all 10 land', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const o = await race(makeStore, s, 10, 1000)
        Object.assign(total, { updates: total.updates + 10, succeeded: total.succeeded + o.succeeded, lost: total.lost + o.lost + o.phantom, runs: total.runs + 1 })
        expect(o).toEqual({ succeeded: 10, gaveUp: 0, lost: 0, phantom: 0 })
      }),
      { numRuns: 40 },
    )
  }, 60_000)
})

afterAll(() => {
  const names = Object.keys(totals)
  recordFigure({
    area: 'Concurrency: conflicting updates',
    tried: names.map((n) => `${n}: ${totals[n].updates} updates in ${totals[n].runs} interleavings, ${totals[n].succeeded} landed`).join('; '),
    failures: names.reduce((sum, n) => sum + totals[n].lost, 0),
    failureName: 'lost or phantom updates',
  })
})
