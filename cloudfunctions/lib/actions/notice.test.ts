import { seededCloud } from '../../../test/support/cloudHarness'
import { FakeSubscribeMessage } from '../notify/FakeSubscribeMessage'
import { hourlyNotify } from '../notify/hourly'
import { NOTICE_CHUNK, noticeDeliveryPass } from '../notify/noticeDelivery'
import { OPINIONS_PER_EDITION } from './notice'
import { handlers } from './all'
import { createCloudDbStore } from '../CloudDbStore'
import { FakeCloudDatabase } from '../FakeCloudDatabase'
import { createDeps } from '../deps'
import { createRouter } from '../router'
import { fixedClock } from '../../../shared/Clock'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { seedDemo } from '../../../local/seed'

const ENT = 'dev-ent-water'
const OFFICE = 'dev-office'
const RETIREE = 'dev-retiree-1' // 斯日古楞, ent-water, in the hand-over
const PARTY_MEMBER = 'dev-retiree-2' // ent-water too
const RETIRED_CADRE = 'dev-retiree-4' // 李德胜, ent-water, 离休: out of the hand-over
const RELATIVE = 'dev-relative-1' // of case-0001, not allowed to confirm

const SUMMARY = {
  changes: '移交后由户籍所在地社区管理服务，党组织关系转入社区。',
  unchanged: '养老金照常按时足额发放，医保照常享受。',
  steps: [
    { step: '签订移交协议', by: '2020-03-31' },
    { step: '人事档案移交', by: '2020-06-30' },
  ],
}

describe('公告公示 and 意见反馈', () => {
  test('an enterprise publishes; a retiree reads it once; an opinion is answered; the counts move', async () => {
    const cloud = await seededCloud({ count: 20 })
    expect(await cloud.ok(RETIREE, 'notice.mine')).toMatchObject({ notice: null })
    const published = await cloud.ok(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-04-10' })
    const retirees = published.retirees
    expect(retirees).toBeGreaterThan(1)
    expect(published).toMatchObject({ enterpriseName: '二连浩特市供排水有限责任公司', notice: { edition: 1, publishedOn: '2020-03-20', feedbackClosesOn: '2020-04-10', delivered: false }, read: 0, opinionsOpen: 0 })

    const seen = await cloud.ok(RETIREE, 'notice.mine')
    expect(seen).toMatchObject({ notice: { edition: 1, read: false, feedbackClosed: false, changes: SUMMARY.changes }, mayAct: true, opinions: [] })
    await cloud.ok(RETIREE, 'notice.markRead', { edition: 1 })
    expect((await cloud.ok(RETIREE, 'notice.markRead', { edition: 1 })).notice.read).toBe(true) // twice: counted once
    expect(await cloud.ok(ENT, 'notice.get')).toMatchObject({ read: 1, retirees })

    const sent = await cloud.ok(PARTY_MEMBER, 'notice.sendOpinion', { edition: 1, text: '  党员活动室还能用吗？ ' })
    expect(sent).toMatchObject({ notice: { read: true }, opinions: [{ text: '党员活动室还能用吗？', late: false, answer: null }] })
    expect(await cloud.ok(ENT, 'notice.get')).toMatchObject({ read: 2, opinionsOpen: 1, opinionsAnswered: 0 })

    const list = await cloud.ok(ENT, 'notice.opinions', {})
    expect(list.items).toEqual([expect.objectContaining({ name: '额尔敦毕力格', status: 'open', edition: 1 })])
    // The office sees what was said, not who said it.
    expect((await cloud.ok(OFFICE, 'notice.opinions', { enterpriseId: 'ent-water' })).items[0].name).toBe('额**')
    expect(await cloud.ok(OFFICE, 'notice.get', { enterpriseId: 'ent-water' })).toMatchObject({ read: 2, opinionsOpen: 1, retirees })

    const op = list.items[0]
    const answered = await cloud.ok(ENT, 'notice.answer', { id: op.id, expectedVersion: op.version, answer: '能用，移交社区后照常开放。', planChange: '活动场地：党员活动室移交社区后照常开放' })
    expect(answered).toMatchObject({ status: 'answered', answer: { text: '能用，移交社区后照常开放。', planChange: expect.stringContaining('照常开放'), answeredOn: '2020-03-20' } })
    expect(await cloud.call(ENT, 'notice.answer', { id: op.id, expectedVersion: 2, answer: '再答一次' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这条意见已经答复过了。' } })
    expect((await cloud.ok(PARTY_MEMBER, 'notice.mine')).opinions[0].answer).toMatchObject({ text: '能用，移交社区后照常开放。' })
    expect((await cloud.ok(PARTY_MEMBER, 'inbox.list')).items[0].title).toBe('原企业答复了您对移交方案的意见')
    expect(await cloud.ok(ENT, 'notice.get')).toMatchObject({ opinionsOpen: 0, opinionsAnswered: 1 })
    expect((await cloud.newAudit('case-0002')).map((a) => a.action)).toEqual(['notice.sendOpinion', 'notice.answer'])
    cloud.close()
  })

  test('a re-publication is a new edition everyone reads again; the earlier reads do not count for it', async () => {
    const cloud = await seededCloud({ count: 20 })
    await cloud.ok(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-04-10' })
    await cloud.ok(RETIREE, 'notice.markRead', { edition: 1 })
    expect(await cloud.call(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-04-10' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const second = await cloud.ok(ENT, 'notice.publish', { summary: { ...SUMMARY, unchanged: '养老金、医保都不变。' }, feedbackClosesOn: '2020-04-20', expectedEdition: 1 })
    expect(second).toMatchObject({ notice: { edition: 2 }, read: 0 })
    expect((await cloud.ok(RETIREE, 'notice.mine')).notice).toMatchObject({ edition: 2, read: false, unchanged: '养老金、医保都不变。' })
    expect(await cloud.call(RETIREE, 'notice.markRead', { edition: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('新的一版') } })
    cloud.close()
  })

  test('the plan record’s 公示 and 反馈 dates follow the publication', async () => {
    const cloud = await seededCloud({ count: 5 })
    const plan = await cloud.ok(ENT, 'plan.save', { plan: { transferPlanOn: null, stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null, transferPlan: null, stabilityPlan: null } })
    await cloud.ok(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-04-10' })
    expect(await cloud.ok(ENT, 'plan.get')).toMatchObject({ version: plan.version + 1, noticePublishedOn: '2020-03-20', feedbackClosedOn: '2020-04-10' })
    cloud.close()
  })

  test('bad input gets a clear message and writes nothing', async () => {
    const cloud = await seededCloud({ count: 5 })
    expect(await cloud.call(ENT, 'notice.publish', { summary: { ...SUMMARY, steps: [...SUMMARY.steps].reverse() }, feedbackClosesOn: '2020-04-10' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '步骤要按时间先后排列。', fields: ['steps'] } })
    expect(await cloud.call(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-03-01' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: ['feedbackClosesOn'] } })
    expect(await cloud.call(ENT, 'notice.publish', { summary: { ...SUMMARY, changes: '' }, feedbackClosesOn: '2020-04-10' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await cloud.call(OFFICE, 'notice.get', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请选择一家企业。' } })
    expect(await cloud.call(RETIREE, 'notice.markRead', { edition: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '原企业还没有公示移交方案。' } })
    expect(await cloud.store.getDoc('planNotice', 'ent-water')).toBeNull()
    cloud.close()
  })

  test('who may act: a relative only with the retiree’s permission; a 离休 retiree is not shown the plan; another enterprise cannot answer', async () => {
    const cloud = await seededCloud({ count: 20 })
    await cloud.ok(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-04-10' })
    expect(await cloud.ok(RELATIVE, 'notice.mine')).toMatchObject({ notice: { edition: 1 }, mayAct: false })
    expect(await cloud.call(RELATIVE, 'notice.sendOpinion', { edition: 1, text: '我替我妈问一下' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const relative = (await cloud.store.getUser(RELATIVE))!
    await cloud.store.commit({ users: [{ ...relative, mayConfirm: true }] })
    expect((await cloud.ok(RELATIVE, 'notice.sendOpinion', { edition: 1, text: '我替我妈问一下' })).opinions).toHaveLength(1)
    expect((await cloud.ok(ENT, 'notice.opinions', {})).items[0]).toMatchObject({ byRelative: true, name: '斯日古楞' })

    expect(await cloud.ok(RETIRED_CADRE, 'notice.mine')).toMatchObject({ notice: null })
    expect(await cloud.call(RETIRED_CADRE, 'notice.markRead', { edition: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const op = (await cloud.ok(ENT, 'notice.opinions', {})).items[0]
    expect(await cloud.call('dev-ent-heat', 'notice.answer', { id: op.id, expectedVersion: op.version, answer: '不是我们的' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await cloud.ok('dev-ent-heat', 'notice.opinions', {})).items).toEqual([])
    cloud.close()
  })

  test('opinions after the closing day are accepted and marked late; a retiree may have a few waiting at a time', async () => {
    const cloud = await seededCloud({ count: 5 })
    await cloud.ok(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-03-25' })
    cloud.clock.set('2020-03-26T01:00:00Z')
    const late = await cloud.ok(RETIREE, 'notice.sendOpinion', { edition: 1, text: '晚了几天，还想说一句' })
    expect(late).toMatchObject({ notice: { feedbackClosed: true }, opinions: [{ late: true }] })
    for (let i = 1; i < OPINIONS_PER_EDITION; i++) await cloud.ok(RETIREE, 'notice.sendOpinion', { edition: 1, text: `第${i + 1}条` })
    expect(await cloud.call(RETIREE, 'notice.sendOpinion', { edition: 1, text: '再一条' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect((await cloud.ok(ENT, 'notice.opinions', {})).items.filter((o: { late: boolean }) => o.late)).toHaveLength(OPINIONS_PER_EDITION)
    cloud.close()
  })
})

describe('the inbox messages of a publication', () => {
  test('written chunk by chunk to every retiree in the hand-over, once, never in quiet hours', async () => {
    const cloud = await seededCloud({ count: 20 })
    for (let i = 0; i < NOTICE_CHUNK + 5; i++) await cloud.addCase(`case-8${String(i).padStart(3, '0')}`)
    await cloud.ok(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-04-10' })
    const { retirees } = await cloud.ok(ENT, 'notice.get')
    const notes = async () => {
      let n = 0
      for (const c of (await cloud.store.listCases({ enterpriseId: 'ent-water', limit: 1000 })).items) n += (await cloud.store.listDocs('inboxMessage', { caseId: c.id }, { limit: 100 })).items.filter((m) => m.id.includes('~notice-e1~')).length
      return n
    }
    // 22:00 China time: quiet hours hold.
    expect(await noticeDeliveryPass(cloud.deps, new Date('2020-03-20T14:00:00Z'))).toEqual({ quiet: true, chunks: 0, done: 0 })
    expect(await notes()).toBe(0)
    expect(await noticeDeliveryPass(cloud.deps, new Date('2020-03-21T01:00:00Z'), 1)).toEqual({ quiet: false, chunks: 1, done: 0 })
    const afterOne = await notes()
    expect(afterOne).toBeGreaterThan(0)
    expect(afterOne).toBeLessThanOrEqual(NOTICE_CHUNK)
    cloud.clock.set('2020-03-21T02:00:00Z')
    expect((await hourlyNotify(cloud.deps, new FakeSubscribeMessage())).notices).toMatchObject({ done: 1 })
    expect(await notes()).toBe(retirees)
    expect((await cloud.ok(ENT, 'notice.get')).notice.delivered).toBe(true)
    // Nothing is written twice.
    expect(await noticeDeliveryPass(cloud.deps, new Date('2020-03-21T03:00:00Z'))).toEqual({ quiet: false, chunks: 0, done: 0 })
    expect(await notes()).toBe(retirees)
    expect((await cloud.ok(RETIREE, 'inbox.list')).items.map((m: { title: string }) => m.title)).toContain('原企业公示了移交方案')
    expect((await cloud.ok(RETIRED_CADRE, 'inbox.list')).items.map((m: { title: string }) => m.title)).not.toContain('原企业公示了移交方案')
    cloud.close()
  })
})

describe('on the cloud database', () => {
  test('every query of the flow is served by a declared index, and the counts are the same', async () => {
    const store = createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))
    const clock = fixedClock('2020-03-20T01:00:00Z')
    const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 7) })
    await seedDemo(store, erenhot2019, deps.vault, { count: 5, now: clock.now() })
    const handle = createRouter(deps, handlers)
    const ok = async (userId: string, action: string, input: unknown = {}) => {
      const res = await handle({ userId }, { action, input })
      if (!res.ok) throw new Error(`${action}: ${res.error.message}`)
      return res.data as any
    }
    await ok(ENT, 'notice.publish', { summary: SUMMARY, feedbackClosesOn: '2020-04-10' })
    await ok(RETIREE, 'notice.markRead', { edition: 1 })
    await ok(PARTY_MEMBER, 'notice.sendOpinion', { edition: 1, text: '党员活动室还能用吗？' })
    const [op] = (await ok(ENT, 'notice.opinions')).items
    await ok(ENT, 'notice.answer', { id: op.id, expectedVersion: op.version, answer: '能用。' })
    expect((await ok(PARTY_MEMBER, 'notice.mine')).opinions[0].answer.text).toBe('能用。')
    expect(await ok(OFFICE, 'notice.get', { enterpriseId: 'ent-water' })).toMatchObject({ read: 2, opinionsOpen: 0, opinionsAnswered: 1 })
    expect(await noticeDeliveryPass(deps, clock.now())).toMatchObject({ done: 1 })
    expect((await ok(RETIREE, 'inbox.list')).items.map((m: { title: string }) => m.title)).toContain('原企业公示了移交方案')
  })
})
