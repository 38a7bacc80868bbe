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
