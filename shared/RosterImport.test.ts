import type { Community } from './Organisation'
import { cleanName, matchCommunity, parseFlag, parseRoster, parseRosterDate, parseRosterMonth, ROSTER_COLUMNS, type Cell } from './RosterImport'

const communities: Community[] = [
  { id: 'com-wulan', code: 'WL01', name: '乌兰社区', address: '', serviceHours: '', phone: '' },
  { id: 'com-gerile', code: 'GRL02', name: '格日勒社区', address: '', serviceHours: '', phone: '' },
  { id: 'com-xilin', code: 'XL03', name: '锡林社区', address: '', serviceHours: '', phone: '' },
  { id: 'com-xilin2', code: 'XL04', name: '锡林北社区', address: '', serviceHours: '', phone: '' },
]
const HEADER = ROSTER_COLUMNS.map((c) => c.header)

function row(values: Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], Cell>>): Cell[] {
  return ROSTER_COLUMNS.map((c) => values[c.key] ?? (c.key === 'name' ? '张三' : c.key === 'idNumber' ? '11010519491231002X' : c.key === 'retirementDate' ? '2009-12-31' : c.key === 'hukouAddress' ? '乌兰大街1号' : c.key === 'hukouCommunity' ? '乌兰社区' : ''))
}

describe('cells', () => {
  test.each([
    [36526, '2000-01-01'],
    [new Date(Date.UTC(2015, 2, 15)), '2015-03-15'],
    ['2015-03-15', '2015-03-15'],
    ['2015/3/5', '2015-03-05'],
    ['2015.03.05', '2015-03-05'],
    ['20150305', '2015-03-05'],
    ['2015年3月5日', '2015-03-05'],
    ['２０１５－０３－０５', '2015-03-05'],
    ['2015-02-30', null],
    ['去年', null],
  ])('date %j → %j', (cell, expected) => {
    expect(parseRosterDate(cell as Cell)).toBe(expected)
  })

  test.each([
    [36526, '2000-01'],
    ['2015-03-15', '2015-03'],
    ['2015年3月5日', '2015-03'],
    ['2015-03', '2015-03'],
    ['2015/3', '2015-03'],
    ['2015年3月', '2015-03'],
    ['201503', '2015-03'],
    ['2015-13', null],
    ['去年', null],
  ])('retirement month %j → %j (a full date keeps its month)', (cell, expected) => {
    expect(parseRosterMonth(cell as Cell)).toBe(expected)
  })

  test.each([['是', true], ['否', false], ['Y', true], ['√', true], ['', false], [true, true], ['也许', null]])('flag %j → %j', (cell, expected) => {
    expect(parseFlag(cell as Cell)).toBe(expected)
  })

  test('names keep every letter; any middle dot becomes ·', () => {
    expect(cleanName(' 阿依古丽 • 买买提 ')).toBe('阿依古丽·买买提')
    expect(cleanName('图门吉日嘎拉巴雅尔图额尔德尼')).toBe('图门吉日嘎拉巴雅尔图额尔德尼')
  })

  test('a Chinese name loses the spaces typed inside it; a Latin one keeps one', () => {
    expect(cleanName('张　丽')).toBe('张丽')
    expect(cleanName(' 张 \u3000丽 ')).toBe('张丽')
    expect(cleanName('Ｊｏｈｎ　　Ｓｍｉｔｈ')).toBe('John Smith')
  })

  test('communities by code or name; near misses get suggestions', () => {
    expect(matchCommunity('wl01', communities)).toMatchObject({ ok: true, community: { id: 'com-wulan' } })
    expect(matchCommunity('乌兰', communities)).toMatchObject({ ok: true, community: { id: 'com-wulan' } })
    expect(matchCommunity('锡林', communities)).toMatchObject({ ok: true, community: { id: 'com-xilin' } })
    expect(matchCommunity('林北', communities)).toEqual({ ok: false, message: expect.stringContaining('锡林北社区（XL04）') })
    expect(matchCommunity('月亮社区', communities)).toEqual({ ok: false, message: expect.stringContaining('没有叫「月亮社区」的社区') })
  })
})

describe('a messy roster: every error kind, by row and column, in Chinese', () => {
  const grid: Cell[][] = [
    HEADER,
    row({ name: '斯日古楞', idNumber: '152501195503150010', partyMember: '是' }), // 2 ok
    row({ name: '王秀英', idNumber: '１１０１０５１９４９１２３１００２ｘ' }), // 3 full-width, lowercase x: duplicate of… nothing yet
    row({ name: '李 四', idNumber: '110105491231002' }), // 4 15-digit → 11010519491231002X: duplicate of row 3
    row({ name: '', idNumber: '440524188001010014' }), // 5 empty name
    row({ name: '赵五', idNumber: '440524188001010015' }), // 6 bad check digit
    row({ name: '钱六', idNumber: '152501196001010012', retirementDate: '某年' }), // 7 bad date
    row({ name: '孙七', idNumber: '15250119610101001X', hukouCommunity: '林北' }), // 8 ambiguous community
    row({ name: '周八', idNumber: '152501196201010017', partyMember: '也许' }), // 9 bad flag
    row({ name: '吴九', idNumber: '152501196301010014', phone: '电话138' }), // 10 bad phone
    [], // 11 blank row: skipped
    row({ name: ' 阿依古丽 · 买买提 ', idNumber: ' 1525011955 0315 0029 ', retirementDate: 40000, retiredCadre: '√', hukouCommunity: 'GRL02', residenceCommunity: '锡林社区' }), // 12 ok
  ]
  const result = parseRoster(grid, communities, '2020-03-20')

  test('the good rows come through, normalised', () => {
    expect(result.people.map((p) => [p.row, p.name, p.idNumber])).toEqual([
      [2, '斯日古楞', '152501195503150010'],
      [3, '王秀英', '11010519491231002X'],
      [12, '阿依古丽·买买提', '152501195503150029'],
    ])
    const last = result.people[2]
    expect(last).toMatchObject({ birthMonth: '1955-03', retirementMonth: '2009-07', hukouCommunityId: 'com-gerile', residenceCommunityId: 'com-xilin', categories: { employment: 'retiredCadre', livesAwayFromHukou: true } })
    expect(result.people[0].categories.partyMember).toBe(true)
    expect(result.blankRows).toBe(1)
  })

  test('every problem names its row and column', () => {
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [4, '身份证号'],
      [5, '姓名'],
      [6, '身份证号'],
      [7, '退休日期'],
      [8, '户籍社区'],
      [9, '党员'],
      [10, '联系电话'],
    ])
    expect(result.errors[0].message).toBe('和第 3 行的身份证号重复。')
    expect(result.errors[2].message).toContain('校验位')
    expect(result.errors[4].message).toContain('锡林北社区（XL04）')
  })

  test('a file without the required columns is refused at the header', () => {
    expect(parseRoster([['名字', '号码']], communities, '2020-03-20').errors.map((e) => e.column)).toEqual(['姓名', '身份证号', '退休日期', '户籍地址', '户籍社区'])
  })
})

describe('rows whose hukou is outside the city (转出)', () => {
  // [户籍不在本市, 户籍社区, referred, accepted as a person, the columns of the problems]
  const TABLE: Array<[string, string, number, number, string[]]> = [
    ['是', '', 1, 0, []],
    ['否', '乌兰社区', 0, 1, []],
    ['', '乌兰社区', 0, 1, []],
    ['是', '乌兰社区', 0, 0, ['户籍社区']],
    ['否', '', 0, 0, ['户籍社区']],
    ['也许', '', 0, 0, ['户籍不在本市']],
  ]
  test.each(TABLE)('户籍不在本市 %j, 户籍社区 %j: %i referred, %i accepted', (outside, community, referred, accepted, problems) => {
    const result = parseRoster([HEADER, row({ hukouOutsideCity: outside, hukouCommunity: community, hukouAddress: '锡林浩特市额尔敦路5号', phone: '13904798888' })], communities, '2020-03-20')
    expect(result.referrals).toHaveLength(referred)
    expect(result.people).toHaveLength(accepted)
    expect(result.errors.map((e) => e.column)).toEqual(problems)
    if (referred) expect(result.referrals[0]).toEqual({ row: 2, name: '张三', idNumber: '11010519491231002X', gender: 'female', birthMonth: '1949-12', retirementMonth: '2009-12', phone: '13904798888', hukouAddress: '锡林浩特市额尔敦路5号' })
  })

  test('a referred row still needs a readable ID number, retirement date and hukou address, and counts against duplicates', () => {
    const result = parseRoster([HEADER, row({ hukouOutsideCity: '是', hukouCommunity: '', idNumber: '123', hukouAddress: '' }), row({}), row({ hukouOutsideCity: '是', hukouCommunity: '' })], communities, '2020-03-20')
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '身份证号'],
      [2, '户籍地址'],
      [4, '身份证号'],
    ])
    expect(result.referrals).toEqual([])
    expect(result.people).toHaveLength(1)
  })
})

describe('the roster phone (issue 14 point 4): a mainland mobile or a landline with its area code', () => {
  test.each([
    ['13904791234', true],
    ['139 0479 1234', true],
    ['0479-7521234', true],
    ['010-12345678', true],
    ['', true], // the column is optional
    ['7521234', false], // a landline without its area code
    ['12904791234', false],
    ['1390479123', false],
    ['电话138', false],
  ])('%s accepted: %s', (phone, accepted) => {
    const result = parseRoster([HEADER, row({ phone })], communities, '2020-03-20')
    const errors = result.errors.filter((e) => e.column === '联系电话')
    expect(errors).toHaveLength(accepted ? 0 : 1)
    if (!accepted) expect(errors[0].message).toBe('联系电话应为 11 位手机号（如 13912345678），或带区号的固定电话（如 0479-7521234）。')
    else expect(result.people).toHaveLength(1)
  })
})
