import { MAX_RELATIVES } from '../../../shared/FamilyInvite'
import type { FamilyView } from '../../../shared/Views'
import { seededCloud } from '../../../test/support/cloudHarness'

const GRID = 'dev-grid-wulan'

describe('a relative invited by the community after an in-person check (issue 14.2)', () => {
  test('staff issue the invitation only with the relationship checked; a relative redeems it as one the retiree issued; issue and use are audited and told in the inbox', async () => {
    const cloud = await seededCloud({ count: 10 })
    expect(await cloud.call(GRID, 'family.staffInvite', { caseId: 'case-0001', mayConfirm: false })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请先当面核对亲属关系和双方的身份证' } })
    const before = await cloud.ok<FamilyView>(GRID, 'family.ofCase', { caseId: 'case-0001' })
    const view = await cloud.ok<FamilyView>(GRID, 'family.staffInvite', { caseId: 'case-0001', mayConfirm: true, relationChecked: true })
    expect(view.openInvites).toHaveLength(before.openInvites.length + 1)
    expect(view.remaining).toBe(before.remaining - 1)
    const code = view.openInvites.at(-1)!.code
    await cloud.ok('wx-daughter', 'binding.acceptInvite', { code, name: '女儿 娜仁' })
    expect((await cloud.ok(GRID, 'binding.people', { caseId: 'case-0001' })).relatives).toContainEqual({ userId: 'wx-daughter', name: '女儿娜仁' })
    const after = await cloud.ok<FamilyView>(GRID, 'family.ofCase', { caseId: 'case-0001' })
    expect(after.relatives).toContainEqual({ userId: 'wx-daughter', name: '女儿娜仁', mayConfirm: true })
    expect(after.openInvites).toEqual(before.openInvites)
    expect((await cloud.newAudit('case-0001')).filter((e) => e.action === 'family.staffInvite').map((e) => [e.actor.userId, e.outcome])).toEqual([[GRID, 'done']])
    expect((await cloud.ok('wx-daughter', 'inbox.list')).items.map((m: { title: string }) => m.title)).toContain('社区给您的亲属开了邀请码')
    cloud.close()
  })

  test('staff revoke an open invitation: it can no longer be used, its place is free, the revocation is audited', async () => {
    const cloud = await seededCloud({ count: 10 })
    const before = await cloud.ok<FamilyView>(GRID, 'family.ofCase', { caseId: 'case-0001' })
    const { openInvites } = await cloud.ok<FamilyView>(GRID, 'family.staffInvite', { caseId: 'case-0001', mayConfirm: false, relationChecked: true })
    const code = openInvites.at(-1)!.code
    const after = await cloud.ok<FamilyView>(GRID, 'family.staffRevokeInvite', { caseId: 'case-0001', code })
    expect(after).toMatchObject({ openInvites: before.openInvites, remaining: before.remaining })
    expect((await cloud.call('wx-stranger', 'binding.acceptInvite', { code, name: '王五' })).ok).toBe(false)
    expect((await cloud.newAudit('case-0001')).map((e) => e.action)).toEqual(expect.arrayContaining(['family.staffInvite', 'family.staffRevokeInvite']))
    cloud.close()
  })

  test(`no more than ${MAX_RELATIVES} places, and another community's staff may not invite`, async () => {
    const cloud = await seededCloud({ count: 10 })
    const { remaining } = await cloud.ok<FamilyView>(GRID, 'family.ofCase', { caseId: 'case-0001' })
    expect(remaining).toBeGreaterThan(0)
    for (let i = 0; i < remaining; i++) await cloud.ok(GRID, 'family.staffInvite', { caseId: 'case-0001', mayConfirm: false, relationChecked: true })
    expect(await cloud.call(GRID, 'family.staffInvite', { caseId: 'case-0001', mayConfirm: false, relationChecked: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await cloud.call('dev-grid-gerile', 'family.staffInvite', { caseId: 'case-0001', mayConfirm: false, relationChecked: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('dev-retiree-1', 'family.staffInvite', { caseId: 'case-0001', mayConfirm: false, relationChecked: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })
})

describe('staff see only the invitation codes they issued (review: a code read off the card binds as a relative)', () => {
  test("a retiree's own code never reaches staff; staff see theirs, and who issued the others; the read is audited", async () => {
    const cloud = await seededCloud({ count: 10 })
    const retireeCode = (await cloud.ok<FamilyView>('dev-retiree-1', 'family.invite', { mayConfirm: true })).openInvites.at(-1)!.code
    const issued = await cloud.ok<FamilyView>(GRID, 'family.staffInvite', { caseId: 'case-0001', mayConfirm: false, relationChecked: true })
    const staffCode = issued.openInvites.at(-1)!.code
    for (const view of [issued, await cloud.ok<FamilyView>(GRID, 'family.ofCase', { caseId: 'case-0001' })]) {
      expect(JSON.stringify(view)).not.toContain(retireeCode)
      expect(view.openInvites.map((i) => i.code)).toEqual([staffCode])
      expect(view.othersOpen).toContainEqual(expect.objectContaining({ issuedBy: '老人本人' }))
    }
    // Another member of staff of the community sees the first one's code as issued by them, not the code.
    const admin = await cloud.ok<FamilyView>('dev-admin-wulan', 'family.ofCase', { caseId: 'case-0001' })
    expect(JSON.stringify(admin)).not.toContain(staffCode)
    expect(JSON.stringify(admin)).not.toContain(retireeCode)
    expect(admin.openInvites).toEqual([])
    expect(admin.othersOpen.map((o) => o.issuedBy)).toEqual(expect.arrayContaining(['老人本人', expect.stringContaining('社区')]))
    // The retiree still sees every open code of their case.
    expect((await cloud.ok<FamilyView>('dev-retiree-1', 'family.list', {})).openInvites.map((i) => i.code)).toEqual(expect.arrayContaining([retireeCode, staffCode]))
    expect((await cloud.newAudit('case-0001')).filter((e) => e.action === 'family.ofCase').map((e) => e.actor.userId)).toEqual([GRID, 'dev-admin-wulan'])
    cloud.close()
  })
})
