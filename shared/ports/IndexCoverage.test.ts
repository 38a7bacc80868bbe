import permissions from '../../cloudfunctions/permissions.json'
import { describeQuery, indexCoverageProblems, servingIndex, type StoreQuery } from './IndexCoverage'
import { CASE_INDEXES, STORE_INDEXES, type IndexDeclaration } from './StoreIndexes'
import { MAX_INDEXES_PER_COLLECTION } from './StoreLimits'

const q = (collection: string, o: Partial<Omit<StoreQuery, 'collection'>> = {}): StoreQuery => ({ collection, op: 'get', equal: [], range: [], filter: [], order: [], ...o })
const AUDIT: IndexDeclaration[] = [{ name: 'by_case', fields: ['caseId', 'at', '_id'] }]
const QUEUE: IndexDeclaration[] = [{ name: 'queue', fields: ['community', 'inScope', 'done', 'deadline', '_id'] }]

describe('a query is served by an index whose leading fields are its equality fields, then its sort or range field', () => {
  test.each<[string, StoreQuery, IndexDeclaration[], string | null]>([
    ['a point read by _id', q('c', { equal: ['_id'] }), [], '_id'],
    ['a walk of the whole collection by _id, page after page', q('c', { range: ['_id'], order: ['_id'] }), [], '_id'],
    ['equality fields in any order, then the sort', q('c', { equal: ['deadline', 'done', 'community', 'inScope'], order: ['_id'] }), QUEUE, 'queue'],
    ['equality fields, then a range on the next field with its sort', q('c', { equal: ['community', 'inScope', 'done'], range: ['deadline'], order: ['deadline', '_id'] }), QUEUE, 'queue'],
    ['a cursor over the sort order (at > a, or at = a and _id > id)', q('audit', { equal: ['caseId'], range: ['at', '_id'], order: ['at', '_id'] }), AUDIT, 'by_case'],
    ['a count with a range on the next field', q('c', { op: 'count', equal: ['community', 'inScope', 'done'], range: ['deadline'], filter: ['_openid'] }), QUEUE, 'queue'],
    ['filtered-out fields need no index', q('c', { equal: ['community', 'inScope', 'done'], filter: ['name'], order: ['deadline'] }), QUEUE, 'queue'],
    ['not: an equality field the index lacks', q('c', { equal: ['community', 'name'], order: ['_id'] }), QUEUE, null],
    ['not: equality fields that skip one of the index', q('c', { equal: ['community', 'done'], order: ['_id'] }), QUEUE, null],
    ['not: a sort that does not follow the equality fields', q('audit', { equal: ['caseId'], order: ['_id'] }), AUDIT, null],
    ['not: a range on one field and a sort on another', q('cases', { range: ['deadline'], order: ['_id'] }), [{ name: 'by_deadline', fields: ['deadline', '_id'] }], null],
    ['not: two range fields without a sort', q('c', { equal: ['caseId'], range: ['at', '_id'] }), AUDIT, null],
    ['not: a filter on a field of no index, alone', q('c', { equal: ['name'] }), QUEUE, null],
  ])('%s', (_name, query, indexes, expected) => {
    expect(servingIndex(query, indexes)).toBe(expected)
  })
})

describe('the coverage check fails on what production would scan or expose', () => {
  const declared = { audit: AUDIT }
  const adminOnly = { audit: 'ADMINONLY' }

  test('an uncovered query is named, with its shape', () => {
    const uncovered = q('audit', { equal: ['action'], order: ['_id'] })
    expect(indexCoverageProblems([q('audit', { equal: ['caseId'], order: ['at', '_id'] }), uncovered], declared, adminOnly)).toEqual([`no index serves ${describeQuery(uncovered)}`])
  })

  test('a collection outside the plan, or not admin-only, is named', () => {
    expect(indexCoverageProblems([q('planted', { equal: ['_id'] })], declared, { ...adminOnly, planted: 'PRIVATE' })).toEqual(['planted: not ADMINONLY in cloudfunctions/permissions.json', 'planted: not a collection of STORE_INDEXES'])
  })

  test('covered queries on admin-only collections of the plan pass', () => {
    expect(indexCoverageProblems([q('audit', { equal: ['_id'] }), q('audit', { range: ['_id'], order: ['_id'] })], declared, adminOnly)).toEqual([])
  })
})

describe('the declared indexes', () => {
  test('every collection of the plan is admin-only, and every admin-only collection is in the plan', () => {
    expect(Object.keys(STORE_INDEXES).sort()).toEqual(Object.keys(permissions.database).sort())
  })

  test.each(Object.entries(STORE_INDEXES))('%s keeps within the cloud\'s indexes per collection, with unique names and fields', (_collection, indexes) => {
    // The built-in _id index counts too.
    expect(indexes.length + 1).toBeLessThanOrEqual(MAX_INDEXES_PER_COLLECTION)
    expect(new Set(indexes.map((i) => i.name)).size).toBe(indexes.length)
    for (const i of indexes) {
      expect(i.name).toMatch(/^[A-Za-z0-9_]+$/)
      expect(new Set(i.fields).size).toBe(i.fields.length)
    }
  })

  test('the board\'s drill-down of any stage is served with no unit, an enterprise, a community or both', () => {
    for (const equal of [['stageStates'], ['enterpriseId', 'stageStates'], ['summary.receivingCommunityId', 'stageStates'], ['enterpriseId', 'summary.receivingCommunityId', 'stageStates']]) {
      expect(servingIndex(q('cases', { equal, range: ['_id'], order: ['_id'] }), CASE_INDEXES)).not.toBeNull()
      expect(servingIndex(q('cases', { op: 'count', equal }), CASE_INDEXES)).not.toBeNull()
    }
  })
})
