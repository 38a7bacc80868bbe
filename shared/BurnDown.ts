/**
 * The city-wide burn-down: the open items (open + waiting, every stage) day by day from the city's
 * snapshots, against the stages' deadlines. Each deadline is marked with the stages due by then
 * and how many of their items were still open after it, and are open on the latest day.
 */
import * as z from 'zod/mini'
import { addChinaDays, type ChinaDate } from './ChinaTime'
import type { Policy } from './Policy'
import { StageId } from './Stage'
import type { SnapshotStage, UnitSnapshot } from './UnitSnapshot'

export const BurnDownPoint = z.object({
  date: z.string(),
  /** Open + waiting items of every stage, city-wide. */
  open: z.int(),
  /** Of those, open past their deadline. */
  overdue: z.int(),
})
export type BurnDownPoint = z.infer<typeof BurnDownPoint>

export const BurnDownDeadline = z.object({
  date: z.string(),
  /** The stages whose deadline is this day. */
  stages: z.array(z.object({ stage: StageId, name: z.string() })),
  /** Items of the stages due by this day still open when it ended; null when that day is not yet drawn. */
  dueOpenAfter: z.nullable(z.int()),
  /** Items of the stages due by this day open on the latest day. */
  dueOpenNow: z.int(),
})
export type BurnDownDeadline = z.infer<typeof BurnDownDeadline>

export const BurnDownView = z.object({
  /** One a day with a snapshot, oldest first. */
  points: z.array(BurnDownPoint),
  /** Every stage deadline of the policy, earliest first. */
  deadlines: z.array(BurnDownDeadline),
  /** The highest open count drawn (0 when none): the top of the scale. */
  max: z.int(),
})
export type BurnDownView = z.infer<typeof BurnDownView>

const left = (s: SnapshotStage) => s.open + s.waiting

/** Open items of the given stages on a snapshot. */
function openOf(snapshot: UnitSnapshot, stages: ReadonlySet<StageId>): number {
  return snapshot.stages.reduce((sum, s) => sum + (stages.has(s.stage) ? left(s) : 0), 0)
}

/** The burn-down from the city's snapshots (any order; one per day). */
export function burnDown(policy: Policy, citySnapshots: UnitSnapshot[]): BurnDownView {
  const days = [...citySnapshots].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const points = days.map((s) => ({ date: s.date, open: s.stages.reduce((sum, x) => sum + left(x), 0), overdue: s.stages.reduce((sum, x) => sum + x.overdue, 0) }))
  const latest = days.at(-1)
  const dates = [...new Set(policy.stages.flatMap((s) => (s.deadline === null ? [] : [s.deadline])))].sort()
  const deadlines = dates.map((date) => {
    const due = new Set(policy.stages.filter((s) => s.deadline !== null && s.deadline <= date).map((s) => s.id))
    // A snapshot holds the day as it began, so the day after the deadline shows what was left when it ended.
    const after = addChinaDays(date, 1)
    const then = latest && latest.date >= after ? days.filter((s) => s.date <= after).at(-1) : undefined
    return {
      date,
      stages: policy.stages.filter((s) => s.deadline === date).map((s) => ({ stage: s.id, name: s.name })),
      dueOpenAfter: then ? openOf(then, due) : null,
      dueOpenNow: latest ? openOf(latest, due) : 0,
    }
  })
  return { points, deadlines, max: points.reduce((m, p) => Math.max(m, p.open), 0) }
}

/** The day a burn-down starts: the programme's first day in the policy. */
export function programmeStart(policy: Policy): ChinaDate {
  return policy.phases.map((p) => p.from ?? p.to).sort()[0]
}
