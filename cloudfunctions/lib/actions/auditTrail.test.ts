/** The supervisor's audit trail: per case and per member of staff, paged, named in plain words, refused to everyone else. */
import { CASE_ACTION_NAMES } from '../../../shared/CaseAction'
import { ROLES } from '../../../shared/Role'
import { AUDIT_TRAIL_PAGE, type AuditTrailView } from '../../../shared/AuditTrail'
import { CALLER_OF } from '../../../test/security/samples'
import { seededCloud } from '../../../test/support/cloudHarness'
import { auditIds, auditSince, fingerprint } from '../../../test/security/storeTrace'

const OFFICE = 'dev-office'
const GRID = 'dev-grid-wulan'

test("a case's trail: every action and view, who (name and role), when (China time), what, the masked changes and the outcome", async () => {
  const cloud = await seededCloud({ count: 10 })
  const c = await cloud.addCase('case-9001')
  cloud.clock.set('2020-03-20T01:00:00Z')
  await cloud.ok(GRID, 'case.get', { caseId: 'case-9001' })
  cloud.clock.set('2020-03-20T02:30:00Z')
  await cloud.ok('dev-ent-water', 'case.recordStep', { caseId: 'case-9001', expectedVersion: c.version, step: { type: 'rosterConfirmed' } })
  cloud.clock.set('2020-03-20T03:00:00Z')
  await cloud.call('dev-grid-gerile', 'case.get', { caseId: 'case-9001' })
  // A member of staff removed since: the trail shows their id masked.
  await cloud.ok(OFFICE, 'staff.remove', { userId: 'dev-grid-gerile' })

  const trail = await cloud.ok<AuditTrailView>(OFFICE, 'audit.case', { caseId: 'case-9001' })
  expect(trail.nextCursor).toBeNull()
  expect(trail.items.map((i) => [i.who, i.roleName, i.when, i.what, i.outcome])).toEqual([
    ['网格员 孟和', '网格员', '2020年3月20日 09:00', '查看个人信息（含完整电话）', '已办理'],
    ['经办人 刘建华', '企业经办人', '2020年3月20日 10:30', '办理一个步骤', '已办理'],
    ['经办人 刘建华', '企业经办人', '2020年3月20日 10:30', '查看个人信息（含完整电话）', '已办理'],
    ['dev-****', '网格员', '2020年3月20日 11:00', '查看个人信息', '被拒绝'],
  ])
  expect(trail.items[1].changes).toContainEqual({ field: '办理步骤', before: null, after: CASE_ACTION_NAMES.rosterConfirmed })
  expect(trail.items.map((i) => i.refused)).toEqual([false, false, false, true])
  const shown = JSON.stringify(trail)
  for (const secret of [c.person.name, c.person.phone, await cloud.idNumberOf('case-9001')]) expect(shown).not.toContain(secret)
  // The supervisor's reading is in the trail too, once.
  expect((await cloud.ok<AuditTrailView>(OFFICE, 'audit.case', { caseId: 'case-9001' })).items.map((i) => [i.who, i.what])).toContainEqual(['领导小组办公室 余宏利', '查看案例的操作记录'])
  cloud.close()
})

test('a long trail comes 50 entries a page, in time order, nothing skipped or repeated; only the first page is audited', async () => {
  const cloud = await seededCloud({ count: 10 })
  await cloud.addCase('case-9001')
  for (let i = 0; i < 123; i++) {
    cloud.clock.set(new Date(Date.UTC(2020, 2, 20, 1, Math.floor(i / 3))))
    await cloud.ok(i % 2 ? GRID : 'dev-archives', 'case.get', { caseId: 'case-9001' })
  }
  const expected = (await cloud.store.listAudit('case-9001')).map((e) => e.id)
  expect(expected).toHaveLength(123)
  const pages: string[][] = []
  let after: string | undefined
  do {
    const page: AuditTrailView = await cloud.ok(OFFICE, 'audit.case', { caseId: 'case-9001', after })
    pages.push(page.items.map((i) => i.id))
    after = page.nextCursor ?? undefined
  } while (after)
  // The supervisor's own reading (written after the first page, at the latest instant) ends the trail.
  const reads = (await cloud.store.listAudit('case-9001')).filter((e) => e.action === 'audit.case')
  expect(reads).toHaveLength(1)
  expect(pages.map((p) => p.length)).toEqual([AUDIT_TRAIL_PAGE, AUDIT_TRAIL_PAGE, 24])
  expect(pages.flat()).toEqual([...expected, reads[0].id])
  cloud.close()
})

test("a member of staff's trail covers whole China days, from and to included", async () => {
  const cloud = await seededCloud({ count: 10 })
  await cloud.addCase('case-9001')
  const at = async (instant: string) => {
    cloud.clock.set(instant)
    await cloud.ok(GRID, 'case.get', { caseId: 'case-9001' })
  }
  await at('2020-03-18T15:59:59.999Z') // 3月18日 23:59 China time: before
  await at('2020-03-18T16:00:00.000Z') // 3月19日 00:00: in
  await at('2020-03-20T15:59:59.999Z') // 3月20日 23:59: in
  await at('2020-03-20T16:00:00.000Z') // 3月21日 00:00: after
  await cloud.ok('dev-archives', 'case.get', { caseId: 'case-9001' })
  const trail = await cloud.ok<AuditTrailView>(OFFICE, 'audit.staff', { userId: GRID, from: '2020-03-19', to: '2020-03-20' })
  expect(trail.items.map((i) => [i.who, i.when, i.caseId])).toEqual([
    ['网格员 孟和', '2020年3月19日 00:00', 'case-9001'],
    ['网格员 孟和', '2020年3月20日 23:59', 'case-9001'],
  ])
  expect(await cloud.call(OFFICE, 'audit.staff', { userId: GRID, from: '2020-03-21', to: '2020-03-19' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '开始日期不能晚于结束日期' } })
  expect(await cloud.call(OFFICE, 'audit.staff', { userId: GRID, from: '2019-01-01', to: '2020-03-19' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '一次最多查 366 天' } })
  expect(await cloud.call(OFFICE, 'audit.staff', { userId: GRID, from: '2020-02-30', to: '2020-03-19' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  cloud.close()
})

test.each(ROLES.filter((r) => r !== 'supervisor'))('a %s is refused every trail and its download, and only the refusal is written', async (role) => {
  const cloud = await seededCloud({ count: 10 })
  const samples = [
    ['audit.case', { caseId: 'case-0001' }],
    ['audit.staff', { userId: GRID, from: '2020-03-01', to: '2020-03-31' }],
    ['export.audit', { caseId: 'case-0001' }],
  ] as const
  for (const [action, input] of samples) {
    const before = fingerprint(cloud.store)
    const known = auditIds(cloud.store)
    expect(await cloud.call(CALLER_OF[role], action, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(fingerprint(cloud.store)).toBe(before)
    expect(auditSince(cloud.store, known).map((e) => [e.action, e.outcome])).toEqual([[action, 'refused']])
  }
  cloud.close()
})

test("a seeded case's trail holds one entry per recorded action, at its time, by whoever recorded it", async () => {
  const cloud = await seededCloud({ count: 40 })
  const cases = (await cloud.store.listCases({ limit: 100 })).items
  const c = cases.reduce((most, x) => (x.actions.length > most.actions.length ? x : most))
  expect(c.actions.length).toBeGreaterThanOrEqual(5)
  const trail = await cloud.ok<AuditTrailView>(OFFICE, 'audit.case', { caseId: c.id })
  const seeded = trail.items.slice(0, c.actions.length)
  expect(seeded.map((i) => [i.at, i.changes])).toEqual(c.actions.map((a) => [a.at, [{ field: '办理步骤', before: null, after: CASE_ACTION_NAMES[a.type] }]]))
  expect(seeded.every((i) => i.outcome === '已办理' && !i.who.includes('*'))).toBe(true)
  cloud.close()
})
