import { seededCloud } from '../../../test/support/cloudHarness'
import { SUBSCRIBE_TEMPLATES } from '../../../shared/SubscribeTemplates'
import { quietUntil } from '../../../shared/Delivery'
import { dispatch, expandEvents, sendDue } from './dispatcher'
import { FakeSubscribeMessage } from './FakeSubscribeMessage'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const STAGE_TEMPLATE = SUBSCRIBE_TEMPLATES.stageChanged.id

/** The retiree of case-0001 consents once; the enterprise records a step on their case. */
async function setUp(consents = 1) {
  const cloud = await seededCloud({ count: 10, now: '2020-03-20T02:00:00Z' }) // 10:00 China time
  for (let i = 0; i < consents; i++) await cloud.ok('dev-retiree-1', 'consent.record', { moment: 'afterBinding', results: { [STAGE_TEMPLATE]: 'accept' } })
  return cloud
}

async function agreementFor(cloud: Cloud, caseIds: string[]) {
  const draft = await cloud.ok('dev-ent-water', 'agreement.draft', { communityId: 'com-wulan', caseIds })
  const signed = await cloud.ok('dev-admin-wulan', 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
  await cloud.ok('dev-ent-water', 'agreement.countersign', { id: draft.id, expectedVersion: signed.version })
}

describe('stage notifications', () => {
  test('a stage change reaches the retiree by subscribe message (with consent) and the staff of the next step', async () => {
    const cloud = await setUp()
    const sender = new FakeSubscribeMessage()
    await agreementFor(cloud, ['case-0001'])
    const report = await dispatch(cloud.deps, sender)
    expect(report).toMatchObject({ sent: 1, failed: 0 })
    expect(sender.sent).toEqual([expect.objectContaining({ touser: 'dev-retiree-1', templateId: STAGE_TEMPLATE, page: 'pages/home/index', data: expect.objectContaining({ thing1: { value: '移交协议已签订' } }) })])
    // Next: file (archives), social security (人社局 first; the community has nothing to do yet).
    const archives = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-archives' }, { limit: 10 })).items
    expect(archives.map((m) => m.title)).toEqual(['斯日古楞：移交协议已签订'])
    expect(archives[0].body).toContain('人事档案移交（2020年6月30日前）')
    expect((await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-grid-wulan' }, { limit: 10 })).items).toHaveLength(0)
    expect((await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-hrss' }, { limit: 10 })).items.map((m) => m.title)).toEqual(['斯日古楞：移交协议已签订'])
    expect((await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-medical' }, { limit: 10 })).items).toHaveLength(0)
    expect((await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-party' }, { limit: 10 })).items).toHaveLength(0) // not a party member
    // The community's signature told the enterprise that its countersignature is next.
    const enterprise = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-ent-water' }, { limit: 10 })).items
    expect(enterprise.map((m) => [m.title, m.body])).toContainEqual(['斯日古楞：社区已签移交协议', '下一步：签订移交协议（2020年3月31日前）。'])
    // The relative has no consent: inbox only.
    expect(sender.sent.map((m) => m.touser)).not.toContain('dev-relative-1')
    cloud.close()
  })

  test('running the dispatcher twice sends nothing twice', async () => {
    const cloud = await setUp()
    const sender = new FakeSubscribeMessage()
    await agreementFor(cloud, ['case-0001'])
    await dispatch(cloud.deps, sender)
    const again = await dispatch(cloud.deps, sender)
    expect(again).toMatchObject({ events: 0, queued: 0, staffMessages: 0, sent: 0 })
    expect(sender.sent).toHaveLength(1)
    cloud.close()
  })

  test('a one-time consent allows one message; the next goes to the inbox only', async () => {
    const cloud = await setUp(1)
    const sender = new FakeSubscribeMessage()
    await agreementFor(cloud, ['case-0001'])
    await dispatch(cloud.deps, sender)
    const version = (await cloud.store.getCase('case-0001'))!.version
    await cloud.ok('dev-archives', 'case.recordStep', { caseId: 'case-0001', expectedVersion: version, step: { type: 'personnelFileTransferred' } })
    const report = await dispatch(cloud.deps, sender)
    expect(report.queued).toBe(0)
    expect(sender.sent).toHaveLength(1)
    expect((await cloud.ok('dev-retiree-1', 'inbox.list')).items[0].title).toBe('人事档案已移交')
    cloud.close()
  })

  test('a crash between send and mark, then a rerun: no duplicate', async () => {
    const cloud = await setUp(2)
    const sender = new FakeSubscribeMessage()
    await agreementFor(cloud, ['case-0001'])
    await expandEvents(cloud.deps, cloud.clock.now())
    const store = cloud.store
    const commit = store.commit.bind(store)
    store.commit = async (change) => {
      if (change.docs?.some((d) => d.kind === 'delivery' && d.next.status === 'sent')) throw new Error('process killed')
      return commit(change)
    }
    await expect(sendDue(cloud.deps, sender, cloud.clock.now())).rejects.toThrow('process killed')
    store.commit = commit
    expect(sender.sent).toHaveLength(1)
    cloud.clock.set('2020-03-20T02:20:00Z') // after the claim's lease
    const rerun = await sendDue(cloud.deps, sender, cloud.clock.now())
    expect(rerun).toMatchObject({ uncertain: 1, sent: 0 })
    expect(sender.sent).toHaveLength(1)
    cloud.close()
  })
})

describe('send errors, against the documented responses', () => {
  test('43101: the consent is used up, and the message is still in the inbox', async () => {
    const cloud = await setUp(3)
    const sender = new FakeSubscribeMessage()
    sender.failWith = [43101]
    await agreementFor(cloud, ['case-0001'])
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ failed: 1, sent: 0 })
    const consent = (await cloud.store.getDoc('subscribeConsent', `dev-retiree-1~${STAGE_TEMPLATE}`))!
    expect(consent.used).toBe(consent.accepted)
    expect((await cloud.ok('dev-retiree-1', 'inbox.list')).items[0].title).toBe('移交协议已签订')
    cloud.close()
  })

  test.each([40003, 40037, 47003, 41030])('%i is permanent: recorded with the reason, never retried', async (code) => {
    const cloud = await setUp()
    const sender = new FakeSubscribeMessage()
    sender.failWith = [code]
    await agreementFor(cloud, ['case-0001'])
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ failed: 1 })
    cloud.clock.set('2020-03-20T06:00:00Z')
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ sent: 0, retrying: 0 })
    const [d] = (await cloud.store.listDocs('delivery', { caseId: 'case-0001' }, { limit: 10 })).items
    expect(d).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining(String(code)) })
    expect(sender.sent).toHaveLength(0)
    cloud.close()
  })

  test.each([-1, 45009])('%i is transient: retried with backoff, then sent once', async (code) => {
    const cloud = await setUp()
    const sender = new FakeSubscribeMessage()
    sender.failWith = [code, code]
    await agreementFor(cloud, ['case-0001'])
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ retrying: 1 })
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ retrying: 0, sent: 0 }) // not due yet (1 minute)
    cloud.clock.set('2020-03-20T02:01:00Z')
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ retrying: 1 })
    cloud.clock.set('2020-03-20T02:06:00Z') // 5 minutes later
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ sent: 1 })
    expect(sender.sent).toHaveLength(1)
    cloud.close()
  })
})

describe('quiet hours', () => {
  test('nothing is pushed between 21:00 and 08:00 China time; queued messages go at 08:00', async () => {
    const cloud = await setUp()
    const sender = new FakeSubscribeMessage()
    cloud.clock.set('2020-03-20T14:30:00Z') // 22:30 China time
    await agreementFor(cloud, ['case-0001'])
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ quiet: true, sent: 0, queued: 1 })
    cloud.clock.set('2020-03-20T23:59:00Z') // 07:59 China time
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ quiet: true, sent: 0 })
    cloud.clock.set('2020-03-21T00:00:00Z') // 08:00 China time
    expect(await dispatch(cloud.deps, sender)).toMatchObject({ quiet: false, sent: 1 })
    cloud.close()
  })

  test('the quiet window is computed in China time whatever the server’s zone', () => {
    expect(quietUntil(new Date('2020-03-20T12:59:59Z'))).toBeNull() // 20:59
    expect(quietUntil(new Date('2020-03-20T13:00:00Z'))?.toISOString()).toBe('2020-03-21T00:00:00.000Z') // 21:00 → 08:00 next day
    expect(quietUntil(new Date('2020-03-20T16:30:00Z'))?.toISOString()).toBe('2020-03-21T00:00:00.000Z') // 00:30 → 08:00 same China day
  })
})

