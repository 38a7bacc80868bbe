/**
 * The SQLite adapter's indexes, built from the one declaration both adapters share
 * (shared/ports/StoreIndexes.ts): each field path maps to its column, or to a json_extract of the
 * stored record. A case's open items and its stages' states are rows of their own tables
 * (case_open_items, case_stages), so an index on them is built on that table.
 */
import type Database from 'better-sqlite3'
import { DOC_INDEXES, type DocKind } from '../shared/ports/Store'
import { STAGE_STATES_FIELD, STORE_INDEXES, type IndexDeclaration } from '../shared/ports/StoreIndexes'

const CASE_COLUMNS: Record<string, string> = {
  _id: 'id',
  enterpriseId: 'enterprise_id',
  'summary.receivingCommunityId': 'receiving_community_id',
  'summary.currentStage': 'current_stage',
  'summary.nextDeadline': 'next_deadline',
  'summary.inScope': 'in_scope',
  'summary.done': 'done',
  'person.idNumber.hash': 'id_hash',
  // An index on the expression: older files gain it without a new schema version.
  residenceCommunityId: "json_extract(doc, '$.residenceCommunityId')",
}

/** The side tables of cases, and the columns each field maps to there. */
const CASE_SIDE_TABLES: Array<{ table: string; marker: string; columns: Record<string, string> }> = [
  { table: 'case_open_items', marker: 'summary.openItems.deadline', columns: { 'summary.openItems.deadline': 'deadline', _id: 'case_id' } },
  {
    table: 'case_stages',
    marker: STAGE_STATES_FIELD,
    columns: { [STAGE_STATES_FIELD]: 'stage, state', enterpriseId: 'enterprise_id', 'summary.receivingCommunityId': 'receiving_community_id', _id: 'case_id' },
  },
]

const COLUMNS: Partial<Record<string, Record<string, string>>> = {
  agreements: { _id: 'id', enterpriseId: 'enterprise_id', communityId: 'community_id' },
  users: { _id: 'id', caseId: 'case_id', orgId: 'org_id', role: 'role' },
  audit: { _id: 'id', caseId: 'case_id', 'actor.userId': 'actor_id', at: 'at' },
}

function columnsOf(columns: Record<string, string>, index: IndexDeclaration, table: string): string {
  return index.fields
    .map((f) => {
      const column = columns[f]
      if (column === undefined) throw new Error(`no SQLite column for ${table}.${f} (index ${index.name})`)
      return column
    })
    .join(', ')
}

function caseIndexSql(index: IndexDeclaration): string {
  const side = CASE_SIDE_TABLES.find((s) => index.fields.includes(s.marker))
  const table = side?.table ?? 'cases'
  return `CREATE INDEX IF NOT EXISTS ${table}_${index.name} ON ${table} (${columnsOf(side?.columns ?? CASE_COLUMNS, index, table)});`
}

/**
 * Documents of every kind share one table: each kind's declared indexes are partial indexes on
 * the rows of that kind alone (a query names its kind as a literal), so writing a document
 * touches its own kind's indexes and no other's.
 */
function docIndexSql(): string[] {
  return (Object.keys(DOC_INDEXES) as DocKind[]).flatMap((kind) =>
    STORE_INDEXES[kind].map((index) => {
      const [field, id, ...more] = index.fields
      if (id !== '_id' || more.length > 0 || !(DOC_INDEXES[kind] as readonly string[]).includes(field) || !/^\w+$/.test(kind + field)) throw new Error(`the docs table cannot serve ${kind}.${index.name}`)
      return `CREATE INDEX IF NOT EXISTS docs_${kind}_${index.name} ON docs (json_extract(doc, '$.${field}'), id) WHERE kind = '${kind}';`
    }),
  )
}

/** The collections whose indexes the SQLite store builds (the others are read by key alone). */
export const SQLITE_INDEXED: readonly string[] = ['cases', 'agreements', 'users', 'audit', ...Object.keys(DOC_INDEXES)]

for (const [collection, indexes] of Object.entries(STORE_INDEXES)) {
  if (indexes.length > 0 && !SQLITE_INDEXED.includes(collection)) throw new Error(`SQLite builds no indexes for ${collection}`)
}

/** Every CREATE INDEX the SQLite store runs when it opens a file. */
export const SQLITE_INDEX_STATEMENTS: readonly string[] = [
  ...STORE_INDEXES.cases.map(caseIndexSql),
  ...(['agreements', 'users', 'audit'] as const).flatMap((kind) => STORE_INDEXES[kind].map((index) => `CREATE INDEX IF NOT EXISTS ${kind}_${index.name} ON ${kind} (${columnsOf(COLUMNS[kind]!, index, kind)});`)),
  ...docIndexSql(),
]

/** The tables whose indexes come from the declaration. */
const MANAGED_TABLES = new Set(['cases', ...CASE_SIDE_TABLES.map((t) => t.table), 'agreements', 'users', 'audit', 'docs'])

/** An index as SQLite keeps its definition (sqlite_master drops IF NOT EXISTS and the semicolon). */
const asStored = (statement: string) => statement.replace(' IF NOT EXISTS', '').replace(/;$/, '')

/**
 * Makes the indexes of the declared tables exactly the declared ones: an index an older version
 * built, or built differently, is dropped, and every declared one is created if missing.
 */
export function syncIndexes(db: Database.Database): void {
  const wanted = new Map(SQLITE_INDEX_STATEMENTS.map((s) => [/INDEX IF NOT EXISTS (\S+)/.exec(s)![1], asStored(s)]))
  const existing = db.prepare<[], { name: string; table: string; sql: string }>("SELECT name, tbl_name AS 'table', sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all()
  // Only the tables the declaration covers: an index another part of the store keeps on a table of its own stays.
  for (const { name, table, sql } of existing) if (MANAGED_TABLES.has(table) && wanted.get(name) !== sql) db.exec(`DROP INDEX "${name}"`)
  db.exec(SQLITE_INDEX_STATEMENTS.join('\n'))
}
