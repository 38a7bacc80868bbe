/**
 * Tries to rebuild every case's ID number from what a local store holds (its raw rows, not read
 * through the schemas, so older shapes count) and from API responses, with shared/IdRebuild.
 */
import type Database from 'better-sqlite3'
import { readValue, rebuildFrom, type RebuildResult } from '../../shared/IdRebuild'
import type { IdNumberVault } from '../../shared/ports/IdNumberVault'
import type { SealedIdNumber } from '../../shared/Person'

/** The area codes of 二连浩特市, the demo city: what an attacker knows before reading anything. */
export const CITY_REGIONS = ['152501']

type Row = Record<string, unknown>

export interface StoredRecords {
  /** The records that mention each case: the case, its documents, audit entries, agreements, users. */
  byCase: Map<string, Row[]>
  /** Records that mention no case (roster previews' audit, staff invites…), tried with every case. */
  unattached: Row[]
  count: number
}

/** Every stored row of the local store, grouped by the case it mentions. */
export function storedRecords(db: Database.Database): StoredRecords {
  const rows = (sql: string) => (db.prepare(sql).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as Row)
  const cases = rows('SELECT doc FROM cases')
  const byCase = new Map<string, Row[]>(cases.map((c) => [String(c.id), [c]]))
  const byHash = new Map(cases.map((c) => [((c.person as Row).idNumber as Row).hash, String(c.id)]))
  const unattached: Row[] = []
  const others = [...rows('SELECT doc FROM docs'), ...rows('SELECT doc FROM audit'), ...rows('SELECT doc FROM agreements'), ...rows('SELECT doc FROM users')]
  for (const r of others) {
    const ids = new Set<string>()
    for (const key of ['caseId', 'existingCaseId']) if (typeof r[key] === 'string') ids.add(r[key] as string)
    if (Array.isArray(r.caseIds)) r.caseIds.forEach((id) => ids.add(String(id)))
    // A roster preview names its people by their sealed number only.
    if (Array.isArray(r.people)) for (const p of r.people as Row[]) if (byHash.has((p.idNumber as Row)?.hash)) ids.add(byHash.get((p.idNumber as Row).hash)!)
    const known = [...ids].filter((id) => byCase.has(id))
    if (known.length === 0) unattached.push(r)
    for (const id of known) byCase.get(id)!.push(r)
  }
  return { byCase, unattached, count: cases.length + others.length }
}

export interface Success {
  caseId: string
  where: string
  result: RebuildResult
}

/** The true number of every case (test-only knowledge: it decides success). */
export function trueIdNumbers(db: Database.Database, vault: IdNumberVault): Map<string, string> {
  const cases = (db.prepare('SELECT doc FROM cases').all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as { id: string; person: { idNumber: SealedIdNumber } })
  return new Map(cases.map((c) => [c.id, vault.open(c.person.idNumber)]))
}

/** Every case tried against all the stored records that mention it, and those that mention none. */
export function rebuildsFromStore(db: Database.Database, vault: IdNumberVault): { tried: number; successes: Success[]; fewest: number } {
  const stored = storedRecords(db)
  const truth = trueIdNumbers(db, vault)
  const successes: Success[] = []
  let fewest = Infinity
  for (const [caseId, records] of stored.byCase) {
    const result = rebuildFrom(readValue([...records, ...stored.unattached]), truth.get(caseId)!, CITY_REGIONS)
    fewest = Math.min(fewest, result.candidates)
    if (result.success) successes.push({ caseId, where: 'stored records', result })
  }
  return { tried: stored.count, successes, fewest }
}

/** One response tried for every case it names (and the caller's own case, for a relative). */
export function rebuildsFromResponse(response: unknown, truth: Map<string, string>, where: string, alsoCase?: string): Success[] {
  const readings = readValue(response)
  const named = new Set([...JSON.stringify(response).matchAll(/case-[\w-]+/g)].map((m) => m[0]))
  if (alsoCase) named.add(alsoCase)
  const successes: Success[] = []
  for (const caseId of named) {
    const id = truth.get(caseId)
    if (!id) continue
    const result = rebuildFrom(readings, id, CITY_REGIONS)
    if (result.success) successes.push({ caseId, where, result })
  }
  return successes
}
