/** Roster files: .xlsx through exceljs, .csv (UTF-8, with or without BOM; GBK is refused clearly). */
import ExcelJS from 'exceljs'
import { AppError } from '../../../shared/AppError'
import { ROSTER_COLUMNS, type Cell } from '../../../shared/RosterImport'

export const MAX_ROSTER_BYTES = 8 * 1024 * 1024

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(field), (field = '')
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) row.push(field), rows.push(row)
  return rows
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('')
  if (typeof v === 'object' && 'result' in v) return cellValue(v.result as ExcelJS.CellValue)
  if (typeof v === 'object' && 'text' in v) return String(v.text)
  return String(v)
}

/** Reads the first sheet (or the CSV) into a grid of cells. */
export async function readRosterFile(fileName: string, bytes: Buffer): Promise<Cell[][]> {
  if (bytes.length > MAX_ROSTER_BYTES) throw new AppError('BAD_REQUEST', '文件太大了（超过8MB），请分成几个文件导入。')
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.csv')) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
    if (text.includes('\uFFFD')) throw new AppError('BAD_REQUEST', 'CSV文件不是UTF-8编码。请在Excel里“另存为 CSV UTF-8”，或直接导入 .xlsx 文件。')
    return parseCsv(text)
  }
  if (lower.endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook()
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    } catch {
      throw new AppError('BAD_REQUEST', '这个Excel文件打不开，请确认是 .xlsx 格式（不是 .xls）。')
    }
    const sheet = workbook.worksheets[0]
    if (!sheet) throw new AppError('BAD_REQUEST', 'Excel文件里没有工作表。')
    const grid: Cell[][] = []
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[]
      grid[rowNumber - 1] = values.slice(1).map(cellValue)
    })
    for (let i = 0; i < grid.length; i++) grid[i] ??= []
    return grid
  }
  throw new AppError('BAD_REQUEST', '只能导入 .xlsx 或 .csv 文件。')
}

/** The downloadable template: Chinese headers and one example row. */
export async function rosterTemplate(): Promise<{ xlsx: Buffer; csv: string }> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('退休人员名册')
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.header))
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.example))
  sheet.getRow(1).font = { bold: true }
  sheet.columns.forEach((col) => (col.width = 18))
  sheet.getColumn(2).numFmt = '@' // ID numbers as text, so Excel keeps all 18 digits
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const csv = '\uFEFF' + [ROSTER_COLUMNS.map((c) => c.header), ROSTER_COLUMNS.map((c) => c.example)].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'
  return { xlsx, csv }
}
