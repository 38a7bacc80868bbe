/**
 * The daily unit snapshots (shared/UnitSnapshot.ts): the hourly notify pass writes each unit's
 * once per China day from the maintained figures, and forecasts and the burn-down read them back.
 * Every snapshot is created, never overwritten: a CONFLICT means another run wrote it first that
 * day, which is fine. The city's is written last, so once it is there the day is done and later
 * runs read nothing but it.
 */
import { isAppError } from '../../../shared/AppError'
import { addChinaDays, chinaDateOf, type ChinaDate } from '../../../shared/ChinaTime'
import type { Figures } from '../../../shared/Figures'
import type { Page, Store } from '../../../shared/ports/Store'
import { MAX_PAGE } from '../../../shared/ports/Store'
import { CITY, snapshotId, takeSnapshots, type UnitSnapshot } from '../../../shared/UnitSnapshot'
import type { Deps } from '../router'

export interface SnapshotReport {
  today: ChinaDate
  written: number
  /** The day's snapshots were all written before this run. */
  alreadyDone: boolean
}

/** Snapshots per commit: well inside one transaction's size, and one conflict costs little. */
const PER_COMMIT = 100

/** Creates the snapshots; those another run wrote first are left to it. Returns how many this run wrote. */
async function create(store: Store, snapshots: UnitSnapshot[]): Promise<number> {
  try {
    await store.commit({ docs: snapshots.map((next) => ({ kind: 'unitSnapshot' as const, next, expectedVersion: null })) })
    return snapshots.length
  } catch (e) {
    if (!isAppError(e) || e.code !== 'CONFLICT') throw e
    if (snapshots.length === 1) return 0
    // Some were written by another run: the others one by one.
    let written = 0
    for (const s of snapshots) written += await create(store, [s])
    return written
  }
}

/** The figures of every enterprise and community: the two unit ranges, all a snapshot reads. */
export async function unitRangeFigures(store: Store): Promise<Figures> {
  const [enterprises, communities] = await Promise.all([store.readFigures('enterprise:'), store.readFigures('community:')])
  return new Map([...enterprises, ...communities])
}

/** Writes today's snapshot of every unit and of the city, unless a run already has. */
export async function snapshotPass(deps: Deps, now: Date): Promise<SnapshotReport> {
  const today = chinaDateOf(now)
  if (await deps.store.getDoc('unitSnapshot', snapshotId(CITY, today))) return { today, written: 0, alreadyDone: true }
  const snapshots = takeSnapshots(deps.policy, await unitRangeFigures(deps.store), today, now)
  const units = snapshots.filter((s) => s.unit !== CITY)
  let written = 0
  for (let i = 0; i < units.length; i += PER_COMMIT) written += await create(deps.store, units.slice(i, i + PER_COMMIT))
  written += await create(deps.store, snapshots.filter((s) => s.unit === CITY))
  return { today, written, alreadyDone: false }
}

/** A unit's snapshots from `from` to `to` (China dates, inclusive), oldest first, page by page. */
export async function unitSnapshots(store: Store, unit: string, from: ChinaDate, to: ChinaDate): Promise<UnitSnapshot[]> {
  const out: UnitSnapshot[] = []
  // Ids are <unit>|<date>: the ids after the day before `from` start at `from`.
  for (let after: string | null = snapshotId(unit, addChinaDays(from, -1)); after !== null; ) {
    const page: Page<UnitSnapshot> = await store.listDocs('unitSnapshot', { unit }, { limit: MAX_PAGE, after })
    for (const s of page.items) if (s.date <= to) out.push(s)
    after = page.items.some((s) => s.date > to) ? null : page.nextCursor
  }
  return out
}

/** Every unit's snapshots of each day from `from` to `to`, page by page (one day's units may pass a page). */
export async function allSnapshots(store: Store, from: ChinaDate, to: ChinaDate): Promise<UnitSnapshot[]> {
  const out: UnitSnapshot[] = []
  for (let date = from; date <= to; date = addChinaDays(date, 1)) {
    for (let after: string | undefined, more = true; more; ) {
      const page = await store.listDocs('unitSnapshot', { date }, { limit: MAX_PAGE, after })
      out.push(...page.items)
      after = page.nextCursor ?? undefined
      more = page.nextCursor !== null
    }
  }
  return out
}

/** The days a forecast reads: four weeks before today, and today. */
export const FORECAST_DAYS = 29

export function forecastFrom(today: ChinaDate): ChinaDate {
  return addChinaDays(today, -(FORECAST_DAYS - 1))
}
