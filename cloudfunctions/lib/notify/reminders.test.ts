import { seededCloud } from '../../../test/support/cloudHarness'
import { reminderPass } from './reminders'
import { withSteps } from '../../../shared/testing/fixtures'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

async function staffTitles(cloud: Cloud, userId: string) {
  return (await cloud.store.listDocs('staffMessage', { recipientUserId: userId }, { limit: 1000 })).items.map((m) => m.title)
}

async function allMessageIds(cloud: Cloud) {
  const rows = cloud.store.db.prepare("SELECT kind, id FROM docs WHERE kind IN ('staffMessage', 'inboxMessage', 'delivery') ORDER BY kind, id").all() as { kind: string; id: string }[]
  return rows.map((r) => `${r.kind}/${r.id}`)
}

describe('deadline reminders', () => {
  test('the agreement deadline of 2020-03-31 (China) is 14 days ahead on 17 March China time, whatever the server’s zone', async () => {
    const cloud = await seededCloud({ count: 40, now: '2020-03-16T15:59:59Z' }) // 23:59:59 on 16 March in China
    const before = await reminderPass(cloud.deps, cloud.clock.now())
    expect(before.today).toBe('2020-03-16')
    expect((await staffTitles(cloud, 'dev-ent-water')).filter((t) => t.includes('签订移交协议'))).toEqual([])
    cloud.clock.set('2020-03-16T16:00:00Z') // 00:00 on 17 March in China, still 16 March in UTC
    const on = await reminderPass(cloud.deps, cloud.clock.now())
    expect(on.today).toBe('2020-03-17')
    const titles = await staffTitles(cloud, 'dev-ent-water')
    expect(titles).toContain('斯日古楞：「签订移交协议」还有 14 天截止')
    expect(titles.every((t) => !t.includes('还有 15 天'))).toBe(true)
    cloud.close()
  })

  test('the unit that must act is reminded; the retiree too when they must bring something', async () => {
    const cloud = await seededCloud({ count: 40, now: '2020-03-24T02:00:00Z' }) // 7 days before 03-31
    await cloud.addCase('case-9001', { name: '达来' }) // at the roster stage: nothing due
    await reminderPass(cloud.deps, cloud.clock.now())
    expect(await staffTitles(cloud, 'dev-ent-water')).toContain('斯日古楞：「签订移交协议」还有 7 天截止')
    // The agreement needs nothing from the retiree.
    expect((await cloud.ok('dev-retiree-1', 'inbox.list')).items.map((m: { title: string }) => m.title)).not.toContain('提醒：「签订移交协议」还有 7 天截止')
    // The community admin is not responsible for the agreement.
    expect((await staffTitles(cloud, 'dev-admin-wulan')).some((t) => t.includes('签订移交协议'))).toBe(false)
    cloud.close()
  })

  test('take-in needs the retiree: they get the reminder in their inbox, and the community is reminded', async () => {
    const cloud = await seededCloud({ count: 10, now: '2020-10-30T02:00:00Z' }) // 1 day before 10-31
    const fresh = await cloud.addCase('case-9001', { name: '达来' })
    const ready = withSteps(erenhot2019, fresh, ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver'])
    await cloud.store.commit({ cases: [{ next: ready, expectedVersion: fresh.version }] })
    await reminderPass(cloud.deps, cloud.clock.now())
    expect(await staffTitles(cloud, 'dev-grid-wulan')).toContain('达来：「纳入社区管理」还有 1 天截止')
    expect(await staffTitles(cloud, 'dev-admin-wulan')).toContain('达来：「纳入社区管理」还有 1 天截止')
    const inbox = (await cloud.store.listDocs('inboxMessage', { caseId: 'case-9001' }, { limit: 10 })).items
    expect(inbox.map((m) => [m.title, m.body])).toEqual([['提醒：「纳入社区管理」还有 1 天截止', '社区网格员会和您见面，请带上身份证。（截止 2020年10月31日）']])
    cloud.close()
  })

  test('running the pass twice reminds nobody twice', async () => {
    const cloud = await seededCloud({ count: 60, now: '2020-03-24T02:00:00Z' })
    const first = await reminderPass(cloud.deps, cloud.clock.now())
    expect(first.messages).toBeGreaterThan(0)
    const ids = await allMessageIds(cloud)
    const second = await reminderPass(cloud.deps, cloud.clock.now())
    expect(second).toMatchObject({ messages: 0, digests: 0, done: true })
    expect(await allMessageIds(cloud)).toEqual(ids)
    cloud.close()
  })

  test('a run cut off part-way resumes from its cursor, skipping and repeating no one', async () => {
    const whole = await seededCloud({ count: 120, now: '2020-06-23T02:00:00Z' }) // 7 days before 06-30
    await reminderPass(whole.deps, whole.clock.now())
    const expected = await allMessageIds(whole)
    whole.close()

    const cut = await seededCloud({ count: 120, now: '2020-06-23T02:00:00Z' })
    const runs = []
    for (let i = 0; i < 50; i++) {
      const r = await reminderPass(cut.deps, cut.clock.now(), { pageSize: 3, maxPages: 2 })
      runs.push(r)
      if (r.done) break
    }
    expect(runs.length).toBeGreaterThan(2)
    expect(runs.slice(0, -1).every((r) => !r.done)).toBe(true)
    expect(await allMessageIds(cut)).toEqual(expected)
    cut.close()
  })

  test('past a deadline: a daily digest to the supervisor and to each responsible unit', async () => {
    const cloud = await seededCloud({ count: 60, now: '2020-04-02T02:00:00Z' })
    const report = await reminderPass(cloud.deps, cloud.clock.now())
    expect(report.digests).toBeGreaterThan(0)
    const [digest] = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-office' }, { limit: 10 })).items
    expect(digest.title).toBe('逾期汇总（2020年4月2日）')
    expect(digest.body).toMatch(/签订移交协议：\d+ 人逾期（二连浩特市供排水有限责任公司）/)
    const water = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-ent-water' }, { limit: 100 })).items.find((m) => m.title.startsWith('逾期汇总'))!
    expect(water.body).not.toContain('热力')
    cloud.close()
  })
})
