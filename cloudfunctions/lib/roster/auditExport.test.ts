/** The audit trail's .xlsx, read back with exceljs and compared with the store's entries. */
import ExcelJS from 'exceljs'
import type { AuditEntry } from '../../../shared/AuditEntry'
import type { AuditExportView } from '../../../shared/AuditTrail'
import { seededCloud } from '../../../test/support/cloudHarness'
import { trailItems } from '../actions/auditTrail'
import { AUDIT_EXPORT_COLUMNS, AUDIT_EXPORT_MAX_ROWS, changeText } from './auditExport'

const OFFICE = 'dev-office'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

/** The sheet's rows as text, the title and header rows included. */
async function sheetRows(file: AuditExportView): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  // exceljs's typings want an ArrayBuffer; it reads a Buffer (as rosterFile.ts does).
  await workbook.xlsx.load(Buffer.from(file.xlsxBase64, 'base64') as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.getWorksheet('操作记录')!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
  return rows
}

/** What the sheet must hold for these entries, from the store's own reading of them. */
async function expectedRows(cloud: Cloud, entries: AuditEntry[]): Promise<string[][]> {
  return (await trailItems(cloud.deps, entries)).map((i) => [i.when, i.who, i.roleName, i.what, i.action, i.caseId ?? '', i.changes.map(changeText).join('；'), i.outcome])
}

test("a case's trail downloads as .xlsx holding exactly the store's entries, in order; the download is audited", async () => {
  const cloud = await seededCloud({ count: 10 })
  const c = await cloud.addCase('case-9001')
  await cloud.ok('dev-grid-wulan', 'case.get', { caseId: 'case-9001' })
  cloud.clock.set('2020-03-20T02:00:00Z')
  await cloud.ok('dev-ent-water', 'case.recordStep', { caseId: 'case-9001', expectedVersion: c.version, step: { type: 'rosterConfirmed' } })
  await cloud.call('dev-grid-gerile', 'case.get', { caseId: 'case-9001' })
  const entries = await cloud.store.listAudit('case-9001')
  expect(entries.length).toBe(4)

  const file = await cloud.ok<AuditExportView>(OFFICE, 'export.audit', { caseId: 'case-9001' })
  expect(file).toMatchObject({ fileName: '操作记录-case-9001.xlsx', rows: 4, capped: false })
  const rows = await sheetRows(file)
  expect(rows[0]).toEqual(['案例 case-9001 的操作记录'])
  expect(rows[1]).toEqual([...AUDIT_EXPORT_COLUMNS])
  expect(rows.slice(2)).toEqual(await expectedRows(cloud, entries))
  expect(rows.slice(2).map((r) => r[7])).toEqual(['已办理', '已办理', '已办理', '被拒绝'])
  expect(JSON.stringify(rows)).not.toContain(c.person.phone)
  expect((await cloud.store.listAudit('case-9001')).at(-1)).toMatchObject({ action: 'export.audit', actor: { userId: OFFICE }, changes: [{ field: 'rows', after: '4' }] })
  cloud.close()
})

test("a member of staff's trail over China dates downloads the same entries the screen pages through", async () => {
  const cloud = await seededCloud({ count: 10 })
  for (const id of ['case-9001', 'case-9002']) await cloud.addCase(id)
  for (const [at, caseId] of [['2020-03-18T20:00:00Z', 'case-9001'], ['2020-03-19T03:00:00Z', 'case-9002'], ['2020-03-21T03:00:00Z', 'case-9001']]) {
    cloud.clock.set(at)
    await cloud.ok('dev-archives', 'case.get', { caseId })
  }
  const screen = await cloud.ok(OFFICE, 'audit.staff', { userId: 'dev-archives', from: '2020-03-19', to: '2020-03-20' })
  const file = await cloud.ok<AuditExportView>(OFFICE, 'export.audit', { userId: 'dev-archives', from: '2020-03-19', to: '2020-03-20' })
  expect(file).toMatchObject({ fileName: '操作记录-档案局 张耀增-2020-03-19至2020-03-20.xlsx', rows: 2, capped: false })
  const rows = await sheetRows(file)
  expect(rows[0]).toEqual(['档案局 张耀增 的操作记录（2020-03-19 至 2020-03-20）'])
  expect(rows.slice(2).map((r) => [r[0], r[5]])).toEqual(screen.items.map((i: { when: string; caseId: string }) => [i.when, i.caseId]))
  expect(rows.slice(2).map((r) => r[0])).toEqual(['2020年3月19日 04:00', '2020年3月19日 11:00'])
  cloud.close()
})

test(`a download stops at ${AUDIT_EXPORT_MAX_ROWS} entries, the earliest, and says so`, async () => {
  const cloud = await seededCloud({ count: 10 })
  const entries: AuditEntry[] = Array.from({ length: AUDIT_EXPORT_MAX_ROWS + 5 }, (_, i) => ({
    id: `au-${String(i).padStart(6, '0')}`,
    at: new Date(Date.UTC(2020, 2, 1) + i * 1000).toISOString(),
    actor: { userId: 'dev-grid-wulan', role: 'gridWorker' },
    action: 'case.get',
    caseId: 'case-big',
    outcome: 'done',
    changes: [],
  }))
  await cloud.store.commit({ audit: entries })
  const file = await cloud.ok<AuditExportView>(OFFICE, 'export.audit', { caseId: 'case-big' })
  expect(file).toMatchObject({ rows: AUDIT_EXPORT_MAX_ROWS, capped: true })
  const rows = await sheetRows(file)
  expect(rows).toHaveLength(AUDIT_EXPORT_MAX_ROWS + 3)
  expect(rows[2][0]).toBe('2020年3月1日 08:00')
  expect(rows.at(-2)![4]).toBe('case.get')
  expect(rows.at(-1)).toEqual([`只导出了前 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩短日期范围分几次下载。`])
  // What the function answers with: the file as base64 (measured here, stated in auditExport.ts).
  expect(file.xlsxBase64.length).toBeLessThan(2_000_000)
  process.stdout.write(`audit export of ${AUDIT_EXPORT_MAX_ROWS} rows: ${file.xlsxBase64.length} base64 characters\n`)
  cloud.close()
}, 60_000)
