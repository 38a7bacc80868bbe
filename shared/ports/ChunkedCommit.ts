/**
 * A large change written as several commits, each within the cloud's transaction size
 * (MAX_TRANSACTION_WRITES), for writes whose records need not land together: seeding the demo and
 * test fixtures. An action whose records must land together keeps its one commit, or is a
 * resumable job (the roster import).
 *
 * A commit writes each record, and each figure a counted record moves (shared/Figures.ts): a new
 * case moves about 30. A record's weight is 1 plus the figures it could move (twice those of its
 * new value when it replaces an older one, which may count elsewhere); records are packed in
 * order while the weights fit.
 */
import { COUNTED_DOC_KINDS, figureDelta, type CountedRecord } from '../Figures'
import type { Change, Store } from './Store'
import { MAX_TRANSACTION_WRITES } from './StoreLimits'

type Part = { change: Change; weight: number }

const COUNTED_DOCS = new Set<string>(COUNTED_DOC_KINDS)

function weightOf(counted: CountedRecord, replaces: boolean): number {
  return 1 + figureDelta(null, counted).size * (replaces ? 2 : 1)
}

/** The change as single-record changes, each with its weight. */
function parts(change: Change): Part[] {
  const out: Part[] = []
  for (const v of change.cases ?? []) out.push({ change: { cases: [v] }, weight: weightOf({ kind: 'case', value: v.next }, v.expectedVersion !== null) })
  for (const v of change.agreements ?? []) out.push({ change: { agreements: [v] }, weight: weightOf({ kind: 'agreement', value: v.next }, v.expectedVersion !== null) })
  for (const v of change.docs ?? []) {
    const counted = COUNTED_DOCS.has(v.kind) ? ({ kind: v.kind, value: v.next } as CountedRecord) : null
    out.push({ change: { docs: [v] }, weight: counted ? weightOf(counted, v.expectedVersion !== null) : 1 })
  }
  // A removed expense item or asset takes back what it counted: its figures are not known here, so it goes alone.
  for (const d of change.removeDocs ?? []) out.push({ change: { removeDocs: [d] }, weight: COUNTED_DOCS.has(d.kind) ? MAX_TRANSACTION_WRITES : 1 })
  for (const u of change.users ?? []) out.push({ change: { users: [u] }, weight: 1 })
  for (const id of change.removeUsers ?? []) out.push({ change: { removeUsers: [id] }, weight: 1 })
  for (const e of change.enterprises ?? []) out.push({ change: { enterprises: [e] }, weight: 1 })
  for (const c of change.communities ?? []) out.push({ change: { communities: [c] }, weight: 1 })
  for (const a of change.audit ?? []) out.push({ change: { audit: [a] }, weight: 1 })
  return out
}

function merge(into: Change, part: Change): void {
  for (const [key, values] of Object.entries(part) as Array<[keyof Change, unknown[]]>) {
    const list = (into[key] ?? []) as unknown[]
    list.push(...values)
    ;(into as Record<string, unknown[]>)[key] = list
  }
}

/** The change split into changes that each write at most `maxWrites` documents, records in their order. */
export function chunkChange(change: Change, maxWrites: number = MAX_TRANSACTION_WRITES): Change[] {
  const chunks: Change[] = []
  let current: Change = {}
  let weight = 0
  for (const part of parts(change)) {
    if (weight > 0 && weight + part.weight > maxWrites) {
      chunks.push(current)
      current = {}
      weight = 0
    }
    merge(current, part.change)
    weight += part.weight
  }
  if (weight > 0) chunks.push(current)
  return chunks
}

/** Commits the change chunk by chunk (see chunkChange): not all or nothing. */
export async function commitInChunks(store: Store, change: Change, maxWrites: number = MAX_TRANSACTION_WRITES): Promise<void> {
  for (const chunk of chunkChange(change, maxWrites)) await store.commit(chunk)
}
