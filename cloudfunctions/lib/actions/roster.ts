/** 摸底造册 by the enterprise operator: template, preview, confirmation. */
import { AppError } from '../../../shared/AppError'
import { refreshSummaries } from '../../../shared/UpgradeStoredRecords'
import { auditEntry } from '../audit'
import type { Handlers } from '../router'
import { confirmRoster, previewRoster, previewView } from '../roster/importService'
import { readRosterFile, rosterTemplate } from '../roster/rosterFile'

export const rosterHandlers: Pick<Handlers, 'roster.template' | 'roster.preview' | 'roster.confirm' | 'roster.markOwnRules'> = {
  async 'roster.template'() {
    const { xlsx, csv } = await rosterTemplate()
    return { xlsxBase64: xlsx.toString('base64'), csv, fileName: '退休人员名册模板.xlsx' }
  },

  async 'roster.preview'(ctx, input) {
    const grid = await readRosterFile(input.fileName, Buffer.from(input.contentBase64, 'base64'))
    return previewView(ctx, await previewRoster(ctx, ctx.user.orgId, input.fileName, grid))
  },

  async 'roster.confirm'(ctx, input) {
    const preview = await ctx.store.getDoc('rosterPreview', input.previewId)
    if (!preview || preview.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这份名册预览，请重新上传。')
    return previewView(ctx, await confirmRoster(ctx, preview, input.expectedVersion))
  },

  /** The office's mark, audited; then every case of the enterprise as the mark makes it (a case written meanwhile: the nightly migration). */
  async 'roster.markOwnRules'(ctx, input) {
    const enterprise = await ctx.store.getEnterprise(input.enterpriseId)
    if (!enterprise) throw new AppError('NOT_FOUND', '没有找到这家企业。')
    const before = enterprise.ownRules === true
    const changes = [{ field: `enterprise:${enterprise.id}.ownRules`, before: String(before), after: String(input.ownRules) }]
    await ctx.store.commit({
      enterprises: [{ ...enterprise, ownRules: input.ownRules }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'roster.markOwnRules', caseId: null, outcome: 'done', changes })],
    })
    const count = await refreshSummaries(ctx.store, ctx.policy, enterprise.id)
    return { enterpriseId: enterprise.id, ownRules: input.ownRules, casesRead: count.read, casesRefreshed: count.refreshed }
  },
}
