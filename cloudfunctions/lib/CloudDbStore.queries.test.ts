/**
 * Every query shape the callers of the store use (actions, notify, upgrades), run against the
 * cloud store, so that the index coverage check after the suite (storeQueries.check.ts) sees each
 * one, and checked here too: each is served by a declared index.
 */
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { indexCoverageProblems } from '../../shared/ports/IndexCoverage'
import type { StageId } from '../../shared/Stage'
import { makeCase } from '../../shared/testing/fixtures'
import type { CaseFilter } from '../../shared/ports/Store'
import { STORE_INDEXES } from '../../shared/ports/StoreIndexes'
import permissions from '../permissions.json'
import { createCloudDbStore } from './CloudDbStore'
import { FakeCloudDatabase, recordedQueries } from './FakeCloudDatabase'

const E = 'ent-a'
const C = 'com-a'
const STAGE = { id: 'agreement', state: 'open' } as const

/** The case filters of board.cases, case.list, the agreement drafts, the residence list and the upgrade pass. */
const CASE_FILTERS: CaseFilter[] = [
  {},
  { enterpriseId: E },
  { receivingCommunityId: C },
  { currentStage: 'materials' },
  { enterpriseId: E, currentStage: 'materials' },
  { receivingCommunityId: C, currentStage: 'materials' },
  { enterpriseId: E, receivingCommunityId: C, currentStage: 'agreement' },
  { stage: STAGE },
  { enterpriseId: E, stage: STAGE },
  { receivingCommunityId: C, stage: STAGE },
  { residentOf: C },
]

test('every query shape of the store\'s callers is served by a declared index', async () => {
  const store = createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))
  for (const filter of CASE_FILTERS) {
    await store.listCases({ ...filter, limit: 10 })
    await store.listCases({ ...filter, limit: 10, after: 'case-1' })
    await store.countCases(filter)
  }
  // Counted, never listed: an enterprise's cases received by one community (the agreement drafts).
  await store.countCases({ enterpriseId: E, receivingCommunityId: C })
  for (const query of [{ caseId: 'case-1' }, { caseId: 'case-1', role: 'relative' as const }, { role: 'supervisor' as const }, { orgId: C }, { orgId: C, role: 'gridWorker' as const }, {}]) await store.listUsers(query)
  for (const query of [{ enterpriseId: E }, { communityId: C }, { enterpriseId: E, communityId: C }, {}]) await store.listAgreements({ ...query, limit: 10, after: 'agr-1' })
  await store.findCaseByIdNumberHash('hash')
  await store.overdueCounts('2020-03-20')
  await store.listOpenItemsDue('2020-03-20', { limit: 10, after: 'case-1' })
  await store.listQueue({ receivingCommunityId: C, group: 'open', limit: 10 })
  await store.countQueue(C, ['2020-03-20'])
  await store.listAuditPage({ caseId: 'case-1' }, { limit: 10 })
  // A unit's pending approvals (approval.pending) and a case's own (approval.mine, approval.submit).
  for (const filter of [{ unitQueue: 'party|submitted' }, { caseId: 'case-1' }]) await store.listDocs('approvalRequest', filter, { limit: 20, after: 'a-1' })
  await store.listAuditPage({ actorUserId: 'u1', from: '2020-01-01', to: '2020-02-01' }, { limit: 10 })
  // The yearly pension qualification reminders due in a China year (notify/qualificationReminders.ts).
  await store.listDocs('qualificationCheck', { dueYear: '2021' }, { limit: 100, after: 'case-1' })
  const declared: { [collection: string]: (typeof STORE_INDEXES)['cases'] } = STORE_INDEXES
  expect(indexCoverageProblems(recordedQueries(), declared, permissions.database)).toEqual([])
  expect(recordedQueries().length).toBeGreaterThan(40)
})

test('a case stored before its stage states were kept gains them in the upgrade pass, and the drill-down then finds it', async () => {
  const db = new FakeCloudDatabase({ throwOnNotFound: false })
  const store = createCloudDbStore(db)
  const c = makeCase(erenhot2019, { id: 'case-old', enterpriseId: E })
  const [stage, summary] = Object.entries(c.summary.stages)[0] as [StageId, { state: 'done' | 'open' | 'waiting' }]
  // As an older version of the store wrote it: the record alone.
  await db.collection('cases').add({ data: { ...c, _id: c.id } })
  const drill = () => store.listCases({ enterpriseId: E, stage: { id: stage, state: summary.state }, limit: 10 })
  expect((await drill()).items).toEqual([])
  expect(await store.upgradeStoredPage('cases', { limit: 10 })).toMatchObject({ read: 1, rewritten: 1, unreadable: 0 })
  expect((await drill()).items.map((x) => x.id)).toEqual(['case-old'])
  expect(await store.getCase('case-old')).toEqual(c)
  expect(await store.upgradeStoredPage('cases', { limit: 10 })).toMatchObject({ read: 1, rewritten: 0 })
})
