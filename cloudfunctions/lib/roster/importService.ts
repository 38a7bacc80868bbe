/**
 * Roster import: read → check every row → a preview nothing is stored from → on confirmation,
 * one atomic change. Re-importing a person updates that person; a person already on another
 * enterprise's roster is refused. Used by the `roster` cloud function and the CLI.
 */
import { AppError, isAppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { EMPLOYMENT_KIND_NAMES, CATEGORY_FLAGS, CATEGORY_FLAG_NAMES, withEnterpriseMark } from '../../../shared/Category'
import { openCase, recordStep, summarizeCase } from '../../../shared/CaseState'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { maskPhone } from '../../../shared/Mask'
import { parseRoster, ROSTER_COLUMNS, type Cell } from '../../../shared/RosterImport'
import type { IdReservation } from '../../../shared/IdReservation'
import { outOfScopeGroups, outOfScopeLabel, type RosterPreview } from '../../../shared/RosterPreview'
import { reimportProblem } from '../../../shared/RosterReimport'
import { referralFromRoster, referralId, type Referral } from '../../../shared/Referral'
import type { User } from '../../../shared/User'
import type { RosterPreviewView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Deps } from '../router'
import { caseChangeWrites } from '../actions/common'

export interface ImportActor extends Deps {
  user: User
  now: Date
}

const SAMPLE_ROWS = 20

export async function previewView(ctx: Deps, p: RosterPreview): Promise<RosterPreviewView> {
  const communities = new Map((await ctx.store.listCommunities()).map((c) => [c.id, c.name]))
  const rejectedRows = new Set(p.errors.filter((e) => e.row > 1).map((e) => e.row))
  const outOfScope = outOfScopeGroups(ctx.policy, p.people)
  return {
    previewId: p.id,
    version: p.version,
    fileName: p.fileName,
    status: p.status,
    accepted: p.people.length,
    newPeople: p.people.filter((x) => x.existingCaseId === null).length,
    updates: p.people.filter((x) => x.existingCaseId !== null).length,
    handOver: p.people.length - outOfScope.reduce((n, g) => n + g.count, 0),
    outOfScope: outOfScope.map((g) => ({ ...g, rows: g.rows.slice(0, SAMPLE_ROWS) })),
    rejected: rejectedRows.size,
    referrals: p.referrals?.length ?? 0,
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

/** Checks a grid and stores the preview (nothing else). */
export async function previewRoster(ctx: ImportActor, enterpriseId: string, fileName: string, grid: Cell[][]): Promise<RosterPreview> {
  const [communities, ownRules] = await Promise.all([ctx.store.listCommunities(), enterpriseOwnRules(ctx, enterpriseId)])
  const parsed = parseRoster(grid, communities, chinaDateOf(ctx.now))
  const errors = [...parsed.errors]
  const people: RosterPreview['people'] = []
  for (const person of parsed.people) {
    const hash = ctx.vault.lookupHash(person.idNumber)
    const existing = await ctx.store.findCaseByIdNumberHash(hash)
    if (existing && existing.enterpriseId !== enterpriseId) {
      errors.push({ row: person.row, column: '身份证号', message: ON_ANOTHER_ROSTER })
      continue
    }
    // No case holds the number now, but one was opened with it: its ID number was corrected since.
    const reserved = existing ? null : await ctx.store.getDoc('idReservation', hash)
    if (reserved) {
      const owner = await ctx.store.getCase(reserved.caseId)
      errors.push({ row: person.row, column: '身份证号', message: owner?.enterpriseId === enterpriseId ? ID_CORRECTED : ON_ANOTHER_ROSTER })
      continue
    }
    const { idNumber, ...rest } = person
    const row: PreviewPerson = { ...rest, categories: withEnterpriseMark(rest.categories, ownRules), idNumber: ctx.vault.seal(idNumber), existingCaseId: existing?.id ?? null }
    const problem = existing ? reimportProblem(existing, updatedCase(ctx, existing, row)) : null
    if (problem) {
      errors.push({ row: person.row, ...problem })
      continue
    }
    // Referred before (转出): the person's hukou is outside the city.
    if (await ctx.store.getDoc('referral', referralId(hash))) {
      errors.push({ row: person.row, column: '户籍不在本市', message: REFERRED })
      continue
    }
    people.push(row)
  }
  const referrals: NonNullable<RosterPreview['referrals']> = []
  for (const r of parsed.referrals) {
    const hash = ctx.vault.lookupHash(r.idNumber)
    const referred = await ctx.store.getDoc('referral', referralId(hash))
    if (referred && referred.enterpriseId !== enterpriseId) {
      errors.push({ row: r.row, column: '身份证号', message: ON_ANOTHER_ROSTER })
      continue
    }
    // Opened as a case in this city (here or by another enterprise): its hukou was recorded as local.
    if ((await ctx.store.findCaseByIdNumberHash(hash)) || (await ctx.store.getDoc('idReservation', hash))) {
      errors.push({ row: r.row, column: '户籍不在本市', message: OPENED_HERE })
      continue
    }
    referrals.push({ ...r, idNumber: ctx.vault.seal(r.idNumber) })
  }
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

/** Stores a confirmed preview as cases, all or nothing; a new person's ID number is reserved in the same commit. */
export async function confirmRoster(ctx: ImportActor, preview: RosterPreview, expectedVersion: number): Promise<RosterPreview> {
  if (preview.version !== expectedVersion) throw new AppError('CONFLICT')
  if (preview.status !== 'pending') throw new AppError('CONFLICT', '这份名册已经导入过了。')
  if (preview.people.length === 0 && !preview.referrals?.length) throw new AppError('BAD_REQUEST', '没有可以导入的人员，请先改正文件里的问题。')
  const by = { userId: ctx.user.id, role: ctx.user.role }
  const changes: Array<[RetireeCase, RetireeCase]> = []
  const inserts: RetireeCase[] = []
  const reservations: Array<{ row: number; reservation: IdReservation }> = []
  const stale = (row: number, why: string) => new AppError('CONFLICT', `第 ${row} 行：${why}请重新上传名册。`)
  // The office may have marked or unmarked the enterprise since the preview.
  const ownRules = await enterpriseOwnRules(ctx, preview.enterpriseId)
  for (const previewed of preview.people) {
    const p = { ...previewed, categories: withEnterpriseMark(previewed.categories, ownRules) }
    if (p.existingCaseId) {
      const before = await ctx.store.getCase(p.existingCaseId)
      if (!before) throw stale(p.row, '这位人员刚被删除，')
      // The case may have changed since the preview (an agreement signed, a correction accepted).
      const after = updatedCase(ctx, before, p)
      const problem = reimportProblem(before, after)
      if (problem) throw stale(p.row, problem.message)
      changes.push([before, after])
    } else {
      // Someone may have put the person on a roster since the preview.
      if (await ctx.store.findCaseByIdNumberHash(p.idNumber.hash)) throw stale(p.row, '这个人刚刚已经登记移交了，不能重复移交。')
      if (await ctx.store.getDoc('referral', referralId(p.idNumber.hash))) throw stale(p.row, '这个人刚刚已被登记为户籍不在本市的转出人员，')
      const opened = openCase(ctx.policy, { id: `case-${ctx.newId()}`, enterpriseId: preview.enterpriseId, hukouCommunityId: p.hukouCommunityId, residenceCommunityId: p.residenceCommunityId, person: personOf(p), categories: p.categories }, ctx.now)
      // Confirming the roster is the enterprise's 摸底造册 for everyone in scope.
      const confirmed = opened.summary.inScope ? recordStep(ctx.policy, opened, { type: 'rosterConfirmed' }, by, ctx.now, ctx.newId()) : opened
      inserts.push(confirmed)
      changes.push([opened, confirmed])
      reservations.push({ row: p.row, reservation: { id: p.idNumber.hash, version: 1, caseId: confirmed.id, createdAt: ctx.now.toISOString() } })
    }
  }
  // Out-of-city rows become referrals (转出) for the office: a re-import updates the same one, keeping its status.
  const referrals: Referral[] = []
  for (const r of preview.referrals ?? []) {
    const { row, ...details } = r
    const existing = await ctx.store.getDoc('referral', referralId(r.idNumber.hash))
    if (existing && existing.enterpriseId !== preview.enterpriseId) throw stale(row, '这个人刚刚已被另一家企业登记转出，')
    // Someone may have put the person on a roster here since the preview: then they are handed over, not referred.
    if (!existing && ((await ctx.store.findCaseByIdNumberHash(r.idNumber.hash)) || (await ctx.store.getDoc('idReservation', r.idNumber.hash)))) throw stale(row, '这个人刚刚已经登记移交了，')
    referrals.push(referralFromRoster(existing, { enterpriseId: preview.enterpriseId, ...details }, ctx.now))
  }
  // Once the cases and referrals hold the details, the stored preview keeps no full phone number.
  const masked = <T extends { phone: string }>(p: T): T => ({ ...p, phone: p.phone ? maskPhone(p.phone) : '' })
  const done: RosterPreview = { ...preview, version: preview.version + 1, status: 'confirmed', people: preview.people.map(masked), ...(preview.referrals ? { referrals: preview.referrals.map(masked) } : {}) }
  const writes = changes.map(([before, after]) => caseChangeWrites(ctx, 'roster.confirm', before, after))
  const inserted = new Set(inserts.map((c) => c.id))
  try {
    await ctx.store.commit({
      cases: changes.map(([before, after]) => ({ next: after, expectedVersion: inserted.has(after.id) ? null : before.version })),
      docs: [
        { kind: 'rosterPreview', next: done, expectedVersion: preview.version },
        ...reservations.map(({ reservation }) => ({ kind: 'idReservation' as const, next: reservation, expectedVersion: null })),
        ...referrals.map((next) => ({ kind: 'referral' as const, next, expectedVersion: next.version === 1 ? null : next.version - 1 })),
        ...writes.flatMap((w) => w.docs),
      ],
      audit: [
        ...writes.flatMap((w) => w.audit),
        ...(referrals.length ? [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.confirm', caseId: null, outcome: 'done', changes: [{ field: 'roster.referrals', before: null, after: `${referrals.length} referred` }] })] : []),
      ],
    })
  } catch (e) {
    if (!isAppError(e) || e.code !== 'CONFLICT') throw e
    // Name the rows another confirmation took meanwhile (never the other enterprise).
    const taken = []
    for (const r of reservations) if (await ctx.store.getDoc('idReservation', r.reservation.id)) taken.push(r.row)
    if (taken.length) throw new AppError('CONFLICT', `第 ${taken.join('、')} 行的人员刚刚已经登记移交了，不能重复移交。请重新上传名册。`)
    throw e
  }
  return done
}
