import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { unitKey, unitStandings, type UnitStanding } from '../../../shared/Board'
import { assessUnits, assessmentScore, EXAMPLE_WEIGHTS_NOTE } from '../../../shared/Assessment'
import { formatRate, type Bulletin } from '../../../shared/Bulletin'
import { EXPORT_MIME_TYPES, type ExportFile } from '../../../shared/ExportFile'
import { functionFor } from '../../../shared/Api'
import { erenhot2019 as policy } from '../../../shared/policies/erenhot2019'
import { unitNamer } from '../../../shared/UnitNames'
import { seededCloud } from '../../../test/support/cloudHarness'
import { ASSESSMENT_COLUMNS, BULLETIN_COLUMNS } from './reportFiles'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
let cloud: Cloud
beforeAll(async () => {
  cloud = await seededCloud()
})
afterAll(() => cloud.close())

const OFFICE = 'dev-office'
const TODAY = '2020-03-20'

async function sheetRows(file: ExportFile, sheetName: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ExcelJS.Buffer)
  const sheet = workbook.getWorksheet(sheetName)!
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join('')

/** The Word document's paragraphs (outside tables) and its tables as rows of cell texts. */
async function docxParts(file: ExportFile): Promise<{ text: string; tables: string[][][] }> {
  const zip = await JSZip.loadAsync(Buffer.from(file.contentBase64, 'base64'))
  const xml = await zip.file('word/document.xml')!.async('string')
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1].matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]))))
  return { text: textOf(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')), tables }
}

async function boardByName(): Promise<Map<string, UnitStanding>> {
  const name = unitNamer(policy, { enterprises: await cloud.store.listEnterprises(), communities: await cloud.store.listCommunities() })
  return new Map(unitStandings(policy, await cloud.store.readFigures(''), TODAY).map((s) => [name(s.unit), s]))
}

describe('bulletin files', () => {
  let issued: Bulletin
  beforeAll(async () => {
    await cloud.ok(OFFICE, 'bulletin.issue', { date: TODAY, number: 1 })
    issued = await cloud.ok<Bulletin>(OFFICE, 'bulletin.issue', { date: TODAY, number: 2 })
  })

  it('are served by the roster function', () => {
    expect(functionFor('export.bulletin')).toBe('roster')
    expect(functionFor('export.assessment')).toBe('roster')
    expect(functionFor('bulletin.issue')).toBe('api')
  })

  it('.xlsx: read back with exceljs, every unit has the board’s figures', async () => {
    const file = await cloud.ok<ExportFile>(OFFICE, 'export.bulletin', { number: 2, format: 'xlsx' })
    expect(file).toMatchObject({ fileName: '通报第2期（2020-03-20）.xlsx', mimeType: EXPORT_MIME_TYPES.xlsx })
    const rows = await sheetRows(file, '完成率排名')
    expect(rows[0][0]).toContain('第2期')
    expect(rows[1]).toEqual([...BULLETIN_COLUMNS])
    const board = await boardByName()
    const units = rows.slice(2, -1)
    expect(units).toHaveLength(board.size)
    for (const [rank, name, , done, open, waiting, overdue, rate] of units) {
      const s = board.get(name as string)!
      expect({ done, open, waiting, overdue }).toEqual(s.total)
      expect(rate).toBe(s.rate ?? '无待办事项')
      expect(rank).toBe(issued.content.units.find((u) => u.name === name)!.rank)
    }
    const totals = [...board.values()].reduce((t, s) => [t[0] + s.total.done, t[1] + s.total.open, t[2] + s.total.waiting, t[3] + s.total.overdue], [0, 0, 0, 0])
    expect(rows.at(-1)![1]).toBe('全市合计')
    expect(rows.at(-1)!.slice(3, 7)).toEqual(totals)
    const laggards = await sheetRows(file, '逾期点名')
    expect(laggards.slice(2).map((r) => r[1])).toEqual(issued.content.laggards.map((l) => l.name))
    expect((await sheetRows(file, '较上期变化')).slice(2)).toHaveLength(issued.content.changes.length)
  })

  it('.docx: unzipped and parsed, the text and the ranking table carry the board’s figures', async () => {
    const file = await cloud.ok<ExportFile>(OFFICE, 'export.bulletin', { number: 2, format: 'docx' })
    expect(file).toMatchObject({ fileName: '通报第2期（2020-03-20）.docx', mimeType: EXPORT_MIME_TYPES.docx })
    const { text, tables } = await docxParts(file)
    const board = await boardByName()
    const overdue = [...board.values()].reduce((n, s) => n + s.total.overdue, 0)
    expect(text).toContain('第2期')
    expect(text).toContain(`逾期未办 ${overdue} 项`)
    for (const l of issued.content.laggards) expect(text).toContain(`${l.name}（第 ${l.rank} 名，逾期 ${l.overdue} 项）`)
    const [ranking, changes] = tables
    expect(ranking[0]).toEqual([...BULLETIN_COLUMNS])
    const units = ranking.slice(1, -1)
    expect(units).toHaveLength(board.size)
    for (const [, name, , done, open, waiting, od, rate] of units) {
      const s = board.get(name)!
      expect([done, open, waiting, od].map(Number)).toEqual([s.total.done, s.total.open, s.total.waiting, s.total.overdue])
      expect(rate).toBe(formatRate(s.rate))
    }
    expect(ranking.at(-1)![6]).toBe(String(overdue))
    expect(changes.slice(1)).toHaveLength(issued.content.changes.length)
  })

  it('of a bulletin never issued is NOT_FOUND, and only the office downloads', async () => {
    expect(await cloud.call(OFFICE, 'export.bulletin', { number: 9, format: 'docx' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('dev-ent-water', 'export.bulletin', { number: 1, format: 'docx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('assessment files', () => {
  const DATE = '2020-10-31'
  async function expected() {
    const name = unitNamer(policy, { enterprises: await cloud.store.listEnterprises(), communities: await cloud.store.listCommunities() })
    return new Map(assessUnits(policy, await cloud.store.readFigures(''), DATE).map(({ unit, ...c }) => [name(unit), { ...c, key: unitKey(unit), score: assessmentScore(c, policy.assessment) }]))
  }

  it('.xlsx: each unit’s counts and score as the figures give them, with the example-weights note', async () => {
    const file = await cloud.ok<ExportFile>(OFFICE, 'export.assessment', { date: DATE, format: 'xlsx' })
    const rows = await sheetRows(file, '考核')
    expect(rows[1]).toEqual([...ASSESSMENT_COLUMNS])
    const want = await expected()
    const units = rows.slice(2, -1)
    expect(units).toHaveLength(want.size)
    for (const [, name, , due, onTime, lateDone, overdue, daysLate, , score] of units) {
      const w = want.get(name as string)!
      expect({ due, onTime, lateDone, overdue, daysLate, score }).toEqual({ due: w.due, onTime: w.onTime, lateDone: w.lateDone, overdue: w.overdue, daysLate: w.daysLate, score: w.score ?? '—' })
    }
    expect(rows.at(-1)).toEqual([EXAMPLE_WEIGHTS_NOTE])
    expect((await sheetRows(file, '权重'))[0]).toEqual([EXAMPLE_WEIGHTS_NOTE])
  })

  it('.docx: the table gives each unit’s counts and score, under the example-weights note', async () => {
    const file = await cloud.ok<ExportFile>(OFFICE, 'export.assessment', { date: DATE, format: 'docx' })
    const { text, tables } = await docxParts(file)
    expect(text).toContain('示例权重')
    expect(text).toContain('2020年10月31日')
    const want = await expected()
    expect(tables[0][0]).toEqual([...ASSESSMENT_COLUMNS])
    expect(tables[0].slice(1)).toHaveLength(want.size)
    for (const [, name, , ...cells] of tables[0].slice(1)) {
      const w = want.get(name)!
      expect(cells).toEqual([w.due, w.onTime, w.lateDone, w.overdue, w.daysLate, formatRate(w.due === 0 ? null : w.onTime / w.due), w.score ?? '—'].map(String))
    }
  })
})
