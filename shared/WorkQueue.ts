/**
 * A community's work queue (the grid worker's default screen): what needs doing, overdue first,
 * then by next deadline, in bands with a true count each. People taken in and people out of
 * scope wait behind their own filters.
 */
import * as z from 'zod/mini'
import { addChinaDays, type ChinaDate } from './ChinaTime'
import { CaseListItem } from './Views'

/** Bands of the open cases, in the order the queue shows them. */
export const QUEUE_BANDS = ['overdue', 'week', 'month', 'later', 'undated'] as const
export type QueueBand = (typeof QUEUE_BANDS)[number]

export const QUEUE_BAND_NAMES = {
  overdue: '已逾期',
  week: '7天内到期',
  month: '30天内到期',
  later: '更晚到期',
  undated: '没有截止日期',
} as const satisfies Record<QueueBand, string>

/** The filters of the queue screen that the store answers by index: open is the default. */
export const QueueGroup = z.enum(['open', 'done', 'outOfScope'])
export type QueueGroup = z.infer<typeof QueueGroup>

/** True totals of one community's queue, as the store counts them (never capped by a page size). */
export interface QueueCounts {
  open: number
  /** Open cases whose next deadline is before each of the given China dates, in their order. */
  openBefore: number[]
  /** Open cases with no deadline at all. */
  openUndated: number
  done: number
  outOfScope: number
}

export const QUEUE_GROUP_NAMES = { open: '要办的', done: '已接收', outOfScope: '不移交' } as const satisfies Record<QueueGroup, string>

/**
 * The first day after each dated band but the last: overdue ends before today, 7 days runs to
 * today + 7, 30 days to today + 30 (China dates).
 */
export function bandEnds(today: ChinaDate): [ChinaDate, ChinaDate, ChinaDate] {
  return [today, addChinaDays(today, 8), addChinaDays(today, 31)]
}

export function queueBand(nextDeadline: ChinaDate | null, today: ChinaDate): QueueBand {
  if (nextDeadline === null) return 'undated'
  const [overdueEnd, weekEnd, monthEnd] = bandEnds(today)
  if (nextDeadline < overdueEnd) return 'overdue'
  if (nextDeadline < weekEnd) return 'week'
  if (nextDeadline < monthEnd) return 'month'
  return 'later'
}

export const QueueTotals = z.object({
  overdue: z.int(),
  week: z.int(),
  month: z.int(),
  later: z.int(),
  undated: z.int(),
  open: z.int(),
  done: z.int(),
  outOfScope: z.int(),
})
export type QueueTotals = z.infer<typeof QueueTotals>

/** Band totals from the store's counts of open cases due before each of bandEnds(today). */
export function queueTotals(counts: QueueCounts): QueueTotals {
  const [overdue, beforeWeekEnd, beforeMonthEnd] = counts.openBefore
  const dated = counts.open - counts.openUndated
  return {
    overdue,
    week: beforeWeekEnd - overdue,
    month: beforeMonthEnd - beforeWeekEnd,
    later: dated - beforeMonthEnd,
    undated: counts.openUndated,
    open: counts.open,
    done: counts.done,
    outOfScope: counts.outOfScope,
  }
}

export const QueueView = z.object({
  group: QueueGroup,
  totals: z.nullable(QueueTotals).check(z.describe('on the first page only; later pages keep the first page’s totals')),
  items: z.array(z.object({ ...CaseListItem.shape, band: z.nullable(z.enum(QUEUE_BANDS)) })),
  nextCursor: z.nullable(z.string()),
})
export type QueueView = z.infer<typeof QueueView>
