/**
 * `npm run bench` — write N synthetic cases through the storage port (SQLite adapter) and read
 * them back; in the same run, raw better-sqlite3 does the same work on the same machine, and the
 * ratios are printed. N is 10 000 by default; `npm run bench -- --large` uses 1 000 000, and
 * `--n <count>` any other number. The roster import (10 000 rows) runs last; `--import` runs it alone.
 * `--notices` prints notice letters for 5 000 retirees alone (in the print function's batches, then as one PDF).
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RetireeCase } from '../shared/Case'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { makeCase, withSteps } from '../shared/testing/fixtures'
import { boardView, type BoardView } from '../shared/Board'
import { unitNamer } from '../shared/UnitNames'
import { buildBulletin } from '../cloudfunctions/lib/actions/bulletins'
import { bulletinDocx, bulletinXlsx } from '../cloudfunctions/lib/roster/reportFiles'
import { openSqliteStore, SQLITE_TRANSACTION_WRITES } from '../local/SqliteStore'
import { MAX_TRANSACTION_WRITES } from '../shared/ports/StoreLimits'
import { DEMO_COMMUNITIES, DEMO_ENTERPRISES } from '../local/demoData'
import { createDeps } from '../cloudfunctions/lib/deps'
import { confirmAndImport, previewRoster, UNTIL_DONE } from '../cloudfunctions/lib/roster/importService'
import { fixedClock } from '../shared/Clock'
import { reminderPass } from '../cloudfunctions/lib/notify/reminders'
import { checkCharacter } from '../shared/IdNumber'
import { ROSTER_COLUMNS, type Cell } from '../shared/RosterImport'
import { NOTICE_BATCH, noticeLetter } from '../shared/NoticeLetter'
import { noticesPdf } from '../cloudfunctions/lib/print/noticesPdf'
import { printFontPath } from '../cloudfunctions/lib/print/printFont'
import { standInQrCode } from '../cloudfunctions/lib/print/StandInQrCode'

const BATCH = 1000
/** The roster import: its rows, and how many times it runs (the median run is reported). */
const IMPORT_ROWS = 10_000
const IMPORT_RUNS = 5

function argN(): number {
  if (process.argv.includes('--large')) return 1_000_000
  const i = process.argv.indexOf('--n')
  return i >= 0 ? Number(process.argv[i + 1]) : 10_000
}

const template = makeCase(erenhot2019, { id: 'template' })
/** Cases at every point of the path, so the board has done, open and waiting stages to count. */
const STEP_PATH = ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'partyRelationTransferred', 'partyBranchAssigned', 'socialSecurityHandedOver', 'takenIn'] as const
const progressed = STEP_PATH.map((_, k) => withSteps(erenhot2019, makeCase(erenhot2019, { id: 'template', categories: { partyMember: true } }), [...STEP_PATH.slice(0, k)]))
function synthetic(i: number): RetireeCase {
  const id = `case-${String(i).padStart(8, '0')}`
  const stages = progressed[(i * 7919) % progressed.length].summary.stages
  return {
    ...template,
    id,
    enterpriseId: `ent-${i % 7}`,
    hukouCommunityId: `com-${i % 50}`,
    person: { ...template.person, idNumber: { ...template.person.idNumber, hash: `hash-${i}` } },
    // About 5 % have an open item due on 2020-03-31 (the reminder case looks 7 days ahead of it).
    // The stages vary for the board; the open items stay as they were for the reminder bench.
    summary: { ...template.summary, receivingCommunityId: `com-${i % 50}`, openItems: [{ stage: 'agreement', deadline: i % 20 === 0 ? '2020-03-31' : '2020-05-15' }], stages },
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
}

interface Result {
  writeRowsPerSec: number
  readMeanUs: number
  readP50Us: number
  readP99Us: number
  scanRowsPerSec: number
}

async function timeReads(n: number, read: (id: string) => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = []
  const count = Math.min(n, 20_000)
  let seed = 12345
  for (let k = 0; k < count; k++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    const id = `case-${String(seed % n).padStart(8, '0')}`
    const t = process.hrtime.bigint()
    const got = await read(id)
    samples.push(Number(process.hrtime.bigint() - t) / 1000)
    if (!got) throw new Error(`missing ${id}`)
  }
  return samples.sort((a, b) => a - b)
}

/** The daily reminder pass over the store benchPort filled, next to a raw indexed query for the same items. */
async function benchReminders(dir: string, n: number) {
  const store = openSqliteStore(join(dir, 'port.sqlite'))
  await store.commit({ users: Array.from({ length: 7 }, (_, e) => ({ id: `op-${e}`, role: 'enterpriseOperator' as const, name: `经办人${e}`, orgId: `ent-${e}` })) })
  const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock('2020-03-24T01:00:00Z'), masterKey: Buffer.alloc(32, 2) })
  const t = process.hrtime.bigint()
  const report = await reminderPass(deps, deps.clock.now())
  const passSec = Number(process.hrtime.bigint() - t) / 1e9
  const plan = (store.db.prepare("EXPLAIN QUERY PLAN SELECT case_id, stage, deadline, enterprise_id, receiving_community_id FROM case_open_items WHERE deadline = ? AND (case_id, stage) > (?, ?) ORDER BY case_id, stage LIMIT 1000").all('2020-03-31', '', '') as { detail: string }[]).map((r) => r.detail)
  store.close()
  const raw = new Database(join(dir, 'port.sqlite'), { readonly: true })
  const t2 = process.hrtime.bigint()
  const rows = raw.prepare("SELECT case_id, stage FROM case_open_items WHERE deadline IN ('2020-04-07', '2020-03-31', '2020-03-25')").all()
  const rawSec = Number(process.hrtime.bigint() - t2) / 1e9
  raw.close()
  if (report.itemsSeen !== rows.length) throw new Error(`pass saw ${report.itemsSeen}, raw query ${rows.length}`)
  console.log(`\nReminder pass over ${n.toLocaleString('en')} cases, ${rows.length.toLocaleString('en')} due (${((rows.length / n) * 100).toFixed(1)} %)`)
  console.log(`reminder pass (find + enqueue ${report.messages.toLocaleString('en')} messages)  ${passSec.toFixed(2)} s`)
  console.log(`raw indexed query for the same items          ${(rawSec * 1000).toFixed(1)} ms`)
  console.log(`ratio (pass ÷ raw find): ${(passSec / rawSec).toFixed(0)}× — the pass also reads each case, finds the staff and writes the messages`)
  console.log(`query plan of one page: ${plan.join(' | ')}`)
}

async function benchPort(dir: string, n: number): Promise<Result> {
  const store = openSqliteStore(join(dir, 'port.sqlite'))
  let writeNs = 0n
  for (let start = 0; start < n; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - start) }, (_, k) => ({ next: synthetic(start + k), expectedVersion: null }))
    const t = process.hrtime.bigint()
    await store.commit({ cases: batch })
    writeNs += process.hrtime.bigint() - t
  }
  const reads = await timeReads(n, (id) => store.getCase(id))
  const t = process.hrtime.bigint()
  let seen = 0
  let after: string | undefined
  for (;;) {
    const page = await store.listCases({ limit: 1000, after, receivingCommunityId: undefined })
    seen += page.items.length
    if (!page.nextCursor) break
    after = page.nextCursor
  }
  const scanNs = process.hrtime.bigint() - t
  if (seen !== n) throw new Error(`port scan saw ${seen} of ${n}`)
  store.close()
  return summarize(n, writeNs, reads, scanNs)
}

async function benchRaw(dir: string, n: number): Promise<Result> {
  const db = new Database(join(dir, 'raw.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE cases (id TEXT PRIMARY KEY, doc TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO cases (id, doc) VALUES (?, ?)')
  const insertMany = db.transaction((rows: RetireeCase[]) => {
    for (const c of rows) insert.run(c.id, JSON.stringify(c))
  })
  let writeNs = 0n
  for (let start = 0; start < n; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - start) }, (_, k) => synthetic(start + k))
    const t = process.hrtime.bigint()
    insertMany(batch)
    writeNs += process.hrtime.bigint() - t
  }
  const get = db.prepare<[string], { doc: string }>('SELECT doc FROM cases WHERE id = ?')
  const reads = await timeReads(n, (id) => {
    const row = get.get(id)
    return row ? JSON.parse(row.doc) : null
  })
  const page = db.prepare<[string, number], { id: string; doc: string }>('SELECT id, doc FROM cases WHERE id > ? ORDER BY id LIMIT ?')
  const t = process.hrtime.bigint()
  let seen = 0
  let after = ''
  for (;;) {
    const rows = page.all(after, 1000)
    for (const r of rows) JSON.parse(r.doc)
    seen += rows.length
    if (rows.length < 1000) break
    after = rows[rows.length - 1].id
  }
  const scanNs = process.hrtime.bigint() - t
  if (seen !== n) throw new Error(`raw scan saw ${seen} of ${n}`)
  db.close()
  return summarize(n, writeNs, reads, scanNs)
}

function summarize(n: number, writeNs: bigint, reads: number[], scanNs: bigint): Result {
  return {
    writeRowsPerSec: n / (Number(writeNs) / 1e9),
    readMeanUs: reads.reduce((a, b) => a + b, 0) / reads.length,
    readP50Us: percentile(reads, 50),
    readP99Us: percentile(reads, 99),
    scanRowsPerSec: n / (Number(scanNs) / 1e9),
  }
}

/** Median wall time of `runs` calls, after one to warm up. */
async function median(runs: number, f: () => unknown): Promise<number> {
  await f()
  const times: number[] = []
  for (let k = 0; k < runs; k++) {
    const t = process.hrtime.bigint()
    await f()
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]
}

/**
 * The office's board over the store benchPort filled: every board figure from the maintained
 * figures, next to one warm raw GROUP BY over the indexed stage rows producing the same figures
 * (per enterprise and per community: each stage's done, open, waiting, and open past its deadline).
 */
async function benchBoard(dir: string, n: number) {
  const today = '2020-04-20'
  const store = openSqliteStore(join(dir, 'port.sqlite'))
  const names = unitNamer(erenhot2019, { enterprises: [], communities: [] })
  let board: BoardView | null = null
  const portMs = await median(5, async () => {
    board = boardView(erenhot2019, await store.readFigures(''), today, names)
  })
  // A bulletin as the office issues it: the figures, the content with its ranking, and both files.
  const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock(`${today}T02:00:00Z`), masterKey: Buffer.alloc(32, 3) })
  const t = process.hrtime.bigint()
  const content = await buildBulletin(deps, today, 1, null)
  const contentMs = Number(process.hrtime.bigint() - t) / 1e6
  const files = [await bulletinXlsx(content), await bulletinDocx(content)]
  const bulletinMs = Number(process.hrtime.bigint() - t) / 1e6
  const figurePlan = (store.db.prepare('EXPLAIN QUERY PLAN SELECT key, value FROM figures WHERE key >= ? AND key < ? AND value != 0 ORDER BY key').all('', '\uffff') as { detail: string }[]).map((r) => r.detail)
  const keys = (store.db.prepare('SELECT count(*) AS n FROM figures').get() as { n: number }).n
  store.close()
  const raw = new Database(join(dir, 'port.sqlite'), { readonly: true })
  const overdueStages = erenhot2019.stages.filter((s) => s.deadline !== null && s.deadline < today).map((s) => `'${s.id}'`).join(', ')
  const sql = `SELECT 'enterprise' AS side, enterprise_id AS unit, stage, state, count(*) AS n, sum(state = 'open' AND stage IN (${overdueStages})) AS overdue FROM case_stages GROUP BY enterprise_id, stage, state
    UNION ALL SELECT 'community', receiving_community_id, stage, state, count(*), sum(state = 'open' AND stage IN (${overdueStages})) FROM case_stages GROUP BY receiving_community_id, stage, state`
  const group = raw.prepare<[], { side: string; unit: string; stage: string; state: string; n: number; overdue: number }>(sql)
  let rows: ReturnType<typeof group.all> = []
  const rawMs = await median(5, () => {
    rows = group.all()
  })
  const rawPlan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail)
  raw.close()
  // The two agree, cell by cell, before any ratio is printed.
  const b = board as BoardView | null
  if (!b) throw new Error('no board')
  for (const r of rows) {
    const table = r.side === 'enterprise' ? b.byEnterprise : b.byCommunity
    const cell = table.find((x) => x.orgId === r.unit)?.stages[b.stages.findIndex((s) => s.id === r.stage)]
    const got = cell?.[r.state as 'done' | 'open' | 'waiting']
    if (got !== r.n || (r.state === 'open' && cell?.overdue !== r.overdue)) throw new Error(`board ${r.side} ${r.unit} ${r.stage} ${r.state}: ${got} vs raw ${r.n}`)
  }
  console.log(`\nBoard over ${n.toLocaleString('en')} cases: ${b.byEnterprise.length} enterprises and ${b.byCommunity.length} communities × ${b.stages.length} stages, ${b.units.length} unit bars; ${keys.toLocaleString('en')} maintained figures`)
  console.log(`all board figures (maintained figures + boardView)  ${portMs.toFixed(1)} ms`)
  console.log(`one warm raw GROUP BY over the stage rows           ${rawMs.toFixed(1)} ms`)
  console.log(`query plan (figures): ${figurePlan.join(' | ')}`)
  console.log(`query plan (raw GROUP BY): ${rawPlan.join(' | ')}`)
  console.log(`board ratio: ${(portMs / rawMs).toFixed(3)}× (board ÷ raw GROUP BY; the target is ≤ 2×)`)
  console.log(`bulletin (figures + ranked content ${contentMs.toFixed(0)} ms, then .xlsx ${(files[0].length / 1024).toFixed(0)} KB and .docx ${(files[1].length / 1024).toFixed(0)} KB): ${(bulletinMs / 1000).toFixed(2)} s (target ≤ 5 s)`)
}

/**
 * Every row of every table of a file, by table (to tell the rows an import wrote from those it found),
 * in the order they were written where the table keeps one (its rowid): the baseline then inserts the
 * same rows in the same order, not sorted by key, which would turn the import's random-keyed inserts
 * (an ID reservation is keyed by a hash) into appends.
 */
function tableRows(db: Database.Database): Map<string, Array<Record<string, unknown>>> {
  const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
  const inWriteOrder = (t: { name: string; sql: string }) => (/WITHOUT ROWID/i.test(t.sql) ? `SELECT * FROM "${t.name}"` : `SELECT * FROM "${t.name}" ORDER BY rowid`)
  return new Map(tables.map((t) => [t.name, db.prepare(inWriteOrder(t)).all() as Array<Record<string, unknown>>]))
}

/** The rows an import wrote: every row of the file after it that was not there, as it is, before it. */
function rowsWritten(before: Map<string, Array<Record<string, unknown>>>, after: Map<string, Array<Record<string, unknown>>>): Map<string, Array<Record<string, unknown>>> {
  const written = new Map<string, Array<Record<string, unknown>>>()
  for (const [table, rows] of after) {
    const had = new Set((before.get(table) ?? []).map((r) => JSON.stringify(r)))
    const added = rows.filter((r) => !had.has(JSON.stringify(r)))
    if (added.length) written.set(table, added)
  }
  return written
}

/**
 * The fair baseline: raw better-sqlite3 inserting every row the import wrote (same tables with the
 * same indexes, copied from the port's file; same rows, read back from it) in one transaction, into
 * a file that already holds what the port's held before the import (not timed), with the port's settings.
 */
function rawInsert(path: string, schemaOf: Database.Database, before: Map<string, Array<Record<string, unknown>>>, written: Map<string, Array<Record<string, unknown>>>): { sec: number; cpuSec: number } {
  const raw = new Database(path)
  // The port's own settings, so that only the work differs (the page size first: it is fixed once the file has its header).
  raw.pragma(`page_size = ${schemaOf.pragma('page_size', { simple: true })}`)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  for (const setting of ['cache_size', 'wal_autocheckpoint', 'mmap_size']) raw.pragma(`${setting} = ${schemaOf.pragma(setting, { simple: true })}`)
  // Tables, then their indexes, then triggers (a trigger needs its table).
  const order = "CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END"
  for (const { sql } of schemaOf.prepare<[], { sql: string }>(`SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY ${order}, name`).all()) raw.exec(sql)
  const insertAll = (rows: Map<string, Array<Record<string, unknown>>>) => {
    for (const [table, list] of rows) {
      if (list.length === 0) continue
      const columns = Object.keys(list[0])
      // Upsert: a maintained figure the import bumped may have been there before.
      const insert = raw.prepare(`INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      for (const r of list) insert.run(...columns.map((c) => r[c]))
    }
  }
  raw.transaction(insertAll)(before)
  collectGarbage()
  const t = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  raw.transaction(insertAll)(written)
  const sec = Number(process.hrtime.bigint() - t) / 1e9
  const cpuSpent = cpuSec(process.cpuUsage(cpu))
  raw.close()
  return { sec, cpuSec: cpuSpent }
}

const cpuSec = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6

/** Both timed spans of a run start from a collected heap (`npm run bench` runs node with --expose-gc), so neither pays for the garbage of what came before it. */
function collectGarbage(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

/** A roster of `rows` people of the demo data's water company, all new, in hukou community WL01. */
function rosterGrid(rows: number): Cell[][] {
  const grid: Cell[][] = [ROSTER_COLUMNS.map((c) => c.header)]
  for (let i = 0; i < rows; i++) {
    const first17 = `152501${1940 + (i % 23)}${String(1 + ((i >> 5) % 12)).padStart(2, '0')}${String(1 + ((i >> 9) % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`
    grid.push(ROSTER_COLUMNS.map((c) => (c.key === 'name' ? `退休人员${i}` : c.key === 'idNumber' ? first17 + checkCharacter(first17) : c.key === 'retirementDate' ? '2010-05-01' : c.key === 'hukouAddress' ? '乌兰大街3号' : c.key === 'hukouCommunity' ? 'WL01' : '')))
  }
  return grid
}

interface ImportRun {
  portSec: number
  rawSec: number
  /** The same two spans in CPU time (user + system) of this process: steadier than wall time on a shared machine. */
  portCpuSec: number
  rawCpuSec: number
  written: Map<string, Array<Record<string, unknown>>>
}

/**
 * One roster import through the port, timed from the grid to the last commit (parse, check, seal,
 * preview, confirm, then the import job writing whole cases with audit, ID reservations, inbox and
 * events in chunks that each fit the store's transactionWrites), then the fair baseline for what it wrote.
 */
async function importRun(dir: string, name: string, grid: Cell[][], transactionWrites: number): Promise<ImportRun> {
  const store = openSqliteStore(join(dir, `${name}.sqlite`), { transactionWrites })
  const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock('2020-03-20T01:00:00Z'), masterKey: Buffer.alloc(32, 1) })
  await store.commit({ enterprises: DEMO_ENTERPRISES, communities: DEMO_COMMUNITIES })
  const before = tableRows(store.db)
  const ctx = { ...deps, now: deps.clock.now(), user: { id: 'bench', role: 'enterpriseOperator' as const, name: 'bench', orgId: 'ent-water' } }
  collectGarbage()
  const t = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  const preview = await previewRoster(ctx, 'ent-water', 'bench.csv', grid)
  // The confirmation creates the import job; the job writes the rows, chunk by chunk, to its end.
  const job = await confirmAndImport(ctx, preview, preview.version, UNTIL_DONE)
  if (job?.status !== 'done') throw new Error(`import job ended ${job?.status ?? 'missing'}`)
  const portSec = Number(process.hrtime.bigint() - t) / 1e9
  const portCpuSec = cpuSec(process.cpuUsage(cpu))
  if (preview.people.length !== grid.length - 1) throw new Error(`import accepted ${preview.people.length} of ${grid.length - 1}`)
  const written = rowsWritten(before, tableRows(store.db))
  const { sec: rawSec, cpuSec: rawCpuSec } = rawInsert(join(dir, `${name}-raw.sqlite`), store.db, before, written)
  store.close()
  return { portSec, rawSec, portCpuSec, rawCpuSec, written }
}

/** The median run of `runs` by the ratio (raw seconds ÷ port seconds). */
async function medianRun(runs: number, run: (k: number) => Promise<ImportRun>): Promise<ImportRun> {
  const all: ImportRun[] = []
  for (let k = 0; k < runs; k++) all.push(await run(k))
  return all.sort((a, b) => a.rawSec / a.portSec - b.rawSec / b.portSec)[Math.floor(runs / 2)]
}

/** Roster import through the port (the chunked import job to its end) vs raw inserts of every row it wrote, in one transaction. */
async function benchImport(dir: string, rows: number, runs: number) {
  const grid = rosterGrid(rows)
  const fmt = (x: number) => Math.round(x).toLocaleString('en').replace(/,/g, ' ')
  const run = await medianRun(runs, (k) => importRun(dir, `import-${k}`, grid, SQLITE_TRANSACTION_WRITES))
  const docKinds = new Map<string, number>()
  for (const r of run.written.get('docs') ?? []) docKinds.set(String(r.kind), (docKinds.get(String(r.kind)) ?? 0) + 1)
  const total = [...run.written.values()].reduce((n, list) => n + list.length, 0)
  const tables = [...run.written].map(([table, list]) => `${table} ${fmt(list.length)}${table === 'docs' ? ` (${[...docKinds].map(([kind, n]) => `${kind} ${fmt(n)}`).join(', ')})` : ''}`).join(', ')
  console.log(`\nRoster import of ${fmt(rows)} rows (parse, check, seal, preview, confirm; the import job writes whole cases with audit, ID reservations, inbox and events in chunks of at most ${SQLITE_TRANSACTION_WRITES} writes, SQLite's transactionWrites), median of ${runs} runs`)
  console.log(`rows it wrote (${fmt(total)}): ${tables}`)
  console.log(`roster import (port, import job)       ${fmt(rows / run.portSec).padStart(10)} rows/s  (${run.portSec.toFixed(2)} s)`)
  console.log(`raw inserts of the same rows, one tx   ${fmt(rows / run.rawSec).padStart(10)} rows/s  (${run.rawSec.toFixed(2)} s, ${fmt(total / run.rawSec)} table rows/s)`)
  console.log(`CPU time ratio: ${(run.rawCpuSec / run.portCpuSec).toFixed(3)}× (${run.portCpuSec.toFixed(2)} s vs raw ${run.rawCpuSec.toFixed(2)} s)`)
  console.log(`import ratio: ${(run.rawSec / run.portSec).toFixed(3)}× (import ${fmt(rows / run.portSec)} rows/s vs raw ${fmt(rows / run.rawSec)} rows/s)`)
  // The same import on SQLite chunked as the cloud must chunk it: what the store's own transaction size is worth.
  const cloudSized = await medianRun(runs, (k) => importRun(dir, `import-cloud-${k}`, grid, MAX_TRANSACTION_WRITES))
  console.log(`the same on SQLite in the cloud's chunks (${MAX_TRANSACTION_WRITES} writes): ${fmt(rows / cloudSized.portSec)} rows/s (${cloudSized.portSec.toFixed(2)} s), ratio ${(cloudSized.rawSec / cloudSized.portSec).toFixed(3)}× (raw ${fmt(rows / cloudSized.rawSec)} rows/s)`)
}

/** Printed notices (issue 14.2): 5 000 letters as the print function makes them, NOTICE_BATCH a PDF, then all in one PDF. */
async function benchNotices(people = 5000) {
  const policy = erenhot2019
  const community = DEMO_COMMUNITIES[0]
  const stepsAt = [[], ['rosterConfirmed'], ['rosterConfirmed', 'materialsSubmitted'], ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned']] as const
  const letters = Array.from({ length: people }, (_, i) => noticeLetter(policy, withSteps(policy, makeCase(policy, { id: `case-${i}`, name: `${'张王李赵刘陈杨黄'[i % 8]}${'建国秀兰玉梅志强'[i % 7]}${'华明英'[i % 3]}` }), [...stepsAt[i % 4]]), '2020-03-20', community, { name: '孟和', phone: '13904790101' })!)
  const code = await standInQrCode().make({ scene: community.code, page: 'pages/community/index', width: 860 })
  const font = printFontPath()
  const batches: number[] = []
  let bytes = 0
  const started = process.hrtime.bigint()
  for (let i = 0; i < letters.length; i += NOTICE_BATCH) {
    const t = process.hrtime.bigint()
    bytes += (await noticesPdf(letters.slice(i, i + NOTICE_BATCH), code, '2020-03-20', font)).length
    batches.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  const batchedSec = Number(process.hrtime.bigint() - started) / 1e9
  const oneStart = process.hrtime.bigint()
  const one = await noticesPdf(letters, code, '2020-03-20', font)
  const oneSec = Number(process.hrtime.bigint() - oneStart) / 1e9
  const sorted = [...batches].sort((a, b) => a - b)
  console.log(`Printed notices: ${people.toLocaleString('en')} letters, one A4 page each`)
  console.log(`  in batches of ${NOTICE_BATCH} (one print.notices call each): ${batches.length} PDFs, ${batchedSec.toFixed(1)} s in all, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms a batch, ${(bytes / batches.length / 1024).toFixed(0)} KB a PDF, ${(bytes / 1024 / 1024).toFixed(1)} MB in all`)
  console.log(`  as one PDF: ${oneSec.toFixed(1)} s, ${(one.length / 1024 / 1024).toFixed(1)} MB (${(one.length / people / 1024).toFixed(1)} KB a page; the font's glyphs and the code embedded once)`)
}

async function main() {
  if (process.argv.includes('--notices')) return await benchNotices()
  const n = argN()
  const dir = mkdtempSync(join(tmpdir(), 'bench-'))
  try {
    // `--import` runs the roster import alone.
    if (process.argv.includes('--import')) return await benchImport(dir, IMPORT_ROWS, IMPORT_RUNS)
    console.log(`Storage port vs raw better-sqlite3, N = ${n.toLocaleString('en')} cases (~${(JSON.stringify(synthetic(0)).length / 1024).toFixed(1)} KB each), batches of ${BATCH}`)
    const raw = await benchRaw(dir, n)
    const port = await benchPort(dir, n)
    const row = (label: string, r: Result) =>
      `${label.padEnd(22)} ${Math.round(r.writeRowsPerSec).toString().padStart(10)} ${r.readMeanUs.toFixed(1).padStart(10)} ${r.readP50Us.toFixed(1).padStart(8)} ${r.readP99Us.toFixed(1).padStart(8)} ${Math.round(r.scanRowsPerSec).toString().padStart(10)}`
    console.log(`${''.padEnd(22)} ${'write/s'.padStart(10)} ${'read µs'.padStart(10)} ${'p50 µs'.padStart(8)} ${'p99 µs'.padStart(8)} ${'scan/s'.padStart(10)}`)
    console.log(row('raw better-sqlite3', raw))
    console.log(row('storage port (SQLite)', port))
    console.log(
      `ratios (port ÷ raw): write throughput ${(port.writeRowsPerSec / raw.writeRowsPerSec).toFixed(2)}×, point-read latency ${(port.readMeanUs / raw.readMeanUs).toFixed(2)}×, scan throughput ${(port.scanRowsPerSec / raw.scanRowsPerSec).toFixed(2)}×`,
    )
    await benchBoard(dir, n)
    await benchReminders(dir, n)
    await benchImport(dir, IMPORT_ROWS, IMPORT_RUNS)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
