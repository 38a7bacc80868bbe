import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeStoreContract } from '../shared/ports/StoreContract'
import { openSqliteStore } from './SqliteStore'

describeStoreContract('SQLite (better-sqlite3)', async () => {
  const store = openSqliteStore(':memory:')
  const dump = () =>
    ['cases', 'agreements', 'users', 'enterprises', 'communities', 'audit']
      .map((t) => JSON.stringify(store.db.prepare(`SELECT * FROM ${t}`).all()))
      .join('\n')
  return { store, dump, close: () => store.close() }
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
    expect(plan("SELECT doc FROM cases WHERE id_hash = 'x' LIMIT 1")).toMatch(/USING INDEX cases_by_id_hash/)
    store.close()
  })
})
