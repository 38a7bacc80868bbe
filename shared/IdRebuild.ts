/**
 * Can an ID number be rebuilt from what a record or a response shows? (issue 8, item 3)
 *
 * An ID number is area (6) + birth date (8) + sequence (3, odd = male) + check character (1).
 * An attacker who reads a stored record, a backup or an API response collects every constraint
 * on it: masked forms (15 or 18 characters with `*`), dates in any common form taken as the
 * birth date itself or as a retirement date (50, 55 or 60 years later, or the month after that
 * birthday), and the gender. With the city's few area codes, the candidates are counted. A
 * rebuild succeeds when the true number is among fewer than REBUILD_LIMIT candidates.
 *
 * The reader is generous to the attacker: of every reading a value allows, it keeps the ones
 * that hold for the true number (as if the attacker guessed right which field is which). Only
 * instants (a date with a time of day, such as `2019-10-12T00:00:00Z`) are taken at face value
 * as a birth date and never as a retirement date: they record when something happened.
 *
 * Pure: the true number is test-only knowledge, used to decide success.
 */
import { ID_CHECK_CHARS, ID_WEIGHTS } from './IdNumber'

export const REBUILD_LIMIT = 10_000

/** Birth dates an attacker considers when nothing narrows them. */
const FIRST_YEAR = 1900
const LAST_YEAR = 2029
const RETIREMENT_AGES = [50, 55, 60]

/** What an attacker knows about one number. */
export interface Constraints {
  /** The city's area codes (the first 6 characters), unless a pattern shows them. */
  regions: readonly string[]
  /** 18-character patterns, `*` where hidden (every one must match). */
  patterns: readonly string[]
  gender: 'male' | 'female' | null
  /** A prefix of the birth date YYYY-MM-DD: '1959-10-12', '1959-10', '1959' or '' (unknown). */
  birth: string
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Every valid birth date an attacker considers, as YYYY-MM-DD, in order. */
const ALL_DATES: string[] = []
for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
  for (let m = 1; m <= 12; m++) for (let d = 1; d <= daysIn(y, m); d++) ALL_DATES.push(`${y}-${pad(m)}-${pad(d)}`)
}

const datesByPrefix = new Map<string, string[]>()

/** The valid birth dates (YYYYMMDD) that start with the prefix. */
function birthDates(prefix: string): string[] {
  let dates = datesByPrefix.get(prefix)
  if (!dates) datesByPrefix.set(prefix, (dates = ALL_DATES.filter((d) => d.startsWith(prefix)).map((d) => d.replace(/-/g, ''))))
  return dates
}

/** Several patterns as one; null when two show different characters at one place. */
export function mergePatterns(patterns: readonly string[]): string | null {
  const merged = '*'.repeat(18).split('')
  for (const p of patterns) {
    for (let i = 0; i < 18; i++) {
      if (p[i] === '*') continue
      if (merged[i] !== '*' && merged[i] !== p[i]) return null
      merged[i] = p[i]
    }
  }
  return merged.join('')
}

function fits(text: string, pattern: string, from: number): boolean {
  for (let i = 0; i < text.length; i++) if (pattern[from + i] !== '*' && pattern[from + i] !== text[i]) return false
  return true
}

/** How many valid ID numbers meet every constraint; counting stops once it reaches `stopAt`. */
export function countCandidates(c: Constraints, stopAt = Infinity): number {
  const pattern = mergePatterns(c.patterns)
  if (pattern === null) return 0
  const shownRegion = pattern.slice(0, 6)
  const regions = /^\d{6}$/.test(shownRegion) ? [shownRegion] : [...new Set(c.regions)].filter((r) => fits(r, pattern, 0))
  const dates = birthDates(c.birth).filter((d) => fits(d, pattern, 6))
  // Sequences by their share of the weighted sum, modulo 11.
  const bySum = new Array<number>(11).fill(0)
  let sequences = 0
  for (let s = 0; s < 1000; s++) {
    const seq = pad(s, 3)
    if (!fits(seq, pattern, 14)) continue
    if (c.gender !== null && (s % 2 === 1 ? 'male' : 'female') !== c.gender) continue
    bySum[(Number(seq[0]) * ID_WEIGHTS[14] + Number(seq[1]) * ID_WEIGHTS[15] + Number(seq[2]) * ID_WEIGHTS[16]) % 11]++
    sequences++
  }
  const check = pattern[17]
  let count = 0
  for (const region of regions) {
    for (const date of dates) {
      if (count >= stopAt) return count
      if (check === '*') {
        count += sequences
        continue
      }
      const head = region + date
      let sum = 0
      for (let i = 0; i < 14; i++) sum += Number(head[i]) * ID_WEIGHTS[i]
      const want = ID_CHECK_CHARS.indexOf(check)
      // The check character is ID_CHECK_CHARS[total % 11]; want < 0 for a character that is never one.
      if (want >= 0) count += bySum[(((want - sum) % 11) + 11) % 11]
    }
  }
  return count
}

/** The readings one value allows: masked forms, birth-date prefixes, genders. */
export interface Readings {
  patterns: string[]
  births: string[]
  genders: Array<'male' | 'female'>
}

function shiftYears(date: string, years: number): string {
  return pad(Number(date.slice(0, 4)) - years, 4) + date.slice(4)
}

function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 1 ? `${pad(y - 1, 4)}-12` : `${pad(y, 4)}-${pad(m - 1)}`
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

const validDate = (y: number, m: number, d: number) => y >= FIRST_YEAR - 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)

/** A date shown somewhere may be the birth date, or a retirement date some years after it. */
function birthReadingsOfDate(date: string, instant: boolean): string[] {
  // A birth date kept as a UTC instant of China midnight shows the day before.
  if (instant) return [date, nextDay(date)]
  const month = date.slice(0, 7)
  return [date, month, ...RETIREMENT_AGES.flatMap((n) => [shiftYears(date, n), shiftYears(month, n), previousMonth(shiftYears(month, n))])]
}

function birthReadingsOfMonth(month: string): string[] {
  return [month, ...RETIREMENT_AGES.flatMap((n) => [shiftYears(month, n), previousMonth(shiftYears(month, n))])]
}

/** An 18-character pattern from a masked or full number of 15 or 18 characters. */
function asPattern(run: string): string | null {
  const text = run.replace(/[\s\u3000]/g, '').toUpperCase()
  if (text.length === 18) return text
  // The older 15-character form: 2-digit year (19xx), no check character.
  if (text.length === 15) return text.slice(0, 6) + '19' + text.slice(6) + '*'
  return null
}

function readString(raw: string, into: Readings): void {
  const text = raw.normalize('NFKC')
  for (const run of text.match(/[0-9Xx*](?:[ \u3000]?[0-9Xx*])*/g) ?? []) {
    const p = asPattern(run)
    if (p) into.patterns.push(p)
  }
  const full = /(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?(\s*T?\s*\d{1,2}:\d{2})?/g
  for (const m of text.matchAll(full)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (!validDate(y, mo, d)) continue
    const date = `${m[1]}-${pad(mo)}-${pad(d)}`
    into.births.push(...birthReadingsOfDate(date, m[4] !== undefined))
  }
  for (const m of text.matchAll(/(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (validDate(y, mo, d)) into.births.push(...birthReadingsOfDate(`${m[1]}-${m[2]}-${m[3]}`, false))
  }
  for (const m of text.matchAll(/(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})(?!\d)/g)) {
    const mo = Number(m[2])
    if (mo >= 1 && mo <= 12) into.births.push(...birthReadingsOfMonth(`${m[1]}-${pad(mo)}`))
  }
  const t = text.trim().toLowerCase()
  if (t === 'male' || t === '男' || t === 'm') into.genders.push('male')
  if (t === 'female' || t === '女' || t === 'f') into.genders.push('female')
  const labelled = text.match(/性别\s*[：:]?\s*(男|女)/)
  if (labelled) into.genders.push(labelled[1] === '男' ? 'male' : 'female')
}

/** Every reading of every string, number and key inside a JSON value. */
export function readValue(value: unknown, into: Readings = { patterns: [], births: [], genders: [] }): Readings {
  if (typeof value === 'string') readString(value, into)
  else if (typeof value === 'number' && Number.isFinite(value)) readString(String(value), into)
  else if (Array.isArray(value)) value.forEach((v) => readValue(v, into))
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      readString(k, into)
      readValue(v, into)
    }
  }
  return into
}

/** Candidates are counted exactly up to here; above, `candidates` is a lower bound. */
const EXACT_UP_TO = 10 * REBUILD_LIMIT

export interface RebuildResult {
  /** The true number is among fewer than REBUILD_LIMIT candidates. */
  success: boolean
  /** Exact below 10 × REBUILD_LIMIT, a lower bound above. */
  candidates: number
  /** The constraints that held for the true number. */
  constraints: Constraints
}

/**
 * Tries to rebuild `trueId` (18 characters) from a value: the readings that hold for the true
 * number, with the city's area codes, leave `candidates` numbers.
 */
export function tryRebuild(value: unknown, trueId: string, regions: readonly string[]): RebuildResult {
  return rebuildFrom(readValue(value), trueId, regions)
}

/** The same from readings already collected (read a large value once, try every number in it). */
export function rebuildFrom(r: Readings, trueId: string, regions: readonly string[]): RebuildResult {
  const truth = trueId.toUpperCase()
  const birth = `${truth.slice(6, 10)}-${truth.slice(10, 12)}-${truth.slice(12, 14)}`
  const gender = Number(truth[16]) % 2 === 1 ? 'male' : 'female'
  const patterns = r.patterns.filter((p) => fits(truth, p, 0))
  const births = r.births.filter((b) => birth.startsWith(b))
  const constraints: Constraints = {
    regions,
    patterns,
    gender: r.genders.includes(gender) ? gender : null,
    birth: births.reduce((a, b) => (b.length > a.length ? b : a), ''),
  }
  const candidates = countCandidates(constraints, EXACT_UP_TO)
  const inRegion = regions.includes(truth.slice(0, 6)) || patterns.some((p) => p.slice(0, 6) === truth.slice(0, 6))
  return { success: inRegion && candidates < REBUILD_LIMIT, candidates, constraints }
}
