import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DOC_INDEXES, type DocKind } from '../shared/ports/Store'
import { STORE_INDEXES } from '../shared/ports/StoreIndexes'
import { SQLITE_INDEX_STATEMENTS } from './SqliteIndexes'
import { openSqliteStore } from './SqliteStore'

const indexesOf = (db: Database.Database) => (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[])

describe('the SQLite store builds its indexes from the shared declaration', () => {
  test('one index per declared case, agreement, user, audit and document index', () => {
    const store = openSqliteStore(':memory:')
    const names = indexesOf(store.db).map((i) => i.name)
    for (const kind of ['agreements', 'users', 'audit'] as const) for (const i of STORE_INDEXES[kind]) expect(names).toContain(`${kind}_${i.name}`)
    for (const kind of Object.keys(DOC_INDEXES) as DocKind[]) for (const i of STORE_INDEXES[kind]) expect(names).toContain(`docs_${kind}_${i.name}`)
    // A case index is on the cases table, or on the table of its open items or stages.
    for (const i of STORE_INDEXES.cases) expect(names.filter((n) => n.endsWith(`_${i.name}`) && /^(cases|case_open_items|case_stages)_/.test(n)).length).toBeGreaterThan(0)
    expect(names).toHaveLength(SQLITE_INDEX_STATEMENTS.length)
    store.close()
  })

  test('an index an older version built, or built differently, is replaced when the file is opened again; a current file is left as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'indexes-'))
    const path = join(dir, 'local.sqlite')
    openSqliteStore(path).close()
    const raw = new Database(path)
    const current = indexesOf(raw)
    raw.exec('DROP INDEX cases_by_id_hash; CREATE INDEX cases_by_id_hash ON cases (id_hash); CREATE INDEX open_items_by_deadline ON case_open_items (deadline, case_id, stage)')
    const rootOf = (name: string) => (raw.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name) as { rootpage: number }).rootpage
    const untouched = rootOf('cases_queue')
    raw.close()
    const store = openSqliteStore(path)
    expect(indexesOf(store.db)).toEqual(current)
    expect((store.db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get('cases_queue') as { rootpage: number }).rootpage).toBe(untouched)
    store.close()
    rmSync(dir, { recursive: true })
  })

  test('the board\'s drill-down and a community\'s cases at a stage are index ranges', () => {
    const store = openSqliteStore(':memory:')
    const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    const drill = plan("SELECT c.id, c.doc FROM case_stages s JOIN cases c ON c.id = s.case_id WHERE s.stage = 'agreement' AND s.state = 'open' AND s.receiving_community_id = 'c' AND s.case_id > 'a' ORDER BY s.case_id LIMIT 50")
    expect(drill).toMatch(/SEARCH s USING (COVERING )?INDEX case_stages_by_community_stage_state/)
    expect(drill).not.toMatch(/TEMP B-TREE/)
    expect(plan("SELECT id, doc FROM cases WHERE receiving_community_id = 'c' AND current_stage = 'materials' AND id > 'a' ORDER BY id LIMIT 50")).toMatch(/USING INDEX cases_by_community_stage \(receiving_community_id=\? AND current_stage=\? AND id>\?\)/)
    // A document kind's index holds that kind's rows alone; a query names its kind as a literal to use it.
    expect(plan("SELECT id, doc FROM docs WHERE kind = 'outboxEvent' AND json_extract(doc, '$.caseId') = 'c' AND id > 'a' ORDER BY id LIMIT 50")).toMatch(/USING INDEX docs_outboxEvent_by_caseId \(<expr>=\? AND id>\?\)/)
    expect((store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'docs_outboxEvent_by_caseId'").get() as { sql: string }).sql).toMatch(/WHERE kind = 'outboxEvent'$/)
    store.close()
  })
})

test('an index on a table the declaration does not cover is left alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'indexes-'))
  const path = join(dir, 'local.sqlite')
  openSqliteStore(path).close()
  const raw = new Database(path)
  raw.exec('CREATE INDEX counters_by_value ON counters (value)')
  raw.close()
  const store = openSqliteStore(path)
  expect(indexesOf(store.db).map((i) => i.name)).toContain('counters_by_value')
  store.close()
  rmSync(dir, { recursive: true })
})
