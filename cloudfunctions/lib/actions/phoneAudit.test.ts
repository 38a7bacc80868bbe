/** Staff reads of a retiree's full phone number leave an audit entry; masked reads do not. */
import { seededCloud } from '../../../test/support/cloudHarness'
import { PHONE_VIEWED } from './common'

test('a grid worker who sees the full number is audited; an archives officer sees it masked and is not', async () => {
  const cloud = await seededCloud({ count: 10 })
  await cloud.addCase('case-9001')
  const phone = (await cloud.store.getCase('case-9001'))!.person.phone
  expect(phone).toMatch(/^1\d{10}$/)
  const views = async () => (await cloud.store.listAudit('case-9001')).filter((e) => e.action === PHONE_VIEWED)

  const grid = await cloud.ok('dev-grid-wulan', 'case.get', { caseId: 'case-9001' })
  expect(grid.phone).toBe(phone)
  expect(await views()).toEqual([expect.objectContaining({ actor: { userId: 'dev-grid-wulan', role: 'gridWorker' }, caseId: 'case-9001', outcome: 'done', changes: [] })])

  const archives = await cloud.ok('dev-archives', 'case.get', { caseId: 'case-9001' })
  expect(archives.phone).not.toBe(phone)
  expect(await views()).toHaveLength(1)

  await cloud.ok('dev-ent-water', 'case.get', { caseId: 'case-9001' })
  expect((await views()).map((e) => e.actor.userId)).toEqual(['dev-grid-wulan', 'dev-ent-water'])
  cloud.close()
})

test('every member of staff who opens a case leaves one view entry (who, role, when, which case, outcome) holding nothing personal', async () => {
  const cloud = await seededCloud({ count: 10 })
  const c = await cloud.addCase('case-9002')
  const entries = async () => (await cloud.store.listAudit('case-9002')).map((e) => [e.action, e.actor.userId, e.actor.role, e.outcome, e.at, e.changes])
  const at = cloud.clock.now().toISOString()

  await cloud.ok('dev-archives', 'case.get', { caseId: 'case-9002' })
  await cloud.ok('dev-office', 'case.get', { caseId: 'case-9002' })
  // One entry for a grid worker too, though they see the full number.
  await cloud.ok('dev-grid-wulan', 'case.get', { caseId: 'case-9002' })
  await cloud.ok('dev-grid-wulan', 'materials.get', { caseId: 'case-9002' })
  expect(await cloud.call('dev-grid-gerile', 'case.get', { caseId: 'case-9002' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await entries()).toEqual([
    ['case.get', 'dev-archives', 'archivesOfficer', 'done', at, []],
    ['case.get', 'dev-office', 'supervisor', 'done', at, []],
    [PHONE_VIEWED, 'dev-grid-wulan', 'gridWorker', 'done', at, []],
    ['materials.get', 'dev-grid-wulan', 'gridWorker', 'done', at, []],
    ['case.get', 'dev-grid-gerile', 'gridWorker', 'refused', at, []],
  ])
  const stored = JSON.stringify(await cloud.store.listAudit('case-9002'))
  for (const secret of [c.person.name, c.person.phone, await cloud.idNumberOf('case-9002'), c.person.idNumber.masked]) expect(stored).not.toContain(secret)
  cloud.close()
})
