import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RecordKind } from '../shared/ports/RecordSchemas'
import { describeStoreContract } from '../shared/ports/StoreContract'
import { describeFiguresContract, describeFiguresOfOlderRecords, describeFiguresRecount } from '../shared/ports/FiguresContract'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { makeCase, withSteps } from '../shared/testing/fixtures'
import { openSqliteStore, type SqliteStore } from './SqliteStore'

/** Writes a row as it is, past the store's checks: what a corrupt file or a bad migration leaves. */
function plantRaw(store: SqliteStore, kind: RecordKind, id: string, record: Record<string, unknown>): void {
  const doc = JSON.stringify(record)
  const at = (path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record) ?? ''
  const run = (sql: string, ...params: unknown[]) => store.db.prepare(sql).run(...params)
  switch (kind) {
    case 'cases':
      return void run('INSERT INTO cases (id, version, enterprise_id, receiving_community_id, current_stage, next_deadline, in_scope, done, id_hash, doc) VALUES (?, 1, ?, ?, NULL, NULL, 1, 0, ?, ?)', id, at('enterpriseId'), at('summary.receivingCommunityId'), at('person.idNumber.hash'), doc)
    case 'agreements':
      return void run('INSERT INTO agreements (id, version, enterprise_id, community_id, doc) VALUES (?, 1, ?, ?, ?)', id, at('enterpriseId'), at('communityId'), doc)
    case 'users':
      return void run('INSERT INTO users (id, role, org_id, case_id, doc) VALUES (?, ?, ?, ?, ?)', id, at('role'), at('orgId'), record.caseId ?? null, doc)
    case 'enterprises':
    case 'communities':
      return void run(`INSERT INTO ${kind} (id, doc) VALUES (?, ?)`, id, doc)
    case 'audit':
      return void run('INSERT INTO audit (id, case_id, actor_id, at, doc) VALUES (?, ?, ?, ?, ?)', id, record.caseId ?? null, at('actor.userId'), at('at'), doc)
    case 'counters':
      return void run('INSERT INTO counters (key, value) VALUES (?, ?)', id, record.value)
    default:
      return void run('INSERT INTO docs (kind, id, version, doc) VALUES (?, ?, 1, ?)', kind, id, doc)
  }
}

describeStoreContract('SQLite (better-sqlite3)', async () => {
  const store = openSqliteStore(':memory:')
  const dump = () =>
    ['cases', 'agreements', 'users', 'enterprises', 'communities', 'audit']
      .map((t) => JSON.stringify(store.db.prepare(`SELECT * FROM ${t}`).all()))
      .join('\n')
  return { store, dump, plantRaw: (kind, id, record) => plantRaw(store, kind, id, record), close: () => store.close() }
})

describe('SQLite specifics', () => {
  test('a file store runs in WAL mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'))
    const store = openSqliteStore(join(dir, 'local.sqlite'))
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    store.close()
    rmSync(dir, { recursive: true })
  })

  test('the case queries use indexes', () => {
    const store = openSqliteStore(':memory:')
    const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    expect(plan("SELECT doc FROM cases WHERE receiving_community_id = 'x' AND id > 'a' ORDER BY id LIMIT 10")).toMatch(/USING INDEX cases_by_community/)
    expect(plan("SELECT doc FROM cases WHERE enterprise_id = 'x' ORDER BY id LIMIT 10")).toMatch(/USING INDEX cases_by_enterprise/)
    expect(plan("SELECT id, doc FROM cases WHERE id_hash = 'x' ORDER BY id")).toMatch(/USING INDEX cases_by_id_hash/)
    // One enterprise's cases at one stage for one community (drafting an agreement): all three keys, in id order.
    const drafting = "WHERE receiving_community_id = 'c' AND enterprise_id = 'e' AND current_stage = 'agreement'"
    expect(plan(`SELECT id, doc FROM cases ${drafting} AND id > 'a' ORDER BY id LIMIT 100`)).toMatch(/SEARCH cases USING INDEX cases_by_enterprise_community_stage \(enterprise_id=\? AND receiving_community_id=\? AND current_stage=\? AND id>\?\)/)
    expect(plan(`SELECT count(*) AS n FROM cases ${drafting}`)).toMatch(/USING COVERING INDEX cases_by_enterprise_community_stage/)
    store.close()
  })

  test('a commit that opens a case and moves it on leaves the stage and open-item rows of where the case ends', async () => {
    const store = openSqliteStore(':memory:')
    const opened = makeCase(erenhot2019, { id: 'case-1' })
    const moved = { ...withSteps(erenhot2019, opened, ['rosterConfirmed', 'materialsSubmitted']), version: opened.version + 1 }
    await store.commit({ cases: [{ next: opened, expectedVersion: null }, { next: moved, expectedVersion: opened.version }] })
    const rows = (sql: string) => store.db.prepare(sql).all('case-1')
    expect(rows('SELECT stage, state FROM case_stages WHERE case_id = ? ORDER BY stage')).toEqual(Object.entries(moved.summary.stages).map(([stage, s]) => ({ stage, state: s.state })).sort((a, b) => (a.stage < b.stage ? -1 : 1)))
    expect(rows('SELECT stage, deadline FROM case_open_items WHERE case_id = ? ORDER BY stage')).toEqual(moved.summary.openItems.map((i) => ({ stage: i.stage, deadline: i.deadline })).sort((a, b) => (a.stage < b.stage ? -1 : 1)))
    expect(moved.summary.stages).not.toEqual(opened.summary.stages)
    store.close()
  })

  test('an audit page is an index range: of a case, or of a member of staff over a time range', () => {
    const store = openSqliteStore(':memory:')
    const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    const ofCase = plan("SELECT id, at, doc FROM audit WHERE case_id = 'c' AND (at, id) > ('a', 'b') ORDER BY at, id LIMIT 50")
    expect(ofCase).toMatch(/SEARCH audit USING INDEX audit_by_case \(case_id=\? AND \(at,id\)>\(\?,\?\)\)/)
    expect(ofCase).not.toMatch(/TEMP B-TREE/)
    const ofActor = plan("SELECT id, at, doc FROM audit WHERE actor_id = 'u' AND at >= 'f' AND at < 't' AND (at, id) > ('a', 'b') ORDER BY at, id LIMIT 50")
    expect(ofActor).toMatch(/SEARCH audit USING INDEX audit_by_actor \(actor_id=\?/)
    expect(ofActor).not.toMatch(/TEMP B-TREE/)
    store.close()
  })
})

describeFiguresContract('SQLite (better-sqlite3)', async () => {
  const store = openSqliteStore(':memory:')
  const storedFigures = () => store.db.prepare<[], { key: string; value: number }>('SELECT key, value FROM figures').all().map((r): [string, number] => [r.key, r.value])
  return { store, dump: () => '', plantRaw: () => undefined, close: () => store.close(), storedFigures }
})

describeFiguresOfOlderRecords('SQLite (better-sqlite3)', async () => {
  const store = openSqliteStore(':memory:')
  const corrupt = async (kind: 'cases' | 'expenseItem', id: string, field: string, value: unknown) => {
    const sql = kind === 'cases' ? 'UPDATE cases SET doc = json_set(doc, ?, json(?)) WHERE id = ?' : "UPDATE docs SET doc = json_set(doc, ?, json(?)) WHERE kind = 'expenseItem' AND id = ?"
    store.db.prepare(sql).run(`$.${field}`, JSON.stringify(value), id)
  }
  return { store, corrupt, close: () => store.close() }
})

describeFiguresRecount('SQLite (better-sqlite3)', async () => {
  const store = openSqliteStore(':memory:')
  const forget = async () => {
    store.db.prepare('DELETE FROM figures').run()
    store.db.prepare("INSERT INTO figures (key, value) VALUES ('enterprise:ent-gone|cases', 3)").run()
  }
  return { store, forget, close: () => store.close() }
})
