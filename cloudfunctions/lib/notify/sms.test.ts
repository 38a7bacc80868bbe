/**
 * SMS (issue 14): the adapter over the fake of cloudbase.sendSmsV2 answers as documented, and the
 * dispatcher sends SMS by the same rules as pushes: channel choice, idempotency, quiet hours,
 * retries, the daily cap per person, and bounced numbers.
 */
import { seededCloud } from '../../../test/support/cloudHarness'
import { ROSTER_PHONE_RECIPIENT, SMS_DAILY_CAP } from '../../../shared/Delivery'
import { SUBSCRIBE_TEMPLATES } from '../../../shared/SubscribeTemplates'
import type { Delivery } from '../../../shared/Delivery'
import { cloudSmsSender } from './cloudSms'
import { dispatch, newDelivery } from './dispatcher'
import { reminderPass } from './reminders'
import { addChinaDays } from '../../../shared/ChinaTime'
import { withSteps } from '../../../shared/testing/fixtures'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { deadlineOf } from '../../../shared/testing/policies'
import { Delivery as DeliverySchema, channelOf } from '../../../shared/Delivery'
import { FakeCloudbaseSms, SEND_SMS_MAX_NUMBERS } from './FakeCloudbaseSms'
import { FakeSubscribeMessage } from './FakeSubscribeMessage'
import { yieldingStore } from '../../../shared/testing/YieldingStore'
import { SMS_OUTCOME_UNKNOWN } from '../../../shared/ports/SmsSender'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const CONFIG = { env: 'prod-1a2b', templateId: '1234567' }

describe('the fake of cloudbase.sendSmsV2, through the adapter', () => {
  test('an accepted message: +86 number, {1} text, a URL Link to the page, the configured template', async () => {
    const api = new FakeCloudbaseSms()
    const status = await cloudSmsSender(api, CONFIG).send({ phone: '13904791234', text: '您的移交协议已签订，请查看下一步', page: 'pages/home/index' })
    expect(status.code).toBe('Ok')
    expect(api.sent).toEqual([{ phoneNumber: '+8613904791234', text: '您的移交协议已签订，请查看下一步', urlLink: 'https://wxaurl.cn/fake1', templateId: '1234567' }])
    expect(api.links).toEqual([{ path: 'pages/home/index', expireInterval: 30 }])
  })

  test('per-number codes: an invalid number, a do-not-disturb list, a frequency limit', async () => {
    const api = new FakeCloudbaseSms()
    api.codeFor.set('+8613904791234', ['FailedOperation.PhoneNumberInBlacklist', 'LimitExceeded.PhoneNumberDailyLimit'])
    const sender = cloudSmsSender(api, CONFIG)
    expect((await sender.send({ phone: '04797521234', text: '通知', page: 'pages/home/index' })).code).toBe('InvalidParameterValue.IncorrectPhoneNumber')
    expect((await sender.send({ phone: '13904791234', text: '通知', page: 'pages/home/index' })).code).toBe('FailedOperation.PhoneNumberInBlacklist')
    expect((await sender.send({ phone: '13904791234', text: '通知', page: 'pages/home/index' })).code).toBe('LimitExceeded.PhoneNumberDailyLimit')
    expect(api.sent).toEqual([])
  })

  test('request-level errors reject with errCode: -1 busy, -501007 bad parameters (a {1} over 30 characters, too many numbers, no +86)', async () => {
    const api = new FakeCloudbaseSms()
    const sender = cloudSmsSender(api, CONFIG)
    api.failWith = [-1]
    await expect(sender.send({ phone: '13904791234', text: '通知', page: 'pages/home/index' })).rejects.toMatchObject({ errCode: -1 })
    await expect(sender.send({ phone: '13904791234', text: '长'.repeat(31), page: 'pages/home/index' })).rejects.toMatchObject({ errCode: -501007 })
    const call = (phoneNumberList: string[], text = '通知') => api.cloudbase.sendSmsV2({ env: 'e', urlLink: 'https://wxaurl.cn/x', templateId: 't', templateParamList: [text], phoneNumberList })
    expect(await call(Array.from({ length: SEND_SMS_MAX_NUMBERS + 1 }, () => '+8613904791234'))).toMatchObject({ errCode: -501007 })
    expect(await call(['13904791234'])).toMatchObject({ errCode: -501007 })
    expect(await call(['+8613904791234'], '长'.repeat(31))).toMatchObject({ errCode: -501007 })
    expect(await api.urllink.generate({ path: 'pages/home/index', isExpire: true, expireType: 1, expireInterval: 31 })).toMatchObject({ errCode: 40097 })
  })

  test('an answer without a status for the number is an unknown outcome (the SMS may have gone out), not a retryable error', async () => {
    const api = new FakeCloudbaseSms()
    api.dropStatus = 1
    const status = await cloudSmsSender(api, CONFIG).send({ phone: '13904791234', text: '通知', page: 'pages/home/index' })
    expect(status.code).toBe(SMS_OUTCOME_UNKNOWN)
    expect(api.sent).toHaveLength(1)
  })
})

async function agreementFor(cloud: Cloud, caseIds: string[]) {
  const draft = await cloud.ok('dev-ent-water', 'agreement.draft', { communityId: 'com-wulan', caseIds })
  const signed = await cloud.ok('dev-admin-wulan', 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
  await cloud.ok('dev-ent-water', 'agreement.countersign', { id: draft.id, expectedVersion: signed.version })
}

const smsOf = async (cloud: Cloud, caseId: string) => (await cloud.store.listDocs('delivery', { caseId }, { limit: 100 })).items.filter((d) => d.channel === 'sms')

describe('SMS through the dispatcher', () => {
  let cloud: Cloud
  let api: FakeCloudbaseSms
  const push = new FakeSubscribeMessage()
  const run = () => dispatch(cloud.deps, push, cloudSmsSender(api, CONFIG))
  beforeEach(async () => {
    cloud = await seededCloud({ count: 10, now: '2020-03-20T02:00:00Z' }) // 10:00 China time
    api = new FakeCloudbaseSms()
  })
  afterEach(() => cloud.close())

  test('without a WeChat consent, a stage change goes by SMS to the roster mobile, once, and its delivery is recorded', async () => {
    const phone = (await cloud.store.getCase('case-0001'))!.person.phone
    await agreementFor(cloud, ['case-0001'])
    const report = await run()
    expect(report).toMatchObject({ sent: 1, failed: 0 })
    expect(api.sent).toEqual([expect.objectContaining({ phoneNumber: `+86${phone}`, text: '移交进度更新：移交协议已签订，请在小程序查看' })])
    const [d] = await smsOf(cloud, 'case-0001')
    expect(d).toMatchObject({ channel: 'sms', status: 'sent', recipientUserId: ROSTER_PHONE_RECIPIENT, attempts: 1 })
    expect((await cloud.store.getDoc('caseReach', 'case-0001'))!.sms).toMatchObject({ phone, lastDeliveredAt: '2020-03-20T02:00:00.000Z', lastBouncedAt: null })
    // Idempotent: a rerun, or the same event again, sends nothing twice.
    expect(await run()).toMatchObject({ sent: 0, queued: 0 })
    expect(api.sent).toHaveLength(1)
  })

  test('with a WeChat consent the subscribe message goes and no SMS', async () => {
    await cloud.ok('dev-retiree-1', 'consent.record', { moment: 'afterBinding', results: { [SUBSCRIBE_TEMPLATES.stageChanged.id]: 'accept' } })
    await agreementFor(cloud, ['case-0001'])
    expect(await run()).toMatchObject({ sent: 1 })
    expect(api.sent).toEqual([])
    expect(await smsOf(cloud, 'case-0001')).toEqual([])
  })

  test('quiet hours: an SMS queued at 22:00 China time waits for 08:00', async () => {
    cloud.clock.set('2020-03-20T14:00:00Z') // 22:00
    await agreementFor(cloud, ['case-0001'])
    expect(await run()).toMatchObject({ quiet: true, sent: 0 })
    expect((await smsOf(cloud, 'case-0001'))[0].notBefore).toBe('2020-03-21T00:00:00.000Z')
    cloud.clock.set('2020-03-20T23:59:00Z')
    expect(await run()).toMatchObject({ sent: 0 })
    cloud.clock.set('2020-03-21T00:00:00Z')
    expect(await run()).toMatchObject({ sent: 1 })
  })

  test(`at most ${SMS_DAILY_CAP} SMS per person per China day; the rest wait for the next morning`, async () => {
    const now = cloud.clock.now()
    const queued: Delivery[] = Array.from({ length: SMS_DAILY_CAP + 2 }, (_, i) => ({ ...newDelivery(now, `case-0001|test|n${i}|-|${ROSTER_PHONE_RECIPIENT}`, 'case-0001', ROSTER_PHONE_RECIPIENT, 'stageChanged', {}), channel: 'sms', smsText: `第${i + 1}条` }))
    await cloud.store.commit({ docs: queued.map((next) => ({ kind: 'delivery', next, expectedVersion: null })) })
    expect(await run()).toMatchObject({ sent: SMS_DAILY_CAP, retrying: 2 })
    expect(api.sent).toHaveLength(SMS_DAILY_CAP)
    const waiting = (await smsOf(cloud, 'case-0001')).filter((d) => d.status === 'pending')
    expect(waiting.map((d) => d.notBefore)).toEqual(['2020-03-21T00:00:00.000Z', '2020-03-21T00:00:00.000Z'])
    expect(waiting.every((d) => d.attempts === 0)).toBe(true)
    cloud.clock.set('2020-03-21T00:30:00Z')
    expect(await run()).toMatchObject({ sent: 2 })
  })

  const queueSms = async (n: number, caseId = 'case-0001') => {
    const now = cloud.clock.now()
    const queued: Delivery[] = Array.from({ length: n }, (_, i) => ({ ...newDelivery(now, `${caseId}|test|n${i}|-|${ROSTER_PHONE_RECIPIENT}`, caseId, ROSTER_PHONE_RECIPIENT, 'stageChanged', {}), channel: 'sms', smsText: `第${i + 1}条` }))
    await cloud.store.commit({ docs: queued.map((next) => ({ kind: 'delivery', next, expectedVersion: null })) })
  }

  test('two notify runs at once never send more than the daily cap to one person', async () => {
    // Earlier today all but one of the day's SMS went; then three messages are due and two runs start together.
    await queueSms(SMS_DAILY_CAP - 1)
    expect(await run()).toMatchObject({ sent: SMS_DAILY_CAP - 1 })
    const now = cloud.clock.now()
    const later: Delivery[] = Array.from({ length: 3 }, (_, i) => ({ ...newDelivery(now, `case-0001|test|later${i}|-|${ROSTER_PHONE_RECIPIENT}`, 'case-0001', ROSTER_PHONE_RECIPIENT, 'stageChanged', {}), channel: 'sms', smsText: `后${i + 1}条` }))
    await cloud.store.commit({ docs: later.map((next) => ({ kind: 'delivery', next, expectedVersion: null })) })
    const racing = { ...cloud.deps, store: yieldingStore(cloud.store) }
    const sender = cloudSmsSender(api, CONFIG)
    await Promise.all([dispatch(racing, push, sender), dispatch(racing, push, sender)])
    expect(api.sent).toHaveLength(SMS_DAILY_CAP)
    const waiting = (await smsOf(cloud, 'case-0001')).filter((d) => d.status === 'pending')
    expect(waiting).toHaveLength(2)
    expect(waiting.every((d) => d.notBefore === '2020-03-21T00:00:00.000Z' && d.attempts === 0)).toBe(true)
  })

  test('an SMS whose outcome is unknown counts against the cap and is never sent again', async () => {
    await queueSms(SMS_DAILY_CAP + 1)
    api.dropStatus = 1
    expect(await run()).toMatchObject({ uncertain: 1, sent: SMS_DAILY_CAP - 1, retrying: 1 })
    const all = await smsOf(cloud, 'case-0001')
    expect(all.filter((d) => d.status === 'uncertain')).toEqual([expect.objectContaining({ lastError: expect.stringContaining('不再发送') })])
    cloud.clock.set('2020-03-21T00:30:00Z')
    expect(await run()).toMatchObject({ sent: 1, uncertain: 0 })
    expect(api.sent).toHaveLength(SMS_DAILY_CAP + 1)
  })

  test('an SMS refused before it reaches the platform gives its place under the cap back', async () => {
    await queueSms(SMS_DAILY_CAP + 1)
    api.failWith = [-501007]
    expect(await run()).toMatchObject({ failed: 1, sent: SMS_DAILY_CAP, retrying: 0 })
    expect(api.sent).toHaveLength(SMS_DAILY_CAP)
  })

  test('an SMS whose outcome is unknown is marked uncertain and never sent again', async () => {
    await agreementFor(cloud, ['case-0001'])
    api.dropStatus = 1
    expect(await run()).toMatchObject({ uncertain: 1, sent: 0, retrying: 0 })
    expect((await smsOf(cloud, 'case-0001'))[0]).toMatchObject({ status: 'uncertain', lastError: expect.stringContaining('不再发送') })
    cloud.clock.set(new Date(cloud.clock.now().getTime() + 3_600_000))
    expect(await run()).toMatchObject({ sent: 0, uncertain: 0 })
    expect(api.sent).toHaveLength(1)
  })

  test('a frequency limit is retried with the backoff', async () => {
    const phone = (await cloud.store.getCase('case-0001'))!.person.phone
    api.codeFor.set(`+86${phone}`, ['LimitExceeded.PhoneNumberOneHourLimit'])
    await agreementFor(cloud, ['case-0001'])
    expect(await run()).toMatchObject({ retrying: 1, sent: 0 })
    expect(await run()).toMatchObject({ retrying: 0, sent: 0 }) // not due for a minute
    cloud.clock.set(new Date(cloud.clock.now().getTime() + 60_000))
    expect(await run()).toMatchObject({ sent: 1 })
    expect((await smsOf(cloud, 'case-0001'))[0]).toMatchObject({ status: 'sent', attempts: 2 })
  })

  test('a bounced number is marked bad, the enterprise and the community are asked once to correct it, and a correction clears the mark', async () => {
    const phone = (await cloud.store.getCase('case-0001'))!.person.phone
    api.codeFor.set(`+86${phone}`, ['InvalidParameterValue.IncorrectPhoneNumber'])
    await agreementFor(cloud, ['case-0001'])
    expect(await run()).toMatchObject({ failed: 1 })
    expect((await cloud.store.getDoc('caseReach', 'case-0001'))!.sms).toMatchObject({ phone, lastBouncedAt: '2020-03-20T02:00:00.000Z' })
    const asked = async (userId: string) => (await cloud.store.listDocs('staffMessage', { recipientUserId: userId }, { limit: 100 })).items.filter((m) => m.title.includes('收不到短信'))
    for (const staff of ['dev-ent-water', 'dev-admin-wulan']) {
      const messages = await asked(staff)
      expect(messages).toHaveLength(1)
      expect(messages[0].body).not.toContain(phone)
      expect(messages[0].body).toContain(phone.slice(-4))
    }
    await run()
    expect(await asked('dev-ent-water')).toHaveLength(1)
    // The retiree says the phone is wrong; the enterprise corrects it: the mark does not hold for the new number, and the answer goes by SMS to it.
    const version = await cloud.versionOf('case-0001')
    await cloud.ok('dev-retiree-1', 'details.dispute', { expectedVersion: version, fields: [{ field: 'phone', reason: '换号了' }] })
    const [request] = (await cloud.store.listDocs('correctionRequest', { caseId: 'case-0001' }, { limit: 10 })).items
    const bad = await cloud.call('dev-ent-water', 'correction.answer', { id: request.id, expectedVersion: request.version, decision: { kind: 'accept', values: { phone: '7521234' }, answer: '已更正。' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('带区号的固定电话') } })
    await cloud.ok('dev-ent-water', 'correction.answer', { id: request.id, expectedVersion: request.version, decision: { kind: 'accept', values: { phone: '13904790999' }, answer: '已更正。' } })
    expect(await run()).toMatchObject({ sent: 1 })
    expect(api.sent).toEqual([expect.objectContaining({ phoneNumber: '+8613904790999', text: '您反映的信息有误一事已答复，请在小程序查看' })])
    expect((await cloud.store.getDoc('caseReach', 'case-0001'))!.sms).toMatchObject({ phone: '13904790999', lastBouncedAt: null })
  })

  test('an SMS queued while there was an SMS channel is skipped, not left waiting, when the channel is gone', async () => {
    const now = cloud.clock.now()
    const queued: Delivery = { ...newDelivery(now, `case-0001|test|late|-|${ROSTER_PHONE_RECIPIENT}`, 'case-0001', ROSTER_PHONE_RECIPIENT, 'stageChanged', {}), channel: 'sms', smsText: '通知' }
    await cloud.store.commit({ docs: [{ kind: 'delivery', next: queued, expectedVersion: null }] })
    expect(await dispatch(cloud.deps, push)).toMatchObject({ skipped: 1, sent: 0 })
    expect(await cloud.store.getDoc('delivery', queued.id)).toMatchObject({ status: 'skipped' })
  })

  test('a landline on the roster gets no SMS: the message stays in the inbox and the printed notice is left', async () => {
    const c = (await cloud.store.getCase('case-0001'))!
    await cloud.store.commit({ cases: [{ next: { ...c, version: c.version + 1, person: { ...c.person, phone: '04797521234' } }, expectedVersion: c.version }] })
    await agreementFor(cloud, ['case-0001'])
    expect(await run()).toMatchObject({ sent: 0, failed: 0 })
    expect(await smsOf(cloud, 'case-0001')).toEqual([])
  })
})

test('a deadline reminder nobody can get by WeChat goes by SMS when there is an SMS channel, once', async () => {
  const policy = erenhot2019
  const cloud = await seededCloud({ count: 10, now: `${addChinaDays(deadlineOf(policy, 'takenIn'), -1)}T02:00:00Z`, policy })
  const fresh = await cloud.addCase('case-9001', { name: '达来' })
  await cloud.store.commit({ cases: [{ next: withSteps(policy, fresh, ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned', 'pensionHandedOver', 'medicalInsuranceHandedOver', 'personnelFileTransferred']), expectedVersion: fresh.version }] })
  const api = new FakeCloudbaseSms()
  await reminderPass(cloud.deps, cloud.clock.now(), { sms: true })
  await reminderPass(cloud.deps, cloud.clock.now(), { sms: true })
  const sms = await smsOf(cloud, 'case-9001')
  expect(sms).toHaveLength(1)
  expect(sms[0]).toMatchObject({ templateKey: 'deadlineReminder', smsText: expect.stringContaining('还有1天截止') })
  expect(await dispatch(cloud.deps, new FakeSubscribeMessage(), cloudSmsSender(api, CONFIG))).toMatchObject({ sent: 1 })
  expect(api.sent.map((m) => m.phoneNumber)).toEqual([`+86${fresh.person.phone}`])
  cloud.close()
})

test('a delivery stored before SMS (no channel) still reads, as a WeChat subscribe message', () => {
  const old = { id: 'k', version: 2, caseId: 'c', recipientUserId: 'u', templateKey: 'stageChanged', data: {}, page: 'pages/home/index', status: 'sent', attempts: 1, notBefore: '2020-03-20T00:00:00.000Z', claimedAt: null, lastError: null, sentAt: '2020-03-20T00:00:00.000Z' }
  const read = DeliverySchema.parse(old)
  expect(channelOf(read)).toBe('wechat')
})
