/**
 * A numbered bulletin (通报, 第N期) of the leading-group office (plan 三（三）): for a date, each
 * unit's completion rate, ranked; overdue counts with the laggards named; the change since the
 * previous bulletin; and the forecast flags (given, not computed here). Its content is built once,
 * from the board's standings, and stored unchanged when issued.
 *
 * Laggards: among the units with any overdue item, the LAGGARD_COUNT lowest in the ranking.
 * Ranking: by completion rate, highest first; equal rates by fewer overdue items; units with
 * nothing to do last. Units equal in both share a rank.
 */
import * as z from 'zod/mini'
import { addCounts, completionRate, unitKey, unitStandings, ZERO, type StageCounts, type UnitRef } from './Board'
import { formatChinaDate } from './ChinaTime'
import type { Figures } from './Figures'
import type { Policy } from './Policy'
import { ResponsibleParty } from './Stage'

/** How many laggards a bulletin names at most. */
export const LAGGARD_COUNT = 3

/** One flag of the forecast: a unit projected to miss, in one sentence (shared/Forecast.ts builds them). */
export const ForecastFlag = z.object({ unitKey: z.string(), sentence: z.string() })
export type ForecastFlag = z.infer<typeof ForecastFlag>

const Count = z.int().check(z.gte(0))
const Rate = z.nullable(z.number().check(z.gte(0), z.lte(1), z.describe('share done, 0 to 1; null when the unit has nothing to do')))

export const BulletinUnit = z.object({
  unitKey: z.string(),
  kind: ResponsibleParty,
  name: z.string(),
  rank: z.int().check(z.gte(1)),
  rate: Rate,
  done: Count,
  open: Count,
  waiting: Count,
  overdue: Count.check(z.describe('open past the deadline on the date')),
})
export type BulletinUnit = z.infer<typeof BulletinUnit>

const NamedUnit = z.object({ unitKey: z.string(), name: z.string() })

export const BulletinChange = z.object({
  unitKey: z.string(),
  name: z.string(),
  rateBefore: Rate,
  rate: Rate,
  overdueBefore: Count,
  overdue: Count,
  rankBefore: z.int(),
  rank: z.int(),
})
export type BulletinChange = z.infer<typeof BulletinChange>

export const BulletinContent = z.object({
  number: z.int().check(z.gte(1), z.describe('第N期')),
  date: z.string().check(z.describe('China date the figures are for')),
  policyId: z.string(),
  jurisdiction: z.string(),
  office: z.string().check(z.describe('who issues it: the leading-group office')),
  total: z.object({ done: Count, open: Count, waiting: Count, overdue: Count, rate: Rate }),
  units: z.array(BulletinUnit).check(z.describe('every unit that answers for a stage, ranked')),
  laggards: z.array(z.extend(NamedUnit, { overdue: Count, rank: z.int() })),
  previous: z.nullable(z.object({ number: z.int(), date: z.string(), total: z.object({ overdue: Count, rate: Rate }) })),
  changes: z.array(BulletinChange).check(z.describe('units in both this bulletin and the previous one')),
  newUnits: z.array(NamedUnit),
  goneUnits: z.array(NamedUnit),
  flags: z.array(z.extend(NamedUnit, { sentence: z.string() })),
})
export type BulletinContent = z.infer<typeof BulletinContent>

/** An issued bulletin: its content as issued, never changed after. */
export const Bulletin = z.object({
  id: z.string().check(z.describe('bulletinId(number): one document per number, created once')),
  version: z.int().check(z.gte(1)),
  number: z.int().check(z.gte(1)),
  date: z.string(),
  issuedAt: z.iso.datetime(),
  issuedBy: z.string(),
  content: BulletinContent,
})
export type Bulletin = z.infer<typeof Bulletin>

/** The document id of bulletin N: zero-padded so ids sort by number. */
export function bulletinId(number: number): string {
  return `bulletin-${String(number).padStart(6, '0')}`
}

export interface BulletinInput {
  policy: Policy
  figures: Figures
  date: string
  number: number
  name: (unit: UnitRef) => string
  previous: BulletinContent | null
  flags: ForecastFlag[]
}

/** The content of bulletin N for a date, from the figures (the board's unit standings). */
export function bulletinContent(input: BulletinInput): BulletinContent {
  const { policy, figures, date, previous } = input
  const rows = unitStandings(policy, figures, date).map((s) => ({ unitKey: unitKey(s.unit), kind: s.unit.kind, name: input.name(s.unit), rank: 0, rate: s.rate, ...s.total }))
  rows.sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.overdue - b.overdue || a.name.localeCompare(b.name, 'zh') || a.unitKey.localeCompare(b.unitKey))
  rows.forEach((r, i) => {
    const before = rows[i - 1]
    r.rank = before && before.rate === r.rate && before.overdue === r.overdue ? before.rank : i + 1
  })
  const sum = rows.reduce<StageCounts>((t, r) => addCounts(t, r), ZERO)
  const laggards = rows
    .filter((r) => r.overdue > 0)
    .slice(-LAGGARD_COUNT)
    .reverse()
    .map((r) => ({ unitKey: r.unitKey, name: r.name, overdue: r.overdue, rank: r.rank }))
  const before = new Map((previous?.units ?? []).map((u) => [u.unitKey, u]))
  const now = new Set(rows.map((r) => r.unitKey))
  const names = new Map(rows.map((r) => [r.unitKey, r.name]))
  return {
    number: input.number,
    date,
    policyId: policy.id,
    jurisdiction: policy.jurisdiction,
    office: policy.bureaus.office.name,
    total: { done: sum.done, open: sum.open, waiting: sum.waiting, overdue: sum.overdue, rate: completionRate(sum) },
    units: rows,
    laggards,
    previous: previous && { number: previous.number, date: previous.date, total: { overdue: previous.total.overdue, rate: previous.total.rate } },
    changes: rows.flatMap((r) => {
      const b = before.get(r.unitKey)
      return b ? [{ unitKey: r.unitKey, name: r.name, rateBefore: b.rate, rate: r.rate, overdueBefore: b.overdue, overdue: r.overdue, rankBefore: b.rank, rank: r.rank }] : []
    }),
    newUnits: previous ? rows.filter((r) => !before.has(r.unitKey)).map((r) => ({ unitKey: r.unitKey, name: r.name })) : [],
    goneUnits: (previous?.units ?? []).filter((u) => !now.has(u.unitKey)).map((u) => ({ unitKey: u.unitKey, name: u.name })),
    flags: input.flags.map((f) => ({ unitKey: f.unitKey, name: names.get(f.unitKey) ?? f.unitKey, sentence: f.sentence })),
  }
}

/** 98.5%, or 「无待办事项」 when a unit has nothing to do. */
export function formatRate(rate: number | null): string {
  return rate === null ? '无待办事项' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

function rateChange(before: number | null, now: number | null): string {
  if (before === null || now === null) return `${formatRate(before)} → ${formatRate(now)}`
  const points = Math.round((now - before) * 1000) / 10
  return points === 0 ? `持平（${formatRate(now)}）` : `由 ${formatRate(before)} ${points > 0 ? '升至' : '降至'} ${formatRate(now)}`
}

/** The bulletin as printed text: a title, a subtitle and paragraphs (the tables come from the content). */
export function bulletinText(c: BulletinContent): { title: string; subtitle: string; paragraphs: string[] } {
  const paragraphs = [
    `截至${formatChinaDate(c.date)}，${c.jurisdiction}国有企业退休人员移交各项事项已办结 ${c.total.done} 项，在办 ${c.total.open} 项，待前序环节 ${c.total.waiting} 项，完成率 ${formatRate(c.total.rate)}；逾期未办 ${c.total.overdue} 项。`,
  ]
  const top = c.units.filter((u) => u.rate !== null).slice(0, 3)
  if (top.length > 0) paragraphs.push(`完成率排在前列的单位：${top.map((u) => `${u.name}（${formatRate(u.rate)}）`).join('、')}。各单位完成率排名见附表。`)
  paragraphs.push(
    c.laggards.length > 0
      ? `以下单位有逾期事项，且完成率排名靠后，予以通报：${c.laggards.map((u) => `${u.name}（第 ${u.rank} 名，逾期 ${u.overdue} 项）`).join('、')}。请上述单位抓紧办理，按期完成。`
      : '各单位均无逾期事项。',
  )
  if (c.previous) {
    const p = c.previous
    paragraphs.push(`与第${p.number}期（${formatChinaDate(p.date)}）相比，全市完成率${rateChange(p.total.rate, c.total.rate)}，逾期事项由 ${p.total.overdue} 项变为 ${c.total.overdue} 项。`)
    if (c.newUnits.length > 0) paragraphs.push(`本期新列入：${c.newUnits.map((u) => u.name).join('、')}。`)
    if (c.goneUnits.length > 0) paragraphs.push(`本期不再列入：${c.goneUnits.map((u) => u.name).join('、')}。`)
  }
  if (c.flags.length > 0) paragraphs.push(`进度预警：${c.flags.map((f) => `${f.name}，${f.sentence}`).join('')}`)
  return { title: `${c.jurisdiction}国有企业退休人员社会化管理工作通报`, subtitle: `第${c.number}期　${c.office}　${formatChinaDate(c.date)}`, paragraphs }
}

/** The page that shows an issued bulletin to staff (a route the staff subpackage draws). */
export const BULLETIN_PAGE = '/worker/pages/bulletin/index'

export function bulletinLink(number: number): string {
  return `${BULLETIN_PAGE}?number=${number}`
}

/** What a named unit's staff read in their messages: its own line of the bulletin. */
export function bulletinMessage(c: BulletinContent, unitKey: string): { title: string; body: string } | null {
  const u = c.units.find((x) => x.unitKey === unitKey)
  if (!u) return null
  const laggard = c.laggards.some((l) => l.unitKey === unitKey)
  const flag = c.flags.find((f) => f.unitKey === unitKey)
  return {
    title: `第${c.number}期通报（${formatChinaDate(c.date)}）已发布`,
    body: [
      `本单位完成率 ${formatRate(u.rate)}，在 ${c.units.length} 个单位中排第 ${u.rank} 名；逾期 ${u.overdue} 项。`,
      laggard ? '本单位在通报中被点名，请抓紧办理。' : '',
      flag ? flag.sentence : '',
    ].join(''),
  }
}

/** One line of the list of issued bulletins. */
export const BulletinSummary = z.object({
  number: z.int(),
  date: z.string(),
  issuedAt: z.iso.datetime(),
  units: Count,
  overdue: Count,
  rate: Rate,
})
export type BulletinSummary = z.infer<typeof BulletinSummary>

export const BulletinListView = z.object({
  items: z.array(BulletinSummary).check(z.describe('newest first')),
  nextCursor: z.nullable(z.string()).check(z.describe('the number the next page starts below')),
})
export type BulletinListView = z.infer<typeof BulletinListView>

export function bulletinSummary(b: Bulletin): BulletinSummary {
  return { number: b.number, date: b.date, issuedAt: b.issuedAt, units: b.content.units.length, overdue: b.content.total.overdue, rate: b.content.total.rate }
}
