/**
 * The board's figures, maintained by the store: every record that counts towards them adds its
 * contributions below, and a store applies the difference between a record's old and new
 * contributions in the same commit as the record itself. A figure is then a sum of stored
 * counts, never a scan of the cases, and a brute-force count over the records gives the same
 * numbers (the contract tests check it).
 *
 * A key starts with the unit it belongs to, so one unit's figures are one key range:
 *   enterprise:<id>|cases                       cases of the unit
 *   enterprise:<id>|out                         cases out of the hand-over's scope
 *   enterprise:<id>|finished                    cases with every stage done
 *   enterprise:<id>|s|<stage>|<state>           stages done / open / waiting
 *   enterprise:<id>|d|<stage>|<deadline>|<state> stages not done, by deadline: overdue is a sum over the deadlines before today
 *   enterprise:<id>|p|<stage>|<party>           open stages by who answers now (the party of the next step)
 *   enterprise:<id>|pd|<stage>|<party>|<deadline>  the same by deadline: overdue per party
 *   enterprise:<id>|a|<status>, |ap|<status>    agreements, and the people in them, by status
 *   enterprise:<id>|x|items|monthlyFen|oneTimeFen  out-of-pool expense items and their amounts
 *   enterprise:<id>|as|all|awaiting|done         assets handed over, awaiting approval, completed
 *   enterprise:<id>|nr|<edition>                 retirees who read that edition of the 公示 (shared/PlanNotice.ts)
 *   enterprise:<id>|op|open|answered             opinions on the 公示, by whether they are answered
 * and the same case and agreement figures under community:<receiving community id>. Stages done
 * are kept outside the units' ranges, so that the board (which reads the two unit ranges) never
 * reads them; the assessment reads them:
 *   ontime|enterprise:<id>|<stage>|<deadline>       done by their deadline
 *   late|enterprise:<id>|<stage>|<deadline>|<day>   done late, by the day they were done
 * (and ontime|community:<id>|…, late|community:<id>|…).
 * Concerns (shared/Concern.ts) are counted under their answering unit's key, in a range of their own:
 *   concern|n|<unit>|<category>|<status>        concerns by unit, category and status
 *   concern|due|<unit>|<answer day>             unanswered ones by their answer day: overdue is a sum over the days before today
 *
 * The board's ranges stay bounded however long the work goes on. New retirees' deadlines are
 * counted from the day each case opened (shared/Deadlines.ts), so deadline days keep coming; but a
 * stage leaves its `d` and `pd` keys when it is done, and the stores drop a figure that falls to
 * 0, so those keys are only the deadline days of stages still open or waiting. Done stages, which
 * only grow, are kept out of the ranges. Overdue stays one key-range sum.
 */
import * as z from 'zod/mini'
import { StageSummary, type CaseSummary } from './Case'
import type { StageId } from './Stage'
import type { TransferAgreement } from './TransferAgreement'
import type { Asset, ExpenseItem } from './Workstreams'
import { opinionFigure, readFigure, type NoticeReceipt, type PlanOpinion } from './PlanNotice'
import { ConcernCategory, ConcernStatus, type Concern } from './Concern'

/** Figures by key; a missing key is 0. */
export type Figures = Map<string, number>

/** The fields of each counted record that its figures read (a whole record has them all). */
type CountedCase = { enterpriseId: string; summary: Pick<CaseSummary, 'receivingCommunityId' | 'inScope' | 'done' | 'stages'> }
type CountedAgreement = Pick<TransferAgreement, 'enterpriseId' | 'communityId' | 'status'> & { caseIds: readonly unknown[] }
type CountedExpense = Pick<ExpenseItem, 'enterpriseId' | 'monthlyStandardFen' | 'oneTimeAmountFen'>
type CountedAsset = Pick<Asset, 'enterpriseId' | 'completedOn' | 'groupApprovedOn' | 'sasacApprovedOn'>
type CountedReceipt = Pick<NoticeReceipt, 'enterpriseId' | 'edition'>
type CountedOpinion = Pick<PlanOpinion, 'enterpriseId' | 'status'>
type CountedConcern = Pick<Concern, 'unit' | 'category' | 'status' | 'answerDue'>

/** The document kinds (beside cases and agreements) that count towards the figures: every store and the chunked commit read this one list. */
export const COUNTED_DOC_KINDS = ['expenseItem', 'asset', 'noticeReceipt', 'planOpinion', 'concern'] as const

/** The records that count towards figures, as a store sees them. */
export type CountedRecord =
  | { kind: 'case'; value: CountedCase }
  | { kind: 'agreement'; value: CountedAgreement }
  | { kind: 'expenseItem'; value: CountedExpense }
  | { kind: 'asset'; value: CountedAsset }
  | { kind: 'noticeReceipt'; value: CountedReceipt }
  | { kind: 'planOpinion'; value: CountedOpinion }
  | { kind: 'concern'; value: CountedConcern }

const Id = z.string()
const Day = z.nullable(z.string())
/** Those fields read from a stored record, whatever else it holds. */
const STORED_COUNTS = {
  case: z.object({ enterpriseId: Id, summary: z.object({ receivingCommunityId: Id, inScope: z.boolean(), done: z.boolean(), stages: z._default(z.partialRecord(z.string(), StageSummary), {}) }) }),
  agreement: z.object({ enterpriseId: Id, communityId: Id, status: z.enum(['draft', 'communitySigned', 'signed']), caseIds: z.array(z.unknown()) }),
  expenseItem: z.object({ enterpriseId: Id, monthlyStandardFen: z.int(), oneTimeAmountFen: z.nullable(z.int()) }),
  asset: z.object({ enterpriseId: Id, completedOn: Day, groupApprovedOn: Day, sasacApprovedOn: Day }),
  noticeReceipt: z.object({ enterpriseId: Id, edition: z.int() }),
  planOpinion: z.object({ enterpriseId: Id, status: z.enum(['open', 'answered']) }),
  concern: z.object({ unit: Id, category: ConcernCategory, status: ConcernStatus, answerDue: Id }),
} as const

/**
 * What a stored record counted for when it was written, read from the fields its figures use. A
 * write replaces it, so its old counts must come off even if the record no longer fits its full
 * schema; null only when those fields themselves are unreadable.
 */
export function storedCounts(kind: CountedRecord['kind'], stored: unknown): CountedRecord | null {
  const parsed = STORED_COUNTS[kind].safeParse(stored)
  return parsed.success ? ({ kind, value: parsed.data } as CountedRecord) : null
}

/** The key range of the concern figures. */
export const CONCERN_FIGURES = 'concern|'

export const enterpriseUnit = (id: string): string => `enterprise:${id}`
export const communityUnit = (id: string): string => `community:${id}`

function add(into: Figures, key: string, by: number): void {
  if (by !== 0) into.set(key, (into.get(key) ?? 0) + by)
}

function stageFigures(into: Figures, unit: string, stage: string, s: StageSummary): void {
  add(into, `${unit}|s|${stage}|${s.state}`, 1)
  // Who answers now for an open stage: the board tells the sides of a two-sided stage apart by it.
  if (s.state === 'open' && s.party !== undefined) {
    add(into, `${unit}|p|${stage}|${s.party}`, 1)
    if (s.deadline !== null) add(into, `${unit}|pd|${stage}|${s.party}|${s.deadline}`, 1)
  }
  if (s.deadline === null) return
  if (s.state !== 'done') add(into, `${unit}|d|${stage}|${s.deadline}|${s.state}`, 1)
  else if (s.completedOn !== null && s.completedOn <= s.deadline) add(into, `ontime|${unit}|${stage}|${s.deadline}`, 1)
  else add(into, `late|${unit}|${stage}|${s.deadline}|${s.completedOn ?? s.deadline}`, 1)
}

function caseFigures(into: Figures, c: CountedCase): void {
  for (const unit of [enterpriseUnit(c.enterpriseId), communityUnit(c.summary.receivingCommunityId)]) {
    add(into, `${unit}|cases`, 1)
    if (!c.summary.inScope) add(into, `${unit}|out`, 1)
    else if (c.summary.done) add(into, `${unit}|finished`, 1)
    for (const [stage, s] of Object.entries(c.summary.stages) as Array<[StageId, StageSummary]>) stageFigures(into, unit, stage, s)
  }
}

/**
 * A case's figures, kept beside its summary once counted. A summary is rebuilt for every change
 * (summarizeCase), never edited in place, so its figures stay what they were: the roster import
 * counts a new case to plan its chunk, and the store counts the same case again when it writes it.
 */
const countedSummaries = new WeakMap<object, { enterpriseId: string; figures: Figures }>()

function caseCounts(c: CountedCase): Figures {
  const kept = countedSummaries.get(c.summary)
  if (kept?.enterpriseId === c.enterpriseId) return kept.figures
  const figures: Figures = new Map()
  caseFigures(figures, c)
  countedSummaries.set(c.summary, { enterpriseId: c.enterpriseId, figures })
  return figures
}

/** What one record adds to the figures. */
export function contributions(record: CountedRecord, into: Figures = new Map()): Figures {
  switch (record.kind) {
    case 'case':
      for (const [key, n] of caseCounts(record.value)) add(into, key, n)
      break
    case 'agreement': {
      const a = record.value
      for (const unit of [enterpriseUnit(a.enterpriseId), communityUnit(a.communityId)]) {
        add(into, `${unit}|a|${a.status}`, 1)
        add(into, `${unit}|ap|${a.status}`, a.caseIds.length)
      }
      break
    }
    case 'expenseItem': {
      const unit = enterpriseUnit(record.value.enterpriseId)
      add(into, `${unit}|x|items`, 1)
      add(into, `${unit}|x|monthlyFen`, record.value.monthlyStandardFen)
      add(into, `${unit}|x|oneTimeFen`, record.value.oneTimeAmountFen ?? 0)
      break
    }
    case 'asset': {
      const a = record.value
      const unit = enterpriseUnit(a.enterpriseId)
      add(into, `${unit}|as|all`, 1)
      if (a.completedOn !== null) add(into, `${unit}|as|done`, 1)
      else if (a.groupApprovedOn === null || a.sasacApprovedOn === null) add(into, `${unit}|as|awaiting`, 1)
      break
    }
    case 'noticeReceipt':
      add(into, `${enterpriseUnit(record.value.enterpriseId)}|${readFigure(record.value.edition)}`, 1)
      break
    case 'planOpinion':
      add(into, `${enterpriseUnit(record.value.enterpriseId)}|${opinionFigure(record.value.status)}`, 1)
      break
    case 'concern': {
      const c = record.value
      add(into, `${CONCERN_FIGURES}n|${c.unit}|${c.category}|${c.status}`, 1)
      if (c.status === 'submitted') add(into, `${CONCERN_FIGURES}due|${c.unit}|${c.answerDue}`, 1)
      break
    }
  }
  return into
}

/**
 * What a write changes: the new record's contributions less the old one's (null when the record
 * is created or was unreadable). Keys whose difference is 0 are left out.
 */
export function figureDelta(before: CountedRecord | null, after: CountedRecord | null): Figures {
  const delta = after ? contributions(after) : new Map<string, number>()
  if (before) for (const [key, n] of contributions(before)) add(delta, key, -n)
  for (const [key, n] of delta) if (n === 0) delta.delete(key)
  return delta
}

/** The figures of a set of records, counted one by one: what the maintained figures must equal. */
export function countFigures(records: Iterable<CountedRecord>): Figures {
  const into: Figures = new Map()
  for (const r of records) contributions(r, into)
  for (const [key, n] of into) if (n === 0) into.delete(key)
  return into
}

/** Adds a delta into figures in place (a store's in-memory model, and tests). */
export function applyDelta(figures: Figures, delta: Figures): void {
  for (const [key, n] of delta) add(figures, key, n)
  for (const [key, n] of figures) if (n === 0) figures.delete(key)
}

/** The first key after every key that starts with `prefix`: the end of its key range. */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff'
}
