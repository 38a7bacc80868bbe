import { seededCloud } from '../../../test/support/cloudHarness'
import { LEDGER_PAGE } from './workstreams'

const ENT = 'dev-ent-water'
const HEAT = 'dev-ent-heat'
const OFFICE = 'dev-office'
const WULAN_ADMIN = 'dev-admin-wulan'
const GERILE_ADMIN = 'admin-gerile'

const asset = (item: string, communityId: string) => ({ item, communityId, groupApprovedOn: null, sasacApprovedOn: null, disposal: 'handedOver', swappedFor: null, cityAgreement: null, completedOn: null })

async function cloudWithAssets(now?: string) {
  const cloud = await seededCloud({ count: 5, ...(now ? { now } : {}) })
  await cloud.store.commit({ users: [{ id: GERILE_ADMIN, role: 'communityAdmin', name: '社区主任 其其格', orgId: 'com-gerile' }] })
  await cloud.ok(ENT, 'assets.save', { asset: asset('老年活动室', 'com-wulan') })
  await cloud.ok(ENT, 'assets.save', { asset: asset('门球场', 'com-gerile') })
  await cloud.ok(HEAT, 'assets.save', { asset: asset('阅览室', 'com-wulan') })
  return cloud
}

const items = (view: { items: Array<{ item: string }> }) => view.items.map((a) => a.item).sort()

describe('assets through the router: who sees which (issue 11 #7)', () => {
  test('a receiving community sees only the assets coming to it, from every enterprise, and cannot record any', async () => {
    const cloud = await cloudWithAssets()
    expect(items(await cloud.ok(WULAN_ADMIN, 'assets.list'))).toEqual(['老年活动室', '阅览室'])
    expect(items(await cloud.ok(GERILE_ADMIN, 'assets.list'))).toEqual(['门球场'])
    expect((await cloud.ok(GERILE_ADMIN, 'assets.list')).items[0]).toMatchObject({ enterpriseName: '二连浩特市供排水有限责任公司', communityName: '格日勒社区' })
    // Naming an enterprise does not widen a community's view.
    expect(items(await cloud.ok(GERILE_ADMIN, 'assets.list', { enterpriseId: 'ent-heat' }))).toEqual(['门球场'])
    expect(await cloud.call(WULAN_ADMIN, 'assets.save', { asset: asset('别的', 'com-wulan') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('dev-grid-wulan', 'assets.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })

  test('the office sees all, or one enterprise’s; an enterprise only its own', async () => {
    const cloud = await cloudWithAssets()
    expect(items(await cloud.ok(OFFICE, 'assets.list'))).toEqual(['老年活动室', '门球场', '阅览室'])
    expect(items(await cloud.ok(OFFICE, 'assets.list', { enterpriseId: 'ent-heat' }))).toEqual(['阅览室'])
    expect(items(await cloud.ok(HEAT, 'assets.list', { enterpriseId: 'ent-water' }))).toEqual(['阅览室'])
    const theirs = (await cloud.ok(ENT, 'assets.list')).items[0]
    expect(await cloud.call(HEAT, 'assets.save', { id: theirs.id, expectedVersion: theirs.version, asset: asset('改名', 'com-wulan') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    cloud.close()
  })

  test('the list is paged with a cursor', async () => {
    const cloud = await seededCloud({ count: 5 })
    for (let i = 0; i < LEDGER_PAGE + 3; i++) {
      await cloud.store.commit({ docs: [{ kind: 'asset', next: { id: `asset-${String(i).padStart(4, '0')}`, version: 1, enterpriseId: 'ent-water', ...asset(`器材 ${i}`, 'com-wulan') } as never, expectedVersion: null }] })
    }
    const first = await cloud.ok(WULAN_ADMIN, 'assets.list')
    expect(first.items).toHaveLength(LEDGER_PAGE)
    const second = await cloud.ok(WULAN_ADMIN, 'assets.list', { after: first.nextCursor })
    expect(second.items).toHaveLength(3)
    expect(second.nextCursor).toBeNull()
    cloud.close()
  })

  test('overdue is derived from the policy’s deadline and China today, on every list', async () => {
    const before = await cloudWithAssets('2020-06-30T15:59:00Z') // 23:59 on 30 June in China
    const list = await before.ok(WULAN_ADMIN, 'assets.list')
    expect(list).toMatchObject({ deadline: '2020-06-30', today: '2020-06-30' })
    expect(list.items.every((a: { overdue: boolean }) => !a.overdue)).toBe(true)
    before.clock.set('2020-06-30T16:00:00Z') // 00:00 on 1 July in China
    expect((await before.ok(WULAN_ADMIN, 'assets.list')).items.every((a: { overdue: boolean }) => a.overdue)).toBe(true)
    const board = await before.ok(OFFICE, 'board.overview')
    expect(board.enterprises.find((e: { enterpriseId: string }) => e.enterpriseId === 'ent-water')).toMatchObject({ assetsOpen: 2, assetsOverdue: 2, assetsAwaitingApproval: 2 })
    before.close()
  })

  test('a swap needs what it was swapped for; the order is checked on the server', async () => {
    const cloud = await cloudWithAssets()
    const [a] = (await cloud.ok(ENT, 'assets.list')).items.filter((x: { item: string }) => x.item === '老年活动室')
    const swap = { ...asset('老年活动室', 'com-wulan'), disposal: 'swapped' }
    expect(await cloud.call(ENT, 'assets.save', { id: a.id, expectedVersion: a.version, asset: swap })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('调换成了什么') } })
    const done = { ...swap, swappedFor: '社区活动中心二楼', groupApprovedOn: '2020-03-01', sasacApprovedOn: '2020-03-05', cityAgreement: { signedOn: '2020-03-08', number: '二政资〔2020〕3号' }, completedOn: '2020-03-21' }
    expect(await cloud.call(ENT, 'assets.save', { id: a.id, expectedVersion: a.version, asset: done })).toMatchObject({ ok: false, error: { message: '日期不能晚于今天。' } })
    const saved = await cloud.ok(ENT, 'assets.save', { id: a.id, expectedVersion: a.version, asset: { ...done, completedOn: '2020-03-19' } })
    expect(saved.items.find((x: { id: string }) => x.id === a.id)).toMatchObject({ state: 'completed', swappedFor: '社区活动中心二楼' })
    expect(await cloud.call(ENT, 'assets.save', { id: a.id, expectedVersion: 2, asset: { ...done, completedOn: '2020-03-19', item: '改名' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不能再修改') } })
    const audit = await cloud.ok(OFFICE, 'audit.staff', { userId: ENT, from: '2020-03-20', to: '2020-03-20' })
    expect(JSON.stringify(audit)).toContain('已完成')
    cloud.close()
  })
})

describe('the enterprise’s plans through the router (issue 11 #9)', () => {
  const plan = {
    transferPlanOn: '2019-11-20',
    stabilityPlanOn: '2019-11-25',
    stabilityContact: { name: '刘建华', phone: '13904790104' },
    noticePublishedOn: null,
    feedbackClosedOn: null,
    transferPlan: { scope: '全部退休人员', basics: '共 5 人', content: '名单、档案、组织关系', steps: [{ step: '签订移交协议', by: '2020-03-31' }], partyMembers: '党员 2 人', venues: '活动室一处' },
    stabilityPlan: { assessment: '总体稳定', contingency: '专人答复' },
  }

  test('the office reads any enterprise’s plans; an enterprise only its own; the community not at all', async () => {
    const cloud = await seededCloud({ count: 5 })
    expect(await cloud.call(ENT, 'plan.save', { plan: { ...plan, stabilityPlan: null } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('维稳预案') } })
    await cloud.ok(ENT, 'plan.save', { plan })
    expect(await cloud.ok(OFFICE, 'plan.get', { enterpriseId: 'ent-water' })).toMatchObject({ id: 'ent-water', transferPlan: plan.transferPlan, stabilityPlan: plan.stabilityPlan })
    expect(await cloud.ok(OFFICE, 'plan.get', { enterpriseId: 'ent-heat' })).toBeNull()
    expect(await cloud.ok(HEAT, 'plan.get', { enterpriseId: 'ent-water' })).toBeNull()
    expect(await cloud.call(WULAN_ADMIN, 'plan.get', { enterpriseId: 'ent-water' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call(OFFICE, 'plan.save', { plan })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })

  test('a plan stored before the contents were kept still reads and can be saved over', async () => {
    const cloud = await seededCloud({ count: 5 })
    const old = { id: 'ent-water', version: 1, transferPlanOn: '2019-11-20', stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null }
    await cloud.store.commit({ docs: [{ kind: 'enterprisePlan', next: old as never, expectedVersion: null }] })
    expect(await cloud.ok(ENT, 'plan.get')).toMatchObject({ version: 1, transferPlan: null, stabilityPlan: null })
    expect((await cloud.ok(ENT, 'plan.save', { expectedVersion: 1, plan })).version).toBe(2)
    cloud.close()
  })
})
