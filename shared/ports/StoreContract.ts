/**
 * The contract every Store adapter passes (SQLite and the cloud database). Run it from the
 * adapter's own test file with a factory that opens an empty store.
 */
import fc from 'fast-check'
import { isAppError } from '../AppError'
import type { AuditEntry } from '../AuditEntry'
import type { RetireeCase } from '../Case'
import { erenhot2019 } from '../policies/erenhot2019'
import { makeCase, stepOf, withSteps } from '../testing/fixtures'
import { recordStep } from '../CaseState'
import type { TransferAgreement } from '../TransferAgreement'
import { IGNORED_RECORD_ACTIONS, type RecordKind } from './RecordSchemas'
import { commitInChunks } from './ChunkedCommit'
import type { Page, QueueGroup, Store } from './Store'

export interface OpenedStore {
  store: Store
  /** Everything the store holds, as text, to check what was (not) written. */
  dump(): string
  /** Writes a record as it is, past the store's checks (a corrupt or forged record), the way the server would have stored it. */
  plantRaw(kind: RecordKind, id: string, record: Record<string, unknown>): void | Promise<void>
  close?(): void | Promise<void>
}

const policy = erenhot2019

function audit(id: string, caseId: string | null, at: string): AuditEntry {
  return { id, at, actor: { userId: 'u1', role: 'gridWorker' }, action: 'case.recordStep', caseId, outcome: 'done', changes: [] }
}

async function expectConflict(p: Promise<unknown>): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(isAppError(error) && error.code).toBe('CONFLICT')
}

function agreement(id: string, version: number, caseIds: string[]): TransferAgreement {
  return {
    id,
    version,
    enterpriseId: 'ent-a',
    communityId: 'com-a',
    caseIds,
    status: 'draft',
    deadline: '2020-03-31',
    communitySignedAt: null,
    enterpriseSignedAt: null,
    createdAt: '2020-01-01T00:00:00.000Z',
  }
}

function advance(c: RetireeCase, type: Parameters<typeof stepOf>[0], id: string): RetireeCase {
  return recordStep(policy, c, stepOf(type), { userId: 'u1', role: 'enterpriseOperator' }, new Date('2019-10-01T00:00:00Z'), id)
}

/** A case of a community whose cached summary puts it in a queue group with a next deadline (the store trusts the summary). */
function queued(id: string, communityId: string, group: QueueGroup, nextDeadline: string | null): RetireeCase {
  const c = makeCase(policy, { id })
  const openItems = nextDeadline === null || group !== 'open' ? [] : [{ stage: 'materials' as const, deadline: nextDeadline }]
  return { ...c, summary: { ...c.summary, receivingCommunityId: communityId, inScope: group !== 'outOfScope', done: group === 'done', nextDeadline: group === 'open' ? nextDeadline : null, openItems } }
}

/** Every case of one queue group, page by page. */
async function wholeQueue(store: Store, receivingCommunityId: string, group: QueueGroup, limit: number): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  for (let pages = 0; pages < 2000; pages++) {
    const page = await store.listQueue({ receivingCommunityId, group, limit, after })
    ids.push(...page.items.map((c) => c.id))
    if (!page.nextCursor) return ids
    after = page.nextCursor
  }
  throw new Error('pagination did not end')
}

/** The ids of every page of an audit listing, page by page (the last one is the page without a cursor). */
async function readPages(read: (after: string | undefined) => Promise<Page<AuditEntry>>): Promise<string[][]> {
  const pages: string[][] = []
  let after: string | undefined
  for (let n = 0; n < 2000; n++) {
    const page = await read(after)
    pages.push(page.items.map((e) => e.id))
    if (!page.nextCursor) return pages
    after = page.nextCursor
  }
  throw new Error('pagination did not end')
}

/** The queue order, by brute force: next deadline (undated last), then id. */
function queueOrder(cases: RetireeCase[]): string[] {
  const key = (c: RetireeCase) => [c.summary.nextDeadline === null ? 1 : 0, c.summary.nextDeadline ?? '', c.id] as const
  return [...cases].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((c) => c.id)
}

export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore
    let store: Store
    beforeEach(async () => {
      opened = await open()
      store = opened.store
    })
    afterEach(async () => {
      await opened.close?.()
    })

    test('a new case reads back exactly as written; a missing one is null', async () => {
      const c = withSteps(policy, makeCase(policy, { id: 'case-1' }), ['rosterConfirmed'])
      await store.commit({ cases: [{ next: c, expectedVersion: null }] })
      expect(await store.getCase('case-1')).toEqual(c)
      expect(await store.getCase('case-404')).toBeNull()
    })

    test('inserting an existing case is a conflict and changes nothing', async () => {
      const c = makeCase(policy, { id: 'case-1' })
      await store.commit({ cases: [{ next: c, expectedVersion: null }] })
      await expectConflict(store.commit({ cases: [{ next: { ...c, person: { ...c.person, name: '别人' } }, expectedVersion: null }] }))
      expect((await store.getCase('case-1'))?.person.name).toBe(c.person.name)
    })

    test('an update with the version read succeeds; a stale one is a conflict and changes nothing', async () => {
      const c = makeCase(policy, { id: 'case-1' })
      await store.commit({ cases: [{ next: c, expectedVersion: null }] })
      const v2 = advance(c, 'rosterConfirmed', 'a1')
      await store.commit({ cases: [{ next: v2, expectedVersion: 1 }] })
      await expectConflict(store.commit({ cases: [{ next: advance(c, 'rosterConfirmed', 'a2'), expectedVersion: 1 }] }))
      const stored = await store.getCase('case-1')
      expect(stored?.version).toBe(2)
      expect(stored?.actions.map((a) => a.id)).toEqual(['a1'])
    })

    test.each([
      ['alone', false],
      ['with an audit entry', true],
    ])('two concurrent updates of one case (%s): exactly one wins', async (_label, withAudit) => {
      const c = makeCase(policy, { id: 'case-1' })
      await store.commit({ cases: [{ next: c, expectedVersion: null }] })
      const [a, b] = [advance(c, 'rosterConfirmed', 'from-a'), advance(c, 'rosterConfirmed', 'from-b')]
      const results = await Promise.allSettled([
        store.commit({ cases: [{ next: a, expectedVersion: 1 }], audit: withAudit ? [audit('au-a', 'case-1', '2020-01-01T00:00:00.000Z')] : [] }),
        store.commit({ cases: [{ next: b, expectedVersion: 1 }], audit: withAudit ? [audit('au-b', 'case-1', '2020-01-01T00:00:01.000Z')] : [] }),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(rejected).toHaveLength(1)
      expect(isAppError(rejected[0].reason) && rejected[0].reason.code).toBe('CONFLICT')
      const winner = results[0].status === 'fulfilled' ? 'from-a' : 'from-b'
      const stored = await store.getCase('case-1')
      expect(stored?.version).toBe(2)
      expect(stored?.actions.map((x) => x.id)).toEqual([winner])
      if (withAudit) expect((await store.listAudit('case-1')).map((e) => e.id)).toEqual([winner === 'from-a' ? 'au-a' : 'au-b'])
    })

    test('a change is all or nothing: one stale case keeps every other write out', async () => {
      const c1 = makeCase(policy, { id: 'case-1' })
      const c2 = makeCase(policy, { id: 'case-2' })
      await store.commit({ cases: [{ next: c1, expectedVersion: null }, { next: c2, expectedVersion: null }] })
      await expectConflict(
        store.commit({
          cases: [
            { next: advance(c1, 'rosterConfirmed', 'ok'), expectedVersion: 1 },
            { next: advance(c2, 'rosterConfirmed', 'stale'), expectedVersion: 7 },
          ],
          agreements: [{ next: agreement('agr-1', 1, ['case-1']), expectedVersion: null }],
          audit: [audit('au-1', 'case-1', '2020-01-01T00:00:00.000Z')],
        }),
      )
      expect((await store.getCase('case-1'))?.version).toBe(1)
      expect(await store.getAgreement('agr-1')).toBeNull()
      expect(await store.listAudit('case-1')).toEqual([])
    })

    test('agreements are versioned like cases', async () => {
      await store.commit({ agreements: [{ next: agreement('agr-1', 1, ['case-1']), expectedVersion: null }] })
      await store.commit({ agreements: [{ next: { ...agreement('agr-1', 2, ['case-1']), status: 'communitySigned' }, expectedVersion: 1 }] })
      await expectConflict(store.commit({ agreements: [{ next: agreement('agr-1', 2, ['case-1', 'case-2']), expectedVersion: 1 }] }))
      expect(await store.getAgreement('agr-1')).toMatchObject({ version: 2, status: 'communitySigned', caseIds: ['case-1'] })
      await store.commit({ agreements: [{ next: { ...agreement('agr-2', 1, ['case-3']), communityId: 'com-b' }, expectedVersion: null }] })
      expect((await store.listAgreements({ communityId: 'com-a', limit: 10 })).items.map((a) => a.id)).toEqual(['agr-1'])
      expect(await store.listAgreements({ enterpriseId: 'ent-a', limit: 10 })).toMatchObject({ items: [{ id: 'agr-1' }, { id: 'agr-2' }], nextCursor: null })
      expect(await store.listAgreements({ enterpriseId: 'ent-z', limit: 10 })).toEqual({ items: [], nextCursor: null })
      // Page by page: a full page gives a cursor, the next page continues after it.
      const first = await store.listAgreements({ enterpriseId: 'ent-a', limit: 1 })
      expect(first).toMatchObject({ items: [{ id: 'agr-1' }], nextCursor: 'agr-1' })
      expect((await store.listAgreements({ enterpriseId: 'ent-a', limit: 1, after: first.nextCursor! })).items.map((a) => a.id)).toEqual(['agr-2'])
    })

    test('a case is found by the keyed hash of its ID number', async () => {
      const c = makeCase(policy, { id: 'case-1', idNumber: '152501195503150010' })
      await store.commit({ cases: [{ next: c, expectedVersion: null }, { next: makeCase(policy, { id: 'case-2' }), expectedVersion: null }] })
      expect((await store.findCaseByIdNumberHash(c.person.idNumber.hash))?.id).toBe('case-1')
      expect(await store.findCaseByIdNumberHash('no-such-hash')).toBeNull()
    })

    test('batched reads find what is stored under each key, and nothing else, past one batch of keys', async () => {
      const cases = Array.from({ length: 230 }, (_, i) => makeCase(policy, { id: `case-${String(i).padStart(3, '0')}`, idNumber: `1525011955031${String(i).padStart(5, '0')}` }))
      const messages = cases.filter((_, i) => i % 3 === 0).map((c) => ({ id: `m-${c.id}`, version: 1, caseId: c.id, title: '通知', body: '内容', createdAt: '2020-01-01T00:00:00.000Z', readBy: [] }))
      await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })), docs: messages.map((next) => ({ kind: 'inboxMessage' as const, next, expectedVersion: null })) })
      const byHash = new Map(cases.map((c) => [c.person.idNumber.hash, c]))
      const messageById = new Map(messages.map((m) => [m.id, m]))
      // Keys of stored records and of none, repeated and in any order (the brute force: the records written, looked up one by one).
      const picks = fc.array(fc.integer({ min: 0, max: 259 }), { maxLength: 320 })
      await fc.assert(
        fc.asyncProperty(picks, async (picked) => {
          const ids = picked.map((i) => `case-${String(i).padStart(3, '0')}`)
          const hashes = picked.map((i) => cases[i]?.person.idNumber.hash ?? `no-such-hash-${i}`)
          const messageIds = picked.map((i) => `m-case-${String(i).padStart(3, '0')}`)
          const expected = <T>(keys: string[], stored: Map<string, T>) => new Map(keys.flatMap((k) => (stored.has(k) ? [[k, stored.get(k)!] as const] : [])))
          expect(await store.getCases(ids)).toEqual(expected(ids, new Map(cases.map((c) => [c.id, c]))))
          expect(await store.findCasesByIdNumberHashes(hashes)).toEqual(expected(hashes, byHash))
          expect(await store.getDocs('inboxMessage', messageIds)).toEqual(expected(messageIds, messageById))
          // A kind is its own key space: the same ids find no document of another kind.
          expect((await store.getDocs('familyInvite', messageIds)).size).toBe(0)
        }),
        { numRuns: 12 },
      )
    })

    test('cases are listed by community, enterprise and stage, page by page, each exactly once', async () => {
      const cases: RetireeCase[] = []
      for (let i = 0; i < 25; i++) {
        const c = makeCase(policy, { id: `case-${String(i).padStart(2, '0')}`, hukouCommunityId: i % 2 ? 'com-odd' : 'com-even', enterpriseId: i % 3 ? 'ent-x' : 'ent-y' })
        cases.push(i % 5 === 0 ? withSteps(policy, c, ['rosterConfirmed']) : c)
      }
      await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })) })
      async function all(q: Omit<Parameters<Store['listCases']>[0], 'limit' | 'after'>, limit: number) {
        const ids: string[] = []
        let after: string | undefined
        for (let pages = 0; pages < 50; pages++) {
          const page = await store.listCases({ ...q, limit, after })
          ids.push(...page.items.map((c) => c.id))
          if (!page.nextCursor) return ids
          after = page.nextCursor
        }
        throw new Error('pagination did not end')
      }
      const expectIds = (pred: (i: number) => boolean) => cases.filter((_, i) => pred(i)).map((c) => c.id)
      expect(await all({}, 4)).toEqual(expectIds(() => true))
      expect(await all({ receivingCommunityId: 'com-odd' }, 3)).toEqual(expectIds((i) => i % 2 === 1))
      expect(await all({ enterpriseId: 'ent-y' }, 2)).toEqual(expectIds((i) => i % 3 === 0))
      expect(await all({ currentStage: 'materials' }, 10)).toEqual(expectIds((i) => i % 5 === 0))
      expect(await all({ currentStage: 'materials', receivingCommunityId: 'com-even' }, 10)).toEqual(expectIds((i) => i % 5 === 0 && i % 2 === 0))
    })

    test('the cases a community serves but does not receive are listed and counted by residence, page by page', async () => {
      // i % 4: 0 lives in its hukou community; 1 lives in com-home (hukou elsewhere); 2 lives in com-other; 3 has com-home as hukou and lives elsewhere.
      const cases: RetireeCase[] = []
      for (let i = 0; i < 23; i++) {
        const hukou = i % 4 === 3 ? 'com-home' : `com-h${i % 3}`
        const residence = i % 4 === 1 ? 'com-home' : i % 4 === 2 ? 'com-other' : i % 4 === 3 ? 'com-away' : null
        const c = makeCase(policy, { id: `case-${String(i).padStart(2, '0')}`, hukouCommunityId: hukou, residenceCommunityId: residence, enterpriseId: i % 2 ? 'ent-x' : 'ent-y', categories: { livesAwayFromHukou: residence !== null } })
        cases.push(i % 5 === 0 ? withSteps(policy, c, ['rosterConfirmed']) : c)
      }
      // Received where they live (a city with the residence rule): served and received by com-home, so not listed as its residents.
      const received = makeCase(policy, { id: 'case-zz', hukouCommunityId: 'com-h0', residenceCommunityId: 'com-home' })
      cases.push({ ...received, summary: { ...received.summary, receivingCommunityId: 'com-home' } })
      await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })) })
      const expectIds = (pred: (i: number) => boolean) => cases.filter((_, i) => i < 23 && pred(i)).map((c) => c.id)
      const ids: string[] = []
      let after: string | undefined
      for (let pages = 0; pages < 20; pages++) {
        const page = await store.listCases({ residentOf: 'com-home', limit: 2, after })
        ids.push(...page.items.map((c) => c.id))
        if (!page.nextCursor) break
        after = page.nextCursor
      }
      expect(ids).toEqual(expectIds((i) => i % 4 === 1))
      expect(await store.countCases({ residentOf: 'com-home' })).toBe(expectIds((i) => i % 4 === 1).length)
      expect(await store.countCases({ residentOf: 'com-home', enterpriseId: 'ent-x' })).toBe(expectIds((i) => i % 4 === 1 && i % 2 === 1).length)
      expect((await store.listCases({ residentOf: 'com-home', currentStage: 'materials', limit: 50 })).items.map((c) => c.id)).toEqual(expectIds((i) => i % 4 === 1 && i % 5 === 0))
      expect((await store.listCases({ residentOf: 'com-home', receivingCommunityId: 'com-h1', limit: 50 })).items.map((c) => c.id)).toEqual(expectIds((i) => i % 4 === 1 && i % 3 === 1))
      expect((await store.listCases({ residentOf: 'com-home', receivingCommunityId: 'com-home', limit: 50 })).items).toEqual([])
      expect(await store.countCases({ residentOf: 'com-nobody' })).toBe(0)
    })

    test('cases are counted by enterprise, community and stage together, past one page of 1000', async () => {
      const cases: RetireeCase[] = []
      for (let i = 0; i < 1030; i++) {
        const c = makeCase(policy, { id: `case-${String(i).padStart(4, '0')}`, hukouCommunityId: i % 10 ? 'com-a' : 'com-b', enterpriseId: i % 7 ? 'ent-x' : 'ent-y' })
        cases.push(i % 3 === 0 ? withSteps(policy, c, ['rosterConfirmed']) : c)
      }
      await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })) })
      const count = (pred: (i: number) => boolean) => cases.filter((_, i) => pred(i)).length
      expect(await store.countCases({})).toBe(1030)
      expect(await store.countCases({ enterpriseId: 'ent-x', receivingCommunityId: 'com-a' })).toBe(count((i) => i % 7 !== 0 && i % 10 !== 0))
      expect(await store.countCases({ enterpriseId: 'ent-x', receivingCommunityId: 'com-a', currentStage: 'materials' })).toBe(count((i) => i % 7 !== 0 && i % 10 !== 0 && i % 3 === 0))
      expect(await store.countCases({ enterpriseId: 'ent-y', receivingCommunityId: 'com-b', currentStage: 'roster' })).toBe(count((i) => i % 7 === 0 && i % 10 === 0 && i % 3 !== 0))
      expect(await store.countCases({ enterpriseId: 'ent-none' })).toBe(0)
    })

    test('users and organisations are stored and replaced by id', async () => {
      await store.commit({
        users: [
          { id: 'u1', role: 'gridWorker', name: '孟和', orgId: 'com-a' },
          { id: 'u2', role: 'retiree', name: '斯日古楞', orgId: '', caseId: 'case-1' },
        ],
        enterprises: [{ id: 'ent-a', code: 'A', name: '甲公司', contactName: '刘', contactPhone: '1' }],
        communities: [{ id: 'com-a', code: 'C1', name: '乌兰社区', address: '乌兰大街', serviceHours: '8:30-17:30', phone: '2' }],
      })
      await store.commit({ users: [{ id: 'u1', role: 'communityAdmin', name: '孟和', orgId: 'com-a' }] })
      expect(await store.getUser('u1')).toEqual({ id: 'u1', role: 'communityAdmin', name: '孟和', orgId: 'com-a' })
      expect((await store.listUsers()).map((u) => u.id)).toEqual(['u1', 'u2'])
      expect(await store.getUser('nobody')).toBeNull()
      expect((await store.getEnterprise('ent-a'))?.name).toBe('甲公司')
      expect((await store.listCommunities()).map((c) => c.name)).toEqual(['乌兰社区'])
      expect(await store.listEnterprises()).toHaveLength(1)
      expect(await store.getCommunity('com-x')).toBeNull()
    })

    test('a commit of as many documents as the store declares (transactionWrites) lands whole', async () => {
      expect(store.transactionWrites).toBeGreaterThanOrEqual(1)
      const entries = Array.from({ length: store.transactionWrites }, (_, i) => audit(`au-${String(i).padStart(5, '0')}`, 'case-full', '2020-01-01T00:00:00.000Z'))
      await store.commit({ audit: entries })
      expect((await store.listAudit('case-full')).map((e) => e.id)).toEqual(entries.map((e) => e.id))
    })

    test('a case with more than 1000 audit entries pages through in time then id order, nothing skipped or repeated', async () => {
      // 1 203 entries of case-big, four to an instant (ids out of order within each), and others around them.
      const entries = Array.from({ length: 1203 }, (_, i) => {
        const at = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 4) * 60_000).toISOString()
        return { ...audit(`au-${String((i * 7919) % 1203).padStart(4, '0')}`, 'case-big', at), actor: { userId: `u${i % 3}`, role: 'gridWorker' as const } }
      })
      const others = [audit('x-1', 'case-other', '2020-01-01T00:00:00.000Z'), audit('x-2', null, '2020-01-01T01:00:00.000Z')]
      await commitInChunks(store, { audit: [...entries, ...others] })
      const expected = [...entries].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1)).map((e) => e.id)
      for (const limit of [1000, 50, 7]) {
        const pages = await readPages((after) => store.listAuditPage({ caseId: 'case-big' }, { limit, after }))
        expect(pages.flat()).toEqual(expected)
        expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true)
      }
      expect((await store.listAuditPage({ caseId: 'case-big' }, { limit: 5000 })).items).toHaveLength(1000)
      expect((await store.listAudit('case-big')).map((e) => e.id)).toEqual(expected)
    })

    test("a member of staff's entries over a range: from inclusive, to exclusive, by time then id", async () => {
      const at = (minute: number) => new Date(Date.UTC(2020, 2, 1) + minute * 60_000).toISOString()
      const mine = (id: string, minute: number, caseId: string | null = 'case-1') => ({ ...audit(id, caseId, at(minute)), actor: { userId: 'u-staff', role: 'gridWorker' as const } })
      await store.commit({
        audit: [mine('b', 10), mine('a', 10, null), mine('c', 0), mine('d', 20), mine('e', 30), { ...mine('f', 15), actor: { userId: 'u-other', role: 'gridWorker' } }],
      })
      const range = { actorUserId: 'u-staff', from: at(0), to: at(30) }
      expect((await readPages((after) => store.listAuditPage(range, { limit: 2, after }))).flat()).toEqual(['c', 'a', 'b', 'd'])
      expect((await store.listAuditPage({ actorUserId: 'u-staff', from: at(10), to: at(20) }, { limit: 10 })).items.map((e) => e.id)).toEqual(['a', 'b'])
      expect((await store.listAuditPage({ actorUserId: 'u-nobody', from: at(0), to: at(99) }, { limit: 10 })).items).toEqual([])
    })

    test('planted or broken audit entries are skipped, each sighting audited, while the cursor moves on past them', async () => {
      const at = (minute: number) => new Date(Date.UTC(2020, 2, 1) + minute * 60_000).toISOString()
      const staff = { userId: 'u-staff', role: 'gridWorker' as const }
      await store.commit({ audit: [{ ...audit('g1', 'case-1', at(1)), actor: staff }, { ...audit('g3', 'case-1', at(3)), actor: staff }] })
      await opened.plantRaw('audit', 'p2', { id: 'p2', at: at(2), caseId: 'case-1', actor: staff, action: 'case.get', outcome: 'maybe', changes: [] })
      await opened.plantRaw('audit', 'p4', { id: 'p4', at: at(4), caseId: 'case-1', actor: staff })
      const sightings = () => opened.dump().split(IGNORED_RECORD_ACTIONS.invalid).length - 1
      for (const query of [{ caseId: 'case-1' }, { actorUserId: 'u-staff', from: at(0), to: at(9) }]) {
        const before = sightings()
        const pages = await readPages((after) => store.listAuditPage(query, { limit: 1, after }))
        expect(pages).toEqual([['g1'], [], ['g3'], [], []])
        expect(sightings() - before).toBe(2)
      }
    })

    test('audit entries are appended and listed per case in time order', async () => {
      await store.commit({ audit: [audit('b', 'case-1', '2020-01-02T00:00:00.000Z'), audit('a', 'case-1', '2020-01-01T00:00:00.000Z'), audit('c', 'case-2', '2020-01-01T00:00:00.000Z')] })
      expect((await store.listAudit('case-1')).map((e) => e.id)).toEqual(['a', 'b'])
    })

    test('users are listed by case, organisation and role', async () => {
      await store.commit({
        users: [
          { id: 'u1', role: 'retiree', name: '甲', orgId: '', caseId: 'case-1' },
          { id: 'u2', role: 'relative', name: '乙', orgId: '', caseId: 'case-1', mayConfirm: false },
          { id: 'u3', role: 'gridWorker', name: '丙', orgId: 'com-a' },
          { id: 'u4', role: 'communityAdmin', name: '丁', orgId: 'com-a' },
        ],
      })
      expect((await store.listUsers({ caseId: 'case-1' })).map((u) => u.id)).toEqual(['u1', 'u2'])
      expect((await store.listUsers({ orgId: 'com-a', role: 'gridWorker' })).map((u) => u.id)).toEqual(['u3'])
      expect((await store.listUsers()).map((u) => u.id)).toEqual(['u1', 'u2', 'u3', 'u4'])
      await store.commit({ removeUsers: ['u2'] })
      expect((await store.listUsers({ caseId: 'case-1' })).map((u) => u.id)).toEqual(['u1'])
      expect(await store.getUser('u2')).toBeNull()
    })

    test('documents listed newest first (highest id down) page through exactly the ascending listing, reversed', async () => {
      const message = (id: string, caseId: string) => ({ id, version: 1, caseId, title: 't', body: 'b', createdAt: '2020-01-01T00:00:00.000Z', readBy: [] })
      let run = 0
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom('case-a', 'case-b'), async (ns, limit, caseId) => {
          const kind = 'inboxMessage' as const
          // Each run adds to what earlier runs wrote (ids unique by run), so the listing also crosses their documents.
          run++
          const written = ns.map((n) => message(`nf-${String(n).padStart(3, '0')}-${run}`, n % 3 === 0 ? 'case-b' : 'case-a'))
          if (written.length) await store.commit({ docs: written.map((next) => ({ kind, next, expectedVersion: null })) })
          const read = async (newestFirst: boolean) => {
            const ids: string[] = []
            let after: string | undefined
            for (let pages = 0; pages < 100; pages++) {
              const page = await store.listDocs(kind, { caseId }, { limit, after, newestFirst })
              ids.push(...page.items.map((m) => m.id))
              if (page.nextCursor === null) return ids
              after = page.nextCursor
            }
            throw new Error('pagination did not end')
          }
          const ascending = await read(false)
          expect(await read(true)).toEqual([...ascending].reverse())
          const mine = written.filter((m) => m.caseId === caseId).map((m) => m.id)
          expect(ascending.filter((id) => mine.includes(id))).toEqual([...mine].sort())
        }),
        { numRuns: 25 },
      )
    })

    test('documents of a kind are versioned, and listed by their indexed fields', async () => {
      const message = (id: string, caseId: string) => ({ id, version: 1, caseId, title: 't', body: 'b', createdAt: '2020-01-01T00:00:00.000Z', readBy: [] })
      await store.commit({ docs: [{ kind: 'inboxMessage', next: message('m1', 'case-1'), expectedVersion: null }, { kind: 'inboxMessage', next: message('m2', 'case-2'), expectedVersion: null }, { kind: 'inboxMessage', next: message('m3', 'case-1'), expectedVersion: null }] })
      expect((await store.listDocs('inboxMessage', { caseId: 'case-1' }, { limit: 10 })).items.map((m) => m.id)).toEqual(['m1', 'm3'])
      const firstPage = await store.listDocs('inboxMessage', {}, { limit: 2 })
      expect(firstPage.items.map((m) => m.id)).toEqual(['m1', 'm2'])
      expect((await store.listDocs('inboxMessage', {}, { limit: 2, after: firstPage.nextCursor! })).items.map((m) => m.id)).toEqual(['m3'])
      await store.commit({ docs: [{ kind: 'inboxMessage', next: { ...message('m1', 'case-1'), version: 2, readBy: ['u1'] }, expectedVersion: 1 }] })
      await expectConflict(store.commit({ docs: [{ kind: 'inboxMessage', next: { ...message('m1', 'case-1'), version: 2 }, expectedVersion: 1 }] }))
      await expectConflict(store.commit({ docs: [{ kind: 'inboxMessage', next: message('m2', 'case-9'), expectedVersion: null }] }))
      expect(await store.getDoc('inboxMessage', 'm1')).toMatchObject({ version: 2, readBy: ['u1'] })
      expect(await store.getDoc('inboxMessage', 'm2')).toMatchObject({ caseId: 'case-2' })
      expect(await store.getDoc('familyInvite', 'm1')).toBeNull()
    })

    test('documents are removed with the change that removes them, all or nothing; removing an absent one is no error', async () => {
      const code = (id: string) => ({ id, version: 1, caseId: 'case-1', expiresAt: '2020-01-01T00:05:00.000Z' })
      await store.commit({ docs: [{ kind: 'visitCode', next: code('11111111'), expectedVersion: null }, { kind: 'visitCode', next: code('22222222'), expectedVersion: null }] })
      await expectConflict(store.commit({ removeDocs: [{ kind: 'visitCode', id: '11111111' }], docs: [{ kind: 'visitCode', next: code('22222222'), expectedVersion: null }] }))
      expect(await store.getDoc('visitCode', '11111111')).not.toBeNull()
      await store.commit({ removeDocs: [{ kind: 'visitCode', id: '11111111' }, { kind: 'visitCode', id: '99999999' }, { kind: 'familyInvite', id: '22222222' }] })
      expect(await store.getDoc('visitCode', '11111111')).toBeNull()
      expect(await store.getDoc('visitCode', '22222222')).not.toBeNull()
      expect((await store.listDocs('visitCode', { caseId: 'case-1' }, { limit: 10 })).items.map((c) => c.id)).toEqual(['22222222'])
    })

    test('counters start at 0 and add up, also when incremented concurrently', async () => {
      expect(await store.getCounter('k')).toBe(0)
      expect(await store.incrementCounter('k')).toBe(1)
      await Promise.all([store.incrementCounter('k'), store.incrementCounter('k'), store.incrementCounter('k', 2)])
      expect(await store.getCounter('k')).toBe(5)
      expect(await store.getCounter('other')).toBe(0)
    })

    test('open items due on a day are listed page by page, each once; overdue ones are counted', async () => {
      // After the agreement a party member has three open items: file and party (06-30), social security (10-31).
      const cases = Array.from({ length: 7 }, (_, i) =>
        withSteps(policy, makeCase(policy, { id: `case-${i}`, categories: { partyMember: i % 2 === 0 }, enterpriseId: i < 4 ? 'ent-a' : 'ent-b' }), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned']),
      )
      cases.push(makeCase(policy, { id: 'case-fresh' }))
      await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })) })
      const seen: string[] = []
      let after: string | undefined
      for (let n = 0; n < 20; n++) {
        const page = await store.listOpenItemsDue('2020-06-30', { limit: 3, after })
        seen.push(...page.items.map((i) => `${i.caseId}:${i.stage}`))
        if (!page.nextCursor) break
        after = page.nextCursor
      }
      const expected = cases.slice(0, 7).flatMap((c, i) => [`${c.id}:personnelFile`, ...(i % 2 === 0 ? [`${c.id}:partyRelation`] : [])])
      expect(seen.sort()).toEqual(expected.sort())
      expect((await store.listOpenItemsDue('2019-11-30', { limit: 10 })).items.map((i) => i.caseId)).toEqual(['case-fresh'])
      // Moving a case on takes its item off the list.
      const moved = advance(cases[7], 'rosterConfirmed', 'x')
      await store.commit({ cases: [{ next: moved, expectedVersion: 1 }] })
      expect((await store.listOpenItemsDue('2019-11-30', { limit: 10 })).items.map((i) => `${i.caseId}:${i.stage}`)).toEqual(['case-fresh:materials'])
      const overdue = await store.overdueCounts('2020-07-01')
      expect(overdue).toEqual([
        { stage: 'materials', enterpriseId: 'ent-a', receivingCommunityId: 'com-a', count: 1 },
        { stage: 'partyRelation', enterpriseId: 'ent-a', receivingCommunityId: 'com-a', count: 2 },
        { stage: 'partyRelation', enterpriseId: 'ent-b', receivingCommunityId: 'com-a', count: 2 },
        { stage: 'personnelFile', enterpriseId: 'ent-a', receivingCommunityId: 'com-a', count: 4 },
        { stage: 'personnelFile', enterpriseId: 'ent-b', receivingCommunityId: 'com-a', count: 3 },
      ])
    })

    test('a community queue lists each group by next deadline (undated last) then id, page by page, each once; counts are true totals', async () => {
      const dates = ['2020-03-01', '2020-03-19', '2020-03-20', '2020-03-21', '2020-04-30']
      const entry = fc.record({ community: fc.constantFrom('com-a', 'com-b'), group: fc.constantFrom<QueueGroup>('open', 'open', 'done', 'outOfScope'), deadline: fc.option(fc.constantFrom(...dates), { nil: null }) })
      let run = 0
      await fc.assert(
        fc.asyncProperty(fc.array(entry, { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), fc.uniqueArray(fc.constantFrom(...dates), { maxLength: 3 }), async (entries, limit, cutoffs) => {
          // Each run has communities of its own, so the runs share one store.
          run++
          const cases = entries.map((e, i) => queued(`case-${run}-${String((i * 7919) % 1000).padStart(3, '0')}-${i}`, `${e.community}-${run}`, e.group, e.deadline))
          if (cases.length) await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })) })
          const before = [...cutoffs].sort()
          for (const community of ['com-a', 'com-b'].map((c) => `${c}-${run}`)) {
            const mine = cases.filter((c) => c.summary.receivingCommunityId === community)
            const inGroup = (g: QueueGroup) => mine.filter((c) => (g === 'outOfScope' ? !c.summary.inScope : c.summary.inScope && c.summary.done === (g === 'done')))
            for (const g of ['open', 'done', 'outOfScope'] as const) expect(await wholeQueue(store, community, g, limit)).toEqual(queueOrder(inGroup(g)))
            const open = inGroup('open')
            expect(await store.countQueue(community, before)).toEqual({
              open: open.length,
              openBefore: before.map((d) => open.filter((c) => c.summary.nextDeadline !== null && c.summary.nextDeadline < d).length),
              openUndated: open.filter((c) => c.summary.nextDeadline === null).length,
              done: inGroup('done').length,
              outOfScope: inGroup('outOfScope').length,
            })
          }
        }),
        { numRuns: 25 },
      )
    })

    test('a queue of more than 1000 open cases pages past the page limit and counts them all', async () => {
      const cases = Array.from({ length: 1005 }, (_, i) => queued(`case-${String(i).padStart(4, '0')}`, 'com-big', 'open', i % 2 ? '2020-03-31' : '2020-06-30'))
      await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })) })
      const first = await store.listQueue({ receivingCommunityId: 'com-big', group: 'open', limit: 5000 })
      expect(first.items).toHaveLength(1000)
      expect(first.items[0].summary.nextDeadline).toBe('2020-03-31')
      const rest = await store.listQueue({ receivingCommunityId: 'com-big', group: 'open', limit: 1000, after: first.nextCursor! })
      expect(rest.items).toHaveLength(5)
      expect(rest.nextCursor).toBeNull()
      expect(await store.countQueue('com-big', ['2020-04-01', '2020-07-01'])).toEqual({ open: 1005, openBefore: [502, 1005], openUndated: 0, done: 0, outOfScope: 0 })
    })

    test('a record that fails its schema reads as absent, everywhere, and each sighting is audited', async () => {
      const [c1, c3] = [makeCase(policy, { id: 'case-1' }), makeCase(policy, { id: 'case-3' })]
      await store.commit({
        cases: [c1, c3].map((next) => ({ next, expectedVersion: null })),
        users: [{ id: 'u1', role: 'gridWorker', name: '孟和', orgId: 'com-a' }],
        audit: [audit('au-1', 'case-1', '2020-01-01T00:00:00.000Z')],
      })
      // A broken copy of case-1 (same ID-number hash) that sorts before it.
      await opened.plantRaw('cases', 'case-0', { ...c1, id: 'case-0', version: 'two' })
      await opened.plantRaw('users', 'u2', { id: 'u2', role: 'emperor', name: '伪造', orgId: 'com-a' })
      await opened.plantRaw('familyInvite', '12345678', { id: '12345678', caseId: 'case-1', mayConfirm: true })
      await opened.plantRaw('counters', 'k', { value: 'many' })
      await opened.plantRaw('audit', 'au-2', { id: 'au-2', caseId: 'case-1', at: 'yesterday' })
      await opened.plantRaw('enterprises', 'ent-x', { id: 'ent-x', name: 42 })
      const sightings = () => opened.dump().split(IGNORED_RECORD_ACTIONS.invalid).length - 1
      const reads: Array<[() => Promise<unknown>, unknown]> = [
        [() => store.getCase('case-0'), null],
        [() => store.findCaseByIdNumberHash(c1.person.idNumber.hash).then((c) => c?.id), 'case-1'],
        [() => store.getUser('u2'), null],
        [() => store.listUsers({ orgId: 'com-a' }).then((us) => us.map((u) => u.id)), ['u1']],
        [() => store.getDoc('familyInvite', '12345678'), null],
        [() => store.getCases(['case-0', 'case-1']).then((m) => [...m.keys()]), ['case-1']],
        [() => store.findCasesByIdNumberHashes([c1.person.idNumber.hash]).then((m) => [...m.values()].map((c) => c.id)), ['case-1']],
        [() => store.getDocs('familyInvite', ['12345678']).then((m) => m.size), 0],
        [() => store.listDocs('familyInvite', { caseId: 'case-1' }, { limit: 10 }).then((p) => p.items), []],
        [() => store.getCounter('k'), 0],
        [() => store.listAudit('case-1').then((es) => es.map((e) => e.id)), ['au-1']],
        [() => store.listEnterprises(), []],
        [() => store.getEnterprise('ent-x'), null],
      ]
      for (const [read, expected] of reads) {
        const before = sightings()
        expect(await read()).toEqual(expected)
        expect(sightings() - before).toBe(1)
      }
      // Pages still move on past it (a page may come back short, even empty), and each good case comes once.
      const pages: string[][] = []
      let after: string | undefined
      for (let n = 0; n < 10; n++) {
        const page = await store.listCases({ limit: 1, after })
        pages.push(page.items.map((c) => c.id))
        if (!page.nextCursor) break
        after = page.nextCursor
      }
      expect(pages.flat()).toEqual(['case-1', 'case-3'])
      expect(pages[0]).toEqual([])
      // A server record is never silently replaced, even one that fails today's schema.
      await expectConflict(store.commit({ cases: [{ next: { ...c1, id: 'case-0' }, expectedVersion: null }] }))
    })

    test('nothing but the sealed form of an ID number is stored', async () => {
      const c = makeCase(policy, { id: 'case-1', idNumber: '152501195503150010' })
      await store.commit({ cases: [{ next: c, expectedVersion: null }] })
      expect(opened.dump()).not.toContain('152501195503150010')
      expect(opened.dump()).toContain(c.person.idNumber.masked)
    })

    test('older records are stored again as their schema reads them, page by page, once', async () => {
      const legacy = (id: string, caseId: string | null): AuditEntry => ({
        ...audit(id, caseId, '2019-10-01T00:00:00.000Z'),
        changes: [
          { field: 'person.birthDate', before: null, after: '1955-03-15' },
          { field: 'person.idNumber', before: null, after: '152501********0010' },
          { field: 'person.name', before: null, after: '斯日古楞' },
        ],
      })
      await store.commit({ audit: [legacy('a1', 'case-1'), legacy('a2', null), audit('a3', 'case-1', '2019-10-02T00:00:00.000Z')] })
      const first = await store.upgradeStoredPage('audit', { limit: 2 })
      expect(first).toEqual({ read: 2, rewritten: 2, unreadable: 0, nextCursor: 'a2' })
      expect(await store.upgradeStoredPage('audit', { limit: 2, after: 'a2' })).toEqual({ read: 1, rewritten: 0, unreadable: 0, nextCursor: null })
      expect((await store.listAudit('case-1')).map((a) => [a.id, a.changes])).toEqual([
        ['a1', [{ field: 'person.birthMonth', before: null, after: '1955-03' }, { field: 'person.idNumber', before: null, after: '152501************' }, { field: 'person.name', before: null, after: '斯日古楞' }]],
        ['a3', []],
      ])
      expect(opened.dump()).not.toContain('1955-03-15')
      expect(opened.dump()).not.toContain('0010')
      expect(await store.upgradeStoredPage('audit', { limit: 10 })).toEqual({ read: 3, rewritten: 0, unreadable: 0, nextCursor: null })
    })

    test('a case stored the older way (full dates, first 6 + last 4) is stored again with months and the area code only', async () => {
      const c = makeCase(policy, { id: 'case-1', idNumber: '152501195503150010' })
      const { birthMonth, retirementMonth, ...person } = c.person
      void birthMonth
      void retirementMonth
      const legacy = { ...c, person: { ...person, birthDate: '1955-03-15', retirementDate: '2015-04-01', idNumber: { ...person.idNumber, masked: '152501********0010' } } }
      await opened.plantRaw('cases', 'case-1', legacy)
      expect((await store.getCase('case-1'))?.person).toMatchObject({ birthMonth: '1955-03', retirementMonth: '2015-04', idNumber: { masked: '152501************' } })
      expect(opened.dump()).toContain('1955-03-15')
      expect(await store.upgradeStoredPage('cases', { limit: 10 })).toEqual({ read: 1, rewritten: 1, unreadable: 0, nextCursor: null })
      expect(opened.dump()).not.toContain('1955-03-15')
      expect(opened.dump()).not.toContain('********0010')
      expect((await store.getCase('case-1'))?.version).toBe(c.version)
      expect(await store.upgradeStoredPage('cases', { limit: 10 })).toEqual({ read: 1, rewritten: 0, unreadable: 0, nextCursor: null })
    })
  })
}
