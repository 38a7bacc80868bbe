import fc from 'fast-check'
import { figureDelta } from '../Figures'
import { erenhot2019 } from '../policies/erenhot2019'
import { makeCase } from '../testing/fixtures'
import { chunkChange } from './ChunkedCommit'
import type { Change } from './Store'
import { MAX_TRANSACTION_WRITES } from './StoreLimits'

const ENTERPRISES = ['ent-a', 'ent-b', 'ent-c', 'ent-d']
const COMMUNITIES = ['com-a', 'com-b', 'com-c']

/** The documents a commit of the change writes at most: each record, and each figure its records move. */
function writes(change: Change): number {
  const figures = new Set<string>()
  for (const v of change.cases ?? []) for (const key of figureDelta(null, { kind: 'case', value: v.next }).keys()) figures.add(key)
  const records = Object.values(change).reduce((n, list) => n + (list as unknown[]).length, 0)
  return records + figures.size
}

test('a large change is split into commits that each fit a transaction, holding every record once, in order', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ e: fc.nat(3), c: fc.nat(2) }), { maxLength: 60 }), fc.nat(150), (units, audits) => {
      const cases = units.map((u, i) => ({ next: makeCase(erenhot2019, { id: `case-${i}`, enterpriseId: ENTERPRISES[u.e], hukouCommunityId: COMMUNITIES[u.c] }), expectedVersion: null }))
      const audit = Array.from({ length: audits }, (_, i) => ({ id: `au-${i}` }) as unknown as NonNullable<Change['audit']>[number])
      const chunks = chunkChange({ cases, audit })
      for (const chunk of chunks) expect(writes(chunk)).toBeLessThanOrEqual(MAX_TRANSACTION_WRITES)
      expect(chunks.flatMap((c) => c.cases ?? []).map((v) => v.next.id)).toEqual(cases.map((v) => v.next.id))
      expect(chunks.flatMap((c) => c.audit ?? []).map((a) => a.id)).toEqual(audit.map((a) => a.id))
      expect(chunks.every((c) => Object.keys(c).length > 0)).toBe(true)
    }),
    { numRuns: 50 },
  )
})
