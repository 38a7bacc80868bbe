/**
 * A file the `roster` function writes for download (exceljs, docx), returned the way the roster
 * template is: base64 in the response, with its name and type.
 */
import * as z from 'zod/mini'

export const ExportFormat = z.enum(['xlsx', 'docx'])
export type ExportFormat = z.infer<typeof ExportFormat>

export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

export const ExportFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
})
export type ExportFile = z.infer<typeof ExportFile>
