/** 摸底造册 by the enterprise operator: template, preview, confirmation. */
import { AppError } from '../../../shared/AppError'
import type { Handlers } from '../router'
import { confirmRoster, previewRoster, previewView } from '../roster/importService'
import { readRosterFile, rosterTemplate } from '../roster/rosterFile'

export const rosterHandlers: Pick<Handlers, 'roster.template' | 'roster.preview' | 'roster.confirm'> = {
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
}
