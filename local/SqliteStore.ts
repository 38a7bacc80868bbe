/**
 * The storage port on SQLite (better-sqlite3), for the local cloud and benchmarks.
 * WAL journal, real tables and indexes, one transaction per commit, and a version guard
 * (UPDATE … WHERE id = ? AND version = ?) so that a concurrent update never overwrites another.
 */
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { AppError } from '../shared/AppError'
import type { AuditEntry } from '../shared/AuditEntry'
import type { RetireeCase } from '../shared/Case'
import { systemClock, type Clock } from '../shared/Clock'
import type { StageId } from '../shared/Stage'
import { ignoredRecordEntry, parseRecord, type RecordKind, type StoredRecords } from '../shared/ports/RecordSchemas'
import { canonicalJson } from '../shared/CanonicalJson'
import { syncIndexes } from './SqliteIndexes'
import { applyDelta, contributions, COUNTED_DOC_KINDS, figureDelta, prefixEnd, storedCounts, type CountedRecord, type Figures } from '../shared/Figures'
import { auditCursor, byId, DOC_INDEXES, MAX_PAGE, parseAuditCursor, parseQueueCursor, readAllPages, queueCursor, type QueueGroup, type AuditQuery, type CaseFilter, type CaseQuery, type Change, type DocKind, type DocKinds, type Page, type Store, type UserQuery, type ArchivedRecord } from '../shared/ports/Store'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  enterprise_id TEXT NOT NULL,
  receiving_community_id TEXT NOT NULL,
  current_stage TEXT,
  next_deadline TEXT,
  in_scope INTEGER NOT NULL,
  done INTEGER NOT NULL,
  id_hash TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS case_open_items (
  case_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  deadline TEXT NOT NULL,
  enterprise_id TEXT NOT NULL,
  receiving_community_id TEXT NOT NULL,
  PRIMARY KEY (case_id, stage)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS case_stages (
  case_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  state TEXT NOT NULL,
  enterprise_id TEXT NOT NULL,
  receiving_community_id TEXT NOT NULL,
  PRIMARY KEY (case_id, stage)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS figures (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
-- A figure that falls to 0 is dropped, so the board's key ranges hold only live counts (shared/Figures.ts).
CREATE TRIGGER IF NOT EXISTS figures_drop_zero AFTER UPDATE OF value ON figures WHEN NEW.value = 0 BEGIN DELETE FROM figures WHERE key = NEW.key; END;
CREATE TABLE IF NOT EXISTS agreements (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  enterprise_id TEXT NOT NULL,
  community_id TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, role TEXT NOT NULL, org_id TEXT NOT NULL, case_id TEXT, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS enterprises (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS communities (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (id TEXT PRIMARY KEY, case_id TEXT, actor_id TEXT, at TEXT NOT NULL, doc TEXT NOT NULL);
`

/**
 * Most documents one SQLite commit is given (Store.transactionWrites). SQLite itself sets no such
 * limit; what a commit costs is mostly its fixed part (the pages it writes to the journal: a
 * roster chunk touches about the same index pages whether it holds 13 rows or 130). Chosen: 1000,
 * about 130 roster rows, so a 10 000-row import makes about 80 commits instead of 770 (npm run
 * bench -- --import), while one chunk's transaction still holds the local host's one thread for
 * only tens of milliseconds and the job's progress still moves every second or so.
 */
export const SQLITE_TRANSACTION_WRITES = 1000

/** Bumped whenever the tables change; an older local file is refused (the demo data is reseeded). */
export const SCHEMA_VERSION = 4

/**
 * The FROM and WHERE terms of a case filter. cases_by_enterprise_community_stage serves the first
 * three together; a stage's state is read from case_stages by unit, stage and state.
 */
function caseFilters(filter: CaseFilter): { from: string; filters: Array<[string, unknown]> } {
  const filters: Array<[string, unknown]> = []
  // Served here, received elsewhere: cases_by_residence (an index on the expression, so older files gain it without a new schema version).
  if (filter.residentOf !== undefined) filters.push(["json_extract(c.doc, '$.residenceCommunityId') = ?", filter.residentOf], ['c.receiving_community_id <> ?', filter.residentOf])
  if (filter.stage !== undefined) {
    filters.push(['s.stage = ?', filter.stage.id], ['s.state = ?', filter.stage.state])
    if (filter.receivingCommunityId !== undefined) filters.push(['s.receiving_community_id = ?', filter.receivingCommunityId])
    if (filter.enterpriseId !== undefined) filters.push(['s.enterprise_id = ?', filter.enterpriseId])
    if (filter.currentStage !== undefined) filters.push(['c.current_stage = ?', filter.currentStage])
    return { from: 'case_stages s JOIN cases c ON c.id = s.case_id', filters }
  }
  if (filter.receivingCommunityId !== undefined) filters.push(['c.receiving_community_id = ?', filter.receivingCommunityId])
  if (filter.enterpriseId !== undefined) filters.push(['c.enterprise_id = ?', filter.enterpriseId])
  if (filter.currentStage !== undefined) filters.push(['c.current_stage = ?', filter.currentStage])
  return { from: 'cases c', filters }
}

export class OutdatedSchemaError extends Error {
  constructor(readonly found: number) {
    super(`本地数据库的结构是第 ${found} 版，当前需要第 ${SCHEMA_VERSION} 版。`)
    this.name = 'OutdatedSchemaError'
  }
}

class VersionConflict extends Error {
  constructor(readonly id: string) {
    super('version conflict')
  }
}

export interface SqliteStore extends Store {
  readonly db: Database.Database
  close(): void
}

/** The rows of each queue group: equalities on the leading columns of cases_queue. */
const QUEUE_GROUP_SQL: Record<QueueGroup, string> = {
  open: 'in_scope = 1 AND done = 0',
  done: 'in_scope = 1 AND done = 1',
  // A case out of scope is never done (summarizeCase), so the index's third column is fixed too.
  outOfScope: 'in_scope = 0 AND done = 0',
}

/** The document kinds that count towards the figures. */
const COUNTED_DOCS = COUNTED_DOC_KINDS
type CountedDocKind = (typeof COUNTED_DOCS)[number]
const isCountedDoc = (kind: string): kind is CountedDocKind => (COUNTED_DOCS as readonly string[]).includes(kind)

/** A counted document as the figures count it. */
function countedDoc(kind: CountedDocKind, value: DocKinds[CountedDocKind] | null): CountedRecord | null {
  if (value === null) return null
  return { kind, value } as CountedRecord
}

/** The tables that keep one record kind each, by kind; the document kinds share `docs`. */
const ARCHIVE_TABLES = { cases: 'cases', agreements: 'agreements', users: 'users', enterprises: 'enterprises', communities: 'communities', audit: 'audit' } as const satisfies Partial<Record<RecordKind, string>>

/** A stored row: its key and its record as JSON. */
type Row = { id: string; doc: string }
type AuditRow = Row & { at: string }

/**
 * Opens (and creates) a store at `path`; ':memory:' for tests. Every record read is parsed with
 * its schema; one that fails it reads as absent, and the sighting is audited (with `clock`).
 */
export function openSqliteStore(path: string, options: { clock?: Clock; newId?: () => string; transactionWrites?: number } = {}): SqliteStore {
  const clock = options.clock ?? systemClock
  const newId = options.newId ?? randomUUID
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  // A roster's confirmation writes tens of thousands of rows in hundreds of commits: 16 MiB of page cache
  // (not the default 2 MiB) keeps the index pages its chunks touch at hand, and no more, since every commit
  // walks the whole cache once (SQLite's page cache truncation at the end of a write transaction: at
  // 64 MiB that walk cost the import a fifth of its commit time). Copying the journal back every 10 000
  // pages (not 1 000) writes a page its chunks all touch once per copy, not once per few chunks.
  db.pragma('cache_size = -16384')
  db.pragma('wal_autocheckpoint = 10000')
  const found = db.pragma('user_version', { simple: true }) as number
  const hasTables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0
  if (hasTables && found !== SCHEMA_VERSION) {
    db.close()
    throw new OutdatedSchemaError(found)
  }
  db.exec(SCHEMA)
  // The indexes the stores declare once (local/SqliteIndexes.ts); older ones are dropped.
  syncIndexes(db)
  db.pragma(`user_version = ${SCHEMA_VERSION}`)

  const q = {
    getCase: db.prepare<[string], Row>('SELECT id, doc FROM cases WHERE id = ?'),
    caseByHash: db.prepare<[string], Row>('SELECT id, doc FROM cases WHERE id_hash = ? ORDER BY id'),
    // Many keys in one statement: the keys as one JSON array (no limit on bound variables), each looked up in the key's index.
    casesByIds: db.prepare<[string], Row>('SELECT id, doc FROM cases WHERE id IN (SELECT value FROM json_each(?))'),
    casesByHashes: db.prepare<[string], Row & { hash: string }>('SELECT id, doc, id_hash AS hash FROM cases WHERE id_hash IN (SELECT value FROM json_each(?)) ORDER BY id'),
    insertCase: db.prepare(
      `INSERT INTO cases (id, version, enterprise_id, receiving_community_id, current_stage, next_deadline, in_scope, done, id_hash, doc)
       VALUES (@id, @version, @enterpriseId, @receivingCommunityId, @currentStage, @nextDeadline, @inScope, @done, @idHash, @doc)
       ON CONFLICT (id) DO NOTHING`,
    ),
    updateCase: db.prepare(
      `UPDATE cases SET version = @version, enterprise_id = @enterpriseId, receiving_community_id = @receivingCommunityId,
       current_stage = @currentStage, next_deadline = @nextDeadline, in_scope = @inScope, done = @done, id_hash = @idHash, doc = @doc
       WHERE id = @id AND version = @expectedVersion`,
    ),
    clearOpenItems: db.prepare('DELETE FROM case_open_items WHERE case_id = ?'),
    addOpenItem: db.prepare('INSERT INTO case_open_items (case_id, stage, deadline, enterprise_id, receiving_community_id) VALUES (?, ?, ?, ?, ?)'),
    openItemsDue: db.prepare<[string, string, string, number], { case_id: string; stage: string; deadline: string; enterprise_id: string; receiving_community_id: string }>(
      'SELECT case_id, stage, deadline, enterprise_id, receiving_community_id FROM case_open_items WHERE deadline = ? AND (case_id, stage) > (?, ?) ORDER BY case_id, stage LIMIT ?',
    ),
    overdue: db.prepare<[string], { stage: string; enterprise_id: string; receiving_community_id: string; n: number }>(
      'SELECT stage, enterprise_id, receiving_community_id, count(*) AS n FROM case_open_items WHERE deadline < ? GROUP BY stage, enterprise_id, receiving_community_id ORDER BY stage, enterprise_id, receiving_community_id',
    ),
    getAgreement: db.prepare<[string], Row>('SELECT id, doc FROM agreements WHERE id = ?'),
    insertAgreement: db.prepare(
      'INSERT INTO agreements (id, version, enterprise_id, community_id, doc) VALUES (@id, @version, @enterpriseId, @communityId, @doc) ON CONFLICT (id) DO NOTHING',
    ),
    updateAgreement: db.prepare(
      'UPDATE agreements SET version = @version, enterprise_id = @enterpriseId, community_id = @communityId, doc = @doc WHERE id = @id AND version = @expectedVersion',
    ),
    getUser: db.prepare<[string], Row>('SELECT id, doc FROM users WHERE id = ?'),
    putUser: db.prepare(
      'INSERT INTO users (id, role, org_id, case_id, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET role = excluded.role, org_id = excluded.org_id, case_id = excluded.case_id, doc = excluded.doc',
    ),
    removeUser: db.prepare('DELETE FROM users WHERE id = ?'),
    getDoc: db.prepare<[string, string], Row>('SELECT id, doc FROM docs WHERE kind = ? AND id = ?'),
    getDocs: db.prepare<[string, string], Row>('SELECT id, doc FROM docs WHERE kind = ? AND id IN (SELECT value FROM json_each(?))'),
    insertDoc: db.prepare('INSERT INTO docs (kind, id, version, doc) VALUES (@kind, @id, @version, @doc) ON CONFLICT (kind, id) DO NOTHING'),
    updateDoc: db.prepare('UPDATE docs SET version = @version, doc = @doc WHERE kind = @kind AND id = @id AND version = @expectedVersion'),
    removeDoc: db.prepare('DELETE FROM docs WHERE kind = ? AND id = ?'),
    getCounter: db.prepare<[string], { value: unknown }>('SELECT value FROM counters WHERE key = ?'),
    bumpCounter: db.prepare<[string, number], { value: number }>(
      'INSERT INTO counters (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value RETURNING value',
    ),
    getEnterprise: db.prepare<[string], Row>('SELECT id, doc FROM enterprises WHERE id = ?'),
    listEnterprises: db.prepare<[], Row>('SELECT id, doc FROM enterprises ORDER BY id'),
    putEnterprise: db.prepare('INSERT INTO enterprises (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc'),
    getCommunity: db.prepare<[string], Row>('SELECT id, doc FROM communities WHERE id = ?'),
    listCommunities: db.prepare<[], Row>('SELECT id, doc FROM communities ORDER BY id'),
    putCommunity: db.prepare('INSERT INTO communities (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc'),
    insertAudit: db.prepare('INSERT INTO audit (id, case_id, actor_id, at, doc) VALUES (?, ?, ?, ?, ?)'),
    // Index ranges of audit_by_case and audit_by_actor, continuing after the cursor's (at, id).
    auditOfCase: db.prepare<[string, string, string, number], AuditRow>('SELECT id, at, doc FROM audit WHERE case_id = ? AND (at, id) > (?, ?) ORDER BY at, id LIMIT ?'),
    auditOfActor: db.prepare<[string, string, string, string, string, number], AuditRow>(
      'SELECT id, at, doc FROM audit WHERE actor_id = ? AND at >= ? AND at < ? AND (at, id) > (?, ?) ORDER BY at, id LIMIT ?',
    ),
    clearStages: db.prepare('DELETE FROM case_stages WHERE case_id = ?'),
    addStage: db.prepare('INSERT INTO case_stages (case_id, stage, state, enterprise_id, receiving_community_id) VALUES (?, ?, ?, ?, ?)'),
    bumpFigure: db.prepare('INSERT INTO figures (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value'),
    // A commit's figure moves in one statement: a JSON object of key → amount (`WHERE true` lets the upsert follow a SELECT).
    bumpFigures: db.prepare("INSERT INTO figures (key, value) SELECT key, value FROM json_each(?) WHERE true ON CONFLICT (key) DO UPDATE SET value = value + excluded.value"),
    readFigures: db.prepare<[string, string], { key: string; value: unknown }>('SELECT key, value FROM figures WHERE key >= ? AND key < ? AND value != 0 ORDER BY key'),
  }

  /** A record parsed with its schema; null, and the sighting audited, when it does not fit. */
  function admitValue<K extends RecordKind>(kind: K, id: string, value: unknown): StoredRecords[K] | null {
    const record = parseRecord(kind, value)
    if (record !== null) return record
    const entry = ignoredRecordEntry({ id: newId(), at: clock.now(), kind, recordId: id, reason: 'invalid' })
    q.insertAudit.run(entry.id, entry.caseId, entry.actor.userId, entry.at, JSON.stringify(entry))
    return null
  }

  function admit<K extends RecordKind>(kind: K, row: Row | undefined): StoredRecords[K] | null {
    if (!row) return null
    let value: unknown
    try {
      value = JSON.parse(row.doc)
    } catch {
      value = undefined
    }
    return admitValue(kind, row.id, value)
  }

  /** The records among rows that fit their schema, in order. */
  function admitAll<K extends RecordKind>(kind: K, rows: Row[]): StoredRecords[K][] {
    const out: StoredRecords[K][] = []
    for (const row of rows) {
      const record = admit(kind, row)
      if (record !== null) out.push(record)
    }
    return out
  }

  function caseRow(c: RetireeCase) {
    return {
      id: c.id,
      version: c.version,
      enterpriseId: c.enterpriseId,
      receivingCommunityId: c.summary.receivingCommunityId,
      currentStage: c.summary.currentStage,
      nextDeadline: c.summary.nextDeadline,
      inScope: c.summary.inScope ? 1 : 0,
      done: c.summary.done ? 1 : 0,
      idHash: c.person.idNumber.hash,
      doc: JSON.stringify(c),
    }
  }

  /** What the stored record a write replaces counted for (null when there is none), read from the fields its figures use. */
  function before(kind: CountedRecord['kind'], id: string): CountedRecord | null {
    const row = kind === 'case' ? q.getCase.get(id) : kind === 'agreement' ? q.getAgreement.get(id) : q.getDoc.get(kind, id)
    if (!row) return null
    try {
      return storedCounts(kind, JSON.parse(row.doc))
    } catch {
      return null
    }
  }

  const apply = db.transaction((change: Change) => {
    const delta: Figures = new Map()
    // A new record's figures are added straight in (a roster's confirmation counts thousands of them).
    const count = (was: CountedRecord | null, now: CountedRecord | null) => (was === null && now !== null ? contributions(now, delta) : applyDelta(delta, figureDelta(was, now)))
    const cases = change.cases ?? []
    for (const v of cases) {
      const row = caseRow(v.next)
      const old = v.expectedVersion === null ? null : before('case', v.next.id)
      const res = v.expectedVersion === null ? q.insertCase.run(row) : q.updateCase.run({ ...row, expectedVersion: v.expectedVersion })
      if (res.changes !== 1) throw new VersionConflict(v.next.id)
      count(old, { kind: 'case', value: v.next })
    }
    // Then the query rows of each case as the commit leaves it, one table after the other (a commit of many cases
    // keeps one table's pages at hand at a time). A new case has none to clear: no case is ever removed, and a
    // stray row would fail its primary key, not hide.
    const updated = cases.filter((v) => v.expectedVersion !== null)
    const latest = [...new Map(cases.map((v) => [v.next.id, v.next])).values()]
    for (const v of updated) q.clearOpenItems.run(v.next.id)
    for (const c of latest) for (const item of c.summary.openItems ?? []) q.addOpenItem.run(c.id, item.stage, item.deadline, c.enterpriseId, c.summary.receivingCommunityId)
    for (const v of updated) q.clearStages.run(v.next.id)
    for (const c of latest) for (const [stage, st] of Object.entries(c.summary.stages)) q.addStage.run(c.id, stage, st.state, c.enterpriseId, c.summary.receivingCommunityId)
    for (const v of change.agreements ?? []) {
      const a = v.next
      const row = { id: a.id, version: a.version, enterpriseId: a.enterpriseId, communityId: a.communityId, doc: JSON.stringify(a) }
      const old = v.expectedVersion === null ? null : before('agreement', a.id)
      const res = v.expectedVersion === null ? q.insertAgreement.run(row) : q.updateAgreement.run({ ...row, expectedVersion: v.expectedVersion })
      if (res.changes !== 1) throw new VersionConflict(a.id)
      count(old, { kind: 'agreement', value: a })
    }
    for (const v of change.docs ?? []) {
      const row = { kind: v.kind, id: v.next.id, version: v.next.version, doc: JSON.stringify(v.next) }
      const counted = isCountedDoc(v.kind)
      const old = counted && v.expectedVersion !== null ? before(v.kind as CountedDocKind, v.next.id) : null
      const res = v.expectedVersion === null ? q.insertDoc.run(row) : q.updateDoc.run({ ...row, expectedVersion: v.expectedVersion })
      if (res.changes !== 1) throw new VersionConflict(v.next.id)
      if (counted) count(old, countedDoc(v.kind as CountedDocKind, v.next as DocKinds[CountedDocKind]))
    }
    for (const d of change.removeDocs ?? []) {
      if (isCountedDoc(d.kind)) count(before(d.kind, d.id), null)
      q.removeDoc.run(d.kind, d.id)
    }
    const moved = [...delta].filter(([, n]) => n !== 0)
    if (moved.length) q.bumpFigures.run(JSON.stringify(Object.fromEntries(moved)))
    for (const id of change.removeUsers ?? []) q.removeUser.run(id)
    for (const u of change.users ?? []) q.putUser.run(u.id, u.role, u.orgId, u.caseId ?? null, JSON.stringify(u))
    for (const e of change.enterprises ?? []) q.putEnterprise.run(e.id, JSON.stringify(e))
    for (const c of change.communities ?? []) q.putCommunity.run(c.id, JSON.stringify(c))
    for (const a of change.audit ?? []) q.insertAudit.run(a.id, a.caseId, a.actor.userId, a.at, JSON.stringify(a))
  })

  /** Archived records stored as they were, with the columns and side tables each table keeps; figures untouched. */
  const restore = db.transaction((kind: RecordKind, records: ArchivedRecord[]) => {
    const fresh = (changes: number, id: string) => {
      if (changes !== 1) throw new VersionConflict(id)
    }
    for (const { id, record } of records) {
      const doc = JSON.stringify(record)
      const r = record as Record<string, any>
      switch (kind) {
        case 'cases': {
          const c = r as RetireeCase
          fresh(q.insertCase.run({ ...caseRow(c), doc }).changes, id)
          for (const item of c.summary.openItems ?? []) q.addOpenItem.run(id, item.stage, item.deadline, c.enterpriseId, c.summary.receivingCommunityId)
          for (const [stage, st] of Object.entries(c.summary.stages)) q.addStage.run(id, stage, st.state, c.enterpriseId, c.summary.receivingCommunityId)
          break
        }
        case 'agreements':
          fresh(q.insertAgreement.run({ id, version: r.version, enterpriseId: r.enterpriseId, communityId: r.communityId, doc }).changes, id)
          break
        case 'users':
          fresh(db.prepare('INSERT INTO users (id, role, org_id, case_id, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(id, r.role, r.orgId, r.caseId ?? null, doc).changes, id)
          break
        case 'enterprises':
        case 'communities':
          fresh(db.prepare(`INSERT INTO ${kind} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`).run(id, doc).changes, id)
          break
        case 'audit':
          fresh(db.prepare('INSERT INTO audit (id, case_id, actor_id, at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(id, r.caseId ?? null, r.actor?.userId ?? null, r.at, doc).changes, id)
          break
        case 'counters':
        case 'figures':
          fresh(db.prepare(`INSERT INTO ${kind} (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`).run(id, r.value).changes, id)
          break
        default:
          fresh(q.insertDoc.run({ kind, id, version: r.version, doc }).changes, id)
      }
    }
  })

  /** Audit entries by time then id: an index range of audit_by_case or audit_by_actor after the cursor. */
  async function listAuditPage(query: AuditQuery, page: { limit: number; after?: string }): Promise<Page<AuditEntry>> {
    const limit = Math.min(page.limit, MAX_PAGE)
    const cursor = parseAuditCursor(page.after) ?? { at: '', id: '' }
    const rows =
      'caseId' in query
        ? q.auditOfCase.all(query.caseId, cursor.at, cursor.id, limit)
        : q.auditOfActor.all(query.actorUserId, query.from, query.to, cursor.at, cursor.id, limit)
    const last = rows[rows.length - 1]
    // The cursor follows the rows read, trusted or not, so pages always move on.
    return { items: admitAll('audit', rows), nextCursor: rows.length === limit ? auditCursor(last.at, last.id) : null }
  }

  return {
    db,
    transactionWrites: options.transactionWrites ?? SQLITE_TRANSACTION_WRITES,
    close: () => db.close(),
    getCase: async (id) => admit('cases', q.getCase.get(id)),
    async findCaseByIdNumberHash(hash) {
      // The first copy that fits its schema: a broken one never hides the good one.
      for (const row of q.caseByHash.all(hash)) {
        const c = admit('cases', row)
        if (c !== null) return c
      }
      return null
    },
    getCases: async (ids) => byId(admitAll('cases', q.casesByIds.all(JSON.stringify(ids)))),
    async findCasesByIdNumberHashes(hashes) {
      // As findCaseByIdNumberHash: for each hash, the first copy by id that fits its schema.
      const found = new Map<string, RetireeCase>()
      for (const row of q.casesByHashes.all(JSON.stringify(hashes))) {
        if (found.has(row.hash)) continue
        const c = admit('cases', row)
        if (c !== null) found.set(row.hash, c)
      }
      return found
    },
    async listCases(query: CaseQuery): Promise<Page<RetireeCase>> {
      const { from, filters } = caseFilters(query)
      if (query.after !== undefined) filters.push(['c.id > ?', query.after])
      const where = filters.map(([sql]) => sql)
      const params = filters.map(([, value]) => value)
      const limit = Math.min(query.limit, MAX_PAGE)
      const sql = `SELECT c.id, c.doc FROM ${from} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.id LIMIT ${limit}`
      const rows = db.prepare(sql).all(...params) as Row[]
      // The cursor follows the rows read, fitting or not, so pages always move on.
      return { items: admitAll('cases', rows), nextCursor: rows.length === limit ? rows[rows.length - 1].id : null }
    },
    async countCases(filter: CaseFilter): Promise<number> {
      const { from, filters } = caseFilters(filter)
      const where = filters.length ? 'WHERE ' + filters.map(([sql]) => sql).join(' AND ') : ''
      return (db.prepare(`SELECT count(*) AS n FROM ${from} ${where}`).get(...filters.map(([, value]) => value)) as { n: number }).n
    },
    async listOpenItemsDue(deadline, page) {
      const limit = Math.min(page.limit, MAX_PAGE)
      // The cursor is "case id|stage": one case may have two items due on one day.
      const [afterCase = '', afterStage = ''] = (page.after ?? '').split('|')
      const items = q.openItemsDue.all(deadline, afterCase, afterStage, limit).map((r) => ({ caseId: r.case_id, stage: r.stage as StageId, deadline: r.deadline, enterpriseId: r.enterprise_id, receivingCommunityId: r.receiving_community_id }))
      const last = items[items.length - 1]
      return { items, nextCursor: items.length === limit ? `${last.caseId}|${last.stage}` : null }
    },
    overdueCounts: async (today) => q.overdue.all(today).map((r) => ({ stage: r.stage as StageId, enterpriseId: r.enterprise_id, receivingCommunityId: r.receiving_community_id, count: r.n })),
    async listQueue(query) {
      const limit = Math.min(query.limit, MAX_PAGE)
      const group = QUEUE_GROUP_SQL[query.group]
      const cursor = parseQueueCursor(query.after)
      type QueueRow = Row & { next_deadline: string | null }
      const rows: QueueRow[] = []
      // Dated cases first (by deadline, then id), then the undated ones (by id): two index ranges of cases_queue.
      if (cursor === null || cursor.deadline !== '') {
        const sql = `SELECT id, doc, next_deadline FROM cases WHERE receiving_community_id = ? AND ${group} AND next_deadline IS NOT NULL AND (next_deadline, id) > (?, ?) ORDER BY next_deadline, id LIMIT ?`
        rows.push(...(db.prepare(sql).all(query.receivingCommunityId, cursor?.deadline ?? '', cursor?.caseId ?? '', limit) as QueueRow[]))
      }
      if (rows.length < limit) {
        const sql = `SELECT id, doc, next_deadline FROM cases WHERE receiving_community_id = ? AND ${group} AND next_deadline IS NULL AND id > ? ORDER BY id LIMIT ?`
        rows.push(...(db.prepare(sql).all(query.receivingCommunityId, cursor?.deadline === '' ? cursor.caseId : '', limit - rows.length) as QueueRow[]))
      }
      const last = rows[rows.length - 1]
      // The cursor follows the rows read, fitting or not, so pages always move on.
      return { items: admitAll('cases', rows), nextCursor: rows.length === limit ? queueCursor(last.next_deadline, last.id) : null }
    },
    async countQueue(communityId, before) {
      const count = (where: string, ...params: unknown[]) => (db.prepare(`SELECT count(*) AS n FROM cases WHERE receiving_community_id = ? AND ${where}`).get(communityId, ...params) as { n: number }).n
      return {
        open: count(QUEUE_GROUP_SQL.open),
        openBefore: before.map((date) => count(`${QUEUE_GROUP_SQL.open} AND next_deadline < ?`, date)),
        openUndated: count(`${QUEUE_GROUP_SQL.open} AND next_deadline IS NULL`),
        done: count(QUEUE_GROUP_SQL.done),
        outOfScope: count(QUEUE_GROUP_SQL.outOfScope),
      }
    },
    getAgreement: async (id) => admit('agreements', q.getAgreement.get(id)),
    async listAgreements(query) {
      const filters: Array<[string, unknown]> = []
      if (query.enterpriseId !== undefined) filters.push(['enterprise_id = ?', query.enterpriseId])
      if (query.communityId !== undefined) filters.push(['community_id = ?', query.communityId])
      if (query.after !== undefined) filters.push(['id > ?', query.after])
      const limit = Math.min(query.limit, MAX_PAGE)
      const where = filters.length ? `WHERE ${filters.map(([x]) => x).join(' AND ')}` : ''
      const rows = db.prepare(`SELECT id, doc FROM agreements ${where} ORDER BY id LIMIT ?`).all(...filters.map(([, v]) => v), limit) as Row[]
      // The cursor follows the rows read, trusted or not, so pages always move on.
      return { items: admitAll('agreements', rows), nextCursor: rows.length === limit ? rows[rows.length - 1].id : null }
    },
    getUser: async (id) => admit('users', q.getUser.get(id)),
    async listUsers(query: UserQuery = {}) {
      const filters: Array<[string, unknown]> = []
      if (query.caseId !== undefined) filters.push(['case_id = ?', query.caseId])
      if (query.orgId !== undefined) filters.push(['org_id = ?', query.orgId])
      if (query.role !== undefined) filters.push(['role = ?', query.role])
      const where = filters.length ? `WHERE ${filters.map(([sql]) => sql).join(' AND ')}` : ''
      return admitAll('users', db.prepare(`SELECT id, doc FROM users ${where} ORDER BY id`).all(...filters.map(([, v]) => v)) as Row[])
    },
    getDoc: async <K extends DocKind>(kind: K, id: string): Promise<DocKinds[K] | null> => admit(kind, q.getDoc.get(kind, id)),
    getDocs: async <K extends DocKind>(kind: K, ids: readonly string[]): Promise<Map<string, DocKinds[K]>> => byId(admitAll(kind, q.getDocs.all(kind, JSON.stringify(ids)))),
    async listDocs<K extends DocKind>(kind: K, filter: Partial<Record<string, string>>, page: { limit: number; after?: string; newestFirst?: boolean }): Promise<Page<DocKinds[K]>> {
      const allowed = DOC_INDEXES[kind] as readonly string[]
      // The kind as a literal: each kind's indexes are partial indexes on its own rows (local/SqliteIndexes.ts).
      if (!/^\w+$/.test(kind)) throw new Error(`no document kind ${kind}`)
      const filters: Array<[string, unknown]> = []
      for (const [field, value] of Object.entries(filter)) {
        if (!allowed.includes(field)) throw new Error(`docs of kind ${kind} are not indexed by ${field}`)
        if (value !== undefined) filters.push([`json_extract(doc, '$.${field}') = ?`, value])
      }
      if (page.after !== undefined) filters.push([page.newestFirst ? 'id < ?' : 'id > ?', page.after])
      const limit = Math.min(page.limit, MAX_PAGE)
      const sql = `SELECT id, doc FROM docs WHERE ${[`kind = '${kind}'`, ...filters.map(([x]) => x)].join(' AND ')} ORDER BY id${page.newestFirst ? ' DESC' : ''} LIMIT ${limit}`
      const rows = db.prepare(sql).all(...filters.map(([, v]) => v)) as Row[]
      const items: DocKinds[K][] = admitAll(kind, rows)
      return { items, nextCursor: rows.length === limit ? rows[rows.length - 1].id : null }
    },
    async recountFigures() {
      return db.transaction(() => {
        const figures: Figures = new Map()
        const add = (kind: CountedRecord['kind'], rows: Array<{ doc: string }>) => {
          for (const row of rows) {
            let stored: unknown
            try {
              stored = JSON.parse(row.doc)
            } catch {
              continue
            }
            const record = storedCounts(kind, stored)
            if (record) applyDelta(figures, figureDelta(null, record))
          }
        }
        add('case', db.prepare('SELECT doc FROM cases').all() as Array<{ doc: string }>)
        add('agreement', db.prepare('SELECT doc FROM agreements').all() as Array<{ doc: string }>)
        for (const kind of COUNTED_DOCS) add(kind, db.prepare('SELECT doc FROM docs WHERE kind = ?').all(kind) as Array<{ doc: string }>)
        db.prepare('DELETE FROM figures').run()
        for (const [key, n] of figures) q.bumpFigure.run(key, n)
        return figures.size
      })()
    },
    async readFigures(prefix) {
      const figures: Figures = new Map()
      for (const row of q.readFigures.all(prefix, prefixEnd(prefix))) {
        const value = admitValue('figures', row.key, { value: row.value })?.value
        if (value) figures.set(row.key, value)
      }
      return figures
    },
    incrementCounter: async (key, by = 1) => q.bumpCounter.get(key, by)!.value,
    async getCounter(key) {
      const row = q.getCounter.get(key)
      return (row ? admitValue('counters', key, { value: row.value }) : null)?.value ?? 0
    },
    getEnterprise: async (id) => admit('enterprises', q.getEnterprise.get(id)),
    listEnterprises: async () => admitAll('enterprises', q.listEnterprises.all()),
    getCommunity: async (id) => admit('communities', q.getCommunity.get(id)),
    listCommunities: async () => admitAll('communities', q.listCommunities.all()),
    listAuditPage,
    listAudit: (caseId) => readAllPages((after) => listAuditPage({ caseId }, { limit: MAX_PAGE, after })),
    async upgradeStoredPage(kind, page, rewrite) {
      const limit = Math.min(page.limit, MAX_PAGE)
      // Every table keeps the record in `doc`; cases and documents carry the version that guards the rewrite.
      const [sql, update] =
        kind === 'cases'
          ? ['SELECT id, doc FROM cases WHERE id > @after ORDER BY id LIMIT @limit', 'UPDATE cases SET doc = @doc WHERE id = @id AND version = @version']
          : kind === 'audit'
            ? ['SELECT id, doc FROM audit WHERE id > @after ORDER BY id LIMIT @limit', 'UPDATE audit SET doc = @doc WHERE id = @id']
            : ['SELECT id, doc FROM docs WHERE kind = @kind AND id > @after ORDER BY id LIMIT @limit', 'UPDATE docs SET doc = @doc WHERE kind = @kind AND id = @id AND version = @version']
      const rows = db.prepare(sql).all({ after: page.after ?? '', limit, ...(kind !== 'cases' && kind !== 'audit' && { kind }) }) as Row[]
      const storeAgain = db.prepare(update)
      let rewritten = 0
      let unreadable = 0
      db.transaction(() => {
        for (const row of rows) {
          let stored: unknown
          try {
            stored = JSON.parse(row.doc)
          } catch {
            stored = undefined
          }
          const parsed = parseRecord(kind, stored)
          const read = parsed !== null && rewrite ? rewrite(parsed) : parsed
          if (read === null) unreadable++
          else if (canonicalJson(read) !== canonicalJson(stored)) {
            const version = (stored as { version?: unknown }).version
            rewritten += storeAgain.run({ id: row.id, doc: JSON.stringify(read), ...(kind !== 'audit' && { version }), ...(kind !== 'cases' && kind !== 'audit' && { kind }) }).changes
          }
        }
      })()
      return { read: rows.length, rewritten, unreadable, nextCursor: rows.length === limit ? rows[rows.length - 1].id : null }
    },
    async archivePage(kind, page) {
      const limit = Math.min(page.limit, MAX_PAGE)
      const after = page.after ?? ''
      const table = ARCHIVE_TABLES[kind as keyof typeof ARCHIVE_TABLES]
      const rows = (
        kind === 'counters' || kind === 'figures'
          ? db.prepare(`SELECT key AS id, value FROM ${kind} WHERE key > ? ORDER BY key LIMIT ?`).all(after, limit)
          : table !== undefined
            ? db.prepare(`SELECT id, doc FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`).all(after, limit)
            : db.prepare('SELECT id, doc FROM docs WHERE kind = ? AND id > ? ORDER BY id LIMIT ?').all(kind, after, limit)
      ) as Array<{ id: string; doc?: string; value?: number }>
      const items = rows.map((r) => ({ id: r.id, record: r.doc === undefined ? { value: r.value } : (JSON.parse(r.doc) as Record<string, unknown>) }))
      return { items, nextCursor: rows.length === limit ? rows[rows.length - 1].id : null }
    },
    async restoreArchived(kind, records) {
      try {
        restore(kind, records)
      } catch (e) {
        if (e instanceof VersionConflict) throw new AppError('CONFLICT', '要恢复的数据库里已经有这条记录，只能恢复到空的数据库。', { caseId: e.id })
        throw e
      }
    },
    async commit(change) {
      try {
        apply(change)
      } catch (e) {
        if (e instanceof VersionConflict) throw new AppError('CONFLICT', undefined, { caseId: e.id })
        throw e
      }
    },
  }
}
