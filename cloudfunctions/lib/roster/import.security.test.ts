/**
 * Concurrency: ID reservation. Two enterprises confirm rosters holding the same person at the
 * same moment; under every interleaving fast-check's scheduler tries, exactly one case is opened
 * for the ID number and the other confirmation fails as a whole, without naming the enterprise.
 */
import fc from 'fast-check'
import { ROSTER_COLUMNS } from '../../../shared/RosterImport'
import { checkCharacter } from '../../../shared/IdNumber'
import { yieldingStore } from '../../../shared/testing/YieldingStore'
import { seededCloud } from '../../../test/support/cloudHarness'
import { recordFigure } from '../../../test/security/figures'
import { handlers } from '../actions/all'
import { createRouter } from '../router'

const ID = (() => {
  const first17 = '15250119520607123'
  return first17 + checkCharacter(first17)
})()

function csv(name: string, extra: string): string {
  const row = ROSTER_COLUMNS.map((c) => (c.key === 'name' ? name : c.key === 'idNumber' ? ID : c.key === 'retirementDate' ? '2010-05-01' : c.key === 'hukouAddress' ? '乌兰大街3号' : c.key === 'hukouCommunity' ? '乌兰社区' : ''))
  const other = ROSTER_COLUMNS.map((c) => (c.key === 'name' ? `${name}之外` : c.key === 'idNumber' ? extra : c.key === 'retirementDate' ? '2010-05-01' : c.key === 'hukouAddress' ? '乌兰大街4号' : c.key === 'hukouCommunity' ? '乌兰社区' : ''))
  return Buffer.from([ROSTER_COLUMNS.map((c) => c.header).join(','), row.join(','), other.join(',')].join('\n')).toString('base64')
}

const otherId = (seq: string) => {
  const first17 = `152501195001010${seq}`
  return first17 + checkCharacter(first17)
}

test('two enterprises confirming the same person at once open exactly one case', async () => {
  let runs = 0
  let failures = 0
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      runs++
      const cloud = await seededCloud({ count: 3 })
      const raced = createRouter({ ...cloud.deps, store: yieldingStore(cloud.store, () => s.schedule(Promise.resolve())) }, handlers)
      const water = await cloud.ok('dev-ent-water', 'roster.preview', { fileName: 'w.csv', contentBase64: csv('水务甲', otherId('11')) })
      const heat = await cloud.ok('dev-ent-heat', 'roster.preview', { fileName: 'h.csv', contentBase64: csv('热力甲', otherId('22')) })
      expect([water.accepted, heat.accepted]).toEqual([2, 2])
      const confirming = Promise.all([
        raced({ userId: 'dev-ent-water' }, { action: 'roster.confirm', input: { previewId: water.previewId, expectedVersion: water.version } }),
        raced({ userId: 'dev-ent-heat' }, { action: 'roster.confirm', input: { previewId: heat.previewId, expectedVersion: heat.version } }),
      ])
      await s.waitFor(confirming)
      const results = await confirming
      const cases = (await cloud.store.listCases({ limit: 1000 })).items.filter((c) => c.person.idNumber.hash === cloud.deps.vault.lookupHash(ID))
      const refused = results.filter((r) => !r.ok)
      const names = (await cloud.store.listEnterprises()).map((e) => e.name)
      const leaked = refused.some((r) => !r.ok && names.some((n) => r.error.message.includes(n)))
      // A confirmation is all or nothing: the refused one opened no case at all, not even its other person.
      const others = (await cloud.store.listCases({ limit: 1000 })).items.filter((c) => c.person.name.endsWith('之外'))
      const ok = cases.length === 1 && refused.length === 1 && !refused[0].ok && refused[0].error.code === 'CONFLICT' && !leaked && others.length === 1
      if (!ok) failures++
      cloud.close()
      expect({ cases: cases.length, refused: refused.map((r) => (r.ok ? null : r.error.code)), leaked, others: others.length }).toEqual({ cases: 1, refused: ['CONFLICT'], leaked: false, others: 1 })
    }),
    { numRuns: 40 },
  )
  recordFigure({ area: 'Concurrency: ID reservation', tried: `${runs} interleavings of two enterprises confirming the same ID number`, failures, failureName: 'second cases opened' })
}, 120_000)
