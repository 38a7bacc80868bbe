/**
 * Roster import: read → check every row → a preview nothing is stored from → on confirmation,
 * an import job that writes the rows in chunks, each within one transaction (shared/ImportJob.ts).
 * Re-importing a person updates that person; a person already on another enterprise's roster is
 * refused. Used by the `roster` cloud function and the CLI.
 */
import { createHash } from 'node:crypto'
import { AppError, isAppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import type { Policy } from '../../../shared/Policy'
import { EMPLOYMENT_KIND_NAMES, CATEGORY_FLAGS, CATEGORY_FLAG_NAMES, withEnterpriseMark } from '../../../shared/Category'
import { openCase, recordStep, summarizeCase } from '../../../shared/CaseState'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { maskPhone } from '../../../shared/Mask'
import { parseRoster, ROSTER_COLUMNS, type Cell } from '../../../shared/RosterImport'
import type { IdReservation } from '../../../shared/IdReservation'
import { outOfScopeLabel, previewTally, SAMPLE_ROWS, type RosterPreview } from '../../../shared/RosterPreview'
import { reimportProblem } from '../../../shared/RosterReimport'
import { referralFromRoster, referralId, type Referral } from '../../../shared/Referral'
import type { User } from '../../../shared/User'
import type { RosterPreviewView } from '../../../shared/Views'
import { figureDelta } from '../../../shared/Figures'
import { advanceJob, BY_ID_HASH, chunkPlan, failJob, newImportJob, type ImportJob, type ImportProgress, type RowWrites } from '../../../shared/ImportJob'
import { readAllPages, type Change, type VersionedDoc } from '../../../shared/ports/Store'
import { movesReach, reachAfterMove, type CaseReach } from '../../../shared/Reachability'
import { FUNCTION_TIMEOUT_SECONDS } from '../../../shared/ports/StoreLimits'
import { auditEntry } from '../audit'
import type { Deps } from '../router'
import { caseChangeWrites } from '../actions/common'

export interface ImportActor extends Deps {
  user: User
  now: Date
}

export async function previewView(ctx: Deps, p: RosterPreview, progress: ImportProgress | null = null): Promise<RosterPreviewView> {
  const communities = new Map((await ctx.store.listCommunities()).map((c) => [c.id, c.name]))
  const rejectedRows = new Set(p.errors.filter((e) => e.row > 1).map((e) => e.row))
  const tally = previewTally(ctx.policy, p)
  return {
    previewId: p.id,
    version: p.version,
    fileName: p.fileName,
    // A preview stays pending while its job writes it: the job's progress says it is confirming.
    status: p.status === 'pending' && progress?.status === 'running' ? 'confirming' : p.status,
    progress,
    accepted: tally.accepted,
    newPeople: tally.newPeople,
    updates: tally.updates,
    handOver: tally.accepted - tally.outOfScope.reduce((n, g) => n + g.count, 0),
    outOfScope: tally.outOfScope,
    rejected: rejectedRows.size,
    referrals: tally.referrals,
    errors: p.errors,
    sample: p.people.slice(0, SAMPLE_ROWS).map((x) => ({
      row: x.row,
      name: x.name,
      idNumberMasked: x.idNumber.masked,
      community: communities.get(x.hukouCommunityId) ?? '',
      categories: [EMPLOYMENT_KIND_NAMES[x.categories.employment], ...CATEGORY_FLAGS.filter((f) => x.categories[f]).map((f) => CATEGORY_FLAG_NAMES[f])].join('、'),
      update: x.existingCaseId !== null,
      outOfScope: outOfScopeLabel(ctx.policy, x.categories),
    })),
  }
}

type PreviewPerson = RosterPreview['people'][number]

/** The case a row makes of an existing one: the roster's details, the case's history. */
function updatedCase(ctx: ImportActor, before: RetireeCase, p: PreviewPerson): RetireeCase {
  const changed = { ...before, person: personOf(p), categories: p.categories, hukouCommunityId: p.hukouCommunityId, residenceCommunityId: p.residenceCommunityId, version: before.version + 1, updatedAt: ctx.now.toISOString() }
  return { ...changed, summary: summarizeCase(ctx.policy, changed) }
}

function personOf(p: PreviewPerson): RetireeCase['person'] {
  return { name: p.name, gender: p.gender, birthMonth: p.birthMonth, idNumber: p.idNumber, phone: p.phone, hukouAddress: p.hukouAddress, residenceAddress: null, retirementMonth: p.retirementMonth }
}

/** Said when the person is on another enterprise's roster: which enterprise is not said. */
const ON_ANOTHER_ROSTER = '这个人已经在另一家企业的名册里了，不能重复移交。如有疑问，请联系领导小组办公室。'

/** Said when the number opened a case of this enterprise whose ID number was corrected since. */
/** Said when a row with a local hukou is someone already referred to their own city. */
const REFERRED = '这个人以前登记为户籍不在本市（已转出）。如户籍已迁入本市，请联系领导小组办公室。'

/** Said when a row referred out is someone already handed over in this city. */
const OPENED_HERE = '这个人已经按本市户籍登记移交了，不能再转出。如户籍有变，请联系领导小组办公室。'

const ID_CORRECTED = '这个身份证号已按本人的更正申请改成了新的号码，名册里还是原来的号码。请把这一行改成现在的号码再导入。'

/** Whether the office marked the enterprise 另有规定: its rows' categories carry it. */
async function enterpriseOwnRules(ctx: Deps, enterpriseId: string): Promise<boolean> {
  return (await ctx.store.getEnterprise(enterpriseId))?.ownRules === true
}

/** What the store holds under some ID-number hashes: the case, the reservation of a number once opened, the referral out of the city. */
interface HeldBy {
  cases: Map<string, RetireeCase>
  reservations: Map<string, IdReservation>
  /** By hash (not by the referral's id). */
  referrals: Map<string, Referral>
}

/** What the store holds under each hash, read a batch at a time (three queries per batch, not three reads per row). */
async function heldBy(ctx: Deps, hashes: readonly string[]): Promise<HeldBy> {
  if (hashes.length === 0) return { cases: new Map(), reservations: new Map(), referrals: new Map() }
  const [cases, reservations, referrals] = await Promise.all([ctx.store.findCasesByIdNumberHashes(hashes), ctx.store.getDocs('idReservation', hashes), ctx.store.getDocs('referral', hashes.map(referralId))])
  return { cases, reservations, referrals: new Map(hashes.flatMap((h) => { const r = referrals.get(referralId(h)); return r ? [[h, r] as const] : [] })) }
}

/** Checks a grid and stores the preview (nothing else). */
export async function previewRoster(ctx: ImportActor, enterpriseId: string, fileName: string, grid: Cell[][]): Promise<RosterPreview> {
  const [communities, ownRules] = await Promise.all([ctx.store.listCommunities(), enterpriseOwnRules(ctx, enterpriseId)])
  const parsed = parseRoster(grid, communities, chinaDateOf(ctx.now))
  const errors = [...parsed.errors]
  const people: RosterPreview['people'] = []
  // Sealed first: the seal carries the look-up hash, so each number is hashed once (a refused row's seal is dropped).
  const sealedPeople = parsed.people.map((person) => ({ person, sealed: ctx.vault.seal(person.idNumber) }))
  const held = await heldBy(ctx, sealedPeople.map((x) => x.sealed.hash))
  for (const { person, sealed } of sealedPeople) {
    const hash = sealed.hash
    const existing = held.cases.get(hash)
    if (existing && existing.enterpriseId !== enterpriseId) {
      errors.push({ row: person.row, column: '身份证号', message: ON_ANOTHER_ROSTER })
      continue
    }
    // No case holds the number now, but one was opened with it: its ID number was corrected since.
    const reserved = existing ? null : held.reservations.get(hash)
    if (reserved) {
      const owner = await ctx.store.getCase(reserved.caseId)
      errors.push({ row: person.row, column: '身份证号', message: owner?.enterpriseId === enterpriseId ? ID_CORRECTED : ON_ANOTHER_ROSTER })
      continue
    }
    const { idNumber, ...rest } = person
    const row: PreviewPerson = { ...rest, categories: withEnterpriseMark(rest.categories, ownRules), idNumber: sealed, existingCaseId: existing?.id ?? null }
    const problem = existing ? reimportProblem(existing, updatedCase(ctx, existing, row)) : null
    if (problem) {
      errors.push({ row: person.row, ...problem })
      continue
    }
    // Referred before (转出): the person's hukou is outside the city.
    if (held.referrals.get(hash)) {
      errors.push({ row: person.row, column: '户籍不在本市', message: REFERRED })
      continue
    }
    people.push(row)
  }
  const referrals: NonNullable<RosterPreview['referrals']> = []
  const referralHashes = parsed.referrals.map((r) => ctx.vault.lookupHash(r.idNumber))
  const referralsHeld = await heldBy(ctx, referralHashes)
  parsed.referrals.forEach((r, i) => {
    const hash = referralHashes[i]
    const referred = referralsHeld.referrals.get(hash)
    if (referred && referred.enterpriseId !== enterpriseId) return void errors.push({ row: r.row, column: '身份证号', message: ON_ANOTHER_ROSTER })
    // Opened as a case in this city (here or by another enterprise): its hukou was recorded as local.
    if (referralsHeld.cases.has(hash) || referralsHeld.reservations.has(hash)) return void errors.push({ row: r.row, column: '户籍不在本市', message: OPENED_HERE })
    referrals.push({ ...r, idNumber: ctx.vault.seal(r.idNumber) })
  })
  if (grid.length <= 1) errors.push({ row: 1, column: ROSTER_COLUMNS[0].header, message: '文件里没有人员数据。' })
  const preview: RosterPreview = {
    id: `roster-${ctx.newId()}`,
    version: 1,
    enterpriseId,
    createdBy: ctx.user.id,
    fileName,
    status: 'pending',
    people,
    referrals,
    errors: errors.sort((a, b) => a.row - b.row),
    createdAt: ctx.now.toISOString(),
  }
  await ctx.store.commit({
    docs: [{ kind: 'rosterPreview', next: preview, expectedVersion: null }],
    audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.preview', caseId: null, outcome: 'done', changes: [{ field: 'roster.rows', before: null, after: `${people.length} ok, ${errors.length} problems` }] })],
  })
  return preview
}

/** A row referred out of the city (转出) as the preview holds it. */
type PreviewReferral = NonNullable<RosterPreview['referrals']>[number]

/** A row of a confirmed roster, and its place in the job's order (from 1). */
export type JobRow = ({ person: PreviewPerson } | { referral: PreviewReferral }) & { place: number }

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The rows the job writes, in its order: the accepted people by hukou community (so a chunk moves
 * the figures of few communities, and fits more cases), then by ID-number hash (BY_ID_HASH; by row
 * for jobs created before it), then the rows referred out.
 */
export function jobRows(preview: RosterPreview, order: ImportJob['rowOrder']): JobRow[] {
  const within = order === BY_ID_HASH ? (a: PreviewPerson, b: PreviewPerson) => byText(a.idNumber.hash, b.idNumber.hash) : (a: PreviewPerson, b: PreviewPerson) => a.row - b.row
  const people = [...preview.people].sort((a, b) => byText(a.hukouCommunityId, b.hukouCommunityId) || within(a, b))
  const rows: Array<{ person: PreviewPerson } | { referral: PreviewReferral }> = [...people.map((person) => ({ person })), ...(preview.referrals ?? []).map((referral) => ({ referral }))]
  return rows.map((r, i) => ({ ...r, place: i + 1 }))
}

/** A short key of the preview (16 hex digits of its id's SHA-256): the ids of what its job writes start with it. */
function previewKey(previewId: string): string {
  // Asked twice per row of one preview at a time: the last answer is kept.
  if (lastKey.previewId !== previewId) lastKey = { previewId, key: createHash('sha256').update(previewId).digest('hex').slice(0, 16) }
  return lastKey.key
}
let lastKey = { previewId: '', key: '' }

/** What the ids of the cases a preview opens start with. */
export const importedCasePrefix = (previewId: string): string => `case-${previewKey(previewId)}-`

/**
 * A new case's id, from the preview and the row's place in the job: a chunk written again writes
 * the same case, and its version guard refuses the second write. Short, and in the job's order, so
 * a chunk's cases land side by side in every index that holds the id (most of a case's indexes
 * end with it).
 */
export function importedCaseId(previewId: string, place: number): string {
  return `${importedCasePrefix(previewId)}${String(place).padStart(6, '0')}`
}

/** A row's audit entry id, from the preview and the row's place (entries are not version-guarded: the job's version guards the chunk). */
const rowAuditId = (previewId: string, place: number) => `import-${previewKey(previewId)}~${String(place).padStart(6, '0')}`

/** What one row writes, all in its chunk's commit, so its case is never seen half-written. */
export interface RowChange extends RowWrites {
  row: number
  change: Required<Pick<Change, 'cases' | 'docs' | 'audit'>>
  referred: boolean
}

/** A row that can no longer be written as previewed: someone changed the person since. */
export interface StaleRow {
  row: number
  why: string
}

function caseRow(ctx: ImportActor, previewId: string, r: { row: number; place: number }, before: RetireeCase, after: RetireeCase, created: boolean, extra: VersionedDoc[]): RowChange {
  const w = caseChangeWrites(ctx, 'roster.confirm', before, after, rowAuditId(previewId, r.place))
  const change = {
    cases: [{ next: after, expectedVersion: created ? null : before.version }],
    docs: [...extra, ...w.docs],
    audit: w.audit,
  }
  const figureKeys = [...figureDelta(created ? null : { kind: 'case', value: before }, { kind: 'case', value: after }).keys()]
  return { row: r.row, change, referred: false, documents: change.cases.length + change.docs.length + change.audit.length, figureKeys }
}

/** What the store holds for some rows of a job: under their ID-number hashes, and the cases the rows update and their reach documents (by case id). */
interface RowsHeld extends HeldBy {
  updated: Map<string, RetireeCase>
  reaches: Map<string, CaseReach>
}

/** What the store holds for these rows, read in a few queries. */
async function rowsHeld(ctx: Deps, rows: readonly JobRow[]): Promise<RowsHeld> {
  const updatedIds = rows.flatMap((r) => ('person' in r && r.person.existingCaseId ? [r.person.existingCaseId] : []))
  const hashes = rows.flatMap((r) => ('referral' in r ? [r.referral.idNumber.hash] : r.person.existingCaseId ? [] : [r.person.idNumber.hash]))
  const none = <T>() => new Map<string, T>()
  const [held, updated, reaches] = await Promise.all([heldBy(ctx, hashes), updatedIds.length ? ctx.store.getCases(updatedIds) : none<RetireeCase>(), updatedIds.length ? ctx.store.getDocs('caseReach', updatedIds) : none<CaseReach>()])
  return { ...held, updated, reaches }
}

/**
 * One row of a confirmed roster as it is written: a new person's case (opened, and 摸底造册 done
 * when in scope) with its ID reservation, an update of a person already on this roster, or a
 * referral. Dated at the confirmation (ctx.now) with ids from the preview and the row's place, so it is
 * the same whenever it is written. Checked again against what the store holds now (`held`, read
 * just before the chunk), since the person may have changed since the preview (a signature, a
 * correction, another enterprise's roster).
 */
export function rowChange(ctx: ImportActor, enterpriseId: string, previewId: string, r: JobRow, ownRules: boolean, held: RowsHeld): RowChange | StaleRow {
  if ('referral' in r) {
    const { row, ...details } = r.referral
    const existing = held.referrals.get(details.idNumber.hash)
    if (existing && existing.enterpriseId !== enterpriseId) return { row, why: '这个人刚刚已被另一家企业登记转出，' }
    // Someone may have put the person on a roster here since the preview: then they are handed over, not referred.
    if (!existing && (held.cases.has(details.idNumber.hash) || held.reservations.has(details.idNumber.hash))) return { row, why: '这个人刚刚已经登记移交了，' }
    const next = referralFromRoster(existing ?? null, { enterpriseId, ...details }, ctx.now)
    return { row, change: { cases: [], docs: [{ kind: 'referral', next, expectedVersion: next.version === 1 ? null : next.version - 1 }], audit: [] }, referred: true, documents: 1, figureKeys: [] }
  }
  // The office may have marked or unmarked the enterprise since the preview.
  const p = { ...r.person, categories: withEnterpriseMark(r.person.categories, ownRules) }
  if (p.existingCaseId) {
    const before = held.updated.get(p.existingCaseId)
    if (!before) return { row: p.row, why: '这位人员刚被删除，' }
    // The case may have changed since the preview (an agreement signed, a correction accepted).
    const after = updatedCase(ctx, before, p)
    const problem = reimportProblem(before, after)
    if (problem) return { row: p.row, why: problem.message }
    // A row that moves the person to another community takes their reach document along (the reachability lists read it by unit).
    const reach = held.reaches.get(before.id)
    const moved: VersionedDoc[] = reach && movesReach(before, after) ? [{ kind: 'caseReach', next: reachAfterMove(reach, after), expectedVersion: reach.version }] : []
    return caseRow(ctx, previewId, { row: p.row, place: r.place }, before, after, false, moved)
  }
  // Someone may have put the person on a roster since the preview.
  if (held.cases.has(p.idNumber.hash)) return { row: p.row, why: '这个人刚刚已经登记移交了，不能重复移交。' }
  // A case was opened with the number since, and its number corrected: the reservation would refuse the whole chunk, again and again.
  if (held.reservations.has(p.idNumber.hash)) return { row: p.row, why: '这个身份证号刚刚被另一条记录用过（后来已更正），' }
  if (held.referrals.has(p.idNumber.hash)) return { row: p.row, why: '这个人刚刚已被登记为户籍不在本市的转出人员，' }
  const id = importedCaseId(previewId, r.place)
  const opened = openCase(ctx.policy, { id, enterpriseId, hukouCommunityId: p.hukouCommunityId, residenceCommunityId: p.residenceCommunityId, person: personOf(p), categories: p.categories }, ctx.now)
  // Confirming the roster is the enterprise's 摸底造册 for everyone in scope.
  const by = { userId: ctx.user.id, role: ctx.user.role }
  const confirmed = opened.summary.inScope ? recordStep(ctx.policy, opened, { type: 'rosterConfirmed' }, by, ctx.now, `${id}-confirmed`) : opened
  const reservation: IdReservation = { id: p.idNumber.hash, version: 1, caseId: id, createdAt: ctx.now.toISOString() }
  return caseRow(ctx, previewId, { row: p.row, place: r.place }, opened, confirmed, true, [{ kind: 'idReservation', next: reservation, expectedVersion: null }])
}

/**
 * Once the cases and referrals hold the details (or the job stopped), the stored preview keeps
 * only what its screen shows: the counts, and the rows it lists by name, with no full phone number.
 */
function closedPreview(policy: Policy, preview: RosterPreview, status: 'confirmed' | 'discarded'): RosterPreview {
  const masked = <T extends { phone: string }>(p: T): T => ({ ...p, phone: p.phone ? maskPhone(p.phone) : '' })
  return { ...preview, version: preview.version + 1, status, tally: previewTally(policy, preview), people: preview.people.slice(0, SAMPLE_ROWS).map(masked), ...(preview.referrals ? { referrals: [] } : {}) }
}

/**
 * The operator's confirmation: its import job is created, keyed by the preview (a second
 * confirmation of the preview is a conflict). Nothing else is written: the preview, megabytes for
 * a large roster, stays as it is until the job's last chunk closes it, and reads as `confirming`
 * while its job runs (previewView). runImportJob writes the rows, chunk by chunk.
 */
export async function confirmRoster(ctx: ImportActor, preview: RosterPreview, expectedVersion: number): Promise<ImportJob> {
  return (await confirm(ctx, preview, expectedVersion)).job
}

/** What a confirmation wrote (the job), and the preview it confirmed. */
interface Confirmed {
  job: ImportJob
  preview: RosterPreview
}

/**
 * The operator's confirmation, then its job's chunks while the budget lasts, from the job the
 * confirmation just wrote and the preview it confirmed (not read back: a 10 000-row preview is
 * megabytes to parse).
 */
export async function confirmAndImport(ctx: ImportActor, preview: RosterPreview, expectedVersion: number, budget: ImportBudget): Promise<ImportJob | null> {
  const confirmed = await confirm(ctx, preview, expectedVersion)
  return runImportJob(ctx, confirmed.job.id, budget, confirmed)
}

const CONFIRMED_ALREADY = '这份名册已经导入过了。'

async function confirm(ctx: ImportActor, preview: RosterPreview, expectedVersion: number): Promise<Confirmed> {
  if (preview.version !== expectedVersion) throw new AppError('CONFLICT')
  if (preview.status !== 'pending') throw new AppError('CONFLICT', CONFIRMED_ALREADY)
  if (preview.people.length === 0 && !preview.referrals?.length) throw new AppError('BAD_REQUEST', '没有可以导入的人员，请先改正文件里的问题。')
  const job = newImportJob({ previewId: preview.id, enterpriseId: preview.enterpriseId, createdBy: ctx.user.id, rows: preview.people.length + (preview.referrals?.length ?? 0), maxWrites: ctx.store.transactionWrites, at: ctx.now })
  try {
    await ctx.store.commit({
      // The job's id is the preview's: the job of an earlier confirmation refuses this one.
      docs: [{ kind: 'importJob', next: job, expectedVersion: null }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.confirm', caseId: null, outcome: 'done', changes: [{ field: 'roster.rows', before: null, after: `${job.rows} rows to write` }] })],
    })
  } catch (e) {
    throw isAppError(e) && e.code === 'CONFLICT' ? new AppError('CONFLICT', CONFIRMED_ALREADY) : e
  }
  return { job, preview }
}

/** When a call stops writing chunks. */
export interface ImportBudget {
  more(): boolean
}

/**
 * How long one call writes chunks before it answers with the progress: a third of the function's
 * timeout, which leaves the chunk under way (a transaction lives at most TRANSACTION_LIFETIME_MS)
 * and the answer ample room, and lets the operator's screen move every 20 s at the latest.
 */
export const IMPORT_RUN_MS = (FUNCTION_TIMEOUT_SECONDS * 1000) / 3

/** Chunks until `ms` have passed (measured on the machine's clock, not the policy clock). */
export function timeBudget(ms: number, elapsed: () => number = Date.now): ImportBudget {
  const end = elapsed() + ms
  return { more: () => elapsed() < end }
}

/** Every chunk until the job ends (the command line, which has no timeout). */
export const UNTIL_DONE: ImportBudget = { more: () => true }

/** Rows whose stored facts the first chunk of a run reads at once (later chunks read as many as the last one took). */
const FIRST_WINDOW = 16

/** Conflicts one run accepts before it gives up (another runner, or a row taken meanwhile: both settle on the next read). */
const MAX_CONFLICTS = 5

/** A row planned for a chunk it did not fit: the next chunk starts with it, unless the job moved elsewhere meanwhile. */
type Planned = { at: number; out: RowChange }

/**
 * The next chunk: the rows from the job's place that fit one commit (and the first row that did
 * not, planned already), or the row that stops the job. What the store holds for the rows is read
 * `window` rows at a time (about a chunk's worth), before the chunk's commit.
 */
async function planChunk(ctx: ImportActor, job: ImportJob, rows: readonly JobRow[], ownRules: boolean, carried: Planned | null, window: number): Promise<{ rows: RowChange[]; next: Planned | null } | StaleRow> {
  // The size the job was created with, unless this store takes less (a job created on another store).
  const maxWrites = Math.min(job.maxWrites, ctx.store.transactionWrites)
  const plan = chunkPlan<RowChange>(maxWrites)
  const planned = (next: Planned | null) => {
    if (plan.writes() > maxWrites) throw new AppError('INTERNAL', `第 ${plan.rows[0].row} 行要写入的数据超过了一次提交的上限。`)
    return { rows: [...plan.rows], next }
  }
  let held: RowsHeld | null = null
  let heldUntil = job.rowsDone
  for (let at = job.rowsDone; at < rows.length; at++) {
    if (carried?.at !== at && at >= heldUntil) {
      heldUntil = Math.min(rows.length, at + window)
      held = await rowsHeld(ctx, rows.slice(at, heldUntil))
    }
    const out = carried?.at === at ? carried.out : rowChange(ctx, job.enterpriseId, job.previewId, rows[at], ownRules, held!)
    // The rows before a stale one are written first: the job then stops exactly at it.
    if (!('change' in out)) return plan.rows.length ? planned(null) : out
    if (!plan.join(out)) return planned({ at, out })
  }
  return planned(null)
}

/**
 * Writes the job's next chunks while the budget lasts, and returns the job as it then stands
 * (null: no such job). Each chunk is one commit: its rows, whole, and the job advanced past them,
 * guarded by the job's version, so a chunk already written (by a run that crashed after its
 * commit, or by a concurrent run) is never written again. A run that crashes before or inside a
 * commit wrote nothing of that chunk; the next run writes it, the same.
 */
export async function runImportJob(ctx: ImportActor, jobId: string, budget: ImportBudget, confirmed?: Confirmed): Promise<ImportJob | null> {
  // What this call's own confirmation wrote, when it just did (a chunk's version guards prove it still stands).
  let read: { preview: RosterPreview; rows: JobRow[]; ownRules: boolean } | null = confirmed
    ? { preview: confirmed.preview, rows: jobRows(confirmed.preview, confirmed.job.rowOrder), ownRules: await enterpriseOwnRules(ctx, confirmed.job.enterpriseId) }
    : null
  // The row the last chunk planned but had no room for: checked against the store as it was just before that chunk's commit.
  let carried: Planned | null = null
  // The job as this run's last chunk left it: its commit's version guard proves the store holds exactly that.
  let written: ImportJob | null = confirmed?.job ?? null
  let window = FIRST_WINDOW
  for (let conflicts = 0; ; ) {
    const job = written ?? (await ctx.store.getDoc('importJob', jobId))
    written = null
    if (!job || job.status !== 'running' || !budget.more()) return job
    if (!read) {
      const preview = await ctx.store.getDoc('rosterPreview', job.previewId)
      // Pending while its job runs (or `confirming`, as confirmations wrote it before); closed once the job ended.
      if (!preview || preview.status === 'confirmed' || preview.status === 'discarded') {
        // Another runner wrote the last chunk since the job was read: the job has ended.
        const ended = await ctx.store.getDoc('importJob', jobId)
        if (ended?.status !== 'running') return ended
        throw new AppError('INTERNAL', '名册导入任务找不到它的名册预览。')
      }
      read = { preview, rows: jobRows(preview, job.rowOrder), ownRules: await enterpriseOwnRules(ctx, job.enterpriseId) }
    }
    // Every row is written as the confirming operator's, dated at the confirmation.
    const confirming: ImportActor = { ...ctx, now: new Date(job.confirmedAt), user: { ...ctx.user, id: job.createdBy, role: 'enterpriseOperator', orgId: job.enterpriseId } }
    const chunk = await planChunk(confirming, job, read.rows, read.ownRules, carried, window)
    carried = null
    // The next chunk reads what the store holds for about as many rows as this one took (and one more, for the row it had no room for).
    if ('rows' in chunk) window = chunk.rows.length + 1
    try {
      if ('rows' in chunk) {
        const next = advanceJob(job, chunk.rows.length, ctx.now)
        await ctx.store.commit(chunkChange(confirming, next, job, read.preview, chunk.rows))
        carried = chunk.next
        written = next
      } else await ctx.store.commit(stopChange(confirming, ctx.now, job, read.preview, chunk))
    } catch (e) {
      // Another runner wrote this chunk meanwhile (its version guard, or on the cloud a duplicate audit id, refused ours): go on from where it got.
      const moved = (await ctx.store.getDoc('importJob', jobId))?.version !== job.version
      if (!(moved || (isAppError(e) && e.code === 'CONFLICT')) || ++conflicts > MAX_CONFLICTS) throw e
      read = null
    }
  }
}

/** A chunk's commit: its rows, the job advanced past them (`next`, guarded by the job's version), and the preview confirmed with the last rows. */
function chunkChange(ctx: ImportActor, next: ImportJob, job: ImportJob, preview: RosterPreview, rows: RowChange[]): Change {
  const referred = rows.filter((r) => r.referred).length
  return {
    cases: rows.flatMap((r) => r.change.cases),
    docs: [
      { kind: 'importJob', next, expectedVersion: job.version },
      ...(next.status === 'done' ? [{ kind: 'rosterPreview' as const, next: closedPreview(ctx.policy, preview, 'confirmed'), expectedVersion: preview.version }] : []),
      ...rows.flatMap((r) => r.change.docs),
    ],
    audit: [
      ...rows.flatMap((r) => r.change.audit),
      ...(referred ? [{ ...auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.confirm', caseId: null, outcome: 'done', changes: [{ field: 'roster.referrals', before: null, after: `${referred} referred` }] }), id: `${job.id}~referrals~${job.chunksDone}` }] : []),
    ],
  }
}

/** The job stops at a stale row: the rows before it stay written (each case whole), the preview is set aside. */
function stopChange(ctx: ImportActor, at: Date, job: ImportJob, preview: RosterPreview, stale: StaleRow): Change {
  return {
    docs: [
      { kind: 'importJob', next: failJob(job, stale.row, stale.why, at), expectedVersion: job.version },
      { kind: 'rosterPreview', next: closedPreview(ctx.policy, preview, 'discarded'), expectedVersion: preview.version },
    ],
    audit: [auditEntry(ctx, { user: ctx.user, now: at, action: 'roster.confirm', caseId: null, outcome: 'refused', changes: [{ field: 'roster.stoppedAtRow', before: null, after: String(stale.row) }] })],
  }
}

/** Why a job stopped, as the operator reads it (the row, what changed, what to do). */
export function stoppedMessage(job: ImportJob): string {
  const written = job.rowsDone ? `前 ${job.rowsDone} 行已经写入，重新上传后会按更新处理。` : ''
  return `第 ${job.failure?.row ?? '?'} 行：${job.failure?.message ?? ''}${written}请重新上传名册。`
}

/** The enterprise's jobs still running (a few at most: one per roster confirmed). */
export async function runningJobs(ctx: Deps, enterpriseId: string): Promise<ImportJob[]> {
  const jobs = await readAllPages((after) => ctx.store.listDocs('importJob', { enterpriseId }, { limit: 100, after }))
  return jobs.filter((j) => j.status === 'running')
}

/**
 * The hourly pass's share: every job still running (its operator left the screen, or its function
 * stopped) goes on for a while, as the confirming operator's. A screen polling the same job at the
 * same time is harmless: each chunk is guarded by the job's version. Returns the rows written.
 */
export async function resumeImportJobs(deps: Deps, budget: ImportBudget): Promise<number> {
  let rows = 0
  for (const enterprise of await deps.store.listEnterprises()) {
    for (const job of await runningJobs(deps, enterprise.id)) {
      if (!budget.more()) return rows
      const user: User = { id: job.createdBy, role: 'enterpriseOperator', name: '', orgId: job.enterpriseId }
      const after = await runImportJob({ ...deps, user, now: deps.clock.now() }, job.id, budget)
      rows += (after?.rowsDone ?? job.rowsDone) - job.rowsDone
    }
  }
  return rows
}
