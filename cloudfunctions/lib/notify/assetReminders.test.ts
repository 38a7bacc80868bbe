import { seededCloud } from '../../../test/support/cloudHarness'
import { ROUTES } from '../../../miniprogram/routes'
import { ASSET_REMINDER_LINK, assetReminderDay, assetReminderPass } from './assetReminders'

const ENT = 'dev-ent-water'
const asset = (item: string) => ({ item, communityId: 'com-wulan', groupApprovedOn: null, sasacApprovedOn: null, disposal: 'handedOver', swappedFor: null, cityAgreement: null, completedOn: null })

async function titles(cloud: Awaited<ReturnType<typeof seededCloud>>, userId: string) {
  return (await cloud.store.listDocs('staffMessage', { recipientUserId: userId }, { limit: 1000 })).items.filter((m) => m.id.startsWith('assets:')).map((m) => m.title)
}

describe('asset reminders (plan 五（二）4, the policy’s 2020-06-30)', () => {
  test('reminder days: 30, 14, 7 and 1 days before, then the day after and weekly', () => {
    const days = ['2020-05-31', '2020-06-01', '2020-06-16', '2020-06-23', '2020-06-29', '2020-06-30', '2020-07-01', '2020-07-02', '2020-07-08', '2020-07-15']
    expect(days.map((d) => assetReminderDay(d, '2020-06-30')?.daysLeft ?? null)).toEqual([30, null, 14, 7, 1, null, -1, null, -8, -15])
  })

  test('the enterprise with assets left is reminded in China time, once per day however often the pass runs; none once all are done', async () => {
    const cloud = await seededCloud({ count: 5, now: '2020-06-22T15:59:00Z' }) // 23:59 on 22 June in China
    await cloud.ok(ENT, 'assets.save', { asset: asset('老年活动室') })
    await cloud.ok(ENT, 'assets.save', { asset: asset('门球场') })
    expect((await assetReminderPass(cloud.deps, cloud.clock.now())).messages).toBe(0)
    cloud.clock.set('2020-06-22T16:00:00Z') // 00:00 on 23 June in China: 7 days left
    expect(await assetReminderPass(cloud.deps, cloud.clock.now())).toMatchObject({ today: '2020-06-23', enterprises: 1, messages: 1 })
    expect((await assetReminderPass(cloud.deps, cloud.clock.now())).messages).toBe(0)
    expect(await titles(cloud, ENT)).toEqual(['本企业还有 2 项资产未完成划转，2020年6月30日截止'])
    expect(await titles(cloud, 'dev-ent-heat')).toEqual([])
    const [message] = (await cloud.ok(ENT, 'messages.mine')).items.filter((m: { title: string }) => m.title.includes('资产'))
    expect(message).toMatchObject({ body: expect.stringContaining('还有 7 天'), link: ROUTES.enterpriseAssets })

    cloud.clock.set('2020-06-30T16:00:00Z') // 1 July in China: overdue
    await assetReminderPass(cloud.deps, cloud.clock.now())
    expect(await titles(cloud, ENT)).toContain('本企业还有 2 项资产未完成划转，已超过2020年6月30日的期限')

    const [a, b] = (await cloud.ok(ENT, 'assets.list')).items
    const done = { groupApprovedOn: '2020-06-01', sasacApprovedOn: '2020-06-05', cityAgreement: { signedOn: '2020-06-10', number: '协议-1' }, completedOn: '2020-07-01' }
    await cloud.ok(ENT, 'assets.save', { id: a.id, expectedVersion: a.version, asset: { ...asset(a.item), ...done } })
    await cloud.ok(ENT, 'assets.save', { id: b.id, expectedVersion: b.version, asset: { ...asset(b.item), ...done } })
    cloud.clock.set('2020-07-07T16:00:00Z') // 8 July: a weekly day, nothing left
    expect(await assetReminderPass(cloud.deps, cloud.clock.now())).toMatchObject({ enterprises: 0, messages: 0 })
    cloud.close()
  })

  test('the link opens the enterprise’s asset screen', () => {
    expect(ASSET_REMINDER_LINK).toBe(ROUTES.enterpriseAssets)
  })
})
