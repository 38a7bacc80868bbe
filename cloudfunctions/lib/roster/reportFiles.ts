/**
 * A bulletin (通报) or an assessment (考核) as files: `.xlsx` with the figures (exceljs) and
 * `.docx` with the text and tables, ready to print (docx). Both are written from the content
 * alone, so the files say exactly what the screen and the stored bulletin say.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import ExcelJS from 'exceljs'
import { EXAMPLE_WEIGHTS_NOTE, type AssessmentView } from '../../../shared/Assessment'
import { bulletinText, formatRate, type BulletinContent } from '../../../shared/Bulletin'
import { formatChinaDate } from '../../../shared/ChinaTime'
import type { ResponsibleParty } from '../../../shared/Stage'

/** What a unit is, in a table's 类别 column. */
export const UNIT_KIND_NAMES: Record<ResponsibleParty, string> = {
  enterprise: '移交企业',
  community: '接收社区',
  communityParty: '社区党组织',
  archives: '市直部门',
  party: '市直部门',
  hrss: '市直部门',
  medicalInsurance: '市直部门',
}

type Cell = string | number | null

/** The bulletin's ranking table: its header and one row per unit (the same in both files). */
export const BULLETIN_COLUMNS = ['排名', '单位', '类别', '已办结', '在办', '待前序环节', '逾期', '完成率'] as const

function bulletinRows(c: BulletinContent, rate: (r: number | null) => Cell): Cell[][] {
  return c.units.map((u) => [u.rank, u.name, UNIT_KIND_NAMES[u.kind], u.done, u.open, u.waiting, u.overdue, rate(u.rate)])
}

const CHANGE_COLUMNS = ['单位', '上期排名', '本期排名', '上期完成率', '本期完成率', '上期逾期', '本期逾期'] as const

export const ASSESSMENT_COLUMNS = ['排名', '单位', '类别', '应办事项', '按期办结', '逾期办结', '逾期未办', '逾期天数合计', '按期办结率', '得分'] as const

function assessmentRows(a: AssessmentView, rate: (r: number | null) => Cell): Cell[][] {
  return a.rows.map((r) => [r.rank ?? '—', r.name, UNIT_KIND_NAMES[r.kind], r.due, r.onTime, r.lateDone, r.overdue, r.daysLate, rate(r.onTimeShare), r.score ?? '—'])
}

/** The rule the assessment counts by, printed with it. */
const ASSESSMENT_RULE =
  '计算口径：统计截止日期在考核日及以前的事项。按期办结指在截止日期当天或以前办完；逾期办结指截止日期之后、考核日及以前办完，逾期天数为办完日期减截止日期；逾期未办指考核日结束时仍未办完，逾期天数为考核日减截止日期。'

function weightsLine(a: AssessmentView): string {
  const w = a.weights
  return `得分 = ${w.fullMarks} − ${w.perLatePercent} × 未按期办结百分比 − ${w.perAverageDayLate} × 平均逾期天数 − ${w.perOverduePercent} × 逾期未办百分比（最低 0 分）。`
}

// ---------------------------------------------------------------- xlsx

const xlsxRate = (r: number | null): Cell => (r === null ? '无待办事项' : r)

function sheetWith(workbook: ExcelJS.Workbook, name: string, title: string, header: readonly string[], rows: Cell[][], rateColumns: number[] = []): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name)
  sheet.addRow([title]).font = { bold: true, size: 14 }
  sheet.addRow([...header]).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  for (const col of rateColumns) sheet.getColumn(col).numFmt = '0.0%'
  sheet.columns.forEach((col, i) => (col.width = i === 1 ? 28 : 12))
  return sheet
}

export async function bulletinXlsx(c: BulletinContent): Promise<Buffer> {
  const text = bulletinText(c)
  const workbook = new ExcelJS.Workbook()
  const ranking = sheetWith(workbook, '完成率排名', `${text.title} ${text.subtitle}`, BULLETIN_COLUMNS, bulletinRows(c, xlsxRate), [8])
  ranking.addRow(['', '全市合计', '', c.total.done, c.total.open, c.total.waiting, c.total.overdue, xlsxRate(c.total.rate)]).font = { bold: true }
  sheetWith(workbook, '逾期点名', '逾期事项较多、排名靠后的单位', ['排名', '单位', '逾期'], c.laggards.map((l) => [l.rank, l.name, l.overdue]))
  if (c.previous) {
    const changes = sheetWith(
      workbook,
      '较上期变化',
      `与第${c.previous.number}期（${formatChinaDate(c.previous.date)}）相比`,
      CHANGE_COLUMNS,
      c.changes.map((ch) => [ch.name, ch.rankBefore, ch.rank, xlsxRate(ch.rateBefore), xlsxRate(ch.rate), ch.overdueBefore, ch.overdue]),
      [4, 5],
    )
    for (const u of c.newUnits) changes.addRow([u.name, '本期新列入'])
    for (const u of c.goneUnits) changes.addRow([u.name, '本期不再列入'])
  }
  sheetWith(workbook, '进度预警', '按目前进度预计不能按期完成的单位', ['单位', '预警'], c.flags.map((f) => [f.name, f.sentence]))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export async function assessmentXlsx(a: AssessmentView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = sheetWith(workbook, '考核', `目标责任考核（截至${formatChinaDate(a.date)}）`, ASSESSMENT_COLUMNS, assessmentRows(a, xlsxRate), [9])
  const weights = workbook.addWorksheet('权重')
  if (a.weights.example) weights.addRow([EXAMPLE_WEIGHTS_NOTE]).font = { bold: true }
  weights.addRow([weightsLine(a)])
  weights.addRow([ASSESSMENT_RULE])
  weights.getColumn(1).width = 120
  if (a.weights.example) sheet.addRow([EXAMPLE_WEIGHTS_NOTE])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

// ---------------------------------------------------------------- docx

const FONT = { font: '仿宋', size: 28 } // 14 pt: a printed page read at arm's length

function paragraph(text: string, options: { bold?: boolean; center?: boolean; heading?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    heading: options.heading ? HeadingLevel.HEADING_2 : undefined,
    spacing: { after: 120 },
    indent: options.center || options.heading ? undefined : { firstLine: 560 },
    children: [new TextRun({ text, bold: options.bold, ...FONT })],
  })
}

function table(header: readonly string[], rows: Cell[][]): Table {
  const cell = (v: Cell, bold = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: v === null ? '' : String(v), bold, font: '仿宋', size: 22 })] })] })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v)) }))],
  })
}

async function docxOf(children: Array<Paragraph | Table>): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ properties: {}, children }] }))
}

export async function bulletinDocx(c: BulletinContent): Promise<Buffer> {
  const text = bulletinText(c)
  const children: Array<Paragraph | Table> = [paragraph(text.title, { bold: true, center: true }), paragraph(text.subtitle, { center: true }), ...text.paragraphs.map((p) => paragraph(p))]
  children.push(paragraph('附表一：各单位完成率排名', { heading: true }))
  children.push(table(BULLETIN_COLUMNS, [...bulletinRows(c, formatRate), ['', '全市合计', '', c.total.done, c.total.open, c.total.waiting, c.total.overdue, formatRate(c.total.rate)]]))
  if (c.previous && c.changes.length > 0) {
    children.push(paragraph(`附表二：与第${c.previous.number}期相比`, { heading: true }))
    children.push(table(CHANGE_COLUMNS, c.changes.map((ch) => [ch.name, ch.rankBefore, ch.rank, formatRate(ch.rateBefore), formatRate(ch.rate), ch.overdueBefore, ch.overdue])))
  }
  return docxOf(children)
}

export async function assessmentDocx(a: AssessmentView): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [paragraph('国有企业退休人员社会化管理工作目标责任考核', { bold: true, center: true }), paragraph(`截至${formatChinaDate(a.date)}`, { center: true })]
  if (a.weights.example) children.push(paragraph(EXAMPLE_WEIGHTS_NOTE, { bold: true }))
  children.push(paragraph(ASSESSMENT_RULE), paragraph(weightsLine(a)), table(ASSESSMENT_COLUMNS, assessmentRows(a, formatRate)))
  return docxOf(children)
}
