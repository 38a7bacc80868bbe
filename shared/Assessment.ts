/**
 * The annual assessment (目标责任考核, plan 三（三）): for a date D, each unit that answers for a
 * stage, counted over the stages it answers for (read from the policy) and the items due by D,
 * i.e. with a deadline on or before D, from the figures kept by deadline (`ontime|…`, `d`) and the
 * late completions kept by day (`late|…`). It is taken at the close of D:
 * - done on time: done on or before the deadline;
 * - done late: done after the deadline, on or before D; its days late are completion day − deadline;
 * - overdue: not done by the close of D (still open or waiting now, or done only after D); its
 *   days late are D − deadline (0 for an item due on D itself, which still counts as overdue);
 * - days late: the sum of both.
 * An item not done today is taken as not done on D too, also for a D still to come (what D looks
 * like if nothing more is done). The score reads only the policy's weights (Policy.assessment).
 */
import * as z from 'zod/mini'
import { partySide, unitKey, unitStandings, type UnitRef } from './Board'
import { chinaDaysBetween } from './ChinaTime'
import type { Figures } from './Figures'
import { AssessmentWeights, type Policy } from './Policy'
import { ResponsibleParty, stageParties, type ResponsibleParty as Party } from './Stage'

export interface AssessmentCounts {
  due: number
  onTime: number
  lateDone: number
  overdue: number
  daysLate: number
}

const NONE: AssessmentCounts = { due: 0, onTime: 0, lateDone: 0, overdue: 0, daysLate: 0 }

/** The share of due items done by their deadline, 0 to 1; null when nothing was due. */
export function onTimeShare(c: AssessmentCounts): number | null {
  return c.due === 0 ? null : c.onTime / c.due
}

/**
 * A unit's score, to one decimal, between 0 and full marks; null when nothing was due:
 * full − perLatePercent × % not on time − perAverageDayLate × days late per due item
 *      − perOverduePercent × % still not done.
 */
export function assessmentScore(c: AssessmentCounts, w: AssessmentWeights): number | null {
  if (c.due === 0) return null
  const lost = w.perLatePercent * ((100 * (c.due - c.onTime)) / c.due) + w.perAverageDayLate * (c.daysLate / c.due) + w.perOverduePercent * ((100 * c.overdue) / c.due)
  return Math.round(10 * Math.min(w.fullMarks, Math.max(0, w.fullMarks - lost))) / 10
}

/**
 * Every unit of the board (the units `unitStandings` lists) with its counts for date D, in one
 * pass over the figures. A city-wide bureau counts its stages over every case (the enterprise
 * side, where each case counts once).
 */
export function assessUnits(policy: Policy, figures: Figures, date: string): Array<{ unit: UnitRef } & AssessmentCounts> {
  const parties = new Map(policy.stages.map((s) => [s.id as string, stageParties(s)]))
  const counts = new Map<string, AssessmentCounts>()
  // A few hundred distinct days among many keys: each is turned into a day count once.
  const daysTo = new Map<string, number>()
  const daysLate = (deadline: string, day: string) => {
    const key = `${deadline}|${day}`
    let d = daysTo.get(key)
    if (d === undefined) daysTo.set(key, (d = chinaDaysBetween(deadline, day)))
    return d
  }
  const row = (key: string): AssessmentCounts => {
    let c = counts.get(key)
    if (!c) counts.set(key, (c = { ...NONE }))
    return c
  }
  /** The unit a party's item of this range counts for: its own side's, or a bureau once (on the enterprise side); null for the other side. */
  const unitOf = (party: Party, range: string): string | null => {
    const side = partySide(party)
    const rangeSide = range.slice(0, range.indexOf(':'))
    if (side === null) return rangeSide === 'enterprise' ? party : null
    return side === rangeSide ? `${party}:${range.slice(range.indexOf(':') + 1)}` : null
  }
  for (const [key, n] of figures) {
    const parts = key.split('|')
    // ontime|<unit>|<stage>|<deadline>, late|<unit>|<stage>|<deadline>|<day>, <unit>|d|<stage>|<deadline>|<state>, <unit>|pd|<stage>|<party>|<deadline>
    const done = parts[0] === 'late' ? 'l' : parts[0] === 'ontime' ? 't' : null
    const [range, kind, stage] = done ? [parts[1], done, parts[2]] : parts
    const deadline = done ? parts[3] : kind === 'pd' ? parts[4] : parts[3]
    if ((kind !== 't' && kind !== 'l' && kind !== 'd' && kind !== 'pd') || deadline > date) continue
    const answering = parties.get(stage) ?? []
    const shared = answering.length > 1
    // Done (on time or late): every party of the stage answers for it. Not done: a stage one party
    // answers for, that party; a shared one, the party that answers now (open), or the first (waiting).
    let who: Party[]
    if (kind === 't' || kind === 'l') who = answering
    else if (kind === 'pd') who = shared ? [parts[3] as Party] : []
    else who = !shared ? answering : parts[4] === 'waiting' ? answering.slice(0, 1) : []
    for (const party of who) {
      const into = unitOf(party, range)
      if (into === null) continue
      const c = row(into)
      c.due += n
      if (kind === 't') c.onTime += n
      else if (kind === 'l' && parts[4] <= date) {
        c.lateDone += n
        c.daysLate += n * daysLate(deadline, parts[4])
      } else {
        c.overdue += n
        c.daysLate += n * daysLate(deadline, date)
      }
    }
  }
  return unitStandings(policy, figures, date).map(({ unit }) => ({ unit, ...(counts.get(unitKey(unit)) ?? NONE) }))
}

export const AssessmentRow = z.object({
  unitKey: z.string(),
  kind: ResponsibleParty,
  name: z.string(),
  due: z.int().check(z.describe('items with a deadline on or before the date')),
  onTime: z.int(),
  lateDone: z.int(),
  overdue: z.int().check(z.describe('due and not done by the close of the date')),
  daysLate: z.int(),
  onTimeShare: z.nullable(z.number()),
  score: z.nullable(z.number()),
  rank: z.nullable(z.int().check(z.describe('by score, 1 first; equal scores share a rank; null when nothing was due'))),
})
export type AssessmentRow = z.infer<typeof AssessmentRow>

export const AssessmentView = z.object({
  date: z.string(),
  policyId: z.string(),
  weights: AssessmentWeights,
  rows: z.array(AssessmentRow),
})
export type AssessmentView = z.infer<typeof AssessmentView>

/** The note every screen and file shows beside scores from example weights. */
export const EXAMPLE_WEIGHTS_NOTE = '示例权重：工作方案未规定考核权重，得分仅作示例，正式考核以领导小组确定的权重为准。'

/** The assessment for a date, units ranked by score (units with nothing due last, by name). */
export function assessment(policy: Policy, figures: Figures, date: string, name: (unit: UnitRef) => string): AssessmentView {
  const rows = assessUnits(policy, figures, date).map(({ unit, ...c }) => ({
    unitKey: unitKey(unit),
    kind: unit.kind,
    name: name(unit),
    ...c,
    onTimeShare: onTimeShare(c),
    score: assessmentScore(c, policy.assessment),
    rank: null as number | null,
  }))
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh') || a.unitKey.localeCompare(b.unitKey))
  rows.forEach((r, i) => {
    if (r.score !== null) r.rank = i > 0 && rows[i - 1].score === r.score ? rows[i - 1].rank : i + 1
  })
  return { date, policyId: policy.id, weights: policy.assessment, rows }
}
