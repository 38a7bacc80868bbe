/**
 * Run after the whole test suite (npm test: `STORE_QUERY_LOG=… jest`, then this file in a jest of
 * its own): every query the cloud store sent to FakeCloudDatabase in any test is served by an index
 * declared in STORE_INDEXES, on a collection of the deploy plan that is admin-only.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describeQuery, indexCoverageProblems, servingIndex, type StoreQuery } from '../../shared/ports/IndexCoverage'
import { STORE_INDEXES } from '../../shared/ports/StoreIndexes'
import permissions from '../permissions.json'

const dir = process.env.STORE_QUERY_LOG
const queries: StoreQuery[] = dir ? readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoreQuery)) : []

test('the test suite recorded the cloud store\'s queries (STORE_QUERY_LOG names their directory)', () => {
  expect(dir).toBeTruthy()
  expect(queries.length).toBeGreaterThan(0)
})

test('every recorded query is served by a declared index, on an admin-only collection of the plan', () => {
  const declared: { [collection: string]: typeof STORE_INDEXES.cases } = STORE_INDEXES
  expect(indexCoverageProblems(queries, declared, permissions.database)).toEqual([])
  // The report: which index serves each shape.
  const shapes = [...new Map(queries.map((q) => [describeQuery(q), q])).values()]
  console.log(shapes.map((q) => `${describeQuery(q)} → ${servingIndex(q, declared[q.collection] ?? [])}`).sort().join('\n'))
})
