/**
 * 转出: a roster row whose hukou is outside the city is no error. It opens no case; on
 * confirmation it becomes a referral the office lists, with the person's details masked, and
 * marks sent. Re-importing updates the same referral; the ID number stays sealed.
 */
import ExcelJS from 'exceljs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runImport } from '../../../local/importCli'
import { checkCharacter } from '../../../shared/IdNumber'
import { ROSTER_COLUMNS } from '../../../shared/RosterImport'
import { seededCloud } from '../../../test/support/cloudHarness'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const ENT = 'dev-ent-water'
const OFFICE = 'dev-office'

function idOf(n: number): string {
  const first17 = `15250119${50 + (n % 9)}0${1 + (n % 9)}1${n % 10}${String(300 + n).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

async function file(rows: Array<Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], string>>>): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('名册')
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.header))
  for (const r of rows) sheet.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? ''))
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

const away = (n: number, extra: Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], string>> = {}) => ({
  name: `转出${n}`,
  idNumber: idOf(n),
  retirementDate: '2012-06',
  phone: '13904798888',
  hukouAddress: '锡林浩特市额尔敦路5号',
  hukouOutsideCity: '是',
  ...extra,
})
const local = (n: number) => ({ name: `本市${n}`, idNumber: idOf(n), retirementDate: '2011-03', hukouAddress: '乌兰大街3号', hukouCommunity: '乌兰社区' })

async function importRoster(cloud: Cloud, rows: Parameters<typeof file>[0]) {
  const preview = await cloud.ok(ENT, 'roster.preview', { fileName: '名册.xlsx', contentBase64: await file(rows) })
  return { preview, confirmed: preview.accepted + preview.referrals > 0 ? await cloud.ok(ENT, 'roster.confirm', { previewId: preview.previewId, expectedVersion: preview.version }) : null }
}

/** A cloud without the demo's own referral, so each test reads only what it wrote. */
async function cloudWithoutReferrals(): Promise<Cloud> {
  const cloud = await seededCloud({ count: 5 })
  const seeded = (await cloud.store.listDocs('referral', {}, { limit: 100 })).items
  expect(seeded).toHaveLength(1)
  await cloud.store.commit({ removeDocs: seeded.map((r) => ({ kind: 'referral' as const, id: r.id })) })
  return cloud
}

const secretFree = (cloud: Cloud, id: string) => !JSON.stringify(cloud.store.db.prepare('SELECT doc FROM docs').all()).includes(id)

test('an out-of-city row becomes a referral for the office, not an error and not a case; the office marks it sent', async () => {
  const cloud = await cloudWithoutReferrals()
  const casesBefore = await cloud.store.countCases({})
  const preview = await cloud.ok(ENT, 'roster.preview', { fileName: '名册.xlsx', contentBase64: await file([local(1), away(2), away(3, { hukouCommunity: '乌兰社区' }), away(4, { hukouOutsideCity: '也许' })]) })
  expect(preview).toMatchObject({ accepted: 1, referrals: 1, rejected: 2 })
  expect(preview.errors).toEqual([
    { row: 4, column: '户籍社区', message: expect.stringContaining('不填户籍社区') },
    { row: 5, column: '户籍不在本市', message: expect.stringContaining('看不懂') },
  ])
  // Nothing for the office before the enterprise confirms.
  expect((await cloud.ok(OFFICE, 'roster.referrals')).items).toEqual([])
  await cloud.ok(ENT, 'roster.confirm', { previewId: preview.previewId, expectedVersion: preview.version })
  expect(await cloud.store.countCases({})).toBe(casesBefore + 1)

  const list = await cloud.ok(OFFICE, 'roster.referrals')
  expect(list.items).toEqual([
    expect.objectContaining({ name: '转出2', enterpriseName: expect.any(String), idNumberMasked: expect.stringMatching(/\*/), phone: '139****8888', hukouAddress: '锡林浩特市额尔敦路5号', birthMonth: expect.stringMatching(/^\d{4}-\d{2}$/), retirementMonth: '2012-06', status: 'open' }),
  ])
  expect(JSON.stringify(list)).not.toContain(idOf(2))
  expect(secretFree(cloud, idOf(2))).toBe(true)
  expect(secretFree(cloud, '13904798888')).toBe(false) // the referral keeps the number the office forwards
  const row = list.items[0]

  // Only the office: the enterprise and the communities have no such list.
  for (const who of [ENT, 'dev-grid-wulan', 'dev-admin-wulan']) {
    expect(await cloud.call(who, 'roster.referrals')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call(who, 'roster.markReferralSent', { id: row.id, expectedVersion: row.version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  }

  expect(await cloud.call(OFFICE, 'roster.markReferralSent', { id: row.id, expectedVersion: row.version + 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  const sent = await cloud.ok(OFFICE, 'roster.markReferralSent', { id: row.id, expectedVersion: row.version })
  expect(sent).toMatchObject({ id: row.id, status: 'sent', sentAt: cloud.clock.now().toISOString() })
  expect(await cloud.call(OFFICE, 'roster.markReferralSent', { id: row.id, expectedVersion: sent.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect((await cloud.ok(OFFICE, 'roster.referrals')).items).toEqual([])
  expect((await cloud.ok(OFFICE, 'roster.referrals', { status: 'sent' })).items.map((r: { id: string }) => r.id)).toEqual([row.id])
  cloud.close()
})

test('re-importing a referred person updates the same referral and keeps it sent; they cannot come back as a local case unnoticed', async () => {
  const cloud = await cloudWithoutReferrals()
  await importRoster(cloud, [away(7)])
  const [first] = (await cloud.ok(OFFICE, 'roster.referrals')).items
  await cloud.ok(OFFICE, 'roster.markReferralSent', { id: first.id, expectedVersion: first.version })
  const again = await importRoster(cloud, [away(7, { hukouAddress: '锡林浩特市宝力根路8号' })])
  expect(again.preview).toMatchObject({ referrals: 1, rejected: 0 })
  const sent = (await cloud.ok(OFFICE, 'roster.referrals', { status: 'sent' })).items
  expect(sent).toEqual([expect.objectContaining({ id: first.id, hukouAddress: '锡林浩特市宝力根路8号', status: 'sent' })])
  expect(await cloud.store.listDocs('referral', {}, { limit: 100 })).toMatchObject({ items: [expect.anything()] })
  // The same person as a local row: named, not silently handed over as well.
  const localAgain = (await importRoster(cloud, [{ ...local(7), idNumber: idOf(7) }])).preview
  expect(localAgain).toMatchObject({ accepted: 0, errors: [{ column: '户籍不在本市', message: expect.stringContaining('已转出') }] })
  // And someone already handed over here is not referred out.
  const c = (await cloud.store.listCases({ limit: 1 })).items[0]
  const id = await cloud.idNumberOf(c.id)
  const out = (await importRoster(cloud, [away(8, { idNumber: id })])).preview
  expect(out).toMatchObject({ referrals: 0, errors: [{ column: '户籍不在本市', message: expect.stringContaining('不能再转出') }] })
  cloud.close()
})

test('another enterprise cannot refer the same person again', async () => {
  const cloud = await cloudWithoutReferrals()
  await importRoster(cloud, [away(9)])
  const other = await cloud.ok('dev-ent-heat', 'roster.preview', { fileName: '名册.xlsx', contentBase64: await file([away(9)]) })
  expect(other).toMatchObject({ referrals: 0, errors: [{ column: '身份证号', message: expect.stringContaining('另一家企业') }] })
  cloud.close()
})

test('two previews of one person, one local and one out of city, cannot both be confirmed: the second is a conflict', async () => {
  const cloud = await cloudWithoutReferrals()
  const preview = async (userId: string, rows: Parameters<typeof file>[0]) => cloud.ok(userId, 'roster.preview', { fileName: '名册.xlsx', contentBase64: await file(rows) })
  const confirm = (userId: string, p: { previewId: string; version: number }) => cloud.call(userId, 'roster.confirm', { previewId: p.previewId, expectedVersion: p.version })
  // Handed over first, then the referral preview taken before it is refused.
  const asLocal = await preview(ENT, [local(11)])
  const asAway = await preview('dev-ent-heat', [away(11)])
  expect(await confirm(ENT, asLocal)).toMatchObject({ ok: true })
  expect(await confirm('dev-ent-heat', asAway)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已经登记移交') } })
  // Referred first, then the local preview taken before it is refused.
  const asLocal2 = await preview(ENT, [local(12)])
  const asAway2 = await preview('dev-ent-heat', [away(12)])
  expect(await confirm('dev-ent-heat', asAway2)).toMatchObject({ ok: true })
  expect(await confirm(ENT, asLocal2)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('转出人员') } })
  expect((await cloud.store.listDocs('referral', {}, { limit: 100 })).items).toHaveLength(1)
  cloud.close()
})

test('the command line refers an out-of-city row too, and counts it as done', async () => {
  const cloud = await cloudWithoutReferrals()
  const path = join(mkdtempSync(join(tmpdir(), 'referral-')), 'away.csv')
  const csvRow = (r: Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], string>>) => ROSTER_COLUMNS.map((c) => r[c.key] ?? '').join(',')
  writeFileSync(path, [ROSTER_COLUMNS.map((c) => c.header).join(','), csvRow(away(11))].join('\n'))
  const run = await runImport(cloud.store, { enterpriseCode: 'GPS', file: path, now: new Date('2020-03-20T01:00:00Z'), env: { PII_MASTER_KEY: 'ab'.repeat(32) } })
  expect(run).toMatchObject({ exitCode: 0, summary: { accepted: 0, referred: 1, rejected: 0 } })
  expect((await cloud.store.listDocs('referral', { status: 'open' }, { limit: 10 })).items.map((r) => r.name)).toEqual(['转出11'])
  cloud.close()
})
