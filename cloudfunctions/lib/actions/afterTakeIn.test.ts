/**
 * After take-in through the router (plan 四（七）; shared/AfterTakeIn.ts): the receiving community's
 * visits reach the retiree's timeline; a move within the city hands the case over with its history;
 * a death closes it and tells the enterprise and 人社局; 人社局's field drives the yearly reminder.
 * case-0005 (dev-retiree-5, 乌云其木格) is seeded taken in by 乌兰社区, enterprise ent-bus.
 */
import { AFTER_TAKE_IN_ACTIONS, functionFor } from '../../../shared/Api'
import { seededCloud } from '../../../test/support/cloudHarness'
import { apiHandlers } from './index'
import { afterTakeInHandlers } from './afterTakeIn'
import { qualificationReminderPass } from '../notify/qualificationReminders'
import { SUBSCRIBE_TEMPLATES } from '../../../shared/SubscribeTemplates'

const CASE = 'case-0005'
const finished = async (cloud: Awaited<ReturnType<typeof seededCloud>>, community: string) => (await cloud.store.readFigures(`community:${community}|`)).get(`community:${community}|finished`) ?? 0

test('a visit and help are recorded by the receiving community and the retiree reads them on the timeline, without the phone number', async () => {
  const cloud = await seededCloud({ count: 12 })
  const version = await cloud.versionOf(CASE)
  const detail = await cloud.ok('dev-grid-wulan', 'care.record', { caseId: CASE, expectedVersion: version, kind: 'visit', text: '上门看望，老人身体硬朗' })
  expect(detail.history.at(-1)).toMatchObject({ type: 'careRecorded', name: '社区走访帮扶', role: 'gridWorker' })
  await cloud.ok('dev-admin-wulan', 'care.record', { caseId: CASE, expectedVersion: version + 1, kind: 'help', text: '帮老人申请了助餐补贴，女儿电话13912345678' })

  const mine = await cloud.ok('dev-retiree-5', 'case.myStatus')
  expect(mine.care).toEqual([
    { on: '2020-03-20', title: '社区帮您解决了困难', text: expect.stringContaining('帮老人申请了助餐补贴') },
    { on: '2020-03-20', title: '社区来看望您了', text: '上门看望，老人身体硬朗' },
  ])
  expect(JSON.stringify(mine.care)).not.toContain('13912345678')
  expect((await cloud.ok('dev-retiree-5', 'inbox.list')).items[0]).toMatchObject({ title: '社区帮您解决了困难' })
  // Each write audited (the card it returns also logs the staff member's view of the full number, phone.viewed).
  expect((await cloud.newAudit(CASE)).filter((e) => e.action !== 'phone.viewed').map((e) => [e.action, e.outcome])).toEqual([
    ['care.record', 'done'],
    ['care.record', 'done'],
  ])

  // Another community, an enterprise, a case not yet taken in, an over-long text: refused, nothing written.
  const now = await cloud.versionOf(CASE)
  expect(await cloud.call('dev-grid-gerile', 'care.record', { caseId: CASE, expectedVersion: now, kind: 'visit', text: '看望' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await cloud.call('dev-ent-bus', 'care.record', { caseId: CASE, expectedVersion: now, kind: 'visit', text: '看望' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await cloud.call('dev-grid-wulan', 'care.record', { caseId: 'case-0001', expectedVersion: await cloud.versionOf('case-0001'), kind: 'visit', text: '看望' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(await cloud.call('dev-grid-wulan', 'care.record', { caseId: CASE, expectedVersion: now, kind: 'visit', text: '看'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  expect(await cloud.versionOf(CASE)).toBe(now)
  cloud.close()
})

test('a move within the city: the new community receives the case with its history, both are told, the figures move', async () => {
  const cloud = await seededCloud({ count: 12 })
  await cloud.ok('dev-grid-wulan', 'care.record', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), kind: 'healthCheck', text: '量了血压，正常' })
  const before = (await cloud.ok('dev-grid-wulan', 'case.get', { caseId: CASE })).history
  const [wulan, gerile] = [await finished(cloud, 'com-wulan'), await finished(cloud, 'com-gerile')]

  expect(await cloud.call('dev-grid-wulan', 'case.transfer', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), toCommunityCode: 'XX99' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await cloud.call('dev-grid-gerile', 'case.transfer', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), toCommunityCode: 'grl02' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  const moved = await cloud.ok('dev-admin-wulan', 'case.transfer', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), toCommunityCode: 'grl02', note: '随女儿搬到格日勒社区' })
  expect(moved.receivingCommunityId).toBe('com-gerile')

  // The new community sees the whole history; the old one no longer sees the case.
  const seen = (await cloud.ok('dev-grid-gerile', 'case.get', { caseId: CASE })).history
  expect(seen.slice(0, before.length)).toEqual(before)
  expect(seen.at(-1)).toMatchObject({ type: 'caseTransferred', name: '转到新社区管理' })
  expect(await cloud.call('dev-grid-wulan', 'case.get', { caseId: CASE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await finished(cloud, 'com-wulan')).toBe(wulan - 1)
  expect(await finished(cloud, 'com-gerile')).toBe(gerile + 1)

  for (const admin of ['dev-admin-wulan', 'dev-admin-gerile']) {
    expect((await cloud.ok(admin, 'messages.mine')).items).toContainEqual(expect.objectContaining({ title: '乌云其木格转到格日勒社区管理', link: `/worker/pages/case/index?id=${CASE}` }))
  }
  expect((await cloud.ok('dev-retiree-5', 'inbox.list')).items[0]).toMatchObject({ title: '您换了管理社区' })
  // The new community serves the person from now on.
  await cloud.ok('dev-grid-gerile', 'care.record', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), kind: 'visit', text: '上门认识一下' })
  cloud.close()
})

test('a death closes the case: the enterprise and 人社局 are told once, the record stays, nothing more is recorded, the board counts it as before', async () => {
  const cloud = await seededCloud({ count: 12 })
  await cloud.ok('dev-hrss', 'qualification.set', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), needed: true, lastDoneOn: null })
  const wulan = await finished(cloud, 'com-wulan')
  expect(await cloud.call('dev-grid-wulan', 'case.close', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), reason: 'death', on: '2020-03-21' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  const closed = await cloud.ok('dev-grid-wulan', 'case.close', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), reason: 'death', on: '2020-03-18', note: '家属来社区告知' })
  expect(closed.history.at(-1)).toMatchObject({ type: 'caseClosed' })
  expect(closed.case.currentStageName).toBe('已办结（去世）')
  expect(await finished(cloud, 'com-wulan')).toBe(wulan)
  expect((await cloud.store.getCase(CASE))!.summary.closed).toEqual({ reason: 'death', on: '2020-03-18' })

  const text = { title: '乌云其木格已去世，移交案例已办结', body: expect.stringContaining('2020年3月18日去世') }
  expect((await cloud.ok('dev-hrss', 'messages.mine')).items.filter((m: { title: string }) => m.title === text.title)).toEqual([expect.objectContaining(text)])
  const operators = await cloud.store.listUsers({ orgId: 'ent-bus', role: 'enterpriseOperator' })
  expect(operators.length).toBeGreaterThan(0)
  for (const u of operators) expect((await cloud.ok(u.id, 'messages.mine')).items).toContainEqual(expect.objectContaining(text))

  const v = await cloud.versionOf(CASE)
  for (const [user, action, input] of [
    ['dev-grid-wulan', 'care.record', { kind: 'visit', text: '看望' }],
    ['dev-grid-wulan', 'case.close', { reason: 'movedAway', on: '2020-03-18' }],
    ['dev-admin-wulan', 'case.transfer', { toCommunityCode: 'grl02' }],
    ['dev-hrss', 'qualification.set', { needed: false, lastDoneOn: null }],
  ] as const) {
    expect(await cloud.call(user, action, { caseId: CASE, expectedVersion: v, ...input })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  }
  // The record stays: the retiree's side still reads it, and no yearly reminder is due.
  expect((await cloud.ok('dev-retiree-5', 'inbox.list')).items[0]).toMatchObject({ title: '社区已登记老人去世' })
  expect(await cloud.store.getDoc('qualificationCheck', CASE)).toMatchObject({ dueYear: '-' })
  expect(await qualificationReminderPass(cloud.deps, new Date('2020-03-20T02:00:00Z'))).toMatchObject({ reminded: 0 })
  cloud.close()
})

test('人社局 marks who needs the yearly qualification check; the pass reminds them once per China year, outside quiet hours, with where and how', async () => {
  const cloud = await seededCloud({ count: 12 })
  expect(await cloud.call('dev-grid-wulan', 'qualification.set', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), needed: true, lastDoneOn: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await cloud.call('dev-medical', 'qualification.set', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), needed: true, lastDoneOn: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  await cloud.ok('dev-hrss', 'qualification.set', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), needed: true, lastDoneOn: '2019-04-02' })
  const reminders = async () => (await cloud.ok('dev-retiree-5', 'inbox.list')).items.filter((m: { title: string }) => m.title.includes('养老金资格认证，请记得去做'))

  // 23:30 China time: quiet, nothing sent.
  expect(await qualificationReminderPass(cloud.deps, new Date('2020-03-20T15:30:00Z'))).toMatchObject({ quiet: true, reminded: 0 })
  expect(await qualificationReminderPass(cloud.deps, new Date('2020-03-21T02:00:00Z'))).toMatchObject({ year: '2020', reminded: 1 })
  expect(await qualificationReminderPass(cloud.deps, new Date('2020-03-21T03:00:00Z'))).toMatchObject({ reminded: 0 })
  const [first] = await reminders()
  const community = (await cloud.store.getCommunity('com-wulan'))!
  expect(first).toMatchObject({ title: '2020年的养老金资格认证，请记得去做', body: expect.stringContaining(community.name) })
  expect(first.body).toContain(community.address)
  // Late on 31 December (UTC) it is already 2021 in China, but quiet; at 09:00 China time the new year's reminder goes out once.
  expect(await qualificationReminderPass(cloud.deps, new Date('2020-12-31T16:30:00Z'))).toMatchObject({ year: '2021', quiet: true, reminded: 0 })
  expect(await qualificationReminderPass(cloud.deps, new Date('2021-01-01T01:00:00Z'))).toMatchObject({ year: '2021', reminded: 1 })
  expect(await qualificationReminderPass(cloud.deps, new Date('2021-01-01T05:00:00Z'))).toMatchObject({ reminded: 0 })
  expect((await reminders()).map((m: { title: string }) => m.title)).toEqual(['2021年的养老金资格认证，请记得去做', '2020年的养老金资格认证，请记得去做'])
  cloud.close()
})

test('the yearly reminder also goes as the subscribe message to a reader with a consent left, or else by SMS to the roster phone, once a year', async () => {
  const cloud = await seededCloud({ count: 12 })
  await cloud.ok('dev-hrss', 'qualification.set', { caseId: CASE, expectedVersion: await cloud.versionOf(CASE), needed: true, lastDoneOn: '2019-04-02' })
  await cloud.ok('dev-retiree-5', 'consent.record', { moment: 'afterBinding', results: { [SUBSCRIBE_TEMPLATES.deadlineReminder.id]: 'accept' } })
  const deliveries = async () => (await cloud.store.listDocs('delivery', { caseId: CASE }, { limit: 100 })).items.filter((d) => d.id.includes('qualification'))
  expect(await qualificationReminderPass(cloud.deps, new Date('2020-03-21T02:00:00Z'), { sms: true })).toMatchObject({ reminded: 1 })
  const [wechat] = await deliveries()
  expect(wechat).toMatchObject({ recipientUserId: 'dev-retiree-5', templateKey: 'deadlineReminder', status: 'pending' })
  expect(Object.values(wechat.data)).toEqual(expect.arrayContaining(['养老金领取资格认证', '2020年12月31日']))
  expect(await deliveries()).toHaveLength(1)

  // The next year nobody on the case can get the subscribe message (the one consent is used): one SMS to the roster phone instead.
  const consent = (await cloud.store.getDoc('subscribeConsent', `dev-retiree-5~${SUBSCRIBE_TEMPLATES.deadlineReminder.id}`))!
  await cloud.store.commit({ docs: [{ kind: 'subscribeConsent', next: { ...consent, version: consent.version + 1, used: consent.accepted }, expectedVersion: consent.version }] })
  expect(await qualificationReminderPass(cloud.deps, new Date('2021-01-04T02:00:00Z'), { sms: true })).toMatchObject({ reminded: 1 })
  expect(await qualificationReminderPass(cloud.deps, new Date('2021-01-05T02:00:00Z'), { sms: true })).toMatchObject({ reminded: 0 })
  const sms = (await deliveries()).filter((d) => d.channel === 'sms')
  expect(sms).toEqual([expect.objectContaining({ templateKey: 'deadlineReminder', smsText: expect.stringContaining('2021年养老金资格认证请带身份证到乌兰社区办理') })])
  cloud.close()
})

test('the staff-only actions after take-in are served by the roster function, not api (its size budget)', () => {
  for (const action of AFTER_TAKE_IN_ACTIONS) {
    expect([action, functionFor(action)]).toEqual([action, 'roster'])
    expect(Object.keys(apiHandlers)).not.toContain(action)
    expect(Object.keys(afterTakeInHandlers)).toContain(action)
  }
  expect(functionFor('case.myStatus')).toBe('api')
})
