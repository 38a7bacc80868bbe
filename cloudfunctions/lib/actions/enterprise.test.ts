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
  const base = { item: '取暖补贴', method: 'accrual', monthlyStandardFen: 20000, oneTimeAmountFen: null, retireeConsent: false, startedOn: '2015-01-01' }
  type Cloud = Awaited<ReturnType<typeof seededCloud>>
  const retire = async (cloud: Cloud, caseId: string, retirementMonth: string) => {
    const c = (await cloud.store.getCase(caseId))!
    await cloud.store.commit({ cases: [{ next: { ...c, version: c.version + 1, person: { ...c.person, retirementMonth } }, expectedVersion: c.version }] })
  }
  const NO_PLAN = { transferPlanOn: null, stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null, transferPlan: null, stabilityPlan: null }
  const transition = (cloud: Cloud, transitionStartsOn: string | null, transitionEndsOn: string | null, expectedVersion?: number) =>
    cloud.call(ENT, 'plan.save', { ...(expectedVersion ? { expectedVersion } : {}), plan: { ...NO_PLAN, transitionStartsOn, transitionEndsOn } })

  test('people retired before the transition: amounts in fen; no raised standard; no new item after the cut-off', async () => {
    const cloud = await seededCloud({ count: 5 })
    const first = await cloud.ok(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001' } })
    const [e] = first.items
    expect(e.monthlyStandardFen).toBe(20000)
    expect(await cloud.call(ENT, 'expenses.save', { id: e.id, expectedVersion: e.version, expense: { ...base, caseId: 'case-0001', monthlyStandardFen: 20001 } })).toMatchObject({ ok: false, error: { message: '原则上不再提高发放标准。' } })
    expect((await cloud.ok(ENT, 'expenses.save', { id: e.id, expectedVersion: e.version, expense: { ...base, caseId: 'case-0001', monthlyStandardFen: 15000 } })).items[0].monthlyStandardFen).toBe(15000)
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', startedOn: '2020-01-01' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不再新增') } })
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', monthlyStandardFen: 12.5 } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', method: 'transition' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('过渡期开始前退休') } })
    cloud.close()
  })

  test('a one-time payment by life expectancy needs the retiree’s consent, and is the policy’s figure, not the screen’s', async () => {
    const cloud = await seededCloud({ count: 5 })
    const lump = { ...base, caseId: 'case-0001', method: 'lifeExpectancy', oneTimeAmountFen: 1 }
    expect(await cloud.call(ENT, 'expenses.save', { expense: lump })).toMatchObject({ ok: false, error: { message: expect.stringContaining('协商一致') } })
    const saved = await cloud.ok(ENT, 'expenses.save', { expense: { ...lump, retireeConsent: true } })
    // Born 1959-09, paid 2020-03 (726 months old), the example policy's 75 years (900 months): 174 months at 200 元.
    expect(saved.items[0]).toMatchObject({ oneTimeAmountFen: 174 * 20000, retireeConsent: true })
    expect(saved.ledger).toMatchObject({ rules: { lifeExpectancy: { years: 75, source: expect.stringContaining('示例值') } } })
    cloud.close()
  })

  test('none where an enterprise annuity exists, except the entitlement paid once after the transition', async () => {
    const cloud = await seededCloud({ count: 6 })
    await cloud.store.commit({ users: [{ id: 'ent-grain-op', role: 'enterpriseOperator', name: '周', orgId: 'ent-grain' }] })
    expect(await cloud.call('ent-grain-op', 'expenses.save', { expense: { ...base, caseId: 'case-0006' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('企业年金') } })
    cloud.close()
  })

  test('the transition is the enterprise’s: set in its 移交方案, at most 3 years, needed before its new retirees get items', async () => {
    const cloud = await seededCloud({ count: 5 })
    await retire(cloud, 'case-0001', '2020-01')
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', method: 'transition', startedOn: '2020-02-01' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('移交方案中填写本企业过渡期'), fields: ['transitionStartsOn'] },
    })
    expect(await transition(cloud, '2020-01-01', '2023-01-01')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '过渡期原则上不超过3年，最晚到2022-12-31。' } })
    expect(await transition(cloud, '2020-01-01', '2019-12-31')).toMatchObject({ ok: false, error: { message: expect.stringContaining('不能早于') } })
    const plan = await cloud.ok(ENT, 'plan.save', { plan: { ...NO_PLAN, transitionStartsOn: '2020-01-01', transitionEndsOn: null } })
    expect(plan).toMatchObject({ transitionStartsOn: '2020-01-01', transitionEndsOn: null })
    // A form that does not show the transition keeps it.
    expect(await cloud.ok(ENT, 'plan.save', { expectedVersion: plan.version, plan: NO_PLAN })).toMatchObject({ transitionStartsOn: '2020-01-01' })
    const saved = await cloud.ok(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', method: 'transition', startedOn: '2020-02-01' } })
    expect(saved.items[0]).toMatchObject({ transitionYear: 1, oneTimeAmountFen: null })
    expect(saved.ledger).toMatchObject({ transition: { startsOn: '2020-01-01', endsOn: '2022-12-31' }, yearlyFen: [240000] })
    expect(await transition(cloud, '2020-06-01', null, plan.version + 1)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不能再改') } })
    cloud.close()
  })

  test('an item of any kind fixes the transition: moving it would re-sort people already paid', async () => {
    const cloud = await seededCloud({ count: 5 })
    await retire(cloud, 'case-0001', '2015-06')
    const plan = await cloud.ok(ENT, 'plan.save', { plan: { ...NO_PLAN, transitionStartsOn: '2020-01-01', transitionEndsOn: null } })
    // Retired before the transition: an existing item kept by accrual, no transition year counted.
    const saved = await cloud.ok(ENT, 'expenses.save', { expense: { ...base, caseId: 'case-0001', method: 'accrual', startedOn: '2016-01-01' } })
    expect(saved.ledger?.yearlyFen ?? []).toEqual([])
    expect(await transition(cloud, '2014-01-01', null, plan.version)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不能再改') } })
    // Saving the plan without moving the dates is still fine.
    expect(await cloud.ok(ENT, 'plan.save', { expectedVersion: plan.version, plan: NO_PLAN })).toMatchObject({ transitionStartsOn: '2020-01-01' })
    cloud.close()
  })

  test('each transition year’s annualised total is less than the year before’s; after the transition only the entitlement, paid once', async () => {
    const cloud = await seededCloud({ count: 9 })
    await cloud.ok(ENT, 'plan.save', { plan: { ...NO_PLAN, transitionStartsOn: '2020-01-01', transitionEndsOn: '2022-06-30' } })
    await retire(cloud, 'case-0001', '2020-03') // year 1
    await retire(cloud, 'case-0002', '2021-01') // year 2
    await retire(cloud, 'case-0007', '2022-07') // after the transition
    const item = (caseId: string, monthlyStandardFen: number) => ({ expense: { ...base, caseId, method: 'transition', monthlyStandardFen, startedOn: '2021-02-01' } })
    const [y1] = (await cloud.ok(ENT, 'expenses.save', item('case-0001', 30000))).items
    expect(await cloud.call(ENT, 'expenses.save', item('case-0002', 30000))).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '过渡期第2年退休人员的统筹外费用合计每年3600.00元，要少于第1年的3600.00元（逐步减少）。', fields: ['monthlyStandardFen'] },
    })
    expect((await cloud.ok(ENT, 'expenses.save', item('case-0002', 20000))).ledger?.yearlyFen).toEqual([360000, 240000])
    // Lowering year 1 below year 2 would break it too.
    expect(await cloud.call(ENT, 'expenses.save', { id: y1.id, expectedVersion: y1.version, ...item('case-0001', 20000) })).toMatchObject({ ok: false, error: { message: expect.stringContaining('逐步减少') } })
    expect(await cloud.call(ENT, 'expenses.save', item('case-0007', 10000))).toMatchObject({ ok: false, error: { message: expect.stringContaining('过渡期满后退休') } })
    const once = { ...base, caseId: 'case-0007', method: 'entitlementLumpSum', monthlyStandardFen: 0, oneTimeAmountFen: 5_000_000 }
    expect(await cloud.call(ENT, 'expenses.save', { expense: { ...once, monthlyStandardFen: 100 } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不再按月发放') } })
    expect((await cloud.ok(ENT, 'expenses.save', { expense: once })).items.find((x: { caseId: string }) => x.caseId === 'case-0007')).toMatchObject({ method: 'entitlementLumpSum', oneTimeAmountFen: 5_000_000 })
    // Paid once: a second entitlement for the same retiree is refused, and nothing more is counted.
    expect(await cloud.call(ENT, 'expenses.save', { expense: once })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('不能再登记第二次'), fields: ['method'] } })
    const board = await cloud.ok(OFFICE, 'board.overview')
    expect(JSON.stringify(board)).toContain('"expenseOneTimeFen":5000000')
    cloud.close()
  })

  test('accruals (一次性计提) are recorded per enterprise and audited', async () => {
    const cloud = await seededCloud({ count: 5 })
    await cloud.ok(ENT, 'expenses.accrue', { accrual: { on: '2019-12-31', amountFen: 1_200_000, note: '取暖费' } })
    const page = await cloud.ok(ENT, 'expenses.accrue', { accrual: { on: '2020-01-31', amountFen: 300_000, note: '' } })
    expect(page.ledger).toMatchObject({ accruedFen: 1_500_000, accruals: [{ on: '2019-12-31', note: '取暖费' }, { on: '2020-01-31' }] })
    expect((await cloud.ok('dev-ent-heat', 'expenses.list')).ledger).toMatchObject({ accruedFen: 0, accruals: [] })
    expect(await cloud.call(ENT, 'expenses.accrue', { accrual: { on: '2020-01-31', amountFen: 0, note: '' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const audit = await cloud.store.listAuditPage({ actorUserId: ENT, from: '2020-03-01T00:00:00Z', to: '2020-03-31T00:00:00Z' }, { limit: 50 })
    expect(audit.items.filter((a) => a.action === 'expenses.accrue' && a.outcome === 'done')).toHaveLength(2)
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
