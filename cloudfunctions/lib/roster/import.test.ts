import ExcelJS from 'exceljs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROSTER_COLUMNS } from '../../../shared/RosterImport'
import { checkCharacter } from '../../../shared/IdNumber'
import { seededCloud } from '../../../test/support/cloudHarness'
import { DEVELOPMENT_KEY_WARNING, runImport } from '../../../local/importCli'
import { readRosterFile, rosterTemplate } from './rosterFile'
import { importedCaseId, previewView } from './importService'
import { importProgress } from '../../../shared/ImportJob'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { recordNote } from '../../../shared/CaseState'
import { allCases, withSteps } from '../../../shared/testing/fixtures'
import { addChinaDays } from '../../../shared/ChinaTime'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const ENT = 'dev-ent-water'

/** A unique, valid ID number per n (birth dates spread over 1940-1962). */
function uniqueId(n: number): string {
  const year = 1940 + (n % 23)
  const day = 1 + ((n >> 5) % 28)
  const month = 1 + ((n >> 10) % 12)
  const seq = String(n % 1000).padStart(3, '0')
  const first17 = `152501${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`
  return first17 + checkCharacter(first17)
}

async function xlsx(rows: Array<Array<string | number | Date>>): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('名册')
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.header))
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

function line(name: string, idNumber: string | number, retired: string | number | Date = '2010-05-01', community = '乌兰社区', extra: Partial<Record<string, string>> = {}) {
  return ROSTER_COLUMNS.map((c) =>
    c.key === 'name' ? name : c.key === 'idNumber' ? idNumber : c.key === 'retirementDate' ? retired : c.key === 'hukouAddress' ? '乌兰大街3号' : c.key === 'hukouCommunity' ? community : (extra[c.key] ?? ''),
  )
}

async function preview(cloud: Cloud, fileName: string, contentBase64: string, user = ENT) {
  return cloud.ok(user, 'roster.preview', { fileName, contentBase64 })
}

describe('roster import', () => {
  test('the template has the Chinese headers and reads back', async () => {
    const cloud = await seededCloud({ count: 5 })
    const template = await cloud.ok(ENT, 'roster.template')
    const grid = await readRosterFile('t.xlsx', Buffer.from(template.xlsxBase64, 'base64'))
    expect(grid[0]).toEqual(ROSTER_COLUMNS.map((c) => c.header))
    expect((await rosterTemplate()).csv.split('\r\n')[0]).toBe('\uFEFF' + ROSTER_COLUMNS.map((c) => c.header).join(','))
    cloud.close()
  })

  test('a messy Excel file: problems by row and column; nothing stored until confirmed; then all of it', async () => {
    const cloud = await seededCloud({ count: 5 })
    const before = (await cloud.store.listCases({ limit: 1000 })).items.length
    const file = await xlsx([
      line('图门吉日嘎拉·巴雅尔', uniqueId(1), new Date(Date.UTC(2012, 5, 30))),
      line('王 秀英', uniqueId(2).toLowerCase().replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), 40000),
      line('数字身份证', 152501195503150000),
      line('重复', uniqueId(1)),
      line('社区不明', uniqueId(3), '2011-01-01', '林'),
    ])
    const view = await preview(cloud, '名册.xlsx', file)
    expect(view).toMatchObject({ accepted: 2, newPeople: 2, updates: 0, rejected: 3 })
    expect(view.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, '身份证号'],
      [5, '身份证号'],
      [6, '户籍社区'],
    ])
    expect(view.sample.map((s: { name: string }) => s.name)).toEqual(['图门吉日嘎拉·巴雅尔', '王秀英'])
    expect(JSON.stringify(view)).not.toContain(uniqueId(1))
    expect((await cloud.store.listCases({ limit: 1000 })).items.length).toBe(before)
    const done = await cloud.ok(ENT, 'roster.confirm', { previewId: view.previewId, expectedVersion: view.version })
    expect(done.status).toBe('confirmed')
    const cases = (await cloud.store.listCases({ limit: 1000, enterpriseId: 'ent-water' })).items.filter((c) => c.person.name.includes('巴雅尔') || c.person.name === '王秀英')
    expect(cases.map((c) => [c.person.name, c.actions.map((a) => a.type)])).toEqual(expect.arrayContaining([['图门吉日嘎拉·巴雅尔', ['rosterConfirmed']], ['王秀英', ['rosterConfirmed']]]))
    expect(await cloud.call(ENT, 'roster.confirm', { previewId: view.previewId, expectedVersion: done.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    cloud.close()
  })

  test('rows the policy keeps out of the hand-over are shown apart, by rule, and registered without being handed over', async () => {
    const cloud = await seededCloud({ count: 5 })
    // 一（四）: financial-enterprise retirees stay out only where the office marked the enterprise 另有规定.
    await cloud.ok('dev-office', 'roster.markOwnRules', { enterpriseId: 'ent-water', ownRules: true })
    const view = await preview(
      cloud,
      'scope.xlsx',
      await xlsx([
        line('普通', uniqueId(51)),
        line('离休甲', uniqueId(52), '1985-10-01', '乌兰社区', { retiredCadre: '是' }),
        line('金融', uniqueId(53), '2010-05-01', '乌兰社区', { financialEnterprise: '是' }),
        line('离休乙', uniqueId(54), '1986-01-01', '乌兰社区', { retiredCadre: '√', partyMember: '是' }),
      ]),
    )
    expect(view).toMatchObject({ accepted: 4, newPeople: 4, handOver: 1, rejected: 0 })
    expect(view.outOfScope).toEqual([
      { label: '离休', reason: erenhot2019.categoryRules[0].effect.reason, count: 2, rows: [3, 5] },
      { label: '金融企业退休', reason: erenhot2019.categoryRules[1].effect.reason, count: 1, rows: [4] },
    ])
    expect(view.sample.map((s: { name: string; outOfScope: string | null }) => [s.name, s.outOfScope])).toEqual([
      ['普通', null],
      ['离休甲', '离休'],
      ['金融', '金融企业退休'],
      ['离休乙', '离休'],
    ])
    await cloud.ok(ENT, 'roster.confirm', { previewId: view.previewId, expectedVersion: view.version })
    const cases = await Promise.all([51, 52, 53, 54].map((n) => cloud.store.findCaseByIdNumberHash(cloud.deps.vault.lookupHash(uniqueId(n)))))
    expect(cases.map((c) => [c!.person.name, c!.summary.inScope, c!.actions.length])).toEqual([
      ['普通', true, 1],
      ['离休甲', false, 0],
      ['金融', false, 0],
      ['离休乙', false, 0],
    ])
    cloud.close()
  })

  test('a financial-enterprise retiree is handed over like everyone else until the office marks the enterprise; the mark re-summarises its cases and is audited', async () => {
    const cloud = await seededCloud({ count: 5 })
    const view = await preview(cloud, 'fin.xlsx', await xlsx([line('金融', uniqueId(61), '2010-05-01', '乌兰社区', { financialEnterprise: '是' })]))
    expect(view).toMatchObject({ handOver: 1, outOfScope: [] })
    await cloud.ok(ENT, 'roster.confirm', { previewId: view.previewId, expectedVersion: view.version })
    const find = async () => (await cloud.store.findCaseByIdNumberHash(cloud.deps.vault.lookupHash(uniqueId(61))))!
    // The board's maintained figure moves with the cases: a count over them gives the same number.
    const outFigureTrue = async () => {
      const out = (await cloud.store.listCases({ limit: 1000, enterpriseId: 'ent-water' })).items.filter((c) => !c.summary.inScope).length
      expect((await cloud.store.readFigures('enterprise:ent-water|out')).get('enterprise:ent-water|out') ?? 0).toBe(out)
      return out
    }
    const outBefore = await outFigureTrue()
    expect((await find()).summary.inScope).toBe(true)
    expect(await cloud.call(ENT, 'roster.markOwnRules', { enterpriseId: 'ent-water', ownRules: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const marked = await cloud.ok('dev-office', 'roster.markOwnRules', { enterpriseId: 'ent-water', ownRules: true })
    expect(marked).toMatchObject({ ownRules: true, casesRefreshed: expect.any(Number) })
    expect(marked.casesRead).toBeGreaterThan(marked.casesRefreshed - 1)
    expect(await find()).toMatchObject({ categories: { enterpriseOwnRules: true }, summary: { inScope: false } })
    expect(await outFigureTrue()).toBe(outBefore + 1)
    // Cases of other employment kinds keep their scope.
    const others = (await cloud.store.listCases({ limit: 1000, enterpriseId: 'ent-water' })).items.filter((c) => c.categories.employment === 'soeRetiree')
    expect(others.every((c) => c.summary.inScope)).toBe(true)
    await cloud.ok('dev-office', 'roster.markOwnRules', { enterpriseId: 'ent-water', ownRules: false })
    const unmarked = await find()
    expect(unmarked.summary.inScope).toBe(true)
    expect(unmarked.categories).not.toHaveProperty('enterpriseOwnRules')
    expect(await outFigureTrue()).toBe(outBefore)
    const audit = await cloud.store.listAuditPage({ actorUserId: 'dev-office', from: '2020-03-01T00:00:00Z', to: '2020-03-31T00:00:00Z' }, { limit: 50 })
    expect(audit.items.filter((a) => a.action === 'roster.markOwnRules').map((a) => a.changes?.[0]?.after)).toEqual(['true', 'false'])
    cloud.close()
  })

  test('re-importing a person updates that person, never duplicates them', async () => {
    const cloud = await seededCloud({ count: 5 })
    const first = await preview(cloud, 'a.xlsx', await xlsx([line('巴特', uniqueId(7))]))
    await cloud.ok(ENT, 'roster.confirm', { previewId: first.previewId, expectedVersion: first.version })
    const again = await preview(cloud, 'b.xlsx', await xlsx([line('巴特尔', uniqueId(7), '2010-05-01', '乌兰社区', { partyMember: '是' })]))
    expect(again).toMatchObject({ accepted: 1, newPeople: 0, updates: 1 })
    await cloud.ok(ENT, 'roster.confirm', { previewId: again.previewId, expectedVersion: again.version })
    const hash = cloud.deps.vault.lookupHash(uniqueId(7))
    const all = (await cloud.store.listCases({ limit: 1000 })).items.filter((c) => c.person.idNumber.hash === hash)
    expect(all).toHaveLength(1)
    expect(all[0].person.name).toBe('巴特尔')
    expect(all[0].categories.partyMember).toBe(true)
    cloud.close()
  })

  test('a person already on another enterprise’s roster is refused', async () => {
    const cloud = await seededCloud({ count: 5 })
    const theirs = await preview(cloud, 'heat.xlsx', await xlsx([line('高某', uniqueId(9))]), 'dev-ent-heat')
    await cloud.ok('dev-ent-heat', 'roster.confirm', { previewId: theirs.previewId, expectedVersion: theirs.version })
    const ours = await preview(cloud, 'water.xlsx', await xlsx([line('高某', uniqueId(9))]))
    expect(ours).toMatchObject({ accepted: 0, rejected: 1 })
    // Which enterprise has them is not said: that would tell one enterprise about another's people.
    expect(ours.errors[0].message).toContain('另一家企业')
    for (const e of await cloud.store.listEnterprises()) expect(ours.errors[0].message).not.toContain(e.name)
    expect(await cloud.call(ENT, 'roster.confirm', { previewId: ours.previewId, expectedVersion: ours.version })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    cloud.close()
  })

  test('once the agreement is signed, a re-import cannot move the person to another community', async () => {
    const cloud = await seededCloud({ count: 5 })
    const first = await preview(cloud, 'a.xlsx', await xlsx([line('巴特', uniqueId(31))]))
    await cloud.ok(ENT, 'roster.confirm', { previewId: first.previewId, expectedVersion: first.version })
    const c = (await cloud.store.findCaseByIdNumberHash(cloud.deps.vault.lookupHash(uniqueId(31))))!
    // Before the agreement, moving is an ordinary update.
    const early = await preview(cloud, 'b.xlsx', await xlsx([line('巴特', uniqueId(31), '2010-05-01', 'GRL02')]))
    expect(early).toMatchObject({ accepted: 1, updates: 1, rejected: 0 })
    // Signed by the community only: the move is refused already.
    const communitySigned = withSteps(erenhot2019, c, ['materialsSubmitted', 'agreementCommunitySigned'])
    await cloud.store.commit({ cases: [{ next: communitySigned, expectedVersion: c.version }] })
    const half = await preview(cloud, 'h.xlsx', await xlsx([line('巴特', uniqueId(31), '2010-05-01', 'GRL02')]))
    expect(half).toMatchObject({ accepted: 0, rejected: 1, errors: [{ row: 2, column: '户籍社区', message: expect.stringContaining('接收社区已经在这位退休人员的移交协议上签字') }] })
    const signed = withSteps(erenhot2019, communitySigned, ['agreementSigned'])
    await cloud.store.commit({ cases: [{ next: signed, expectedVersion: communitySigned.version }] })
    const moved = await preview(cloud, 'c.xlsx', await xlsx([line('巴特尔', uniqueId(31), '2010-05-01', 'GRL02')]))
    expect(moved).toMatchObject({ accepted: 0, rejected: 1, errors: [{ row: 2, column: '户籍社区', message: expect.stringContaining('移交协议已经签订') }] })
    // The same row without the move is an ordinary update.
    expect(await preview(cloud, 'd.xlsx', await xlsx([line('巴特尔', uniqueId(31))]))).toMatchObject({ accepted: 1, updates: 1, rejected: 0 })
    // A preview taken before the signature cannot be confirmed after it.
    const res = await cloud.call(ENT, 'roster.confirm', { previewId: early.previewId, expectedVersion: early.version })
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('第 2 行') } })
    expect((await cloud.store.getCase(c.id))!.hukouCommunityId).toBe(c.hukouCommunityId)
    cloud.close()
  })

  test('a re-import cannot undo a detail an accepted correction settled; other details still update', async () => {
    const cloud = await seededCloud({ count: 5 })
    const first = await preview(cloud, 'a.xlsx', await xlsx([line('巴特', uniqueId(41), '2010-05-01', '乌兰社区', { phone: '13900000001' })]))
    await cloud.ok(ENT, 'roster.confirm', { previewId: first.previewId, expectedVersion: first.version })
    const c = (await cloud.store.findCaseByIdNumberHash(cloud.deps.vault.lookupHash(uniqueId(41))))!
    const by = { userId: 'dev-ent-water', role: 'enterpriseOperator' as const }
    const corrected = recordNote(erenhot2019, { ...c, person: { ...c.person, phone: '13900000002' } }, { type: 'correctionAnswered', correctionId: 'corr-1', accepted: true, fields: ['phone'] }, by, new Date('2020-03-20T01:00:00Z'), 'a1')
    // A rejected correction settles nothing.
    const rejected = recordNote(erenhot2019, corrected, { type: 'correctionAnswered', correctionId: 'corr-2', accepted: false, fields: ['name'] }, by, new Date('2020-03-20T01:00:00Z'), 'a2')
    await cloud.store.commit({ cases: [{ next: rejected, expectedVersion: c.version }] })
    const old = await preview(cloud, 'b.xlsx', await xlsx([line('巴特', uniqueId(41), '2010-05-01', '乌兰社区', { phone: '13900000001' })]))
    expect(old).toMatchObject({ accepted: 0, rejected: 1, errors: [{ row: 2, column: '联系电话', message: expect.stringContaining('「联系电话」已按本人的更正申请改正过') }] })
    const current = await preview(cloud, 'c.xlsx', await xlsx([line('巴特尔', uniqueId(41), '2010-05-01', '乌兰社区', { phone: '13900000002' })]))
    expect(current).toMatchObject({ accepted: 1, updates: 1, rejected: 0 })
    await cloud.ok(ENT, 'roster.confirm', { previewId: current.previewId, expectedVersion: current.version })
    expect((await cloud.store.getCase(c.id))!.person).toMatchObject({ name: '巴特尔', phone: '13900000002' })
    // A corrected ID number: the old number, still on an old roster, opens no second case.
    const now = (await cloud.store.getCase(c.id))!
    const newId = uniqueId(42)
    await cloud.store.commit({ cases: [{ next: { ...now, version: now.version + 1, person: { ...now.person, idNumber: cloud.deps.vault.seal(newId) } }, expectedVersion: now.version }] })
    const stale = await preview(cloud, 'd.xlsx', await xlsx([line('巴特尔', uniqueId(41), '2010-05-01', '乌兰社区', { phone: '13900000002' })]))
    expect(stale).toMatchObject({ accepted: 0, rejected: 1, errors: [{ row: 2, column: '身份证号', message: expect.stringContaining('更正申请改成了新的号码') }] })
    // The confirmed preview keeps the phone masked only: the case holds it now.
    expect((await cloud.store.getDoc('rosterPreview', current.previewId))!.people.map((p) => p.phone)).toEqual(['139****0002'])
    cloud.close()
  })

  test('a crash half-way through a chunk leaves nothing of it written; the job then goes on from there', async () => {
    const cloud = await seededCloud({ count: 5 })
    const view = await preview(cloud, 'c.xlsx', await xlsx([line('甲', uniqueId(11)), line('乙', uniqueId(12)), line('丙', uniqueId(13))]))
    const before = (await cloud.store.listCases({ limit: 1000 })).items.length
    // The storage fails on the third case row, inside the one transaction.
    const db = cloud.store.db
    db.exec("CREATE TEMP TRIGGER crash BEFORE INSERT ON cases WHEN (SELECT count(*) FROM cases) >= " + (before + 2) + " BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    const res = await cloud.call(ENT, 'roster.confirm', { previewId: view.previewId, expectedVersion: view.version })
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    db.exec('DROP TRIGGER crash')
    expect((await cloud.store.listCases({ limit: 1000 })).items.length).toBe(before)
    // Confirmed once: the job is there, nothing of its chunk; the screen's next poll writes it.
    // The preview itself is not rewritten by the confirmation: it reads as confirming while its job runs.
    const stored = (await cloud.store.getDoc('rosterPreview', view.previewId))!
    expect(stored.status).toBe('pending')
    const running = (await cloud.store.getDoc('importJob', view.previewId))!
    expect(running).toMatchObject({ rows: 3, rowsDone: 0, status: 'running' })
    // What the operator's screen is told meanwhile: confirming (no confirm button), with the job's progress.
    expect(await previewView(cloud.deps, stored, importProgress(running))).toMatchObject({ status: 'confirming', progress: { rowsDone: 0, status: 'running' } })
    expect(await cloud.call(ENT, 'roster.confirm', { previewId: view.previewId, expectedVersion: view.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await cloud.ok(ENT, 'roster.continueImport', {})).toMatchObject({ status: 'confirmed', progress: { rows: 3, rowsDone: 3, status: 'done' } })
    expect((await cloud.store.listCases({ limit: 1000 })).items.length).toBe(before + 3)
    expect(await cloud.ok(ENT, 'roster.continueImport', {})).toBeNull()
    cloud.close()
  })

  test('a 10 000-row file', async () => {
    const cloud = await seededCloud({ count: 5 })
    const header = ROSTER_COLUMNS.map((c) => c.header).join(',')
    const rows = Array.from({ length: 10_000 }, (_, i) => line(`退休人员${i}`, uniqueId(100_000 + i), '2010-05-01', i % 2 ? '乌兰社区' : 'GRL02').join(','))
    const csv = [header, ...rows].join('\n')
    const view = await preview(cloud, 'big.csv', Buffer.from(csv).toString('base64'))
    expect(view).toMatchObject({ accepted: 10_000, rejected: 0 })
    expect(view.sample).toHaveLength(20)
    // Written for a while by the confirmation, then by the screen's polls until the end, never going back.
    let progress = (await cloud.ok(ENT, 'roster.confirm', { previewId: view.previewId, expectedVersion: view.version })).progress
    for (let polls = 0; progress.status === 'running'; polls++) {
      const next = (await cloud.ok(ENT, 'roster.continueImport', { previewId: view.previewId })).progress
      expect(next.rowsDone).toBeGreaterThan(progress.rowsDone)
      progress = next
      expect(polls).toBeLessThan(20)
    }
    expect(progress).toEqual({ rows: 10_000, rowsDone: 10_000, status: 'done', failure: null })
    const page = await cloud.store.listCases({ limit: 1000, enterpriseId: 'ent-water' })
    expect(page.items.length).toBe(1000)
    const count = (cloud.store.db.prepare("SELECT count(*) AS n FROM cases WHERE enterprise_id = 'ent-water'").get() as { n: number }).n
    expect(count).toBeGreaterThanOrEqual(10_000)
    cloud.close()
  }, 120_000)

  test('the command line prints a JSON summary and fails when nothing was accepted', async () => {
    const cloud = await seededCloud({ count: 5 })
    const dir = mkdtempSync(join(tmpdir(), 'roster-'))
    const good = join(dir, 'good.csv')
    writeFileSync(good, [ROSTER_COLUMNS.map((c) => c.header).join(','), line('命令行', uniqueId(21)).join(','), line('坏行', '123').join(','), line('离休', uniqueId(22), '1985-10-01', '乌兰社区', { retiredCadre: '是' }).join(',')].join('\n'))
    const warnings: string[] = []
    const warn = (text: string) => warnings.push(text)
    const ok = await runImport(cloud.store, { enterpriseCode: 'GPS', file: good, now: new Date('2020-03-20T01:00:00Z'), env: {}, warn })
    expect(ok).toMatchObject({ exitCode: 0, summary: { accepted: 2, created: 2, outOfScope: 1, rejected: 1, errors: [{ row: 3, column: '身份证号' }] } })
    // Without PII_MASTER_KEY the development key is used, and said loudly.
    expect(warnings).toEqual([DEVELOPMENT_KEY_WARNING])
    expect(DEVELOPMENT_KEY_WARNING).toContain('PII_MASTER_KEY')
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, [ROSTER_COLUMNS.map((c) => c.header).join(','), line('坏行', '123').join(',')].join('\n'))
    const key = { PII_MASTER_KEY: 'ab'.repeat(32) }
    expect((await runImport(cloud.store, { enterpriseCode: 'GPS', file: bad, env: key, warn })).exitCode).toBe(1)
    expect((await runImport(cloud.store, { enterpriseCode: 'NOPE', file: bad, env: key, warn })).exitCode).toBe(2)
    expect(warnings).toHaveLength(1)
    cloud.close()
  })

  test('after a key rotation the command line still finds the people already stored: a re-import updates, never duplicates', async () => {
    const cloud = await seededCloud({ count: 5 })
    const dir = mkdtempSync(join(tmpdir(), 'roster-'))
    const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name))
    const header = ROSTER_COLUMNS.map((c) => c.header).join(',')
    const first = { PII_MASTER_KEY: 'ab'.repeat(32) }
    const now = new Date('2020-03-20T01:00:00Z')
    const warn = () => undefined
    expect(await runImport(cloud.store, { enterpriseCode: 'GPS', file: file('a.csv', [header, line('轮换', uniqueId(31)).join(',')].join('\n')), now, env: first, warn })).toMatchObject({ exitCode: 0, summary: { created: 1 } })
    // Rotated: a new master key, the old one as previous, the look-up key the first one.
    const rotated = { PII_MASTER_KEY: 'cd'.repeat(32), PII_PREVIOUS_KEY: first.PII_MASTER_KEY, PII_LOOKUP_KEY: first.PII_MASTER_KEY }
    const again = await runImport(cloud.store, { enterpriseCode: 'GPS', file: file('b.csv', [header, line('轮换', uniqueId(31), '2010-05-01', '乌兰社区', { partyMember: '是' }).join(',')].join('\n')), now, env: rotated, warn })
    expect(again).toMatchObject({ exitCode: 0, summary: { created: 0, updated: 1 } })
    const named = (await cloud.store.listCases({ limit: 1000 })).items.filter((c) => c.person.name === '轮换')
    expect(named).toHaveLength(1)
    expect(named[0].categories.partyMember).toBe(true)
    cloud.close()
  })
})

describe('a new retiree added by a form, after the plan’s fixed dates', () => {
  const form = (idNumber: string) => ({ name: '巴特尔', idNumber, retirementDate: '2023-04', phone: '13904791234', hukouAddress: '乌兰大街3号', hukouCommunity: '乌兰社区', partyMember: '是' })

  test('is checked as one roster row and, once confirmed, is due each stage N days after the day it was added', async () => {
    const cloud = await seededCloud({ count: 5, now: '2023-05-10T02:00:00Z' })
    const p = await cloud.ok(ENT, 'roster.previewPerson', form(uniqueId(4242)))
    expect(p).toMatchObject({ accepted: 1, rejected: 0, newPeople: 1, status: 'pending' })
    expect(await cloud.ok(ENT, 'roster.confirm', { previewId: p.previewId, expectedVersion: p.version })).toMatchObject({ status: 'confirmed' })
    // The form's person is the one row of a one-row roster: the first its job writes.
    const added = (await cloud.store.getCase(importedCaseId(p.previewId, 1)))!
    expect(added.person.name).toBe('巴特尔')
    expect(added.categories.partyMember).toBe(true)
    for (const s of erenhot2019.stages) expect(added.summary.stages[s.id]?.deadline).toBe(addChinaDays('2023-05-10', s.daysAfterOpening!))
    // The confirmation itself is the roster step: the materials, due in 30 days, come next.
    expect(added.summary.stages.roster?.state).toBe('done')
    expect(added.summary.nextDeadline).toBe('2023-06-09')
  })

  test('a field with a problem is named in Chinese and nothing is saved', async () => {
    const cloud = await seededCloud({ count: 5, now: '2023-05-10T02:00:00Z' })
    const before = (await allCases(cloud.store)).length
    const p = await cloud.ok(ENT, 'roster.previewPerson', form('152501196503150012'))
    expect(p).toMatchObject({ accepted: 0, rejected: 1 })
    expect(p.errors[0]).toMatchObject({ column: '身份证号' })
    expect((await allCases(cloud.store)).length).toBe(before)
  })
})
