/**
 * Roster import: read → check every row → a preview nothing is stored from → on confirmation,
 * one atomic change. Re-importing a person updates that person; a person already on another
 * enterprise's roster is refused. Used by the `roster` cloud function and the CLI.
 */
import { AppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { EMPLOYMENT_KIND_NAMES, CATEGORY_FLAGS, CATEGORY_FLAG_NAMES } from '../../../shared/Category'
import { openCase, recordStep, summarizeCase } from '../../../shared/CaseState'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { parseRoster, ROSTER_COLUMNS, type Cell } from '../../../shared/RosterImport'
import type { RosterPreview } from '../../../shared/RosterPreview'
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
  return {
    previewId: p.id,
    version: p.version,
    fileName: p.fileName,
    status: p.status,
    accepted: p.people.length,
    newPeople: p.people.filter((x) => x.existingCaseId === null).length,
    updates: p.people.filter((x) => x.existingCaseId !== null).length,
    rejected: rejectedRows.size,
    errors: p.errors,
    sample: p.people.slice(0, SAMPLE_ROWS).map((x) => ({
      row: x.row,
      name: x.name,
      idNumberMasked: x.idNumber.masked,
      community: communities.get(x.hukouCommunityId) ?? '',
      categories: [EMPLOYMENT_KIND_NAMES[x.categories.employment], ...CATEGORY_FLAGS.filter((f) => x.categories[f]).map((f) => CATEGORY_FLAG_NAMES[f])].join('、'),
      update: x.existingCaseId !== null,
    })),
  }
}

/** Checks a grid and stores the preview (nothing else). */
export async function previewRoster(ctx: ImportActor, enterpriseId: string, fileName: string, grid: Cell[][]): Promise<RosterPreview> {
  const communities = await ctx.store.listCommunities()
  const parsed = parseRoster(grid, communities, chinaDateOf(ctx.now))
  const errors = [...parsed.errors]
  const people: RosterPreview['people'] = []
  const enterpriseNames = new Map((await ctx.store.listEnterprises()).map((e) => [e.id, e.name]))
  for (const person of parsed.people) {
    const hash = ctx.vault.lookupHash(person.idNumber)
    const existing = await ctx.store.findCaseByIdNumberHash(hash)
    if (existing && existing.enterpriseId !== enterpriseId) {
      errors.push({ row: person.row, column: '身份证号', message: `这个人已经在「${enterpriseNames.get(existing.enterpriseId) ?? '另一家企业'}」的名册里了，不能重复移交。` })
      continue
    }
    const { idNumber, ...rest } = person
    people.push({ ...rest, idNumber: ctx.vault.seal(idNumber), existingCaseId: existing?.id ?? null })
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
    errors: errors.sort((a, b) => a.row - b.row),
    createdAt: ctx.now.toISOString(),
  }
  await ctx.store.commit({
    docs: [{ kind: 'rosterPreview', next: preview, expectedVersion: null }],
    audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.preview', caseId: null, outcome: 'done', changes: [{ field: 'roster.rows', before: null, after: `${people.length} ok, ${errors.length} problems` }] })],
  })
  return preview
}

/** Stores a confirmed preview as cases, all or nothing. */
export async function confirmRoster(ctx: ImportActor, preview: RosterPreview, expectedVersion: number): Promise<RosterPreview> {
  if (preview.version !== expectedVersion) throw new AppError('CONFLICT')
  if (preview.status !== 'pending') throw new AppError('CONFLICT', '这份名册已经导入过了。')
  if (preview.people.length === 0) throw new AppError('BAD_REQUEST', '没有可以导入的人员，请先改正文件里的问题。')
  const by = { userId: ctx.user.id, role: ctx.user.role }
  const changes: Array<[RetireeCase, RetireeCase]> = []
  const inserts: RetireeCase[] = []
  for (const p of preview.people) {
    const person = { name: p.name, gender: p.gender, birthMonth: p.birthMonth, idNumber: p.idNumber, phone: p.phone, hukouAddress: p.hukouAddress, residenceAddress: null, retirementMonth: p.retirementMonth }
    if (p.existingCaseId) {
      const before = await ctx.store.getCase(p.existingCaseId)
      if (!before) throw new AppError('CONFLICT', `第 ${p.row} 行的人员刚被删除，请重新上传。`)
      const changed = { ...before, person, categories: p.categories, hukouCommunityId: p.hukouCommunityId, residenceCommunityId: p.residenceCommunityId, version: before.version + 1, updatedAt: ctx.now.toISOString() }
      changes.push([before, { ...changed, summary: summarizeCase(ctx.policy, changed) }])
    } else {
      const opened = openCase(ctx.policy, { id: `case-${ctx.newId()}`, enterpriseId: preview.enterpriseId, hukouCommunityId: p.hukouCommunityId, residenceCommunityId: p.residenceCommunityId, person, categories: p.categories }, ctx.now)
      // Confirming the roster is the enterprise's 摸底造册 for everyone in scope.
      const confirmed = opened.summary.inScope ? recordStep(ctx.policy, opened, { type: 'rosterConfirmed' }, by, ctx.now, ctx.newId()) : opened
      inserts.push(confirmed)
      changes.push([opened, confirmed])
    }
  }
  const done: RosterPreview = { ...preview, version: preview.version + 1, status: 'confirmed' }
  const writes = changes.map(([before, after]) => caseChangeWrites(ctx, 'roster.confirm', before, after))
  const inserted = new Set(inserts.map((c) => c.id))
  await ctx.store.commit({
    cases: changes.map(([before, after]) => ({ next: after, expectedVersion: inserted.has(after.id) ? null : before.version })),
    docs: [{ kind: 'rosterPreview', next: done, expectedVersion: preview.version }, ...writes.flatMap((w) => w.docs)],
    audit: writes.flatMap((w) => w.audit),
  })
  return done
}
