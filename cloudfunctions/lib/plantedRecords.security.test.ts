/**
 * Issue 8, item 1: a record a mini-program client planted in the cloud database (it carries
 * `_openid`) makes its owner no one, through the whole router over the cloud store.
 */
import type { ActionName, ApiResponse } from '../../shared/Api'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { IGNORED_RECORD_ACTIONS } from '../../shared/ports/RecordSchemas'
import { makeCase } from '../../shared/testing/fixtures'
import { recordFigure } from '../../test/security/figures'
import { handlers } from './actions/all'
import { createCloudDbStore } from './CloudDbStore'
import { createDeps } from './deps'
import { FakeCloudDatabase } from './FakeCloudDatabase'
import { createRouter } from './router'

const ATTACKER = 'o-attacker'
const NOW = '2020-03-20T01:00:00Z'
const LATER = '2020-04-20T01:00:00.000Z'

/** Planted records tried, and those that made their owner someone or lifted a limit. */
const tally = { tried: 0, accepted: 0 }
function outcome(accepted: boolean): void {
  tally.tried++
  if (accepted) tally.accepted++
}
afterAll(() => recordFigure({ area: 'Planted records', tried: `${tally.tried} records a client planted (supervisor user, staff invite, family invite, attempt counters)`, failures: tally.accepted, failureName: 'accepted' }))

async function cloud() {
  const db = new FakeCloudDatabase({ throwOnNotFound: false })
  const clock = fixedClock(NOW)
  const store = createCloudDbStore(db, { clock })
  const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 5) })
  const handle = createRouter(deps, handlers)
  const call = (userId: string, action: ActionName, input: unknown = {}) => handle({ userId }, { action, input }) as Promise<ApiResponse<unknown>>
  const planted = async () => (await db.inspect('audit').where({ action: IGNORED_RECORD_ACTIONS.clientWritten }).limit(1000).get()).data
  return { db, store, deps, call, planted, client: db.client(ATTACKER) }
}

test('a users record planted with its own OPENID and role supervisor makes its owner no one', async () => {
  const { call, client, planted, store } = await cloud()
  await client.collection('users').add({ data: { _id: ATTACKER, id: ATTACKER, role: 'supervisor', name: '余宏利', orgId: 'office' } })
  const res = await call(ATTACKER, 'staff.invites')
  outcome(res.ok)
  expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  expect((await call(ATTACKER, 'session.me')).ok).toBe(false)
  // A guest-only action treats them as a guest (a bound user would be FORBIDDEN before the input is read).
  expect(await call(ATTACKER, 'binding.bind', { name: '余宏利', idNumber: '152501195503150010' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  const sightings = await planted()
  expect(sightings).toHaveLength(3)
  for (const e of sightings) expect(e).toMatchObject({ actor: { userId: 'system', role: 'system' }, changes: [{ field: 'collection', before: null, after: 'users' }, { field: 'id', before: null, after: ATTACKER }] })
  expect(await store.getUser(ATTACKER)).toBeNull()
})

test('a planted staffInvite cannot be used to join as staff', async () => {
  const { call, client, store, planted, db } = await cloud()
  const code = 'ABCD2345'
  await client.collection('staffInvite').add({
    data: { _id: code, id: code, version: 1, role: 'supervisor', orgId: 'office', createdBy: 'u-office', createdAt: NOW.replace('Z', '.000Z'), expiresAt: LATER, usedBy: null, revoked: false },
  })
  const res = await call(ATTACKER, 'staff.join', { code, name: '假冒', phone: '13800000000' })
  outcome(res.ok)
  expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await store.getUser(ATTACKER)).toBeNull()
  expect((await db.inspect('users').where({}).get()).data).toEqual([])
  expect((await planted()).map((e) => (e as { changes: Array<{ after: string }> }).changes[0].after)).toEqual(['staffInvite'])
})

test('a planted familyInvite cannot be used to become a relative', async () => {
  const { call, client, store, planted, deps } = await cloud()
  const base = makeCase(erenhot2019, { id: 'case-1' })
  await store.commit({ cases: [{ next: { ...base, person: { ...base.person, idNumber: deps.vault.seal('152501195503150010') } }, expectedVersion: null }] })
  const code = '12345678'
  await client.collection('familyInvite').add({
    data: { _id: code, id: code, version: 1, caseId: 'case-1', createdBy: ATTACKER, mayConfirm: true, expiresAt: LATER, usedBy: null, usedAt: null, revoked: false },
  })
  const res = await call(ATTACKER, 'binding.acceptInvite', { code, name: '女儿' })
  outcome(res.ok)
  // The answer for a wrong code (even without the read check, the commit would refuse: the planted invite is not the version read).
  expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await store.getUser(ATTACKER)).toBeNull()
  expect(await store.listUsers({ caseId: 'case-1' })).toEqual([])
  expect((await planted()).length).toBeGreaterThanOrEqual(1)
})

test('planted counters do not lift an attempt limit', async () => {
  // Wrong binding attempts until the limit refuses, counting them; whichever counters the
  // binding uses are learnt from a first run, then planted far below zero before a second.
  const wrong = { name: '张秀兰', idNumber: '152501195503150010' }
  async function attemptsUntilRefused(world: Awaited<ReturnType<typeof cloud>>): Promise<number> {
    for (let n = 1; n <= 50; n++) {
      const res = await world.call(ATTACKER, 'binding.bind', wrong)
      if (!res.ok && res.error.code === 'RATE_LIMITED') return n
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    throw new Error('no limit within 50 wrong attempts')
  }
  const first = await cloud()
  const limit = await attemptsUntilRefused(first)
  const keys = [...first.db.table('counters').keys()]
  expect(keys.length).toBeGreaterThan(0)

  const second = await cloud()
  for (const key of keys) await second.client.collection('counters').add({ data: { _id: key, value: -1_000_000 } })
  const refusedAt = await attemptsUntilRefused(second)
  outcome(refusedAt !== limit)
  expect(refusedAt).toBe(limit)
  for (const key of keys) expect((await second.db.collection('counters').doc(key).get()).data).not.toHaveProperty('_openid')
  expect((await second.planted()).length).toBeGreaterThanOrEqual(keys.length)
})
