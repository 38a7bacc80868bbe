/** 摸底造册 by the enterprise operator: template, preview, confirmation. */
import { AppError } from '../../../shared/AppError'
import { refreshSummaries } from '../../../shared/UpgradeStoredRecords'
import { auditEntry } from '../audit'
import type { Deps, Handlers } from '../router'
import { markSent, referralItem } from '../../../shared/Referral'
import { confirmAndImport, IMPORT_RUN_MS, previewRoster, previewView, runImportJob, runningJobs, stoppedMessage, timeBudget } from '../roster/importService'
import { importProgress, type ImportJob } from '../../../shared/ImportJob'
import { readRosterFile, rosterTemplate } from '../roster/rosterFile'
import { ROSTER_COLUMNS } from '../../../shared/RosterImport'

export const rosterHandlers: Pick<Handlers, 'roster.template' | 'roster.preview' | 'roster.previewPerson' | 'roster.confirm' | 'roster.continueImport' | 'roster.referrals' | 'roster.markReferralSent' | 'roster.ownRules' | 'roster.markOwnRules'> = {
  async 'roster.template'() {
    const { xlsx, csv } = await rosterTemplate()
    return { xlsxBase64: xlsx.toString('base64'), csv, fileName: '退休人员名册模板.xlsx' }
  },

  async 'roster.preview'(ctx, input) {
    const grid = await readRosterFile(input.fileName, Buffer.from(input.contentBase64, 'base64'))
    return previewView(ctx, await previewRoster(ctx, ctx.user.orgId, input.fileName, grid))
  },

  /** 新退休人员 at any time: the form's fields are one row under the template's headers. */
  async 'roster.previewPerson'(ctx, input) {
    const grid = [ROSTER_COLUMNS.map((c) => c.header), ROSTER_COLUMNS.map((c) => input[c.key] ?? '')]
    return previewView(ctx, await previewRoster(ctx, ctx.user.orgId, '新增一名退休人员（表单）', grid))
  },

  async 'roster.confirm'(ctx, input) {
    const preview = await ctx.store.getDoc('rosterPreview', input.previewId)
    if (!preview || preview.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这份名册预览，请重新上传。')
    // The job is created, then written for a while: a small roster ends here; a large one goes on as the screen polls roster.continueImport.
    const job = await confirmAndImport(ctx, preview, input.expectedVersion, timeBudget(IMPORT_RUN_MS))
    if (job?.status === 'failed') throw new AppError('CONFLICT', stoppedMessage(job))
    return jobView(ctx, job)
  },

  /** Polled by the operator's screen: each call writes chunks for a while (so a job whose function timed out or crashed goes on), then says how far it is. */
  async 'roster.continueImport'(ctx, input) {
    const id = input.previewId ?? (await runningJobs(ctx, ctx.user.orgId))[0]?.id
    if (id === undefined) return null
    const job = await ctx.store.getDoc('importJob', id)
    if (!job || job.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这份名册的导入任务。')
    return jobView(ctx, await runImportJob(ctx, id, timeBudget(IMPORT_RUN_MS)))
  },

  /** 转出 for the office: open ones (or those sent), by id, page by page; ID numbers and phones masked. */
  async 'roster.referrals'(ctx, input) {
    const page = await ctx.store.listDocs('referral', { status: input.status ?? 'open' }, { limit: input.limit ?? 20, after: input.after })
    const enterprises = new Map((await ctx.store.listEnterprises()).map((e) => [e.id, e]))
    return { items: page.items.map((r) => referralItem(r, enterprises.get(r.enterpriseId) ?? null)), nextCursor: page.nextCursor }
  },

  async 'roster.markReferralSent'(ctx, input) {
    const r = await ctx.store.getDoc('referral', input.id)
    if (!r) throw new AppError('NOT_FOUND', '没有找到这条转出记录。')
    if (r.version !== input.expectedVersion) throw new AppError('CONFLICT')
    const next = markSent(r, ctx.user.id, ctx.now)
    await ctx.store.commit({
      docs: [{ kind: 'referral', next, expectedVersion: r.version }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.markReferralSent', caseId: null, outcome: 'done', changes: [{ field: 'referral.status', before: r.status, after: next.status }] })],
    })
    return referralItem(next, await ctx.store.getEnterprise(next.enterpriseId))
  },

  async 'roster.ownRules'(ctx, input) {
    const enterprise = await ctx.store.getEnterprise(input.enterpriseId)
    if (!enterprise) throw new AppError('NOT_FOUND', '没有找到这家企业。')
    return { enterpriseId: enterprise.id, name: enterprise.name, ownRules: enterprise.ownRules === true }
  },

  /** The office's mark, audited; then every case of the enterprise as the mark makes it (a case written meanwhile: the nightly migration). */
  async 'roster.markOwnRules'(ctx, input) {
    const enterprise = await ctx.store.getEnterprise(input.enterpriseId)
    if (!enterprise) throw new AppError('NOT_FOUND', '没有找到这家企业。')
    const before = enterprise.ownRules === true
    const changes = [{ field: `enterprise:${enterprise.id}.ownRules`, before: String(before), after: String(input.ownRules) }]
    await ctx.store.commit({
      enterprises: [{ ...enterprise, ownRules: input.ownRules, ownRulesMarkedAt: ctx.now.toISOString() }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.markOwnRules', caseId: null, outcome: 'done', changes })],
    })
    const count = await refreshSummaries(ctx.store, ctx.policy, enterprise.id)
    return { enterpriseId: enterprise.id, ownRules: input.ownRules, casesRead: count.read, casesRefreshed: count.refreshed }
  },
}

/** The preview of a job, with the job's progress. */
async function jobView(ctx: Deps, job: ImportJob | null) {
  const preview = job ? await ctx.store.getDoc('rosterPreview', job.previewId) : null
  if (!job || !preview) throw new AppError('NOT_FOUND', '没有找到这份名册预览，请重新上传。')
  return previewView(ctx, preview, importProgress(job))
}
