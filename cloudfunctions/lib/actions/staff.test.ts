import { seededCloud } from '../../../test/support/cloudHarness'

const OFFICE = 'dev-office'
const ADMIN = 'dev-admin-wulan'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

/** The audit entries about staff, oldest first, as stored. */
function staffAudit(cloud: Cloud): Array<{ action: string; outcome: string; actor: { userId: string }; changes: Array<{ field: string; before: string | null; after: string | null }> }> {
  const rows = cloud.store.db.prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.action') LIKE 'staff.%' ORDER BY json_extract(doc, '$.at'), rowid").all() as Array<{ doc: string }>
  return rows.map((r) => JSON.parse(r.doc))
}

describe('picking the organisation of an invite', () => {
  test('the list fits the role: enterprises, communities, or the one bureau', async () => {
    const cloud = await seededCloud({ count: 5 })
    const communities = (await cloud.store.listCommunities()).map((c) => c.id)
    const enterprises = (await cloud.store.listEnterprises()).map((e) => e.id)
    expect((await cloud.ok(OFFICE, 'staff.orgs', { role: 'gridWorker' })).items.map((o: { orgId: string }) => o.orgId)).toEqual(communities)
    expect((await cloud.ok(OFFICE, 'staff.orgs', { role: 'communityAdmin' })).items.map((o: { orgId: string }) => o.orgId)).toEqual(communities)
    expect((await cloud.ok(OFFICE, 'staff.orgs', { role: 'enterpriseOperator' })).items.map((o: { orgId: string }) => o.orgId)).toEqual(enterprises)
    expect((await cloud.ok(OFFICE, 'staff.orgs', { role: 'archivesOfficer' })).items).toEqual([{ orgId: 'archives', name: '市档案局' }])
    expect((await cloud.ok(OFFICE, 'staff.orgs', { role: 'partyOfficer' })).items).toEqual([{ orgId: 'party', name: '市委组织部' }])
    expect((await cloud.ok(OFFICE, 'staff.orgs', { role: 'supervisor' })).items).toEqual([{ orgId: 'office', name: '领导小组办公室' }])
    // Every offered organisation is accepted for its role; an unknown one or a mismatch is refused in Chinese and audited.
    for (const role of ['gridWorker', 'enterpriseOperator', 'partyOfficer'] as const) {
      for (const { orgId } of (await cloud.ok(OFFICE, 'staff.orgs', { role })).items) await cloud.ok(OFFICE, 'staff.invite', { role, orgId })
    }
    const before = staffAudit(cloud).filter((a) => a.outcome === 'refused').length
    for (const [role, orgId] of [['gridWorker', 'ent-water'], ['enterpriseOperator', 'com-wulan'], ['archivesOfficer', 'party'], ['supervisor', 'com-nowhere']] as const) {
      expect(await cloud.call(OFFICE, 'staff.invite', { role, orgId })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/没有找到这个单位/) } })
    }
    expect(staffAudit(cloud).filter((a) => a.outcome === 'refused').length).toBe(before + 4)
    cloud.close()
  })
})

describe('a community admin invites grid workers for their own community', () => {
  test('only grid workers, only their community; they see and revoke only their community’s invites', async () => {
    const cloud = await seededCloud({ count: 5 })
    expect((await cloud.ok(ADMIN, 'staff.orgs', { role: 'gridWorker' })).items).toEqual([{ orgId: 'com-wulan', name: expect.any(String) }])
    const fromOffice = await cloud.ok(OFFICE, 'staff.invite', { role: 'gridWorker', orgId: 'com-wulan' })
    const elsewhere = await cloud.ok(OFFICE, 'staff.invite', { role: 'gridWorker', orgId: 'com-bayan' })
    await cloud.ok(OFFICE, 'staff.invite', { role: 'communityAdmin', orgId: 'com-wulan' })
    const own = await cloud.ok(ADMIN, 'staff.invite', { role: 'gridWorker', orgId: 'com-wulan' })
    expect(own).toMatchObject({ roleName: '网格员', status: 'open' })

    const refusedBefore = staffAudit(cloud).filter((a) => a.outcome === 'refused').length
    for (const input of [{ role: 'gridWorker', orgId: 'com-bayan' }, { role: 'communityAdmin', orgId: 'com-wulan' }, { role: 'supervisor', orgId: 'office' }] as const) {
      expect(await cloud.call(ADMIN, 'staff.invite', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('本社区') } })
    }
    expect(await cloud.call(ADMIN, 'staff.orgs', { role: 'enterpriseOperator' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call(ADMIN, 'staff.revokeInvite', { code: elsewhere.code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(staffAudit(cloud).filter((a) => a.outcome === 'refused').length).toBe(refusedBefore + 5)

    const seen = (await cloud.ok(ADMIN, 'staff.invites')).items.map((i: { code: string }) => i.code).sort()
    expect(seen).toEqual([fromOffice.code, own.code].sort())
    const after = await cloud.ok(ADMIN, 'staff.revokeInvite', { code: fromOffice.code })
    expect(after.items.find((i: { code: string }) => i.code === fromOffice.code).status).toBe('revoked')
    expect(await cloud.call('dev-grid-wulan', 'staff.invite', { role: 'gridWorker', orgId: 'com-wulan' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })
})

describe('removing staff', () => {
  test('the supervisor removes anyone on staff but not themselves; the audit names who, without a phone', async () => {
    const cloud = await seededCloud({ count: 5 })
    const list = await cloud.ok(OFFICE, 'staff.members')
    expect(list.items.map((m: { userId: string }) => m.userId)).toEqual(expect.arrayContaining(['dev-grid-wulan', 'dev-admin-wulan', 'dev-ent-water', 'dev-archives', 'dev-office']))
    expect(list.items.some((m: { role: string }) => m.role === 'retiree' || m.role === 'relative')).toBe(false)
    expect(JSON.stringify(list)).not.toMatch(/1390479/)
    expect(list.items.find((m: { userId: string }) => m.userId === OFFICE).isSelf).toBe(true)

    const after = await cloud.ok(OFFICE, 'staff.remove', { userId: 'dev-ent-heat' })
    expect(after.items.map((m: { userId: string }) => m.userId)).not.toContain('dev-ent-heat')
    expect(await cloud.store.getUser('dev-ent-heat')).toBeNull()
    expect(await cloud.call('dev-ent-heat', 'case.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const removal = staffAudit(cloud).find((a) => a.action === 'staff.remove' && a.outcome === 'done')!
    expect(removal).toMatchObject({ actor: { userId: OFFICE }, changes: [{ field: 'staff', before: 'dev-ent-heat enterpriseOperator@ent-heat', after: null }] })
    expect(JSON.stringify(removal)).not.toMatch(/1390479/)

    expect(await cloud.call(OFFICE, 'staff.remove', { userId: OFFICE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('自己') } })
    expect(await cloud.call(OFFICE, 'staff.remove', { userId: 'dev-retiree-1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call(OFFICE, 'staff.remove', { userId: 'dev-ent-heat' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.store.getUser(OFFICE)).not.toBeNull()
    expect(await cloud.store.getUser('dev-retiree-1')).not.toBeNull()
    expect(staffAudit(cloud).filter((a) => a.action === 'staff.remove' && a.outcome === 'refused')).toHaveLength(3)
    cloud.close()
  })

  test('a community admin sees and removes only grid workers and the party secretary of their own community', async () => {
    const cloud = await seededCloud({ count: 5 })
    expect((await cloud.ok(ADMIN, 'staff.members')).items.map((m: { userId: string }) => m.userId)).toEqual(['dev-grid-wulan', 'dev-partysec-wulan'])
    for (const userId of ['dev-grid-bayan', 'dev-ent-water', 'dev-office']) {
      expect(await cloud.call(ADMIN, 'staff.remove', { userId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.store.getUser(userId)).not.toBeNull()
    }
    expect(await cloud.call(ADMIN, 'staff.remove', { userId: ADMIN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.ok(ADMIN, 'staff.remove', { userId: 'dev-grid-wulan' })).items.map((m: { userId: string }) => m.userId)).toEqual(['dev-partysec-wulan'])
    expect(await cloud.store.getUser('dev-grid-wulan')).toBeNull()
    expect(staffAudit(cloud).filter((a) => a.action === 'staff.remove').map((a) => a.outcome)).toEqual(['refused', 'refused', 'refused', 'refused', 'done'])
    expect(await cloud.call('dev-ent-water', 'staff.remove', { userId: 'dev-grid-bayan' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })
})
