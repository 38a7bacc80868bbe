import { seededCloud } from '../../../test/support/cloudHarness'

const ENT = 'dev-ent-water'

describe('the enterprise’s incident log (维稳方案)', () => {
  test('the enterprise writes entries, the office reads them; another enterprise reads only its own', async () => {
    const cloud = await seededCloud({ count: 5 })
    const view = await cloud.ok(ENT, 'incident.add', { kind: 'groupComplaint', happenedOn: '2020-03-19', people: 12, summary: '十二位老人到公司反映取暖费，已解释政策，约定下周再答复。身份证152501195001010011' })
    expect(view.items).toEqual([expect.objectContaining({ kindName: '集体反映', people: 12, happenedOn: '2020-03-19' })])
    // No ID number is kept.
    expect(view.items[0].summary).not.toContain('152501195001010011')
    await cloud.ok(ENT, 'incident.add', { kind: 'visit', happenedOn: '2020-03-20', people: 1, summary: '一位老人来问档案去向。' })
    const office = await cloud.ok('dev-office', 'incident.list', { enterpriseId: 'ent-water' })
    expect(office.items.map((i: { kindName: string }) => i.kindName)).toEqual(['集体反映', '来访'])
    expect((await cloud.ok('dev-ent-heat', 'incident.list', { enterpriseId: 'ent-water' })).items).toEqual([])
    expect((await cloud.call('dev-admin-wulan', 'incident.list', { enterpriseId: 'ent-water' })).ok).toBe(false)
    expect(await cloud.newAudit('case-0001')).toEqual([])
    cloud.close()
  })

  test('a group complaint has at least two people, and nothing is dated after today', async () => {
    const cloud = await seededCloud({ count: 5 })
    const one = await cloud.call(ENT, 'incident.add', { kind: 'groupComplaint', happenedOn: '2020-03-19', people: 1, summary: '一人' })
    expect(one).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '集体反映至少有两人，请核对人数。' } })
    const later = await cloud.call(ENT, 'incident.add', { kind: 'visit', happenedOn: '2020-03-21', people: 1, summary: '明天的事' })
    expect(later).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '发生日期不能晚于今天。' } })
    expect((await cloud.ok(ENT, 'incident.list', {})).items).toEqual([])
    cloud.close()
  })

  test('saving the plans keeps the designated stability contact', async () => {
    const cloud = await seededCloud({ count: 5 })
    const designated = await cloud.ok(ENT, 'plan.setStabilityContact', { userId: ENT })
    expect(designated.stabilityContactUserId).toBe(ENT)
    const { id, version, stabilityContactUserId, ...plan } = designated
    const saved = await cloud.ok(ENT, 'plan.save', { plan: { ...plan, noticePublishedOn: '2020-03-01' }, expectedVersion: version })
    expect(saved).toMatchObject({ noticePublishedOn: '2020-03-01', stabilityContactUserId: ENT })
    cloud.close()
  })
})
