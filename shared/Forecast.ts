/**
 * The forecast of one unit's stage (督导检查): from the daily snapshots of what it had done and
 * what was left, the items it did in each of the last four weeks, the day it will be done at its
 * average pace, and how that day stands against the stage's deadline.
 *
 * A short history: a week counts only when a snapshot from its first day (or earlier) exists,
 * so a unit snapshotted for ten days has one week measured and three unknown (null). The pace is
 * the average over the weeks measured; with none (less than a week of snapshots) there is no
 * forecast yet (`tooEarly`). A week in which `done` fell (a case left the scope) counts as 0.
 */
import * as z from 'zod/mini'
import { assertNever } from './CaseState'
import { addChinaDays, chinaDaysBetween, formatChinaDate, type ChinaDate } from './ChinaTime'

/** One day of one unit's stage: items done, and items left (open + waiting). */
export interface HistoryPoint {
  date: ChinaDate
  done: number
  remaining: number
}

export interface ForecastInput {
  /** The unit's stage, one point per day (any order; points after `today` are ignored). */
  history: HistoryPoint[]
  today: ChinaDate
  /** The stage's deadline (from the policy); null when it has none. */
  deadline: ChinaDate | null
}

export const WEEKS = 4

export const ForecastStatus = z.enum(['finished', 'noItems', 'tooEarly', 'stalled', 'onTrack', 'late'])
export type ForecastStatus = z.infer<typeof ForecastStatus>

export const Forecast = z.object({
  status: ForecastStatus,
  /** Items done in each of the last four weeks, oldest first; null for a week before the first snapshot. */
  weeklyDone: z.array(z.nullable(z.int())),
  done: z.int(),
  /** Open + waiting on the latest day. */
  remaining: z.int(),
  /** Average items done per measured week. */
  perWeek: z.nullable(z.number()),
  /** China date the last item is done at the average pace. */
  projectedOn: z.nullable(z.string()),
  deadline: z.nullable(z.string()),
  /** Projected day less the deadline: positive late, negative early. */
  daysPastDeadline: z.nullable(z.int()),
  sentence: z.string(),
})
export type Forecast = z.infer<typeof Forecast>

/** A forecast the office must act on: the unit will not finish by the deadline at this pace. */
export function isFlagged(f: Pick<Forecast, 'status'>): boolean {
  return f.status === 'late' || f.status === 'stalled'
}

const WEEK_WORDS = ['一', '两', '三', '四']

/** The plain Chinese sentence of a forecast. */
export function forecastSentence(f: Omit<Forecast, 'sentence'>): string {
  switch (f.status) {
    case 'finished':
      return '已全部办完。'
    case 'noItems':
      return '没有需要办理的事项。'
    case 'tooEarly':
      return '记录还不满一周，暂时算不出预计办完的日期。'
    case 'stalled':
      return `近${WEEK_WORDS[f.weeklyDone.filter((w) => w !== null).length - 1]}周没有进展，按目前进度办不完。`
    case 'onTrack':
    case 'late': {
      const on = `按目前进度，预计${formatChinaDate(f.projectedOn!)}办完`
      const d = f.daysPastDeadline
      if (d === null) return `${on}。`
      if (d > 0) return `${on}，比截止日期晚${d}天。`
      if (d < 0) return `${on}，比截止日期早${-d}天。`
      return `${on}，正好赶上截止日期。`
    }
    default:
      return assertNever(f.status)
  }
}

/** `done` on a day: the latest point on or before it, or undefined before the first. */
function doneOn(points: HistoryPoint[], date: ChinaDate): number | undefined {
  let found: HistoryPoint | undefined
  for (const p of points) if (p.date <= date) found = p
  return found?.done
}

/** The forecast of one unit's stage on `today`. */
export function forecast(input: ForecastInput): Forecast {
  const { today, deadline } = input
  const points = input.history.filter((p) => p.date <= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const latest = points.at(-1)
  const done = latest?.done ?? 0
  const remaining = latest?.remaining ?? 0
  const weeklyDone = Array.from({ length: WEEKS }, (_, k) => {
    const start = doneOn(points, addChinaDays(today, -7 * (WEEKS - k)))
    const end = doneOn(points, addChinaDays(today, -7 * (WEEKS - 1 - k)))
    return start === undefined || end === undefined ? null : Math.max(0, end - start)
  })
  const measured = weeklyDone.filter((w): w is number => w !== null)
  const sum = measured.reduce((a, b) => a + b, 0)
  const perWeek = measured.length === 0 ? null : sum / measured.length
  const base = { weeklyDone, done, remaining, perWeek, deadline, projectedOn: null, daysPastDeadline: null }
  const settle = (f: Omit<Forecast, 'sentence'>): Forecast => ({ ...f, sentence: forecastSentence(f) })
  if (done + remaining === 0) return settle({ ...base, status: 'noItems' })
  if (remaining === 0) return settle({ ...base, status: 'finished' })
  if (measured.length === 0) return settle({ ...base, status: 'tooEarly' })
  if (sum === 0) return settle({ ...base, status: 'stalled' })
  // remaining / (sum / weeks) weeks, in whole days, rounded up; in integers so it is exact.
  const projectedOn = addChinaDays(today, Math.ceil((7 * remaining * measured.length) / sum))
  const daysPastDeadline = deadline === null ? null : chinaDaysBetween(deadline, projectedOn)
  return settle({ ...base, projectedOn, daysPastDeadline, status: daysPastDeadline !== null && daysPastDeadline > 0 ? 'late' : 'onTrack' })
}
