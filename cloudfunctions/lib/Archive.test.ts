/**
 * The archive on both stores: export from a seeded store, restore into an empty one, every record
 * compared; tampering of every kind detected before anything is written; the key's rules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fixedClock } from '../../shared/Clock'
import type { StageSummary } from '../../shared/Case'
import type { StageId } from '../../shared/Stage'
import { rotateKeys } from '../../shared/KeyRotation'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { DOC_INDEXES, readAllPages, type ArchivedRecord, type Store } from '../../shared/ports/Store'
import { openSqliteStore, type SqliteStore } from '../../local/SqliteStore'
import { seedDemo } from '../../local/seed'
import { archiveKeyFromEnv, ARCHIVE_KINDS, ArchiveError, archivePartPath, exportArchive, exportArchiveParts, isEmptyStore, restoreArchive } from './Archive'
import { ALL_COLLECTIONS, createCloudDbStore } from './CloudDbStore'
import { createDeps } from './deps'
import { FakeCloudDatabase } from './FakeCloudDatabase'
import { LOCAL_DEVELOPMENT_MASTER_KEY } from './AesIdNumberVault'

const KEY = Buffer.alloc(32, 41)
const NOW = '2020-03-20T01:00:00Z'

async function* linesOf(lines: readonly string[]): AsyncGenerator<string> {
  for (const line of lines) yield line
}

async function seeded(make: () => Store) {
  const store = make()
  const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock(NOW), masterKey: Buffer.alloc(32, 3) })
  await seedDemo(store, erenhot2019, deps.vault, { count: 30, now: deps.clock.now() })
  await store.incrementCounter('bind:attempts:test', 2)
  await rotateKeys(store, deps.vault, { now: () => deps.clock.now(), newId: deps.newId, settleMs: 0 })
  return { store, deps }
}

async function exported(store: Store, pageSize = 50) {
  const lines: string[] = []
  const counts = await exportArchive(store, KEY, { now: new Date(NOW), sealedWith: 'k1', write: (line) => void lines.push(line), pageSize })
  return { lines, counts }
}

/** Every record of every kind, as stored. */
async function everything(store: Store): Promise<Record<string, ArchivedRecord[]>> {
  const out: Record<string, ArchivedRecord[]> = {}
  for (const kind of ARCHIVE_KINDS) out[kind] = await readAllPages((after) => store.archivePage(kind, { limit: 37, after }))
  return out
}

const STORES: Array<[string, () => Store]> = [
  ['SQLite', () => openSqliteStore(':memory:')],
  ['cloud database (FakeCloudDatabase)', () => createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))],
]

describe.each(STORES)('the archive on %s', (_name, make) => {
  test('export from a seeded store, restore into an empty one: every record of every kind is the same, and the restored store works', async () => {
    const { store } = await seeded(make)
    const { lines, counts } = await exported(store)
    const before = await everything(store)
    for (const kind of ['cases', 'audit', 'users', 'figures', 'counters', 'keyRotation', 'referral', 'enterprises', 'communities'] as const) expect(before[kind].length).toBeGreaterThan(0)
    expect(counts).toEqual(Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, before[k].length])))

    const target = make()
    expect(await restoreArchive(target, KEY, () => linesOf(lines))).toEqual(counts)
    expect(await everything(target)).toEqual(before)
    // Read through the port, the restored store answers as the first: queue, figures, look-up by hash, audit.
    const c = (await store.getCase('case-0003'))!
    expect(await target.findCaseByIdNumberHash(c.person.idNumber.hash)).toEqual(c)
    expect(await target.countQueue(c.summary.receivingCommunityId, ['2020-04-01'])).toEqual(await store.countQueue(c.summary.receivingCommunityId, ['2020-04-01']))
    expect(await target.readFigures('')).toEqual(await store.readFigures(''))
    expect(await target.listAudit('case-0003')).toEqual(await store.listAudit('case-0003'))
    expect(await target.overdueCounts('2020-03-20')).toEqual(await store.overdueCounts('2020-03-20'))
  })

  test('a changed, moved, dropped or foreign chunk, a changed header, a cut-off file and the wrong key are refused, and nothing is written', async () => {
    const { store } = await seeded(make)
    const { lines } = await exported(store)
    const other = (await exported(store)).lines
    expect(lines.length).toBeGreaterThan(5)
    const flip = (line: string) => {
      const [iv, body] = line.split('.')
      const bytes = Buffer.from(body, 'base64')
      bytes[bytes.length >> 1] ^= 1
      return `${iv}.${bytes.toString('base64')}`
    }
    const header = JSON.parse(lines[0]) as Record<string, unknown>
    const cases: Array<[string, string[], Buffer, ArchiveError['failure']]> = [
      ['a flipped bit', [lines[0], lines[1], flip(lines[2]), ...lines.slice(3)], KEY, 'tampered'],
      ['two chunks swapped', [lines[0], lines[2], lines[1], ...lines.slice(3)], KEY, 'tampered'],
      ['a chunk dropped', [lines[0], lines[1], ...lines.slice(3)], KEY, 'tampered'],
      ['a chunk of another archive', [lines[0], other[1], ...lines.slice(2)], KEY, 'tampered'],
      ['a changed header', [JSON.stringify({ ...header, createdAt: '2030-01-01T00:00:00.000Z' }), ...lines.slice(1)], KEY, 'tampered'],
      ['the end cut off', lines.slice(0, -1), KEY, 'truncated'],
      ['another key', lines, Buffer.alloc(32, 42), 'wrongKey'],
      ['not an archive', ['hello', ...lines.slice(1)], KEY, 'notAnArchive'],
    ]
    for (const [what, file, key, failure] of cases) {
      const target = make()
      const error = await restoreArchive(target, key, () => linesOf(file)).then(() => null, (e: unknown) => e)
      expect([what, error instanceof ArchiveError && error.failure]).toEqual([what, failure])
      expect(await isEmptyStore(target)).toBe(true)
    }
  })

  test('nothing readable leaves in the clear: no name, phone or masked number of any retiree is in the file', async () => {
    const { store } = await seeded(make)
    const text = (await exported(store)).lines.join('\n')
    const cases = await readAllPages((after) => store.listCases({ limit: 100, after }))
    for (const c of cases.slice(0, 10)) for (const value of [c.person.name, c.person.phone, c.person.idNumber.masked, c.person.idNumber.hash]) expect(text).not.toContain(value)
  })

  test('the cloud export, part by part: stopped, crashed between a part and its progress, resumed; its parts in order restore every record', async () => {
    const { store } = await seeded(make)
    const parts = new Map<string, Buffer>()
    let failNextPut = false
    const sink = { put: async (path: string, content: Buffer) => { parts.set(path, content); if (failNextPut) { failNextPut = false; throw new Error('function timed out') } } }
    let asked = 0
    const base = { id: '2020-03', now: () => new Date(NOW), sealedWith: 'k1', pageSize: 40 }
    const first = await exportArchiveParts(store, KEY, sink, { ...base, shouldStop: () => asked++ >= 4 })
    expect(first).toMatchObject({ doneAt: null, chunks: 4 })
    failNextPut = true
    await expect(exportArchiveParts(store, KEY, sink, base)).rejects.toThrow(/timed out/)
    const done = await exportArchiveParts(store, KEY, sink, base)
    expect(done.doneAt).not.toBeNull()
    expect([...parts.keys()].every((p) => p.startsWith('archive/2020-03/'))).toBe(true)
    expect([...parts.keys()].sort()).toEqual(Array.from({ length: done.chunks + 1 }, (_, i) => archivePartPath('2020-03', i)))
    const lines = [...parts.keys()].sort().map((p) => parts.get(p)!.toString('utf8').trimEnd())

    const target = make()
    await restoreArchive(target, KEY, () => linesOf(lines))
    const [was, now] = [await everything(store), await everything(target)]
    // The export's own progress is archived as it was when read: under way.
    expect(now.archiveExport).toEqual([{ id: '2020-03', record: expect.objectContaining({ id: '2020-03', doneAt: null }) }])
    expect({ ...now, archiveExport: [] }).toEqual({ ...was, archiveExport: [] })
  })

  test('a store that holds anything is not restored into', async () => {
    const { store } = await seeded(make)
    const { lines } = await exported(store)
    await expect(restoreArchive(store, KEY, () => linesOf(lines))).rejects.toThrow(/空的数据库/)
  })
})

test('an archive of the local store restores into the cloud store as the cloud keeps cases: the drill-down by a stage\'s state finds them', async () => {
  const { store } = await seeded(STORES[0][1])
  const { lines } = await exported(store)
  const cloud = createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))
  await restoreArchive(cloud, KEY, () => linesOf(lines))
  const c = (await store.getCase('case-0003'))!
  const [id, summary] = Object.entries(c.summary.stages)[0] as [StageId, StageSummary]
  const filter = { receivingCommunityId: c.summary.receivingCommunityId, stage: { id, state: summary.state } }
  const local = (await store.listCases({ ...filter, limit: 1000 })).items.map((x) => x.id)
  expect(local).toContain('case-0003')
  expect((await cloud.listCases({ ...filter, limit: 1000 })).items.map((x) => x.id)).toEqual(local)
})

test('every collection of the cloud store and every table of SQLite is archived', async () => {
  expect(new Set(ARCHIVE_KINDS)).toEqual(new Set(ALL_COLLECTIONS))
  const store: SqliteStore = openSqliteStore(':memory:')
  await seeded(() => store)
  const { counts, lines } = await exported(store)
  const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name)
  // case_open_items and case_stages are rebuilt from each case on restore; docs holds every document kind.
  const rebuilt = ['case_open_items', 'case_stages']
  for (const table of tables.filter((t) => !rebuilt.includes(t))) {
    const rows = (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    const archived = table === 'docs' ? Object.keys(DOC_INDEXES).reduce((n, k) => n + (counts[k as keyof typeof counts] ?? 0), 0) : counts[table as keyof typeof counts]
    expect([table, archived]).toEqual([table, rows])
  }
  // Restored, every table holds the same rows, the rebuilt ones included.
  const target = openSqliteStore(':memory:')
  await restoreArchive(target, KEY, () => linesOf(lines))
  const rowsOf = (db: SqliteStore['db'], table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()
  for (const table of tables) expect([table, rowsOf(target.db, table)]).toEqual([table, rowsOf(store.db, table)])
})

test('the archive key is its own: required, and never a PII key (nor the development key)', () => {
  const hex = (k: Buffer) => k.toString('hex')
  expect(() => archiveKeyFromEnv({})).toThrow(/ARCHIVE_KEY is not set/)
  expect(() => archiveKeyFromEnv({ ARCHIVE_KEY: hex(KEY), PII_MASTER_KEY: KEY.toString('base64') })).toThrow(/must differ/)
  expect(() => archiveKeyFromEnv({ ARCHIVE_KEY: hex(KEY), PII_MASTER_KEY: hex(Buffer.alloc(32, 1)), PII_PREVIOUS_KEY: hex(KEY), PII_LOOKUP_KEY: hex(Buffer.alloc(32, 2)) })).toThrow(/must differ/)
  expect(() => archiveKeyFromEnv({ ARCHIVE_KEY: hex(LOCAL_DEVELOPMENT_MASTER_KEY) })).toThrow(/must differ/)
  expect(archiveKeyFromEnv({ ARCHIVE_KEY: hex(KEY), PII_MASTER_KEY: hex(Buffer.alloc(32, 1)) })).toEqual(KEY)
})

/** Source files of the server and the stores, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

test('no code path deletes an audit entry: no SQL deletes from audit, the cloud store removes nothing from its collection', () => {
  const root = join(__dirname, '..', '..')
  const files = ['shared', 'cloudfunctions', 'local'].flatMap((d) => sources(join(root, d)))
  expect(files.length).toBeGreaterThan(50)
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    expect([file, /DELETE\s+FROM\s+audit\b|DROP\s+TABLE\s+(IF\s+EXISTS\s+)?audit\b/i.test(text)]).toEqual([file, false])
    expect([file, /collection\((COLLECTIONS\.audit|'audit')\)[^;]*\.remove\(/.test(text)]).toEqual([file, false])
  }
})
