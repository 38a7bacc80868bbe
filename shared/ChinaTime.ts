/**
 * China time. Instants are stored in UTC (ISO strings ending in Z); deadlines are China calendar
 * dates (YYYY-MM-DD) and are computed and displayed in Asia/Shanghai. China has kept a fixed
 * +08:00 offset without daylight saving since 1991, so a fixed offset is exact and needs no
 * time-zone data, and the result does not depend on the server's TZ.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const CHINA_OFFSET_MINUTES = 480

/** A China calendar date, YYYY-MM-DD. */
export type ChinaDate = string

export function chinaDateOf(instant: Date | string): ChinaDate {
  // Every case summary asks, mostly of the same instant (a roster's cases all open at its confirmation): the last answer is kept.
  if (typeof instant === 'string' && instant === lastInstant) return lastDate
  // A Date or a UTC ISO instant (what the store keeps) by arithmetic: dayjs costs ten times more.
  const ms = typeof instant === 'string' ? (instant.endsWith('Z') ? Date.parse(instant) : NaN) : instant.getTime()
  const shifted = ms + CHINA_OFFSET_MINUTES * 60_000
  const date = shifted >= 0 && shifted < YEAR_10000_MS ? new Date(shifted).toISOString().slice(0, 10) : dayjs.utc(instant).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD')
  if (typeof instant === 'string') [lastInstant, lastDate] = [instant, date]
  return date
}
let lastInstant = ''
let lastDate = ''

/** Where ISO strings stop having four-digit years. */
const YEAR_10000_MS = Date.UTC(10000, 0, 1)

/** The last millisecond of a China calendar day, as a UTC instant. */
export function endOfChinaDay(date: ChinaDate): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + 1, 0, 0, 0, 0) - CHINA_OFFSET_MINUTES * 60_000 - 1)
}

/** Whole China calendar days from `from` to `to` (negative when `to` is earlier). */
export function chinaDaysBetween(from: ChinaDate, to: ChinaDate): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10))
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10))
  return Math.round((b - a) / 86_400_000)
}

/** 2020年3月31日 */
export function formatChinaDate(date: ChinaDate): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** 2020年3月20日 09:00 (China time) */
export function formatChinaDateTime(instant: Date | string): string {
  const t = dayjs.utc(instant).utcOffset(CHINA_OFFSET_MINUTES)
  return `${t.year()}年${t.month() + 1}月${t.date()}日 ${t.format('HH:mm')}`
}

export function isChinaDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const [y, m, d] = s.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** A China calendar month, YYYY-MM: how birth and retirement are kept in clear. */
export type ChinaMonth = string

export function isChinaMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s)
}

/** 1960年3月 */
export function formatChinaMonth(month: ChinaMonth): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`
}

/** The month `months` after (or before, when negative) a month. */
export function addMonths(month: ChinaMonth, months: number): ChinaMonth {
  const n = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`
}

/** The last day of a month, YYYY-MM-DD. */
export function lastDayOfMonth(month: ChinaMonth): ChinaDate {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()
  return `${month}-${String(days).padStart(2, '0')}`
}

/** The China date `days` after (or before, when negative) a date. */
export function addChinaDays(date: ChinaDate, days: number): ChinaDate {
  const t = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + days))
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`
}
