/** What the security suite reads from a SQLite store: a fingerprint of everything but the audit log. */
import { createHash } from 'node:crypto'
import type { SqliteStore } from '../../local/SqliteStore'

const TABLES = ['cases', 'case_open_items', 'agreements', 'users', 'docs', 'counters', 'enterprises', 'communities'] as const

/** A hash of every table except the audit log: equal before and after means nothing was written. */
export function fingerprint(store: SqliteStore): string {
  const hash = createHash('sha256')
  for (const table of TABLES) {
    const rows = store.db.prepare(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row))
    for (const row of rows.sort()) hash.update(row)
    hash.update('|')
  }
  return hash.digest('hex')
}

/** The audit entries written after `known` (a set of entry ids seen before). */
export function auditSince(store: SqliteStore, known: Set<string>): Array<{ id: string; outcome: string; action: string }> {
  const rows = store.db.prepare('SELECT id, doc FROM audit').all() as Array<{ id: string; doc: string }>
  return rows.filter((r) => !known.has(r.id)).map((r) => ({ id: r.id, ...(JSON.parse(r.doc) as { outcome: string; action: string }) }))
}

export function auditIds(store: SqliteStore): Set<string> {
  return new Set((store.db.prepare('SELECT id FROM audit').all() as Array<{ id: string }>).map((r) => r.id))
}
