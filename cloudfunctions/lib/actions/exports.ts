/** Downloads of a bulletin and of the assessment, served by the `roster` function (exceljs, docx). */
import { EXPORT_MIME_TYPES, type ExportFile, type ExportFormat } from '../../../shared/ExportFile'
import type { Handlers } from '../router'
import { assessmentDocx, assessmentXlsx, bulletinDocx, bulletinXlsx } from '../roster/reportFiles'
import { buildAssessment, issuedBulletin } from './bulletins'

function file(name: string, format: ExportFormat, bytes: Buffer): ExportFile {
  return { fileName: `${name}.${format}`, mimeType: EXPORT_MIME_TYPES[format], contentBase64: bytes.toString('base64') }
}

export const exportHandlers: Pick<Handlers, 'export.bulletin' | 'export.assessment'> = {
  async 'export.bulletin'(ctx, input) {
    // The stored content, as issued: the file says what the units were sent.
    const { content } = await issuedBulletin(ctx.store, input.number)
    return file(`通报第${content.number}期（${content.date}）`, input.format, input.format === 'xlsx' ? await bulletinXlsx(content) : await bulletinDocx(content))
  },

  async 'export.assessment'(ctx, input) {
    const view = await buildAssessment(ctx, input.date)
    return file(`目标责任考核（${view.date}）`, input.format, input.format === 'xlsx' ? await assessmentXlsx(view) : await assessmentDocx(view))
  },
}
