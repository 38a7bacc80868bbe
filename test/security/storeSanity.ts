/** After hostile traffic, every stored record must still parse with its schema. */
import { DOC_SCHEMAS, RECORD_SCHEMAS } from '../../shared/ports/RecordSchemas'
import type { DocKind } from '../../shared/ports/Store'
import type { SqliteStore } from '../../local/SqliteStore'

const TABLES = ['cases', 'agreements', 'users', 'enterprises', 'communities'] as const

/** Every record that does not parse, as `table/id: first issue`; empty when the store is sane. */
export function insaneRecords(store: SqliteStore): string[] {
  const bad: string[] = []
  for (const table of TABLES) {
    for (const row of store.db.prepare(`SELECT id, doc FROM ${table}`).all() as Array<{ id: string; doc: string }>) {
      const parsed = RECORD_SCHEMAS[table].safeParse(JSON.parse(row.doc))
      if (!parsed.success) bad.push(`${table}/${row.id}: ${parsed.error.issues[0]?.message}`)
    }
  }
  for (const row of store.db.prepare('SELECT kind, id, doc FROM docs').all() as Array<{ kind: DocKind; id: string; doc: string }>) {
    const parsed = DOC_SCHEMAS[row.kind].safeParse(JSON.parse(row.doc))
    if (!parsed.success) bad.push(`${row.kind}/${row.id}: ${parsed.error.issues[0]?.message}`)
  }
  return bad
}
