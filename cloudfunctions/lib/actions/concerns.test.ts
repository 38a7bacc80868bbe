import { seededCloud } from '../../../test/support/cloudHarness'
import { ROUTES } from '../../../miniprogram/routes'
import { CONCERN_FIGURES } from '../../../shared/Figures'
import { concernEscalationPass } from '../notify/concernEscalation'
import { CONCERN_STAFF_LINK } from './concerns'

const RETIREE = 'dev-retiree-1' // case-0001 of ent-water, receiving community com-wulan, at the agreement stage
const ENT = 'dev-ent-water'
const CONTACT = 'dev-ent-water-stability'
const OFFICE = 'dev-office'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

async function concernTitles(cloud: Cloud, userId: string): Promise<string[]> {
  return (await cloud.store.listDocs('staffMessage', { recipientUserId: userId }, { limit: 1000 })).items.filter((m) => m.id.startsWith('concern|')).map((m) => m.title)
}

/** A second operator of the water company, designated its stability contact. */
async function withStabilityContact(cloud: Cloud) {
  await cloud.store.commit({ users: [{ id: CONTACT, role: 'enterpriseOperator', name: '维稳联系人 张强', orgId: 'ent-water', phone: '13904790199' }] })
  await cloud.ok(ENT, 'plan.setStabilityContact', { userId: CONTACT })
}

describe('concerns (issue 13 point 1)', () => {
  test('a retiree raises a concern; it goes to the enterprise at this stage, climbs the ladder in China days, and is answered and rated', async () => {
    const cloud = await seededCloud({ count: 5, now: '2020-03-20T01:00:00Z' }) // 09:00 on 20 March in China
    await withStabilityContact(cloud)
    const raised = await cloud.ok(RETIREE, 'concern.raise', { category: 'communityService', text: '移交以后谁来组织老年活动？电话13904790101' })
    expect(raised.items).toHaveLength(1)
    const [mine] = raised.items
    expect(mine).toMatchObject({ categoryName: '社区服务', unitName: '原企业', status: 'submitted', statusText: '已转给原企业，等待答复', answerDue: '2020-03-25', level: 0, name: '' })
    // The phone number is not kept.
    expect(mine.text).not.toContain('13904790101')
    expect(await concernTitles(cloud, ENT)).toEqual([expect.stringContaining('新的诉求（社区服务）')])
    expect(await concernTitles(cloud, 'dev-ent-heat')).toEqual([])

    // The water company sees it in its own list; the community does not.
    const list = await cloud.ok(ENT, 'concern.list', {})
    expect(list.queues.map((q: { key: string }) => q.key)).toEqual(['enterprise:ent-water', 'admin:enterprise:ent-water'])
    expect(list.items).toEqual([expect.objectContaining({ id: mine.id, name: '斯日古楞', mayAnswer: true })])
    expect((await cloud.ok('dev-admin-wulan', 'concern.list', {})).items).toEqual([])
    expect((await cloud.call('dev-admin-wulan', 'concern.answer', { id: mine.id, expectedVersion: 1, answer: '我来答' })).ok).toBe(false)

    // Day 5 is the last day to answer; the first step lands at 08:00 on the day after, never in the night.
    cloud.clock.set('2020-03-25T15:59:00Z') // 23:59 on 25 March
    expect(await concernEscalationPass(cloud.deps, cloud.clock.now())).toMatchObject({ quiet: true, escalated: 0 })
    cloud.clock.set('2020-03-25T23:59:00Z') // 07:59 on 26 March: still quiet hours
    expect(await concernEscalationPass(cloud.deps, cloud.clock.now())).toMatchObject({ quiet: true, escalated: 0 })
    cloud.clock.set('2020-03-26T00:00:00Z') // 08:00 on 26 March
    expect(await concernEscalationPass(cloud.deps, cloud.clock.now())).toMatchObject({ escalated: 1 })
    // Idempotent: the same hour again writes nothing.
    expect(await concernEscalationPass(cloud.deps, cloud.clock.now())).toMatchObject({ escalated: 0, messages: 0 })
    expect((await cloud.ok(RETIREE, 'concern.mine', {})).items[0]).toMatchObject({ level: 1, statusText: '还没有答复，已报给承办单位负责人督办', overdue: true })

    // Two China days later: the enterprise's stability contact (an operator too, so they heard of the first steps), and only them.
    cloud.clock.set('2020-03-28T00:00:00Z')
    await concernEscalationPass(cloud.deps, cloud.clock.now())
    expect(await concernTitles(cloud, CONTACT)).toContainEqual(expect.stringContaining('已报企业维稳联系人'))
    expect(await concernTitles(cloud, ENT)).not.toContainEqual(expect.stringContaining('已报企业维稳联系人'))
    const contactList = await cloud.ok(CONTACT, 'concern.list', { queue: 'stability:ent-water' })
    expect(contactList.items).toEqual([expect.objectContaining({ id: mine.id, level: 2, mayAnswer: true })])
    // Another operator is not the contact: the stability list is not theirs.
    expect((await cloud.call(ENT, 'concern.list', { queue: 'stability:ent-water' })).ok).toBe(false)

    // Two more: the office.
    cloud.clock.set('2020-03-30T00:00:00Z')
    await concernEscalationPass(cloud.deps, cloud.clock.now())
    expect(await concernTitles(cloud, OFFICE)).toEqual([expect.stringContaining('已报领导小组办公室')])
    const office = await cloud.ok(OFFICE, 'concern.list', {})
    expect(office.queue).toBe('office')
    expect(office.items).toEqual([expect.objectContaining({ id: mine.id, level: 3 })])
    const [message] = (await cloud.ok(OFFICE, 'messages.mine')).items.filter((m: { title: string }) => m.title.includes('诉求'))
    expect(message.link).toBe(CONCERN_STAFF_LINK)

    // The enterprise answers; the retiree reads it and says it is solved.
    const current = (await cloud.ok(ENT, 'concern.list', {})).items[0]
    const answered = await cloud.ok(ENT, 'concern.answer', { id: mine.id, expectedVersion: current.version, answer: '移交后由乌兰社区每周组织活动，我们已把名单交给社区。' })
    expect(answered).toMatchObject({ status: 'answered', mayAnswer: false })
    expect((await cloud.call(OFFICE, 'concern.answer', { id: mine.id, expectedVersion: answered.version, answer: '再答' })).ok).toBe(false)
    const seen = (await cloud.ok(RETIREE, 'concern.mine', {})).items[0]
    expect(seen).toMatchObject({ status: 'answered', answer: expect.stringContaining('乌兰社区'), statusText: '已经答复，请告诉我们问题解决了没有' })
    const rated = await cloud.ok(RETIREE, 'concern.rate', { id: mine.id, expectedVersion: seen.version, solved: true })
    expect(rated.items[0]).toMatchObject({ status: 'resolved', statusText: '您说问题已经解决' })
    expect((await cloud.call(RETIREE, 'concern.rate', { id: mine.id, expectedVersion: seen.version + 1, solved: false })).ok).toBe(false)
    // An answered concern no longer climbs.
    cloud.clock.set('2020-04-30T00:00:00Z')
    expect(await concernEscalationPass(cloud.deps, cloud.clock.now())).toMatchObject({ read: 0, escalated: 0 })

    const actions = (await cloud.newAudit('case-0001')).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['concern.raise', 'concern.escalate', 'concern.answer', 'concern.rate']))
    cloud.close()
  })

  test('pension goes to the social-security bureau, and not solved goes to the office', async () => {
    const cloud = await seededCloud({ count: 5 })
    const [c] = (await cloud.ok(RETIREE, 'concern.raise', { category: 'pension', text: '这个月养老金晚发了三天。' })).items
    expect(c.unitName).toBe('市人社局')
    const hrss = await cloud.ok('dev-hrss', 'concern.list', {})
    expect(hrss.items.map((i: { id: string }) => i.id)).toEqual([c.id])
    expect((await cloud.ok(ENT, 'concern.list', {})).items).toEqual([])
    const answered = await cloud.ok('dev-hrss', 'concern.answer', { id: c.id, expectedVersion: 1, answer: '银行系统升级，已补发。' })
    await cloud.ok(RETIREE, 'concern.rate', { id: c.id, expectedVersion: answered.version, solved: false })
    expect(await concernTitles(cloud, OFFICE)).toEqual([expect.stringContaining('仍未解决')])
    expect((await cloud.ok(OFFICE, 'concern.list', {})).items[0]).toMatchObject({ status: 'notResolved', mayAnswer: false })
    cloud.close()
  })

  test('without a designated contact the enterprise’s operators hear of the second step; the contact must be the enterprise’s own operator', async () => {
    const cloud = await seededCloud({ count: 5 })
    expect((await cloud.call(ENT, 'plan.setStabilityContact', { userId: 'dev-ent-heat' })).ok).toBe(false)
    expect((await cloud.call(ENT, 'plan.setStabilityContact', { userId: 'dev-admin-wulan' })).ok).toBe(false)
    await cloud.ok(RETIREE, 'concern.raise', { category: 'outOfPool', text: '统筹外的取暖费还发不发？' })
    cloud.clock.set('2020-03-28T00:00:00Z') // straight to the second step: the pass was not run meanwhile
    expect(await concernEscalationPass(cloud.deps, cloud.clock.now())).toMatchObject({ escalated: 1 })
    expect((await concernTitles(cloud, ENT)).sort()).toEqual([expect.stringContaining('新的诉求'), expect.stringContaining('已报企业维稳联系人')])
    cloud.close()
  })

  test('a relative needs the retiree’s permission to raise one; staff cannot raise', async () => {
    const cloud = await seededCloud({ count: 5 })
    const relatives = await cloud.store.listUsers({ caseId: 'case-0001', role: 'relative' })
    expect(relatives.length).toBeGreaterThan(0)
    for (const r of relatives) {
      const res = await cloud.call(r.id, 'concern.raise', { category: 'other', text: '想问一下进度' })
      expect(res.ok).toBe(r.mayConfirm === true)
    }
    expect((await cloud.call(ENT, 'concern.raise', { category: 'other', text: '想问一下' })).ok).toBe(false)
    expect((await cloud.call(RETIREE, 'concern.raise', { category: 'other', text: '   ' })).ok).toBe(false)
    cloud.close()
  })

  test('the figures count concerns by unit, category and status, and the unanswered by their answer day', async () => {
    const cloud = await seededCloud({ count: 5 })
    const [c] = (await cloud.ok(RETIREE, 'concern.raise', { category: 'pension', text: '养老金什么时候调整？' })).items
    await cloud.ok(RETIREE, 'concern.raise', { category: 'communityService', text: '活动室在哪？' })
    const before = await cloud.store.readFigures(CONCERN_FIGURES)
    expect(Object.fromEntries(before)).toEqual({
      'concern|n|hrss|pension|submitted': 1,
      'concern|n|enterprise:ent-water|communityService|submitted': 1,
      'concern|due|hrss|2020-03-25': 1,
      'concern|due|enterprise:ent-water|2020-03-25': 1,
    })
    await cloud.ok('dev-hrss', 'concern.answer', { id: c.id, expectedVersion: 1, answer: '按文件执行。' })
    const after = await cloud.store.readFigures(CONCERN_FIGURES)
    expect(after.get('concern|n|hrss|pension|answered')).toBe(1)
    expect(after.has('concern|n|hrss|pension|submitted')).toBe(false)
    expect(after.has('concern|due|hrss|2020-03-25')).toBe(false)
    cloud.clock.set('2020-03-26T02:00:00Z')
    const board = await cloud.ok(OFFICE, 'board.concerns')
    expect(board.total).toMatchObject({ byStatus: { submitted: 1, answered: 1, resolved: 0, notResolved: 0 }, overdue: 1 })
    expect(board.units.map((u: { name: string; counts: { overdue: number } }) => [u.name, u.counts.overdue])).toEqual([[expect.stringContaining('水'), 1], ['市人社局', 0]])
    expect((await cloud.call(ENT, 'board.concerns')).ok).toBe(false)
    cloud.close()
  })

  test('five concerns may wait for an answer at once, raised in parallel too; an answer gives a place back', async () => {
    const cloud = await seededCloud({ count: 5 })
    const results = await Promise.all(Array.from({ length: 7 }, (_, n) => cloud.call(RETIREE, 'concern.raise', { category: 'pension', text: `第${n + 1}个问题` })))
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '您已有5条诉求在等待答复，请等有了答复再提新的。' } })
    const mine = (await cloud.ok(RETIREE, 'concern.mine', {})).items
    expect(mine).toHaveLength(5)
    // A refused attempt holds no place.
    expect((await cloud.call(RETIREE, 'concern.raise', { category: 'other', text: '再问一个' })).ok).toBe(false)
    await cloud.ok('dev-hrss', 'concern.answer', { id: mine[0].id, expectedVersion: 1, answer: '已答复。' })
    await cloud.ok(RETIREE, 'concern.raise', { category: 'other', text: '再问一个' })
    expect((await cloud.call(RETIREE, 'concern.raise', { category: 'other', text: '又一个' })).ok).toBe(false)
    cloud.close()
  })

  test('the answer reaches the retiree’s inbox with the concern, once', async () => {
    const cloud = await seededCloud({ count: 5 })
    const [c] = (await cloud.ok(RETIREE, 'concern.raise', { category: 'pension', text: '这个月养老金晚发了三天。' })).items
    const answered = await cloud.ok('dev-hrss', 'concern.answer', { id: c.id, expectedVersion: 1, answer: '银行系统升级，已补发。' })
    const inbox = (await cloud.ok(RETIREE, 'inbox.list')).items.filter((m: { id: string }) => m.id.endsWith(`~concern~${c.id}`))
    expect(inbox).toEqual([expect.objectContaining({ title: '您的诉求（养老金待遇）有了答复', body: expect.stringContaining('银行系统升级，已补发。') })])
    expect(inbox[0].body).toContain('我的诉求')
    // Answering again is refused and writes no second message.
    expect((await cloud.call('dev-hrss', 'concern.answer', { id: c.id, expectedVersion: answered.version, answer: '再答' })).ok).toBe(false)
    expect((await cloud.ok(RETIREE, 'inbox.list')).items.filter((m: { id: string }) => m.id.includes('~concern~'))).toHaveLength(1)
    cloud.close()
  })

  test('a concern may carry a photo: it is kept out of the client’s reach and lent by link to the answering staff and the retiree only', async () => {
    const cloud = await seededCloud({ count: 5 })
    const upload = cloud.upload(RETIREE, 'case-0001')
    const [c] = (await cloud.ok(RETIREE, 'concern.raise', { category: 'communityService', text: '活动室的门坏了。', fileId: upload })).items
    const stored = await cloud.store.getDoc('concern', c.id)
    expect(stored?.photoFileId).toMatch(new RegExp(`^memory:concerns/case-0001/${c.id}/[^/]+\\.jpg$`))
    // The upload the client could still overwrite is gone; the kept copy is under concerns/.
    expect(await cloud.deps.files.inspect(upload, 1)).toBeNull()
    expect(c.photoUrl).toBe(`memory://${stored!.photoFileId!.slice('memory:'.length)}`)
    expect((await cloud.ok(RETIREE, 'concern.mine', {})).items[0].photoUrl).toBe(c.photoUrl)
    // The water company answers it and sees the photo; a community that may not answer it sees neither.
    expect((await cloud.ok(ENT, 'concern.list', {})).items).toEqual([expect.objectContaining({ id: c.id, photoUrl: c.photoUrl })])
    expect((await cloud.ok('dev-admin-wulan', 'concern.list', {})).items).toEqual([])
    // Each photo lent to staff is on the case's record; the retiree looking at their own is not.
    const viewed = async () => (await cloud.store.listAudit('case-0001')).filter((e) => e.action === 'concern.photoViewed')
    expect(await viewed()).toEqual([expect.objectContaining({ actor: expect.objectContaining({ userId: ENT }), changes: [{ field: `concern:${c.id}.photo`, before: null, after: 'viewed' }] })])
    await cloud.ok(RETIREE, 'concern.mine', {})
    expect(await viewed()).toHaveLength(1)
    // A concern without a photo has no link.
    const plain = (await cloud.ok(RETIREE, 'concern.raise', { category: 'other', text: '想问一下进度' })).items.find((i: { id: string }) => i.id !== c.id)
    expect(plain.photoUrl).toBeUndefined()
    cloud.close()
  })

  test('a photo uploaded by someone else, for another case, not an image or too large is refused in Chinese, and nothing is written', async () => {
    const cloud = await seededCloud({ count: 5 })
    const PDF = Uint8Array.from([...Buffer.from('%PDF-1.4 '), ...new Array<number>(100).fill(32)])
    const BIG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(10 * 1024 * 1024).fill(0)])
    const refused: Array<[string, string]> = [
      [cloud.upload(ENT, 'case-0001'), '这张照片不是您为自己的诉求上传的'],
      [cloud.upload(RETIREE, 'case-0002'), '这张照片不是您为自己的诉求上传的'],
      [cloud.upload(RETIREE, 'case-0001', PDF, 'a.pdf'), '只能加照片'],
      [cloud.upload(RETIREE, 'case-0001', BIG), '照片太大了'],
      ['cloud://elsewhere/x.jpg', '这张照片不是您为自己的诉求上传的'],
    ]
    for (const [fileId, message] of refused) {
      const res = await cloud.call(RETIREE, 'concern.raise', { category: 'other', text: '门坏了', fileId })
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining(message) } })
      // The upload is left as it was.
      if (fileId.startsWith('memory:')) expect(await cloud.deps.files.inspect(fileId, 1)).not.toBeNull()
    }
    expect(await cloud.store.listDocs('concern', { caseId: 'case-0001' }, { limit: 10 })).toMatchObject({ items: [] })
    expect(await concernTitles(cloud, ENT)).toEqual([])
    expect((await cloud.newAudit('case-0001')).map((e) => [e.action, e.outcome])).toEqual(refused.map(() => ['concern.raise', 'refused']))
    // No refused raise holds one of the five unanswered places.
    for (let n = 0; n < 5; n++) await cloud.ok(RETIREE, 'concern.raise', { category: 'other', text: `第${n + 1}个` })
    cloud.close()
  })

  test('the staff message opens the staff concerns screen', () => {
    expect(CONCERN_STAFF_LINK).toBe(ROUTES.workerConcerns)
  })
})
