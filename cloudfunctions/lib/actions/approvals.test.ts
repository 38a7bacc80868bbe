/**
 * 兼职（任职）、因私出国（境）审批 through the router (plan 四（七）): taken only after the hand-over,
 * routed by category, decided only by the routed unit, each change audited and told in the inbox.
 */
import { newApprovalRequest } from '../../../shared/Approval'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { throughSteps } from '../../../shared/testing/handedOver'
import { seededCloud } from '../../../test/support/cloudHarness'
import { APPROVAL_PAGE } from './approvals'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

const TRIP = { kind: 'privateTripAbroad', destination: '蒙古国乌兰巴托', from: '2020-05-01', to: '2020-05-10', purpose: '探亲' } as const
const POST = { kind: 'partTimePost', organisation: '二连浩特市老年大学', post: '兼职教师', term: '2020年5月至2022年4月' } as const

/** Takes a stored case through every stage it has left, an hour a step, before the harness's now (2020-03-20 01:00 UTC). */
async function handOver(cloud: Cloud, caseId: string) {
  const start = (await cloud.store.getCase(caseId))!
  const done = throughSteps(erenhot2019, start, Infinity, Date.parse('2020-03-19T08:00:00Z'), 3600_000)
  expect(done.summary.done).toBe(true)
  await cloud.store.commit({ cases: [{ next: { ...done, version: start.version + 1 }, expectedVersion: start.version }] })
}

test('a 市委-managed leader’s trip goes to the organisation department only after the hand-over; it approves, the retiree is told', async () => {
  const cloud = await seededCloud({ count: 24 })
  // case-0003 (dev-retiree-3, 王建国): 市委管理的领导人员, at the party-relation stage.
  const before = await cloud.ok('dev-retiree-3', 'approval.mine')
  expect(before).toMatchObject({ open: false, notice: expect.stringContaining('原企业'), items: [] })
  expect(await cloud.call('dev-retiree-3', 'approval.submit', { details: TRIP })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

  await handOver(cloud, 'case-0003')
  const mine = await cloud.ok('dev-retiree-3', 'approval.submit', { details: TRIP })
  expect(mine.open).toBe(true)
  expect(mine.routes).toEqual([
    { kind: 'partTimePost', kindName: '兼职（任职）', unitName: '市委组织部' },
    { kind: 'privateTripAbroad', kindName: '因私出国（境）', unitName: '市委组织部' },
  ])
  expect(mine.items).toMatchObject([{ kind: 'privateTripAbroad', status: 'submitted', statusName: '已提交，等待审批', unitName: '市委组织部', lines: ['去往：蒙古国乌兰巴托', expect.stringContaining('2020年5月1日'), '事由：探亲'] }])
  const id = mine.items[0].id

  // The organisation department is told and lists it; the community and the enterprise do not.
  expect((await cloud.ok('dev-party', 'messages.mine')).items).toContainEqual(expect.objectContaining({ title: '新的因私出国（境）申请', link: '/officer/pages/approvals/index' }))
  expect((await cloud.ok('dev-party', 'approval.pending')).items).toMatchObject([{ id, name: '王建国' }])
  expect((await cloud.ok('dev-admin-wulan', 'approval.pending')).items).toEqual([])
  expect((await cloud.ok('dev-ent-heat', 'approval.pending')).items).toEqual([])
  expect(await cloud.call('dev-admin-wulan', 'approval.decide', { id, expectedVersion: 1, decision: { kind: 'approve' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await cloud.call('dev-grid-wulan', 'approval.decide', { id, expectedVersion: 1, decision: { kind: 'approve' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  const after = await cloud.ok('dev-party', 'approval.decide', { id, expectedVersion: 1, decision: { kind: 'approve', note: '请按时回国销假' } })
  expect(after.items).toEqual([])
  expect((await cloud.ok('dev-retiree-3', 'approval.mine')).items).toMatchObject([{ id, status: 'approved', statusName: '已同意', answer: '请按时回国销假' }])
  expect((await cloud.ok('dev-retiree-3', 'inbox.list')).items[0]).toMatchObject({ title: '您的因私出国（境）申请已同意', body: expect.stringContaining('市委组织部同意了') })
  // Decided once: again is a conflict, and withdrawing it too.
  expect(await cloud.call('dev-party', 'approval.decide', { id, expectedVersion: 2, decision: { kind: 'refuse', reason: '再想想' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(await cloud.call('dev-retiree-3', 'approval.withdraw', { id, expectedVersion: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

  const audit = (await cloud.newAudit('case-0003')).filter((e) => e.action.startsWith('approval.'))
  expect(audit.map((e) => [e.action, e.actor.userId, e.changes.map((ch) => ch.after)])).toEqual([
    ['approval.submit', 'dev-retiree-3', ['submitted', 'organisationDepartment']],
    ['approval.decide', 'dev-party', ['approved', '请按时回国销假']],
  ])
  cloud.close()
})

test('a plain retiree’s requests land with the community, which refuses with a reason; a request can be withdrawn while it waits', async () => {
  const cloud = await seededCloud({ count: 24 })
  // case-0005 (dev-retiree-5): ordinary, already taken in by 乌兰社区.
  const post = (await cloud.ok('dev-retiree-5', 'approval.submit', { details: POST })).items[0]
  expect(post).toMatchObject({ unitName: '接收社区', status: 'submitted' })
  expect((await cloud.ok('dev-party', 'approval.pending')).items).toEqual([])
  const queue = await cloud.ok('dev-admin-wulan', 'approval.pending')
  expect(queue).toMatchObject({ unitName: '乌兰社区', items: [{ id: post.id, name: '乌云其木格', lines: ['单位：二连浩特市老年大学', '职务：兼职教师', '任期：2020年5月至2022年4月'] }] })
  expect((await cloud.ok('dev-admin-wulan', 'messages.mine')).items).toContainEqual(expect.objectContaining({ title: '新的兼职（任职）申请' }))
  // Another community's admin neither sees nor decides it.
  expect((await cloud.ok('dev-admin-gerile', 'approval.pending')).items).toEqual([])
  expect(await cloud.call('dev-admin-gerile', 'approval.decide', { id: post.id, expectedVersion: 1, decision: { kind: 'approve' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  expect(await cloud.call('dev-admin-wulan', 'approval.decide', { id: post.id, expectedVersion: 1, decision: { kind: 'refuse', reason: ' ' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  await cloud.ok('dev-admin-wulan', 'approval.decide', { id: post.id, expectedVersion: 1, decision: { kind: 'refuse', reason: '该单位与原岗位业务有关联' } })
  expect((await cloud.ok('dev-retiree-5', 'approval.mine')).items[0]).toMatchObject({ status: 'refused', statusName: '没有同意', answer: '该单位与原岗位业务有关联' })
  expect((await cloud.ok('dev-retiree-5', 'inbox.list')).items[0].body).toContain('理由：该单位与原岗位业务有关联')

  const trip = (await cloud.ok('dev-retiree-5', 'approval.submit', { details: TRIP })).items[0]
  // Someone else's request is not theirs to withdraw.
  expect(await cloud.call('dev-retiree-3', 'approval.withdraw', { id: trip.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect((await cloud.ok('dev-retiree-5', 'approval.withdraw', { id: trip.id, expectedVersion: 1 })).items[0]).toMatchObject({ id: trip.id, status: 'withdrawn' })
  expect((await cloud.ok('dev-admin-wulan', 'approval.pending')).items).toEqual([])
  expect(await cloud.call('dev-admin-wulan', 'approval.decide', { id: trip.id, expectedVersion: 2, decision: { kind: 'approve' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  cloud.close()
})

test('a military-industry leader’s trip goes to the original enterprise, the post to the community; bad dates are refused in plain words', async () => {
  const cloud = await seededCloud({ count: 24 })
  await cloud.addCase('case-0901', { categories: { militaryIndustryLeader: true }, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan', name: '高志强' })
  await cloud.store.commit({ users: [{ id: 'u-mil', role: 'retiree', name: '高志强', orgId: '', caseId: 'case-0901' }] })
  await handOver(cloud, 'case-0901')
  expect((await cloud.call('u-mil', 'approval.submit', { details: { ...TRIP, from: '2020-03-19', to: '2020-03-25' } }))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '出发日期不能早于今天。' } })
  expect(await cloud.call('u-mil', 'approval.submit', { details: { ...TRIP, from: '2020-05-10', to: '2020-05-01' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('回来的日期不能早于出发的日期') } })
  await cloud.ok('u-mil', 'approval.submit', { details: TRIP })
  await cloud.ok('u-mil', 'approval.submit', { details: POST })
  expect((await cloud.ok('dev-ent-water', 'approval.pending')).items.map((i: { kind: string; name: string }) => [i.kind, i.name])).toEqual([['privateTripAbroad', '高志强']])
  expect((await cloud.ok('dev-admin-wulan', 'approval.pending')).items.map((i: { kind: string; name: string }) => [i.kind, i.name])).toEqual([['partTimePost', '高志强']])
  expect((await cloud.ok('dev-party', 'approval.pending')).items).toEqual([])
  // At most five waiting at once.
  for (let n = 0; n < 3; n++) await cloud.ok('u-mil', 'approval.submit', { details: POST })
  expect(await cloud.call('u-mil', 'approval.submit', { details: POST })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('5条申请在等待审批') } })
  cloud.close()
})

test('the organisation department pages through its pending requests with the cursor, each once, in the order they came', async () => {
  const cloud = await seededCloud({ count: 24 })
  const requests = []
  for (let n = 0; n < 45; n++) {
    const c = await cloud.addCase(`case-0${800 + n}`, { categories: { municipalCadre: true } })
    requests.push(newApprovalRequest(c, TRIP, { userId: 'u', role: 'retiree' }, new Date(Date.parse('2020-03-10T01:00:00Z') + n * 60_000), `p${n}`))
  }
  await cloud.store.commit({ docs: requests.map((next) => ({ kind: 'approvalRequest' as const, next, expectedVersion: null })) })
  const seen: string[] = []
  let after: string | undefined
  for (let page = 0; page < 10; page++) {
    const view = await cloud.ok('dev-party', 'approval.pending', after ? { after } : {})
    expect(view.items.length).toBeLessThanOrEqual(20)
    seen.push(...view.items.map((i: { id: string }) => i.id))
    if (!view.nextCursor) break
    after = view.nextCursor
  }
  expect(seen).toEqual(requests.map((r) => r.id))
  cloud.close()
})

test('a relative submits or withdraws only with the retiree’s permission to act for them', async () => {
  const cloud = await seededCloud({ count: 24 })
  await handOver(cloud, 'case-0001')
  // dev-relative-1 is 斯日古楞's daughter, invited without 「允许代为确认」.
  expect(await cloud.call('dev-relative-1', 'approval.submit', { details: TRIP })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('老人本人') } })
  const [own] = (await cloud.ok('dev-retiree-1', 'approval.submit', { details: TRIP })).items
  expect(await cloud.call('dev-relative-1', 'approval.withdraw', { id: own.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('老人本人') } })
  expect((await cloud.ok('dev-retiree-1', 'approval.mine')).items).toMatchObject([{ id: own.id, status: 'submitted' }])

  const relative = (await cloud.store.getUser('dev-relative-1'))!
  await cloud.store.commit({ users: [{ ...relative, mayConfirm: true }] })
  expect((await cloud.ok('dev-relative-1', 'approval.withdraw', { id: own.id, expectedVersion: 1 })).items[0]).toMatchObject({ id: own.id, status: 'withdrawn' })
  expect((await cloud.ok('dev-relative-1', 'approval.submit', { details: POST })).items[0]).toMatchObject({ kind: 'partTimePost', status: 'submitted' })
  cloud.close()
})

test('seven submits at once leave exactly five waiting; a withdrawal or a decision gives its place back', async () => {
  const cloud = await seededCloud({ count: 24 })
  // case-0005 (dev-retiree-5): ordinary, taken in by 乌兰社区, which decides its requests.
  const results = await Promise.all(Array.from({ length: 7 }, () => cloud.call('dev-retiree-5', 'approval.submit', { details: POST })))
  expect(results.filter((r) => r.ok)).toHaveLength(5)
  expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'RATE_LIMITED' }) }), expect.objectContaining({ error: expect.objectContaining({ code: 'RATE_LIMITED' }) })])
  const waiting = (await cloud.ok('dev-retiree-5', 'approval.mine')).items
  expect(waiting.filter((i: { status: string }) => i.status === 'submitted')).toHaveLength(5)
  // Refused ones hold no place: still full.
  expect((await cloud.call('dev-retiree-5', 'approval.submit', { details: POST })).ok).toBe(false)

  await cloud.ok('dev-retiree-5', 'approval.withdraw', { id: waiting[0].id, expectedVersion: 1 })
  await cloud.ok('dev-retiree-5', 'approval.submit', { details: POST })
  expect((await cloud.call('dev-retiree-5', 'approval.submit', { details: POST })).ok).toBe(false)
  await cloud.ok('dev-admin-wulan', 'approval.decide', { id: waiting[1].id, expectedVersion: 1, decision: { kind: 'approve' } })
  await cloud.ok('dev-retiree-5', 'approval.submit', { details: POST })
  expect((await cloud.call('dev-retiree-5', 'approval.submit', { details: POST })).ok).toBe(false)
  cloud.close()
})

test('the refusal reason is audited, without an ID number or phone', async () => {
  const cloud = await seededCloud({ count: 24 })
  const [post] = (await cloud.ok('dev-retiree-5', 'approval.submit', { details: POST })).items
  await cloud.ok('dev-admin-wulan', 'approval.decide', { id: post.id, expectedVersion: 1, decision: { kind: 'refuse', reason: '与原岗位有关联，请致电13904790101' } })
  const [decided] = (await cloud.newAudit('case-0005')).filter((e) => e.action === 'approval.decide')
  const answer = decided.changes.find((ch) => ch.field === 'approval.partTimePost.answer')
  expect(answer).toMatchObject({ before: null, after: expect.stringContaining('与原岗位有关联') })
  expect(String(answer?.after)).not.toContain('13904790101')
  cloud.close()
})

test('the retiree reads their requests newest first, page after page, past one page', async () => {
  const cloud = await seededCloud({ count: 24 })
  const ids: string[] = []
  for (let i = 0; i < APPROVAL_PAGE + 3; i++) {
    const item = (await cloud.ok('dev-retiree-5', 'approval.submit', { details: POST })).items[0]
    expect(item.status).toBe('submitted')
    ids.push(item.id)
    await cloud.ok('dev-retiree-5', 'approval.withdraw', { id: item.id, expectedVersion: item.version })
  }
  const newest = [...ids].reverse()
  const first = await cloud.ok('dev-retiree-5', 'approval.mine')
  expect(first.items.map((i: { id: string }) => i.id)).toEqual(newest.slice(0, APPROVAL_PAGE))
  const second = await cloud.ok('dev-retiree-5', 'approval.mine', { after: first.nextCursor })
  expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toEqual(newest)
  cloud.close()
})
