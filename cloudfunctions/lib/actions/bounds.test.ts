/** Work per request is bounded: list actions read a bounded number of store pages and hand back a cursor; batches are capped. */
import { MAX_BATCH_CASES } from '../../../shared/Api'
import { makeCase } from '../../../shared/testing/fixtures'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { MAX_PAGE, type Store } from '../../../shared/ports/Store'
import { seededCloud } from '../../../test/support/cloudHarness'
import { handlers } from './all'
import { createRouter } from '../router'
import { CASE_SCAN_PAGES } from './cases'
import { AGREEMENT_PAGE } from './agreements'
import { CORRECTION_PAGE } from './corrections'

/** Counts the store reads a request makes (the real store answers). */
function counted(store: Store) {
  const calls: Record<string, number> = {}
  const wrapped = { ...store } as Store
  for (const name of Object.keys(store) as Array<keyof Store>) {
    const method = store[name] as (...a: unknown[]) => unknown
    ;(wrapped as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1
      return method.apply(store, args)
    }
  }
  return { wrapped, calls }
}

test('a case.list filter that matches few cases reads at most CASE_SCAN_PAGES pages, and its cursor leads on to every match exactly once', async () => {
  const cloud = await seededCloud({ count: 5 })
  const many = Array.from({ length: MAX_PAGE * CASE_SCAN_PAGES + 500 }, (_, i) =>
    makeCase(erenhot2019, { id: `case-z${String(i).padStart(5, '0')}`, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan', name: i % 900 === 899 ? '格根塔娜' : '普通人' }),
  )
  await cloud.store.commit({ cases: many.map((next) => ({ next, expectedVersion: null })) })
  const { wrapped, calls } = counted(cloud.store)
  const handle = createRouter({ ...cloud.deps, store: wrapped }, handlers)
  const found: string[] = []
  let after: string | undefined
  let requests = 0
  for (;;) {
    calls.listCases = 0
    const res = await handle({ userId: 'dev-grid-wulan' }, { action: 'case.list', input: { name: '格根塔娜', limit: 20, ...(after ? { after } : {}) } })
    if (!res.ok) throw new Error(res.error.message)
    const data = res.data as { items: Array<{ id: string }>; nextCursor: string | null }
    requests++
    expect(calls.listCases).toBeLessThanOrEqual(CASE_SCAN_PAGES)
    found.push(...data.items.map((c) => c.id))
    if (!data.nextCursor) break
    after = data.nextCursor
  }
  const expected = many.filter((c) => c.person.name === '格根塔娜').map((c) => c.id)
  expect(found).toEqual(expected)
  expect(requests).toBeGreaterThan(1)
  cloud.close()
})

test('a case.queue request reads one page of the queue index (and the counts on the first page only), never a list of the whole community', async () => {
  const cloud = await seededCloud({ count: 5 })
  const many = Array.from({ length: MAX_PAGE * CASE_SCAN_PAGES + 500 }, (_, i) => makeCase(erenhot2019, { id: `case-z${String(i).padStart(5, '0')}`, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan' }))
  await cloud.store.commit({ cases: many.map((next) => ({ next, expectedVersion: null })) })
  const { wrapped, calls } = counted(cloud.store)
  const handle = createRouter({ ...cloud.deps, store: wrapped }, handlers)
  const first = await handle({ userId: 'dev-grid-wulan' }, { action: 'case.queue', input: { limit: 20 } })
  if (!first.ok) throw new Error(first.error.message)
  const view = first.data as { totals: { open: number }; items: unknown[]; nextCursor: string }
  expect(view.items).toHaveLength(20)
  expect(view.totals.open).toBeGreaterThanOrEqual(many.length)
  expect(calls).toMatchObject({ listQueue: 1, countQueue: 1 })
  expect(calls.listCases).toBeUndefined()
  const next = await handle({ userId: 'dev-grid-wulan' }, { action: 'case.queue', input: { limit: 20, after: view.nextCursor } })
  expect(next.ok && (next.data as { totals: unknown }).totals).toBeNull()
  expect(calls).toMatchObject({ listQueue: 2, countQueue: 1 })
  cloud.close()
})

test('an agreement or archives batch over MAX_BATCH_CASES is refused with a plain message, before any work', async () => {
  const cloud = await seededCloud({ count: 5 })
  const ids = Array.from({ length: MAX_BATCH_CASES + 1 }, (_, i) => `case-${i}`)
  const draft = await cloud.call('dev-ent-water', 'agreement.draft', { communityId: 'com-wulan', caseIds: ids })
  expect(draft).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: `一份协议最多${MAX_BATCH_CASES}人，请分成几份起草` } })
  const batch = await cloud.call('dev-archives', 'archives.batch', { enterpriseId: 'ent-water', caseIds: ids })
  expect(batch).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: `一批最多${MAX_BATCH_CASES}人，请分批移交` } })
  cloud.close()
})

test('agreement.list and correction.list come a page at a time, with a cursor', async () => {
  const cloud = await seededCloud({ count: 5 })
  const at = '2020-03-20T01:00:00.000Z'
  const agreements = Array.from({ length: AGREEMENT_PAGE + 3 }, (_, i) => ({
    id: `agr-p${String(i).padStart(3, '0')}`,
    version: 1,
    enterpriseId: 'ent-heat',
    communityId: 'com-xilin',
    caseIds: ['case-missing'],
    status: 'draft' as const,
    deadline: '2020-06-30',
    communitySignedAt: null,
    enterpriseSignedAt: null,
    createdAt: at,
  }))
  await cloud.store.commit({ agreements: agreements.map((next) => ({ next, expectedVersion: null })) })
  const first = await cloud.ok('dev-ent-heat', 'agreement.list', {})
  expect(first.items).toHaveLength(AGREEMENT_PAGE)
  expect(first.nextCursor).not.toBeNull()
  const second = await cloud.ok('dev-ent-heat', 'agreement.list', { after: first.nextCursor })
  expect(second).toMatchObject({ nextCursor: null })
  const listed = [...first.items, ...second.items].map((a: { id: string }) => a.id)
  expect(listed.filter((id) => id.startsWith('agr-p'))).toEqual(agreements.map((a) => a.id))

  const c = await cloud.addCase('case-9001')
  const requests = Array.from({ length: CORRECTION_PAGE + 2 }, (_, i) => ({
    id: `corr-p${String(i).padStart(3, '0')}`,
    version: 1,
    caseId: c.id,
    enterpriseId: 'ent-water',
    fields: [{ field: 'phone' as const, reason: '换号了' }],
    raisedBy: { userId: 'dev-retiree-1', role: 'retiree' },
    status: i % 2 ? ('open' as const) : ('rejected' as const),
    answer: null,
    createdAt: at,
    answeredAt: null,
  }))
  await cloud.store.commit({ docs: requests.map((next) => ({ kind: 'correctionRequest' as const, next, expectedVersion: null })) })
  const page = await cloud.ok('dev-ent-water', 'correction.list', {})
  expect(page.items).toHaveLength(CORRECTION_PAGE)
  expect((await cloud.ok('dev-ent-water', 'correction.list', { after: page.nextCursor })).items).toHaveLength(2)
  // The status is filtered by the store, so a page of open requests is full of open requests.
  const open = await cloud.ok('dev-ent-water', 'correction.list', { status: 'open' })
  expect(open).toMatchObject({ nextCursor: null })
  expect(open.items).toHaveLength(requests.filter((r) => r.status === 'open').length)
  cloud.close()
})

test('a consent record with too many answers is refused', async () => {
  const cloud = await seededCloud({ count: 5 })
  const results = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`tpl-${i}`, 'accept']))
  expect(await cloud.call('dev-retiree-1', 'consent.record', { moment: 'afterBinding', results })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  cloud.close()
})
