import { seededCloud } from '../../../test/support/cloudHarness'

const ENT = 'dev-ent-water'
const OFFICE = 'dev-office'

describe('staff onboarding', () => {
  test('a supervisor issues a code bound to a role and organisation; staff join with it once', async () => {
    const cloud = await seededCloud({ count: 5 })
    const invite = await cloud.ok(OFFICE, 'staff.invite', { role: 'gridWorker', orgId: 'com-bayan' })
    expect(invite).toMatchObject({ roleName: '网格员', orgName: '巴彦社区', status: 'open', code: expect.stringMatching(/^[A-Z2-9]{8}$/) })
    const me = await cloud.ok('wx-new-worker', 'staff.join', { code: invite.code, name: '包　海 燕', phone: '13904799999' })
    expect(me).toMatchObject({ role: 'gridWorker', orgName: '巴彦社区', name: '包海燕' })
    expect(await cloud.store.getUser('wx-new-worker')).toMatchObject({ role: 'gridWorker', orgId: 'com-bayan', name: '包海燕' })
    expect(await cloud.call('wx-someone', 'staff.join', { code: invite.code, name: '别人', phone: '13904798888' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await cloud.ok(OFFICE, 'staff.invites')).items[0].status).toBe('used')
    cloud.close()
  })

  test('codes expire and can be revoked; an organisation must match the role', async () => {
    const cloud = await seededCloud({ count: 5 })
    expect(await cloud.call(OFFICE, 'staff.invite', { role: 'enterpriseOperator', orgId: 'com-bayan' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const a = await cloud.ok(OFFICE, 'staff.invite', { role: 'archivesOfficer', orgId: 'archives' })
    const b = await cloud.ok(OFFICE, 'staff.invite', { role: 'enterpriseOperator', orgId: 'ent-heat' })
    await cloud.ok(OFFICE, 'staff.revokeInvite', { code: a.code })
    expect(await cloud.call('wx-x', 'staff.join', { code: a.code, name: '甲', phone: '13904791111' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    cloud.clock.set('2020-03-28T01:00:00Z')
    expect(await cloud.call('wx-y', 'staff.join', { code: b.code, name: '乙', phone: '13904792222' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('过期') } })
    expect(await cloud.call(ENT, 'staff.invite', { role: 'gridWorker', orgId: 'com-bayan' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })
})

describe('materials', () => {
  test('type and size are read from the stored file; submission needs everything, then records the step', async () => {
    const cloud = await seededCloud({ count: 5 })
    await cloud.addCase('case-9001')
    await cloud.ok(ENT, 'case.recordStep', { caseId: 'case-9001', expectedVersion: 1, step: { type: 'rosterConfirmed' } })
    const zip = cloud.upload(ENT, 'case-9001', Buffer.from('PK\u0003\u0004 zip'), 'a.jpg')
    expect(await cloud.call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: zip })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '只能上传照片（JPG、PNG、HEIC）或PDF。' } })
    const big = cloud.upload(ENT, 'case-9001', Buffer.concat([Buffer.from('%PDF-1.7'), Buffer.alloc(10 * 1024 * 1024)]), 'b.pdf')
    expect(await cloud.call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: big })).toMatchObject({ ok: false, error: { message: expect.stringContaining('超过10MB') } })
    const one = await cloud.ok(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: cloud.upload(ENT, 'case-9001') })
    expect(one.items.find((i: { item: string }) => i.item === 'idCard').files).toEqual([expect.objectContaining({ mimeType: 'image/jpeg', size: 2004 })])
    expect(one.missing).toEqual(['移交申请', '移交人员名单', '档案移交名册', '户口本', '户籍所在地社区（请核对）'])
    expect(await cloud.call(ENT, 'materials.submit', { caseId: 'case-9001', expectedVersion: 2 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('材料还不齐') } })
    expect(await cloud.call(ENT, 'case.recordStep', { caseId: 'case-9001', expectedVersion: 2, step: { type: 'materialsSubmitted' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('移交材料') } })
    expect(await cloud.call('dev-ent-heat', 'materials.get', { caseId: 'case-9001' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.ok(GRID, 'materials.get', { caseId: 'case-9001' })).items.find((i: { item: string }) => i.item === 'idCard').files).toHaveLength(1)
    cloud.close()
  })
})

const GRID = 'dev-grid-wulan'

describe('asset registry', () => {
  test('an asset is handed over only after the group company and the SASAC approved, and the agreement with the city is signed', async () => {
    const cloud = await seededCloud({ count: 5 })
    const asset = { item: '老年活动室（供排水公司院内）', communityId: 'com-wulan', groupApprovedOn: '2020-03-01', sasacApprovedOn: null, disposal: 'handedOver', swappedFor: null, cityAgreement: null, completedOn: '2020-03-10' }
    expect(await cloud.call(ENT, 'assets.save', { asset })).toMatchObject({ ok: false, error: { message: expect.stringContaining('国资委') } })
    const saved = await cloud.ok(ENT, 'assets.save', { asset: { ...asset, completedOn: null } })
    const [a] = saved.items
    expect(a).toMatchObject({ state: 'awaitingApproval', overdue: false })
    expect(await cloud.call(ENT, 'assets.save', { id: a.id, expectedVersion: a.version, asset: { ...asset, sasacApprovedOn: '2020-03-05' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('市政府') } })
    const done = await cloud.ok(ENT, 'assets.save', { id: a.id, expectedVersion: a.version, asset: { ...asset, sasacApprovedOn: '2020-03-05', cityAgreement: { signedOn: '2020-03-08', number: '二政资〔2020〕3号' } } })
    expect(done.items[0]).toMatchObject({ completedOn: '2020-03-10', version: 2, state: 'completed' })
    expect((await cloud.ok(OFFICE, 'assets.list')).items).toHaveLength(1)
    expect((await cloud.ok('dev-ent-heat', 'assets.list')).items).toHaveLength(0)
    cloud.close()
  })
})

describe('out-of-pool expense ledger', () => {
  const base = { item: '取暖补贴', method: 'accrual', monthlyStandardFen: 20000, oneTimeAmountFen: null, retireeConsent: false, startedOn: '2015-01-01', transitionEndsOn: null }

  test('amounts in fen; no raised standard; no new item after the cut-off', async () => {
    const cloud = await seededCloud({ count: 5 })
    const first = await cloud.ok(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001' } })
    const [e] = first.items
    expect(e.monthlyStandardFen).toBe(20000)
    expect(await cloud.call(ENT, 'expenses.save', { id: e.id, expectedVersion: e.version, expense: { ...base, caseId: 'case-0001', monthlyStandardFen: 20001 } })).toMatchObject({ ok: false, error: { message: '原则上不再提高发放标准。' } })
    expect((await cloud.ok(ENT, 'expenses.save', { id: e.id, expectedVersion: e.version, expense: { ...base, caseId: 'case-0001', monthlyStandardFen: 15000 } })).items[0].monthlyStandardFen).toBe(15000)
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', startedOn: '2020-01-01' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不再新增') } })
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', monthlyStandardFen: 12.5 } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    cloud.close()
  })

  test('a one-time payment by life expectancy needs the retiree’s consent', async () => {
    const cloud = await seededCloud({ count: 5 })
    const lump = { ...base, caseId: 'case-0001', method: 'lifeExpectancy', oneTimeAmountFen: 3_600_000 }
    expect(await cloud.call(ENT, 'expenses.save', { expense: lump })).toMatchObject({ ok: false, error: { message: expect.stringContaining('协商一致') } })
    expect((await cloud.ok(ENT, 'expenses.save', { expense: { ...lump, retireeConsent: true } })).items).toHaveLength(1)
    cloud.close()
  })

  test('none where an enterprise annuity exists; new retirees get at most 3 years of transition', async () => {
    const cloud = await seededCloud({ count: 5 })
    await cloud.store.commit({ users: [{ id: 'ent-grain-op', role: 'enterpriseOperator', name: '周', orgId: 'ent-grain' }] })
    expect(await cloud.call('ent-grain-op', 'expenses.save', { expense: { ...base, caseId: 'case-0006' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('企业年金') } })
    const c = (await cloud.store.getCase('case-0001'))!
    await cloud.store.commit({ cases: [{ next: { ...c, version: c.version + 1, person: { ...c.person, retirementMonth: '2020-01' } }, expectedVersion: c.version }] })
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', startedOn: '2019-12-01' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('过渡期') } })
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', startedOn: '2019-12-01', transitionEndsOn: '2023-02-01' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不超过3年') } })
    expect((await cloud.ok(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', startedOn: '2019-12-01', transitionEndsOn: '2023-01-31' } })).items).toHaveLength(1)
    cloud.close()
  })
})

describe('enterprise plan record', () => {
  test('the transfer and stability plans, with the stability contact, and the notice and feedback dates', async () => {
    const cloud = await seededCloud({ count: 5 })
    expect(await cloud.ok(ENT, 'plan.get')).toBeNull()
    const contents = {
      transferPlan: { scope: '全部退休人员', basics: '共 5 人', content: '名单、档案、组织关系', steps: [{ step: '签订移交协议', by: '2020-03-31' }], partyMembers: '党员 2 人', venues: '活动室一处' },
      stabilityPlan: { assessment: '总体稳定', contingency: '专人答复' },
    }
    const plan = { transferPlanOn: '2019-11-20', stabilityPlanOn: '2019-11-25', stabilityContact: null, noticePublishedOn: '2019-11-28', feedbackClosedOn: null, ...contents }
    expect(await cloud.call(ENT, 'plan.save', { plan })).toMatchObject({ ok: false, error: { message: expect.stringContaining('维稳联系人') } })
    const saved = await cloud.ok(ENT, 'plan.save', { plan: { ...plan, stabilityContact: { name: '刘建华', phone: '13904790104' } } })
    expect(saved).toMatchObject({ id: 'ent-water', version: 1 })
    expect(await cloud.call(ENT, 'plan.save', { plan: { ...plan, feedbackClosedOn: '2019-12-10' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await cloud.ok(ENT, 'plan.save', { expectedVersion: 1, plan: { ...plan, stabilityContact: { name: '刘建华', phone: '13904790104' }, feedbackClosedOn: '2019-12-10' } })).version).toBe(2)
    cloud.close()
  })
})
