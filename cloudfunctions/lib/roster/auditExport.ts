/**
 * A supervisor's download of an audit trail as .xlsx (exceljs, so it runs in the `roster`
 * function, not in `api`): one case's entries, or one member of staff's over China dates.
 *
 * Capped at AUDIT_EXPORT_MAX_ROWS entries, the earliest first; the answer says when the cap cut
 * the trail short, and the sheet says so in its last row. The cap is our own limit: the file
 * travels back as base64 in the function's answer: 20 000 one-line entries measured 0.7 MB of
 * base64 (auditExport.test.ts), entries with several changes more. A longer range is downloaded
 * in parts.
 */
import ExcelJS from 'exceljs'
import type { AuditEntry } from '../../../shared/AuditEntry'
import { maskUserId, type AuditTrailItem } from '../../../shared/AuditTrail'
import { MAX_PAGE, type AuditQuery } from '../../../shared/ports/Store'
import { auditTrailRead, trailItems, trailQuery } from '../actions/auditTrail'
import type { Deps, Handlers } from '../router'

export const AUDIT_EXPORT_MAX_ROWS = 20_000

/** The sheet's columns, in order. */
export const AUDIT_EXPORT_COLUMNS = ['时间（北京时间）', '操作人', '角色', '操作', '操作代码', '案例编号', '改动（已遮蔽）', '结果'] as const

/** A change as one line of text: field: before → after. */
export function changeText(c: AuditTrailItem['changes'][number]): string {
  return `${c.field}：${c.before ?? '（无）'} → ${c.after ?? '（无）'}`
}

/** The entries of a trail, page by page, at most `max` of them; `capped` when more were left. */
export async function readTrail(deps: Deps, query: AuditQuery, max = AUDIT_EXPORT_MAX_ROWS): Promise<{ entries: AuditEntry[]; capped: boolean }> {
  const entries: AuditEntry[] = []
  let after: string | undefined
  for (;;) {
    const page = await deps.store.listAuditPage(query, { limit: Math.min(MAX_PAGE, max + 1 - entries.length), after })
    entries.push(...page.items)
    if (entries.length > max) return { entries: entries.slice(0, max), capped: true }
    if (page.nextCursor === null) return { entries, capped: false }
    after = page.nextCursor
  }
}

export async function auditWorkbook(title: string, items: AuditTrailItem[], capped: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('操作记录')
  sheet.addRow([title])
  sheet.addRow([...AUDIT_EXPORT_COLUMNS])
  for (const i of items) sheet.addRow([i.when, i.who, i.roleName, i.what, i.action, i.caseId ?? '', i.changes.map(changeText).join('；'), i.outcome])
  if (capped) sheet.addRow([`只导出了前 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩短日期范围分几次下载。`])
  sheet.columns.forEach((column, n) => (column.width = [20, 14, 16, 24, 24, 16, 48, 10][n]))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export const auditExportHandlers: Pick<Handlers, 'export.audit'> = {
  async 'export.audit'(ctx, input) {
    const query = trailQuery(input)
    const { entries, capped } = await readTrail(ctx, query)
    const staffName = 'userId' in input ? ((await ctx.store.getUser(input.userId))?.name ?? maskUserId(input.userId)) : ''
    const title = 'caseId' in input ? `案例 ${input.caseId} 的操作记录` : `${staffName} 的操作记录（${input.from} 至 ${input.to}）`
    const xlsx = await auditWorkbook(title, await trailItems(ctx, entries), capped)
    await auditTrailRead(ctx, 'export.audit', query, entries.length)
    const name = 'caseId' in input ? input.caseId : `${staffName}-${input.from}至${input.to}`
    return { fileName: `操作记录-${name}.xlsx`, xlsxBase64: xlsx.toString('base64'), rows: entries.length, capped }
  },
}
