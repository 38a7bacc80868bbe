/**
 * The chunked import job on both adapters (SQLite, and the cloud store on FakeCloudDatabase): a
 * crash before, inside or after any chunk, then resumption, ends in exactly the state of a run
 * that never stopped (every record, id, count, figure and audit entry); two runners at once never
 * write a chunk twice; every chunk fits MAX_TRANSACTION_WRITES as the cloud counts writes.
 */
import fc from 'fast-check'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runImport } from '../../../local/importCli'
import { hourlyNotify } from '../notify/hourly'
import { FakeSubscribeMessage } from '../notify/FakeSubscribeMessage'
import { fixedClock } from '../../../shared/Clock'
import { checkCharacter } from '../../../shared/IdNumber'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { ROSTER_COLUMNS, type RosterColumnKey } from '../../../shared/RosterImport'
import { emptyReach } from '../../../shared/Reachability'
import { readAllPages, type Store } from '../../../shared/ports/Store'
import { BY_ID_HASH } from '../../../shared/ImportJob'
import { MAX_TRANSACTION_WRITES } from '../../../shared/ports/StoreLimits'
import type { User } from '../../../shared/User'
import { openSqliteStore, SQLITE_TRANSACTION_WRITES, type SqliteStore } from '../../../local/SqliteStore'
import { seedDemo } from '../../../local/seed'
import type { CloudDb, CloudTransaction } from '../CloudDb'
import { createCloudDbStore } from '../CloudDbStore'
import { createDeps } from '../deps'
import { FakeCloudDatabase } from '../FakeCloudDatabase'
import { figureDelta } from '../../../shared/Figures'
import { seededCloud } from '../../../test/support/cloudHarness'
import { racing } from '../../../test/support/racingCloud'
import { confirmRoster, importedCaseId, importedCasePrefix, previewRoster, previewView, runImportJob, UNTIL_DONE, type ImportActor } from './importService'
import { SAMPLE_ROWS } from '../../../shared/RosterPreview'

const NOW = '2020-03-20T01:00:00Z'
const OPERATOR: User = { id: 'dev-ent-water', role: 'enterpriseOperator', name: '刘建华', orgId: 'ent-water' }
const COMMUNITIES = ['乌兰社区', '格日勒社区', '锡林社区', '巴彦社区']

function idOf(n: number): string {
  const first17 = `152501${1940 + (n % 20)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

/** A roster grid: people spread over four communities (some 离休: out of scope), and two rows referred out of the city. */
function grid(people: number[], referred: number[] = []): string[][] {
  const row = (r: Partial<Record<RosterColumnKey, string>>) => ROSTER_COLUMNS.map((c) => r[c.key] ?? '')
  return [
    ROSTER_COLUMNS.map((c) => c.header),
    ...people.map((n) => row({ name: `职工${n}`, idNumber: idOf(n), retirementDate: '2010-05', hukouAddress: '乌兰大街3号', hukouCommunity: COMMUNITIES[n % COMMUNITIES.length], phone: '13900000000', ...(n % 7 === 0 ? { retiredCadre: '是' } : {}) })),
    ...referred.map((n) => row({ name: `转出${n}`, idNumber: idOf(n), retirementDate: '2012-06', hukouAddress: '锡林浩特市额尔敦路5号', hukouOutsideCity: '是' })),
  ]
}

type Adapter = 'sqlite' | 'cloud'

/** How a store fails once: before its Nth commit, inside it (between two of its writes), or after it (committed, then the function dies). */
type Crash = { commit: number; when: 'before' | 'inside' | 'after' }

class Crashed extends Error {}

/** Every write one cloud transaction made, by transaction; and, when asked, a crash at a chosen write. */
function countingDb(db: FakeCloudDatabase, plan: { crashAtWrite: number | null }, writes: number[]): CloudDb {
  let written = 0
  const counted = (tx: CloudTransaction, tally: { n: number }): CloudTransaction => ({
    rollback: (reason) => tx.rollback(reason),
    collection(name) {
      const c = tx.collection(name)
      const write = () => {
        tally.n++
        if (plan.crashAtWrite !== null && ++written === plan.crashAtWrite) throw new Crashed(`crash at write ${written}`)
      }
      return {
        doc: (id) => {
          const d = c.doc(id)
          return { get: () => d.get(), set: async (o) => (write(), d.set(o)), remove: async () => (write(), d.remove()) }
        },
        add: async (o) => (write(), c.add(o)),
      }
    },
  })
  return {
    command: db.command,
    collection: (name) => db.collection(name),
    async runTransaction(run, retries) {
      const tally = { n: 0 }
      const result = await db.runTransaction((tx) => ((tally.n = 0), run(counted(tx, tally))), retries)
      writes.push(tally.n)
      return result
    },
  }
}

/** A seeded store of either kind, with a store-level crash plan and a count of the writes of every cloud transaction. */
async function world(adapter: Adapter, sqliteWrites: number = MAX_TRANSACTION_WRITES) {
  // dead: the function crashed; nothing it tries afterwards reaches the store (until the next call).
  const plan: { crash: Crash | null; commits: number; crashAtWrite: number | null; dead: boolean } = { crash: null, commits: 0, crashAtWrite: null, dead: false }
  const writes: number[] = []
  const fake = new FakeCloudDatabase({ throwOnNotFound: false })
  let n = 0
  const newId = () => `id-${++n}`
  // SQLite chunks as the cloud does unless told otherwise, so that 42 rows make several chunks on both.
  const inner: Store | SqliteStore = adapter === 'sqlite' ? openSqliteStore(':memory:', { newId, transactionWrites: sqliteWrites }) : createCloudDbStore(countingDb(fake, plan, writes), { newId })
  const store = new Proxy(inner, {
    get(target, key) {
      const v = Reflect.get(target, key)
      if (typeof v !== 'function') return v
      const alive = () => {
        if (plan.dead) throw new Crashed('the function is gone')
      }
      if (key !== 'commit') return (...args: unknown[]) => (alive(), v.apply(target, args))
      return async (change: Parameters<Store['commit']>[0]) => {
        alive()
        const crash = plan.crash
        const nth = ++plan.commits
        const die = (why: string) => ((plan.dead = true), new Crashed(why))
        if (crash?.commit === nth && crash.when === 'before') throw die('crash before the commit')
        if (crash?.commit === nth && crash.when === 'inside') return insideCrash(adapter, inner, plan, change).catch((e: unknown) => Promise.reject(die(String(e))))
        await target.commit(change)
        if (crash?.commit === nth && crash.when === 'after') throw die('crash after the commit')
      }
    },
  }) as Store
  const clock = fixedClock(NOW)
  const deps = { ...createDeps({ store, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 7) }), newId }
  await seedDemo(inner, erenhot2019, deps.vault, { count: 3, now: clock.now() })
  const ctx: ImportActor = { ...deps, user: OPERATOR, now: clock.now() }
  // Audit entries written before the job (seed, preview, confirmation) carry a per-process counter in their id: those ids alone are left out of the comparison.
  const auditIds = () => (adapter === 'sqlite' ? (inner as SqliteStore).db.prepare('SELECT id FROM audit').all().map((r) => String((r as { id: string }).id)) : (JSON.parse(fake.dump()) as Array<[string, Array<{ _id: string }>]>).flatMap(([name, docs]) => (name === 'audit' ? docs.map((d) => d._id) : [])))
  const beforeJob = new Set<string>()
  const markJobStart = () => auditIds().forEach((id) => beforeJob.add(id))
  const dump = () => (adapter === 'sqlite' ? sqliteDump(inner as SqliteStore, beforeJob) : cloudDump(fake, beforeJob))
  return { ctx, store, plan, writes, dump, markJobStart, close: () => adapter === 'sqlite' && (inner as SqliteStore).close() }
}

/** A crash between two writes of one commit: the half-done transaction must leave nothing. */
async function insideCrash(adapter: Adapter, store: Store, plan: { crashAtWrite: number | null }, change: Parameters<Store['commit']>[0]): Promise<void> {
  if (adapter === 'cloud') {
    // The third write of the transaction throws: two documents were set inside it.
    plan.crashAtWrite = 3
    try {
      await store.commit(change)
    } finally {
      plan.crashAtWrite = null
    }
    return
  }
  // SQLite: the database refuses the second document row of the commit, half-way through its transaction.
  const db = (store as SqliteStore).db
  const docs = (db.prepare('SELECT count(*) AS n FROM docs').get() as { n: number }).n
  db.exec(`CREATE TEMP TRIGGER crash BEFORE INSERT ON docs WHEN (SELECT count(*) FROM docs) >= ${docs + 1} BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
  try {
    await store.commit(change)
  } finally {
    db.exec('DROP TRIGGER crash')
  }
}

/** Every row of every table, sorted; the ids of the audit entries written before the job left out. */
function sqliteDump(store: SqliteStore, beforeJob: Set<string>): string[] {
  const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name).sort()
  return tables.flatMap((t) => (store.db.prepare(`SELECT * FROM ${t}`).all() as Array<Record<string, unknown>>).map((r) => unsealed(`${t} ${JSON.stringify(t === 'audit' ? normalisedAudit(r, beforeJob) : r)}`))).sort()
}

function cloudDump(db: FakeCloudDatabase, beforeJob: Set<string>): string[] {
  const collections = JSON.parse(db.dump()) as Array<[string, Array<Record<string, unknown>>]>
  return collections.flatMap(([name, docs]) => docs.map((d) => unsealed(`${name} ${JSON.stringify(name === 'audit' ? normalisedAudit(d, beforeJob) : d)}`))).sort()
}

/** Sealing draws a fresh nonce: two previews of one file differ only there (the lookup hash and the mask are compared). */
const unsealed = (line: string) => line.replace(/\\?"sealed\\?":\\?"[^"\\]*\\?"/g, '"sealed":"…"')

function normalisedAudit(row: Record<string, unknown>, beforeJob: Set<string>): Record<string, unknown> {
  const id = String(row.id ?? row._id)
  if (!beforeJob.has(id)) return row
  const text = JSON.stringify(row).split(id).join('(before the job)')
  return JSON.parse(text) as Record<string, unknown>
}

/** The scenario: 12 people imported first, then a roster of 40 (the 12 again, as updates) and 2 referrals, confirmed; returns the job's id. */
async function confirmed(w: Awaited<ReturnType<typeof world>>): Promise<string> {
  const first = await previewRoster(w.ctx, 'ent-water', 'a.csv', grid(Array.from({ length: 12 }, (_, i) => 1000 + i)))
  await runImportJob(w.ctx, (await confirmRoster(w.ctx, first, first.version)).id, UNTIL_DONE)
  const second = await previewRoster(w.ctx, 'ent-water', 'b.csv', grid(Array.from({ length: 40 }, (_, i) => 1000 + i), [2001, 2002]))
  expect(second).toMatchObject({ people: expect.any(Array), errors: [] })
  expect(second.people.filter((p) => p.existingCaseId !== null)).toHaveLength(12)
  const jobId = (await confirmRoster(w.ctx, second, second.version)).id
  w.markJobStart()
  return jobId
}

/** Runs the job until it ends, through crashes (each crash is a function that died: the next call goes on). */
async function runThroughCrashes(w: Awaited<ReturnType<typeof world>>, jobId: string): Promise<number> {
  let crashes = 0
  for (;;) {
    try {
      const job = await runImportJob(w.ctx, jobId, UNTIL_DONE)
      expect(job?.status).toBe('done')
      return crashes
    } catch (e) {
      if (!(e instanceof Crashed) && !String(e).includes('disk full')) throw e
      crashes++
      w.plan.crash = null
      w.plan.dead = false
    }
  }
}

/** Rows one dump lacks and has beyond another (short, so a failure reads). */
function differences(dump: string[], expected: string[]): { missing: string[]; extra: string[] } {
  const have = new Set(dump)
  const want = new Set(expected)
  const cut = (l: string) => l.slice(0, 300)
  const extra = dump.filter((l) => !want.has(l)).map(cut)
  // A row written twice is extra too.
  if (dump.length !== expected.length) extra.push(`${dump.length} rows, not ${expected.length}`)
  return { missing: expected.filter((l) => !have.has(l)).map(cut), extra }
}

describe.each<Adapter>(['sqlite', 'cloud'])('the import job on %s', (adapter) => {
  let reference: { dump: string[]; commits: number; chunks: number }

  beforeAll(async () => {
    const w = await world(adapter)
    const jobId = await confirmed(w)
    const before = w.plan.commits
    const job = await runImportJob(w.ctx, jobId, UNTIL_DONE)
    expect(job).toMatchObject({ status: 'done', rows: 42, rowsDone: 42 })
    reference = { dump: w.dump(), commits: w.plan.commits - before, chunks: job!.chunksDone }
    w.close()
  }, 120_000)

  test('the roster is written in several chunks, one commit each', () => {
    expect(reference.chunks).toBeGreaterThan(2)
    expect(reference.commits).toBe(reference.chunks)
  })

  // Chunk commits are numbered from the first commit after the confirmation.
  test.each(['before', 'inside', 'after'] as const)('a crash %s any chunk, then resumption, ends in the same state as an uninterrupted run', async (when) => {
    for (let chunk = 1; chunk <= reference.chunks; chunk++) {
      const w = await world(adapter)
      const jobId = await confirmed(w)
      w.plan.crash = { commit: w.plan.commits + chunk, when }
      expect(await runThroughCrashes(w, jobId)).toBe(1)
      expect({ chunk, ...differences(w.dump(), reference.dump) }).toEqual({ chunk, missing: [], extra: [] })
      w.close()
    }
  }, 300_000)

  test('two runners at once write every chunk once', async () => {
    const w = await world(adapter)
    const jobId = await confirmed(w)
    const [a, b] = await Promise.all([runImportJob(w.ctx, jobId, UNTIL_DONE), runImportJob(w.ctx, jobId, UNTIL_DONE)])
    expect([a?.status, b?.status]).toEqual(['done', 'done'])
    expect(differences(w.dump(), reference.dump)).toEqual({ missing: [], extra: [] })
    w.close()
  }, 120_000)

  test('a runner that read the job before another wrote the chunks writes none of them again', async () => {
    const w = await world(adapter)
    const jobId = await confirmed(w)
    // The late runner stops right after reading the job and the preview, until the other has written every chunk.
    let reached!: () => void
    let release!: () => void
    const atGate = new Promise<void>((r) => (reached = r))
    const gate = new Promise<void>((r) => (release = r))
    const late = new Proxy(w.store, {
      get(target, key) {
        const v = Reflect.get(target, key)
        if (typeof v !== 'function') return v
        return async (...args: unknown[]) => {
          const out = await v.apply(target, args)
          if (key === 'getDoc' && args[0] === 'rosterPreview') {
            reached()
            await gate
          }
          return out
        }
      },
    })
    const stale = runImportJob({ ...w.ctx, store: late }, jobId, UNTIL_DONE)
    await atGate
    expect(await runImportJob(w.ctx, jobId, UNTIL_DONE)).toMatchObject({ status: 'done' })
    release()
    expect(await stale).toMatchObject({ status: 'done' })
    expect(differences(w.dump(), reference.dump)).toEqual({ missing: [], extra: [] })
    w.close()
  }, 120_000)

  if (adapter === 'sqlite') {
    test(`at SQLite's own transaction size (${SQLITE_TRANSACTION_WRITES} writes) the roster is one chunk, and the same records are written`, async () => {
      const w = await world(adapter, SQLITE_TRANSACTION_WRITES)
      const jobId = await confirmed(w)
      expect(await runImportJob(w.ctx, jobId, UNTIL_DONE)).toMatchObject({ status: 'done', rowsDone: 42, chunksDone: 1, maxWrites: SQLITE_TRANSACTION_WRITES })
      // Only the jobs' own records (the first import's and this one's: their chunk counts and sizes) and the number of
      // the chunk that wrote the referrals' audit entry (in its id) tell the two runs apart.
      const job = (l: string) => l.startsWith('docs {"kind":"importJob"')
      const same = (dump: string[]) => dump.filter((l) => !job(l)).map((l) => l.replace(/~referrals~\d+/g, '~referrals~(chunk)'))
      expect(w.dump().filter(job)).toHaveLength(2)
      expect(differences(same(w.dump()), same(reference.dump))).toEqual({ missing: [], extra: [] })
      w.close()
    }, 120_000)
  }

  if (adapter === 'cloud') {
    test('a job created on a store that takes larger commits (SQLite) goes on in chunks this store takes, and writes the same', async () => {
      const w = await world(adapter)
      const jobId = await confirmed(w)
      const job = (await w.store.getDoc('importJob', jobId))!
      await w.store.commit({ docs: [{ kind: 'importJob', next: { ...job, version: job.version + 1, maxWrites: SQLITE_TRANSACTION_WRITES }, expectedVersion: job.version }] })
      w.writes.length = 0
      expect(await runImportJob(w.ctx, jobId, UNTIL_DONE)).toMatchObject({ status: 'done', maxWrites: SQLITE_TRANSACTION_WRITES })
      expect(Math.max(...w.writes)).toBeLessThanOrEqual(MAX_TRANSACTION_WRITES)
      const same = (dump: string[]) => dump.filter((l) => !l.startsWith('importJob ')).map((l) => l.replace(/~referrals~\d+/g, '~referrals~(chunk)'))
      expect(differences(same(w.dump()), same(reference.dump))).toEqual({ missing: [], extra: [] })
      w.close()
    }, 120_000)

    test(`no transaction writes more than MAX_TRANSACTION_WRITES (${MAX_TRANSACTION_WRITES}) documents, figures included`, async () => {
      const w = await world(adapter)
      const jobId = await confirmed(w)
      w.writes.length = 0
      await runImportJob(w.ctx, jobId, UNTIL_DONE)
      expect(w.writes.length).toBe(reference.chunks)
      expect(Math.max(...w.writes)).toBeLessThanOrEqual(MAX_TRANSACTION_WRITES)
      // The chunks are full, not timid: the largest comes close to the limit.
      expect(Math.max(...w.writes)).toBeGreaterThan(MAX_TRANSACTION_WRITES * 0.8)
      w.close()
    }, 120_000)
  }
})

test(`a 10 000-row roster: every chunk writes at most MAX_TRANSACTION_WRITES (${MAX_TRANSACTION_WRITES}) documents, as the cloud counts them`, async () => {
  const inner = openSqliteStore(':memory:', { transactionWrites: MAX_TRANSACTION_WRITES })
  const clock = fixedClock(NOW)
  const deps = createDeps({ store: inner, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 7) })
  await seedDemo(inner, erenhot2019, deps.vault, { count: 3, now: clock.now() })
  // Each commit counted as CloudDbStore's transaction writes it: every record, then one write per figure key the commit moves.
  const writes: number[] = []
  // Store calls that read: on the cloud each is a round trip (a batched read, one per MAX_IN_VALUES keys), so a roster is checked a batch at a time, not a read per row.
  let reads = 0
  const store = new Proxy(inner, {
    get(target, key) {
      const v = Reflect.get(target, key)
      if (typeof key === 'string' && /^(get|find|list)/.test(key) && typeof v === 'function') return (...args: unknown[]) => (reads++, v.apply(target, args))
      if (key !== 'commit') return typeof v === 'function' ? v.bind(target) : v
      return async (change: Parameters<Store['commit']>[0]) => {
        const delta = new Map<string, number>()
        for (const c of change.cases ?? []) {
          const before = await target.getCase(c.next.id)
          for (const [k, n] of figureDelta(before ? { kind: 'case', value: before } : null, { kind: 'case', value: c.next })) delta.set(k, (delta.get(k) ?? 0) + n)
        }
        const records = [change.cases, change.agreements, change.users, change.removeUsers, change.enterprises, change.communities, change.docs, change.removeDocs, change.audit].reduce((n, w) => n + (w?.length ?? 0), 0)
        writes.push(records + [...delta.values()].filter((n) => n !== 0).length)
        return target.commit(change)
      }
    },
  })
  const ctx: ImportActor = { ...deps, store, user: OPERATOR, now: clock.now() }
  const preview = await previewRoster(ctx, 'ent-water', 'big.csv', grid(Array.from({ length: 10_000 }, (_, i) => 100_000 + i)))
  expect(preview.people).toHaveLength(10_000)
  // The communities, the enterprise, then what the store holds under the 10 000 hashes: cases, reservations, referrals.
  expect(reads).toBeLessThanOrEqual(5)
  const confirmation = await confirmRoster(ctx, preview, preview.version)
  writes.length = 0
  reads = 0
  const job = await runImportJob(ctx, confirmation.id, UNTIL_DONE)
  // Per chunk: cases, reservations and referrals under its rows' hashes (its first row may need a second read); then the job, the preview and the enterprise once.
  expect(reads).toBeLessThanOrEqual(3 * 2 * job!.chunksDone + 5)
  expect(job).toMatchObject({ status: 'done', rows: 10_000, rowsDone: 10_000 })
  expect(writes).toHaveLength(job!.chunksDone)
  expect(Math.max(...writes)).toBeLessThanOrEqual(MAX_TRANSACTION_WRITES)
  expect((inner.db.prepare("SELECT count(*) AS n FROM cases WHERE id LIKE ? || '%'").get(importedCasePrefix(preview.id)) as { n: number }).n).toBe(10_000)
  // The closed preview keeps only what its screen shows, and the screen shows what it showed before.
  const closed = (await inner.getDoc('rosterPreview', preview.id))!
  expect(closed).toMatchObject({ status: 'confirmed', people: expect.any(Array), tally: { accepted: 10_000, newPeople: 10_000, updates: 0 } })
  expect(closed.people).toHaveLength(SAMPLE_ROWS)
  const { status: _s, version: _v, ...shown } = await previewView(ctx, preview)
  expect(await previewView(ctx, closed)).toMatchObject({ ...shown, status: 'confirmed' })
  console.log(`10 000 rows: ${job!.chunksDone} chunks, ${Math.min(...writes)}–${Math.max(...writes)} writes each, ${reads} store reads`)
  inner.close()
}, 300_000)

test('two screens polling one job at once, in any interleaving of their store calls, write every row once', async () => {
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      const cloud = await seededCloud({ count: 3 })
      const upload = (people: number[]) => cloud.ok<{ previewId: string; version: number; accepted: number; updates: number }>('dev-ent-water', 'roster.preview', { fileName: 'r.csv', contentBase64: Buffer.from(grid(people).map((r) => r.join(',')).join('\n')).toString('base64') })
      // 15 on the roster already: the job updates them (an update has no id of its own to guard it: the job's version does).
      const first = await upload(Array.from({ length: 15 }, (_, i) => 3000 + i))
      await cloud.ok('dev-ent-water', 'roster.confirm', { previewId: first.previewId, expectedVersion: first.version })
      const updated = (await cloud.store.listCases({ limit: 1000, enterpriseId: 'ent-water' })).items.filter((c) => c.id.startsWith(importedCasePrefix(first.previewId)))
      const preview = await upload(Array.from({ length: 30 }, (_, i) => 3000 + i))
      expect(preview).toMatchObject({ accepted: 30, updates: 15 })
      // The confirmation's commit only, as if its function stopped right after it.
      const stored = (await cloud.store.getDoc('rosterPreview', preview.previewId))!
      await confirmRoster({ ...cloud.deps, user: OPERATOR, now: cloud.clock.now() }, stored, stored.version)
      const call = racing(cloud, () => s.schedule(Promise.resolve()))
      const polling = Promise.all([call('dev-ent-water', 'roster.continueImport', { previewId: preview.previewId }), call('dev-ent-water', 'roster.continueImport', {})])
      await s.waitFor(polling)
      const results = await polling
      expect(results.filter((r) => !r.ok)).toEqual([])
      const cases = (await cloud.store.listCases({ limit: 1000, enterpriseId: 'ent-water' })).items.filter((c) => c.id.startsWith(importedCasePrefix(preview.previewId)))
      expect(cases).toHaveLength(15)
      // Updated once each: one version more, one audit entry more.
      for (const c of updated) {
        expect((await cloud.store.getCase(c.id))!.version).toBe(c.version + 1)
        expect(await cloud.newAudit(c.id)).toHaveLength(2)
      }
      for (const c of cases.slice(0, 5)) {
        expect(await cloud.newAudit(c.id)).toHaveLength(1)
        expect((await cloud.store.listDocs('inboxMessage', { caseId: c.id }, { limit: 10 })).items.length).toBeLessThanOrEqual(1)
      }
      expect(await cloud.store.getDoc('importJob', preview.previewId)).toMatchObject({ status: 'done', rowsDone: 30 })
      cloud.close()
    }),
    { numRuns: 20 },
  )
}, 300_000)

test.each([
  ['created now: within each community by ID-number hash', true],
  ['created before the hash order (no rowOrder stored): within each community by row, so a job resumed after an upgrade keeps its order', false],
])('a job writes its people in the order it was created with, %s; case ids follow that order', async (_, current) => {
  const w = await world('sqlite')
  const preview = await previewRoster(w.ctx, 'ent-water', 'o.csv', grid(Array.from({ length: 30 }, (_, i) => 3000 + i)))
  const created = await confirmRoster(w.ctx, preview, preview.version)
  expect(created.rowOrder).toBe(BY_ID_HASH)
  if (!current) {
    const { rowOrder: _order, ...stored } = created
    await w.store.commit({ docs: [{ kind: 'importJob', next: { ...stored, version: created.version + 1 }, expectedVersion: created.version }] })
  }
  expect(await runImportJob(w.ctx, created.id, UNTIL_DONE)).toMatchObject({ status: 'done', rowsDone: 30 })
  const written = (await readAllPages((after) => w.store.listCases({ enterpriseId: 'ent-water', limit: 100, after }))).filter((c) => c.id.startsWith(importedCasePrefix(preview.id)))
  const inIdOrder = [...written].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => c.person.name)
  const key = (p: (typeof preview.people)[number]) => [p.hukouCommunityId, current ? p.idNumber.hash : String(p.row).padStart(6, '0')].join('|')
  expect(inIdOrder).toEqual([...preview.people].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((p) => p.name))
  w.close()
})

describe('a job that meets a row changed since the preview', () => {
  test('stops at that row: the chunks before it stay written, whole; the preview is set aside with phones masked; a new upload updates those rows', async () => {
    const cloud = await seededCloud({ count: 3 })
    const ctx: ImportActor = { ...cloud.deps, user: OPERATOR, now: cloud.clock.now() }
    const people = Array.from({ length: 40 }, (_, i) => 4000 + i)
    const preview = await previewRoster(ctx, 'ent-water', 'r.csv', grid(people))
    // Meanwhile another enterprise hands over the person of the last row the job will write.
    const last = preview.people.find((p) => p.row === Math.max(...preview.people.filter((q) => q.hukouCommunityId === 'com-xilin').map((q) => q.row)))!
    const heat: ImportActor = { ...ctx, user: { ...OPERATOR, id: 'dev-ent-heat', orgId: 'ent-heat' } }
    const theirs = await previewRoster(heat, 'ent-heat', 't.csv', grid([4000 + last.row - 2]))
    const job = await confirmRoster(ctx, preview, preview.version)
    await runImportJob(heat, (await confirmRoster(heat, theirs, theirs.version)).id, UNTIL_DONE)
    const stopped = await runImportJob(ctx, job.id, UNTIL_DONE)
    expect(stopped).toMatchObject({ status: 'failed', failure: { row: last.row, message: '这个人刚刚已经登记移交了，不能重复移交。' } })
    expect(stopped!.rowsDone).toBeGreaterThan(0)
    expect(stopped!.rowsDone).toBeLessThan(40)
    const written = (await cloud.store.listCases({ limit: 1000, enterpriseId: 'ent-water' })).items.filter((c) => c.id.startsWith(importedCasePrefix(preview.id)))
    expect(written).toHaveLength(stopped!.rowsDone)
    for (const c of written) expect(await cloud.newAudit(c.id)).toHaveLength(1)
    const setAside = (await cloud.store.getDoc('rosterPreview', preview.id))!
    expect(setAside.status).toBe('discarded')
    expect(new Set(setAside.people.map((p) => p.phone))).toEqual(new Set(['139****0000']))
    // The screen's poll says where it stopped; the row's person is the other enterprise's now.
    const view = await cloud.ok('dev-ent-water', 'roster.continueImport', { previewId: preview.id })
    expect(view).toMatchObject({ status: 'discarded', progress: { status: 'failed', rowsDone: stopped!.rowsDone, rows: 40 } })
    const again = await cloud.ok('dev-ent-water', 'roster.preview', { fileName: 'r2.csv', contentBase64: Buffer.from(grid(people).map((r) => r.join(',')).join('\n')).toString('base64') })
    expect(again).toMatchObject({ accepted: 39, updates: stopped!.rowsDone, rejected: 1 })
    cloud.close()
  }, 120_000)

  test('stops at a person whose number a case took since and gave up by a correction, instead of failing the chunk on its reservation again and again', async () => {
    const cloud = await seededCloud({ count: 3 })
    const ctx: ImportActor = { ...cloud.deps, user: OPERATOR, now: cloud.clock.now() }
    const preview = await previewRoster(ctx, 'ent-water', 'r.csv', grid([5001, 5002, 5003]))
    const job = await confirmRoster(ctx, preview, preview.version)
    // Meanwhile a case was opened with the second person's number, and its number corrected to another: only the reservation is left.
    const taken = preview.people.find((p) => p.row === 3)!
    await cloud.store.commit({ docs: [{ kind: 'idReservation', next: { id: taken.idNumber.hash, version: 1, caseId: 'case-corrected', createdAt: NOW }, expectedVersion: null }] })
    const stopped = await runImportJob(ctx, job.id, UNTIL_DONE)
    expect(stopped).toMatchObject({ status: 'failed', failure: { row: 3, message: '这个身份证号刚刚被另一条记录用过（后来已更正），' } })
    cloud.close()
  })
})

test('the command line finishes a job an earlier run left running before it imports the next file', async () => {
  const cloud = await seededCloud({ count: 3 })
  const ctx: ImportActor = { ...cloud.deps, user: OPERATOR, now: cloud.clock.now() }
  const preview = await previewRoster(ctx, 'ent-water', 'left.csv', grid([5001, 5002, 5003]))
  const left = await confirmRoster(ctx, preview, preview.version)
  const path = join(mkdtempSync(join(tmpdir(), 'import-')), 'next.csv')
  writeFileSync(path, grid([5004]).map((r) => r.join(',')).join('\n'))
  const run = await runImport(cloud.store, { enterpriseCode: 'GPS', file: path, now: new Date(NOW), env: { PII_MASTER_KEY: 'ab'.repeat(32) } })
  expect(run).toMatchObject({ exitCode: 0, summary: { accepted: 1, created: 1 } })
  expect(await cloud.store.getDoc('importJob', left.id)).toMatchObject({ status: 'done', rowsDone: 3 })
  cloud.close()
}, 120_000)

test('the hourly pass goes on with a job nobody polls any more, as the confirming operator', async () => {
  const cloud = await seededCloud({ count: 3 })
  const ctx: ImportActor = { ...cloud.deps, user: OPERATOR, now: cloud.clock.now() }
  const preview = await previewRoster(ctx, 'ent-water', 'left.csv', grid([6001, 6002, 6003]))
  const left = await confirmRoster(ctx, preview, preview.version)
  const { dispatched, importedRows } = await hourlyNotify(cloud.deps, new FakeSubscribeMessage())
  expect(dispatched).toBeTruthy()
  expect(importedRows).toBe(3)
  expect(await cloud.store.getDoc('importJob', left.id)).toMatchObject({ status: 'done', rowsDone: 3 })
  const c = (await cloud.store.getCase(importedCaseId(preview.id, 1)))!
  expect((await cloud.newAudit(c.id)).map((e) => e.actor.userId)).toEqual(['dev-ent-water'])
  // Nothing left: the next hour writes nothing.
  expect((await hourlyNotify(cloud.deps, new FakeSubscribeMessage())).importedRows).toBe(0)
  cloud.close()
}, 120_000)

test('a re-imported row that moves a person to another community takes their reach document along', async () => {
  const inner = openSqliteStore(':memory:')
  const clock = fixedClock(NOW)
  const deps = createDeps({ store: inner, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 7) })
  await seedDemo(inner, erenhot2019, deps.vault, { count: 3, now: clock.now() })
  const ctx: ImportActor = { ...deps, user: OPERATOR, now: clock.now() }
  const first = await previewRoster(ctx, 'ent-water', 'a.csv', grid([1000]))
  await runImportJob(ctx, (await confirmRoster(ctx, first, first.version)).id, UNTIL_DONE)
  const c = (await inner.findCaseByIdNumberHash(first.people[0].idNumber.hash))!
  expect(c.summary.receivingCommunityId).toBe('com-wulan')
  await inner.commit({ docs: [{ kind: 'caseReach', next: emptyReach(c, clock.now()), expectedVersion: null }] })
  // The same person, now with 格日勒社区 as hukou community.
  const moved = grid([1000]).map((row, i) => (i === 1 ? row.map((cell, j) => (ROSTER_COLUMNS[j].key === 'hukouCommunity' ? '格日勒社区' : cell)) : row))
  const second = await previewRoster(ctx, 'ent-water', 'b.csv', moved)
  expect(second.people[0].existingCaseId).toBe(c.id)
  await runImportJob(ctx, (await confirmRoster(ctx, second, second.version)).id, UNTIL_DONE)
  expect((await inner.getCase(c.id))!.summary.receivingCommunityId).toBe('com-gerile')
  expect(await inner.getDoc('caseReach', c.id)).toMatchObject({ version: 2, communityId: 'com-gerile' })
  inner.close()
})
