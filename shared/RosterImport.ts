/**
 * 摸底造册: reading an enterprise's roster (a grid of cells from .xlsx or .csv) into people,
 * with every problem reported by row number and column, in Chinese. Pure: the file reading and
 * the look-ups against other enterprises' rosters happen outside.
 */
import type { CaseCategories, EmploymentKind } from './Category'
import { BAD_PHONE_MESSAGE, isRosterPhone } from './PhoneNumber'
import { isChinaDate, isChinaMonth } from './ChinaTime'
import { ID_NUMBER_PROBLEM_MESSAGES, parseIdNumber } from './IdNumber'
import type { Community } from './Organisation'
import type { Gender } from './Person'
import { personName } from './PersonName'

export const ROSTER_COLUMNS = [
  { key: 'name', header: '姓名', required: true, example: '斯日古楞' },
  { key: 'idNumber', header: '身份证号', required: true, example: '152501195503150010' },
  { key: 'retirementDate', header: '退休日期', required: true, example: '2015-03' },
  { key: 'phone', header: '联系电话', required: false, example: '13904791234' },
  { key: 'hukouAddress', header: '户籍地址', required: true, example: '二连浩特市乌兰大街12号' },
  // 户籍不在本市: the row is referred (转出) to the city of the 户籍地址, and 户籍社区 stays empty (shared/Referral.ts).
  { key: 'hukouOutsideCity', header: '户籍不在本市', required: false, example: '否' },
  { key: 'hukouCommunity', header: '户籍社区', required: true, example: '乌兰社区' },
  { key: 'residenceCommunity', header: '常住社区（不在户籍地居住时填）', required: false, example: '' },
  { key: 'partyMember', header: '党员', required: false, example: '是' },
  { key: 'retiredCadre', header: '离休', required: false, example: '否' },
  { key: 'municipalCadre', header: '市委管理领导人员', required: false, example: '否' },
  { key: 'classified', header: '涉密人员', required: false, example: '否' },
  { key: 'militaryIndustryLeader', header: '军工领导或核心涉密', required: false, example: '否' },
  { key: 'publicInstitution', header: '事业单位退休', required: false, example: '否' },
  { key: 'financialEnterprise', header: '金融企业退休', required: false, example: '否' },
] as const
export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key']

export interface RosterError {
  /** The spreadsheet row number (the header is row 1). */
  row: number
  column: string
  message: string
}

export interface RosterPerson {
  row: number
  name: string
  idNumber: string
  gender: Gender
  /** YYYY-MM: the full birth date stays inside the sealed ID number. */
  birthMonth: string
  /** YYYY-MM: a full date in the file keeps its month. */
  retirementMonth: string
  phone: string
  hukouAddress: string
  hukouCommunityId: string
  residenceCommunityId: string | null
  categories: CaseCategories
}

/** A row whose hukou is outside the city: referred to that city by the office, not handed over here. */
export type RosterReferral = Pick<RosterPerson, 'row' | 'name' | 'idNumber' | 'gender' | 'birthMonth' | 'retirementMonth' | 'phone' | 'hukouAddress'>

export type Cell = string | number | boolean | Date | null | undefined

/** Full-width letters and digits become half-width; spaces at either end go. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  return String(cell).normalize('NFKC').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
}

/** A name as it is stored (PersonName.ts): 张　丽 becomes 张丽; Latin names and names with · keep their spaces. */
export function cleanName(raw: Cell): string {
  return personName(cellText(raw))
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Dates as Excel gives them: serial numbers, Date cells, and the usual written forms. */
export function parseRosterDate(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10)
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 80000) return null
    // Excel's 1900 date system: serial 25569 is 1970-01-01 (the 1900 leap-year bug is before 1900-03-01).
    const d = new Date(Math.round((cell - 25569) * 86400) * 1000)
    return d.toISOString().slice(0, 10)
  }
  const text = cellText(cell)
  const m = text.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/) ?? text.match(/^(\d{4})(\d{2})(\d{2})$/)
  if (!m) return null
  const date = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`
  return isChinaDate(date) ? date : null
}

/** A month as rosters write it (2015-03, 2015/3, 2015年3月, 201503), or the month of any date above. */
export function parseRosterMonth(cell: Cell): string | null {
  const date = parseRosterDate(cell)
  if (date) return date.slice(0, 7)
  const m = cellText(cell).match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/) ?? cellText(cell).match(/^(\d{4})(\d{2})$/)
  const month = m ? `${m[1]}-${pad(Number(m[2]))}` : ''
  return isChinaMonth(month) ? month : null
}

const YES = new Set(['是', 'y', 'yes', '√', '✓', '1', 'true', '有', '党员'])
const NO = new Set(['否', 'n', 'no', '×', '✗', '0', 'false', '无', '', '-'])

export function parseFlag(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell
  const t = cellText(cell).toLowerCase()
  if (YES.has(t)) return true
  if (NO.has(t)) return false
  return null
}

export type CommunityMatch = { ok: true; community: Community } | { ok: false; message: string }

/** A community by its code or its name (with or without 社区); a near miss gets suggestions. */
export function matchCommunity(raw: string, communities: Community[]): CommunityMatch {
  const text = raw.trim()
  const bare = (s: string) => s.replace(/社区$/, '')
  const exact = communities.filter((c) => c.code.toUpperCase() === text.toUpperCase() || c.name === text || bare(c.name) === bare(text))
  if (exact.length === 1) return { ok: true, community: exact[0] }
  const near = communities.filter((c) => bare(text).length > 0 && (c.name.includes(bare(text)) || bare(text).includes(bare(c.name))))
  const suggestions = (exact.length > 1 ? exact : near).map((c) => `${c.name}（${c.code}）`)
  if (suggestions.length) return { ok: false, message: `「${text}」对应不止一个或不完全一致，是不是：${suggestions.join('、')}？请填社区编号。` }
  return { ok: false, message: `没有叫「${text}」的社区，请填社区名称或编号。` }
}

function employmentOf(flags: { retiredCadre: boolean; publicInstitution: boolean; financialEnterprise: boolean }): EmploymentKind {
  if (flags.retiredCadre) return 'retiredCadre'
  if (flags.financialEnterprise) return 'financialEnterpriseRetiree'
  if (flags.publicInstitution) return 'publicInstitutionRetiree'
  return 'soeRetiree'
}

/** Finds each column by its header (extra columns are ignored); reports required ones that are missing. */
export function locateColumns(header: Cell[]): { index: Partial<Record<RosterColumnKey, number>>; errors: RosterError[] } {
  const texts = header.map((h) => cellText(h).replace(/\s/g, ''))
  const index: Partial<Record<RosterColumnKey, number>> = {}
  const errors: RosterError[] = []
  for (const col of ROSTER_COLUMNS) {
    const want = col.header.normalize('NFKC').replace(/\s/g, '')
    const at = texts.findIndex((t) => t === want || (t.length > 1 && want.startsWith(t)))
    if (at >= 0) index[col.key] = at
    else if (col.required) errors.push({ row: 1, column: col.header, message: `表头缺少「${col.header}」这一列，请用模板。` })
  }
  return { index, errors }
}

export function parseRoster(grid: Cell[][], communities: Community[], today: string): { people: RosterPerson[]; referrals: RosterReferral[]; errors: RosterError[]; blankRows: number } {
  const [header = [], ...body] = grid
  const { index, errors } = locateColumns(header)
  if (errors.length) return { people: [], referrals: [], errors, blankRows: 0 }
  const people: RosterPerson[] = []
  const referrals: RosterReferral[] = []
  const seenIds = new Map<string, number>()
  let blankRows = 0
  body.forEach((cells, i) => {
    const row = i + 2
    const get = (key: RosterColumnKey): Cell => (index[key] === undefined ? undefined : cells[index[key]!])
    if (cells.every((c) => cellText(c) === '')) return void blankRows++
    const rowErrors: RosterError[] = []
    const fail = (key: RosterColumnKey, message: string) => rowErrors.push({ row, column: ROSTER_COLUMNS.find((c) => c.key === key)!.header, message })

    const name = cleanName(get('name'))
    if (!name) fail('name', '姓名不能为空。')
    else if (name.length > 40) fail('name', '姓名超过40个字，请核对。')

    const id = parseIdNumber(cellText(get('idNumber')).replace(/\s/g, ''), today)
    if (!id.ok) fail('idNumber', ID_NUMBER_PROBLEM_MESSAGES[id.problem])
    else if (seenIds.has(id.idNumber)) fail('idNumber', `和第 ${seenIds.get(id.idNumber)} 行的身份证号重复。`)
    else seenIds.set(id.idNumber, row)

    const retirementMonth = parseRosterMonth(get('retirementDate') ?? null)
    if (!retirementMonth) fail('retirementDate', '退休日期看不懂，请写成 2015-03 这样的年月。')
    else if (retirementMonth > today.slice(0, 7)) fail('retirementDate', '退休日期晚于今天，请核对。')

    const phone = cellText(get('phone')).replace(/[\s-]/g, '')
    if (phone && !isRosterPhone(phone)) fail('phone', `联系电话${BAD_PHONE_MESSAGE}。`)

    const hukouAddress = cellText(get('hukouAddress'))
    if (!hukouAddress) fail('hukouAddress', '户籍地址不能为空。')

    const outside = parseFlag(get('hukouOutsideCity') ?? null)
    if (outside === null) {
      // Which of the two kinds of row this is stays open, so the hukou community is not judged yet.
      fail('hukouOutsideCity', `「${cellText(get('hukouOutsideCity'))}」看不懂，请填“是”或“否”。`)
      return void errors.push(...rowErrors)
    }
    if (outside) {
      if (cellText(get('hukouCommunity'))) fail('hukouCommunity', '户籍不在本市的人员不填户籍社区，请在「户籍地址」里写明户籍地。')
      if (rowErrors.length || !id.ok || !retirementMonth) return void errors.push(...rowErrors)
      return void referrals.push({ row, name, idNumber: id.idNumber, gender: id.gender, birthMonth: id.birthDate.slice(0, 7), retirementMonth, phone, hukouAddress })
    }

    const hukou = matchCommunity(cellText(get('hukouCommunity')), communities)
    if (!cellText(get('hukouCommunity'))) fail('hukouCommunity', '户籍社区不能为空。户籍不在本市的，请在「户籍不在本市」填“是”。')
    else if (!hukou.ok) fail('hukouCommunity', hukou.message)

    const residenceText = cellText(get('residenceCommunity'))
    const residence = residenceText ? matchCommunity(residenceText, communities) : null
    if (residence && !residence.ok) fail('residenceCommunity', residence.message)

    const flag = (key: RosterColumnKey): boolean => {
      const v = parseFlag(get(key) ?? null)
      if (v === null) fail(key, `「${cellText(get(key))}」看不懂，请填“是”或“否”。`)
      return v === true
    }
    const flags = {
      partyMember: flag('partyMember'),
      retiredCadre: flag('retiredCadre'),
      municipalCadre: flag('municipalCadre'),
      classified: flag('classified'),
      militaryIndustryLeader: flag('militaryIndustryLeader'),
      publicInstitution: flag('publicInstitution'),
      financialEnterprise: flag('financialEnterprise'),
    }
    if (rowErrors.length || !id.ok || !retirementMonth || !hukou.ok) return void errors.push(...rowErrors)
    const residenceId = residence?.ok && residence.community.id !== hukou.community.id ? residence.community.id : null
    people.push({
      row,
      name,
      idNumber: id.idNumber,
      gender: id.gender,
      birthMonth: id.birthDate.slice(0, 7),
      retirementMonth,
      phone,
      hukouAddress,
      hukouCommunityId: hukou.community.id,
      residenceCommunityId: residenceId,
      categories: {
        employment: employmentOf(flags),
        partyMember: flags.partyMember,
        municipalCadre: flags.municipalCadre,
        classified: flags.classified,
        militaryIndustryLeader: flags.militaryIndustryLeader,
        livesAwayFromHukou: residenceId !== null,
      },
    })
  })
  return { people, referrals, errors, blankRows }
}
