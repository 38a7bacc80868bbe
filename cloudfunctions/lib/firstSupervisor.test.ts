import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { openSqliteStore } from '../../local/SqliteStore'
import { handlers } from './actions/all'
import { createDeps } from './deps'
import { createRouter } from './router'
import { FIRST_SUPERVISOR_ACTOR, FIRST_SUPERVISOR_REQUEST_TTL_MS, firstSupervisorRequest, issueFirstSupervisorInvite } from './firstSupervisor'
import { seededCloud } from '../../test/support/cloudHarness'

const KEY = Buffer.alloc(32, 7)
const NOW = '2020-03-20T01:00:00.000Z'

function emptyCloud() {
  const store = openSqliteStore(':memory:')
  const clock = fixedClock(NOW)
  const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: KEY })
  const handle = createRouter(deps, handlers)
  const join = (userId: string, code: string) => handle({ userId }, { action: 'staff.join', input: { code, name: '王主任', phone: '13900000001' } })
  const invites = async () => (await store.listDocs('staffInvite', { createdBy: FIRST_SUPERVISOR_ACTOR }, { limit: 100 })).items
  return { store, clock, deps, handle, join, invites }
}

describe('the first supervisor of a new environment', () => {
  test('gets an invite, redeems it like any member of staff, and then no further invite is issued', async () => {
    const cloud = emptyCloud()
    const answer = await issueFirstSupervisorInvite(cloud.deps, firstSupervisorRequest(KEY, cloud.clock.now()), KEY)
    if (!answer.ok) throw new Error(answer.message)
    expect(answer.code).toMatch(/^[A-Z2-9]{8}$/)
    expect(answer.expiresAt).toBe('2020-03-27T01:00:00.000Z')

    expect(await cloud.join('o-first-supervisor', answer.code)).toMatchObject({ ok: true, data: { role: 'supervisor' } })
    expect(await cloud.store.getUser('o-first-supervisor')).toMatchObject({ role: 'supervisor', orgId: 'office' })

    const again = await issueFirstSupervisorInvite(cloud.deps, firstSupervisorRequest(KEY, cloud.clock.now()), KEY)
    expect(again).toEqual({ ok: false, message: expect.stringContaining('已经有工作人员了') })
    expect(await cloud.invites()).toHaveLength(1)
    // The new supervisor invites the rest in the app.
    expect(await cloud.handle({ userId: 'o-first-supervisor' }, { action: 'staff.invite', input: { role: 'supervisor', orgId: 'office' } })).toMatchObject({ ok: true })
  })

  test('is refused where a supervisor exists already (the seeded demo), and nothing is written', async () => {
    const cloud = await seededCloud({ count: 2 })
    const before = (await cloud.store.listDocs('staffInvite', { createdBy: FIRST_SUPERVISOR_ACTOR }, { limit: 10 })).items
    const answer = await issueFirstSupervisorInvite(cloud.deps, firstSupervisorRequest(KEY, cloud.clock.now()), KEY)
    expect(answer.ok).toBe(false)
    expect((await cloud.store.listDocs('staffInvite', { createdBy: FIRST_SUPERVISOR_ACTOR }, { limit: 10 })).items).toEqual(before)
  })

  test('a second request before anyone joined revokes the first code', async () => {
    const cloud = emptyCloud()
    const first = await issueFirstSupervisorInvite(cloud.deps, firstSupervisorRequest(KEY, cloud.clock.now()), KEY)
    cloud.clock.set(new Date(Date.parse(NOW) + 60_000))
    const second = await issueFirstSupervisorInvite(cloud.deps, firstSupervisorRequest(KEY, cloud.clock.now()), KEY)
    if (!first.ok || !second.ok) throw new Error('no invite')
    expect(await cloud.join('o-a', first.code)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.join('o-b', second.code)).toMatchObject({ ok: true })
    expect((await cloud.invites()).map((i) => [i.id, i.revoked, i.usedBy])).toEqual(expect.arrayContaining([[first.code, true, null], [second.code, false, 'o-b']]))
  })

  test('a copy of a request, replayed within its five minutes (even at the same moment as the first), gets no invite and revokes nothing', async () => {
    const cloud = emptyCloud()
    const request = firstSupervisorRequest(KEY, cloud.clock.now())
    const [a, b] = await Promise.all([issueFirstSupervisorInvite(cloud.deps, request, KEY), issueFirstSupervisorInvite(cloud.deps, request, KEY)])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    expect([a, b].find((x) => !x.ok)).toEqual({ ok: false, message: expect.stringContaining('这个请求已经用过了') })
    cloud.clock.set(new Date(Date.parse(NOW) + FIRST_SUPERVISOR_REQUEST_TTL_MS - 1000))
    expect(await issueFirstSupervisorInvite(cloud.deps, request, KEY)).toMatchObject({ ok: false })
    const issued = [a, b].find((x) => x.ok)
    expect((await cloud.invites()).map((i) => [i.id, i.revoked])).toEqual([[issued?.ok && issued.code, false]])
  })

  test.each([
    ['signed with another key', () => firstSupervisorRequest(Buffer.alloc(32, 8), new Date(NOW))],
    ['made too long ago', () => firstSupervisorRequest(KEY, new Date(Date.parse(NOW) - FIRST_SUPERVISOR_REQUEST_TTL_MS - 1000))],
    ['dated in the future', () => firstSupervisorRequest(KEY, new Date(Date.parse(NOW) + FIRST_SUPERVISOR_REQUEST_TTL_MS + 1000))],
    ['with its time changed', () => ({ ...firstSupervisorRequest(KEY, new Date(NOW)), issuedAt: '2020-03-20T01:00:01.000Z' })],
    ['without a proof', () => ({ action: 'firstSupervisor', issuedAt: NOW })],
    ['of another shape', () => 'firstSupervisor'],
  ])('a request %s is refused and writes nothing', async (_what, request) => {
    const cloud = emptyCloud()
    expect(await issueFirstSupervisorInvite(cloud.deps, request(), KEY)).toEqual({ ok: false, message: expect.stringContaining('请求无效或已过期') })
    expect(await cloud.invites()).toEqual([])
  })
})
