import { handlers } from '../actions/all'
import { createCloudDbStore } from '../CloudDbStore'
import { createDeps } from '../deps'
import { FakeCloudDatabase } from '../FakeCloudDatabase'
import { createRouter } from '../router'
import { fixedClock } from '../../../shared/Clock'
import { CONCERN_FIGURES } from '../../../shared/Figures'
import { erenhot2019 as policy } from '../../../shared/policies/erenhot2019'
import { makeCase } from '../../../shared/testing/fixtures'
import { concernEscalationPass } from './concernEscalation'

test('on the cloud adapter: concerns are listed by their indexes, escalated page by page, and counted in the figures', async () => {
  const store = createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))
  const clock = fixedClock('2020-03-20T01:00:00Z')
  const deps = createDeps({ store, policy, clock, masterKey: Buffer.alloc(32, 5) })
  const call = createRouter(deps, handlers)
  const count = 5
  const cases = Array.from({ length: count }, (_, i) => makeCase(policy, { id: `case-${1000 + i}`, enterpriseId: 'ent-water' }))
  await store.commit({ cases: cases.map((next) => ({ next, expectedVersion: null })) })
  await store.commit({
    users: [
      ...cases.map((c, i) => ({ id: `retiree-${i}`, role: 'retiree' as const, name: '退休人员', orgId: '', caseId: c.id })),
      { id: 'op-water', role: 'enterpriseOperator', name: '经办人', orgId: 'ent-water' },
      { id: 'office', role: 'supervisor', name: '办公室', orgId: 'office' },
    ],
  })
  for (let i = 0; i < count; i++) {
    const res = await call({ userId: `retiree-${i}` }, { action: 'concern.raise', input: { category: 'outOfPool', text: `第${i}条` } })
    expect(res.ok).toBe(true)
  }
  const mine = await call({ userId: 'retiree-0' }, { action: 'concern.mine', input: {} })
  expect(mine).toMatchObject({ ok: true, data: { items: [expect.objectContaining({ text: '第0条' })] } })
  const first = await call({ userId: 'op-water' }, { action: 'concern.list', input: {} })
  expect(first).toMatchObject({ ok: true, data: { queue: 'enterprise:ent-water', items: Array.from({ length: count }, () => expect.objectContaining({ mayAnswer: true })) } })

  clock.set('2020-03-30T00:00:00Z') // 08:00 China time, past every step
  expect(await concernEscalationPass(deps, clock.now(), { pageSize: 2 })).toMatchObject({ read: count, escalated: count })
  expect(await concernEscalationPass(deps, clock.now(), { pageSize: 2 })).toMatchObject({ read: count, escalated: 0, messages: 0 })
  const office = await call({ userId: 'office' }, { action: 'concern.list', input: {} })
  expect(office).toMatchObject({ ok: true, data: { queue: 'office' } })
  const figures = await store.readFigures(CONCERN_FIGURES)
  expect(figures.get('concern|n|enterprise:ent-water|outOfPool|submitted')).toBe(count)
  expect(figures.get('concern|due|enterprise:ent-water|2020-03-25')).toBe(count)
})
