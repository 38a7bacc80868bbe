/**
 * What each unit had done and had left on one China day, kept so that forecasts can measure a
 * pace and the burn-down can draw the city's open items over time. The hourly notify pass writes
 * one per unit per China day from the maintained figures, as the day's first pass finds them; a
 * past day can be rebuilt from the cases' action logs (`replaySnapshots`), as the demo seed does.
 */
import * as z from 'zod/mini'
import { cityStageCounts, partySide, sideUnit, unitKey, unitStandings, type StageCounts, type UnitRef } from './Board'
import type { RetireeCase } from './Case'
import { summarizeCase } from './CaseState'
import { addChinaDays, chinaDateOf, type ChinaDate } from './ChinaTime'
import { figureDelta, type CountedRecord, type Figures } from './Figures'
import type { HistoryPoint } from './Forecast'
import type { Policy } from './Policy'
import { StageId } from './Stage'

/** The key of the whole city's snapshot, beside the unit keys of shared/Board.ts. */
export const CITY = 'city'

export const SnapshotStage = z.object({
  stage: StageId,
  done: z.int(),
  open: z.int(),
  waiting: z.int(),
  overdue: z.int().check(z.describe('open past the deadline on the snapshot’s day: part of open')),
  lastDeadline: z.optional(
    z.nullable(z.string()).check(z.describe('the latest deadline of the stage’s items not yet done (new retirees each have their own); absent before issue 15')),
  ),
})
export type SnapshotStage = z.infer<typeof SnapshotStage>

export const UnitSnapshot = z.object({
  id: z.string().check(z.describe('<unit key>|<China date>: one per unit and day')),
  version: z.int().check(z.gte(1)),
  unit: z.string().check(z.describe('unit key (enterprise:<id>, community:<id>, archives, party) or city')),
  date: z.string().check(z.describe('China date the snapshot is of')),
  takenAt: z.iso.datetime(),
  stages: z.array(SnapshotStage).check(z.describe('the stages the unit answers for (every stage for the city)')),
})
export type UnitSnapshot = z.infer<typeof UnitSnapshot>

export function snapshotId(unit: string, date: ChinaDate): string {
  return `${unit}|${date}`
}

const stageOf = (stage: StageId, c: StageCounts, lastDeadline: ChinaDate | null): SnapshotStage => ({ stage, done: c.done, open: c.open, waiting: c.waiting, overdue: c.overdue, lastDeadline })

/** The latest deadline of each range's stages not yet done (`<range>|<stage>`), and city-wide (`<stage>`, on the enterprise side), from the `d` figures. */
function latestDeadlines(figures: Figures): Map<string, ChinaDate> {
  const latest = new Map<string, ChinaDate>()
  const keep = (key: string, deadline: ChinaDate) => {
    const was = latest.get(key)
    if (was === undefined || deadline > was) latest.set(key, deadline)
  }
  for (const key of figures.keys()) {
    const [range, kind, stage, deadline] = key.split('|')
    if (kind !== 'd') continue
    keep(`${range}|${stage}`, deadline)
    if (range.startsWith('enterprise:')) keep(stage, deadline)
  }
  return latest
}

/** Where a unit's latest deadlines are kept: its side's range, or city-wide for a bureau. */
function deadlineKey(unit: UnitRef, stage: StageId): string {
  const side = partySide(unit.kind)
  return side === null ? stage : `${sideUnit(side, unit.orgId ?? '')}|${stage}`
}

/**
 * The snapshots of every unit on `date` from the figures: each unit of the board with the stages
 * it answers for, then the city with every stage (last, so that its presence means the day's
 * snapshots are all written).
 */
export function takeSnapshots(policy: Policy, figures: Figures, date: ChinaDate, takenAt: Date): UnitSnapshot[] {
  const snapshot = (unit: string, stages: SnapshotStage[]): UnitSnapshot => ({ id: snapshotId(unit, date), version: 1, unit, date, takenAt: takenAt.toISOString(), stages })
  const latest = latestDeadlines(figures)
  return [
    ...unitStandings(policy, figures, date).map((u) => snapshot(unitKey(u.unit), u.stages.map((s) => stageOf(s.stage, s, latest.get(deadlineKey(u.unit, s.stage)) ?? null)))),
    snapshot(CITY, policy.stages.map((s) => stageOf(s.id, cityStageCounts(figures, s.id, date), latest.get(s.id) ?? null))),
  ]
}

/** One stage's history from a unit's snapshots: done, and open + waiting, per day. */
export function stageHistory(snapshots: UnitSnapshot[], stage: StageId): HistoryPoint[] {
  return snapshots.flatMap((s) => {
    const found = s.stages.find((x) => x.stage === stage)
    return found ? [{ date: s.date, done: found.done, remaining: found.open + found.waiting }] : []
  })
}

/** Whether a snapshot reads a figure (stage states, open items by deadline, and by who answers now): the rest only slows the board's index. */
function read(key: string): boolean {
  return key.includes('|s|') || key.includes('|d|') || key.includes('|p|') || key.includes('|pd|')
}

/** Adds a delta into figures in place, touching only its keys. */
function addInto(figures: Figures, delta: Figures): void {
  for (const [key, n] of delta) {
    const sum = (figures.get(key) ?? 0) + n
    if (sum === 0) figures.delete(key)
    else figures.set(key, sum)
  }
}

/**
 * The snapshots of every day from `from` to `to` (China dates, inclusive), rebuilt from the cases'
 * action logs: a day's snapshot holds each case as its actions before that day left it (what the
 * day's first pass would have found), and only cases created before the day. Each case is
 * summarised once per day it changed, and the figures are carried from day to day by deltas.
 */
export function replaySnapshots(policy: Policy, cases: RetireeCase[], from: ChinaDate, to: ChinaDate, takenAtOf: (date: ChinaDate) => Date): UnitSnapshot[] {
  // What changed, by the first day it shows on: the day after the change.
  const deltas = new Map<ChinaDate, Figures>()
  const addOn = (date: ChinaDate, delta: Figures) => {
    let into = deltas.get(date)
    if (!into) deltas.set(date, (into = new Map()))
    for (const [key, n] of delta) if (read(key)) into.set(key, (into.get(key) ?? 0) + n)
  }
  for (const c of cases) {
    const record = (actions: RetireeCase['actions']): CountedRecord => ({ kind: 'case', value: { enterpriseId: c.enterpriseId, summary: summarizeCase(policy, { ...c, actions }) } })
    const dayOf = c.actions.map((a) => chinaDateOf(a.at))
    let before: CountedRecord | null = null
    let day = chinaDateOf(c.createdAt)
    let upTo = 0
    // One summary per China day the log changed (actions are in time order).
    for (;;) {
      while (upTo < c.actions.length && dayOf[upTo] <= day) upTo++
      const after = record(c.actions.slice(0, upTo))
      addOn(addChinaDays(day, 1), figureDelta(before, after))
      before = after
      if (upTo === c.actions.length) break
      day = dayOf[upTo]
    }
  }
  const figures: Figures = new Map()
  const out: UnitSnapshot[] = []
  for (const date of [...deltas.keys()].filter((d) => d < from)) addInto(figures, deltas.get(date)!)
  for (let date = from; date <= to; date = addChinaDays(date, 1)) {
    addInto(figures, deltas.get(date) ?? new Map())
    // A copy: the board indexes a figures object once, as a store's read that never changes.
    out.push(...takeSnapshots(policy, new Map(figures), date, takenAtOf(date)))
  }
  return out
}
