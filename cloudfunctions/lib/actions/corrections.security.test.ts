/**
 * A corrected ID number keeps the rule "one ID number, one case": it cannot become a number
 * another case holds, and two corrections to the same new number cannot both land, even when
 * they run at the same moment (explored with fast-check's scheduler over a yielding store).
 */
import type { CorrectionRequest } from '../../../shared/CorrectionRequest'
import { demoIdNumber } from '../../../local/seed'
import { seededCloud } from '../../../test/support/cloudHarness'
import { explore, outcomes, RUNS } from '../../../test/support/racingCloud'
import { recordFigure } from '../../../test/security/figures'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const ENT = 'dev-ent-water'

/** An open request from the retiree of `caseId` saying their ID number is wrong. */
async function idNumberDisputed(cloud: Cloud, caseId: string): Promise<CorrectionRequest> {
  const request: CorrectionRequest = {
    id: `corr-${caseId}`,
    version: 1,
    caseId,
    enterpriseId: 'ent-water',
    fields: [{ field: 'idNumber', reason: '身份证号录错了' }],
    raisedBy: { userId: 'dev-retiree-1', role: 'retiree' },
    status: 'open',
    answer: null,
    createdAt: cloud.clock.now().toISOString(),
    answeredAt: null,
  }
  await cloud.store.commit({ docs: [{ kind: 'correctionRequest', next: request, expectedVersion: null }] })
  return request
}

const accept = (request: CorrectionRequest, idNumber: string) => ({
  id: request.id,
  expectedVersion: request.version,
  decision: { kind: 'accept', values: { idNumber }, answer: '已按身份证更正。' },
})

test('a correction cannot give a case the ID number another case holds; the refusal names no enterprise', async () => {
  const cloud = await seededCloud({ count: 10 })
  const request = await idNumberDisputed(cloud, 'case-0001')
  const before = (await cloud.store.getCase('case-0001'))!
  const res = await cloud.call(ENT, 'correction.answer', accept(request, await cloud.idNumberOf('case-0005')))
  expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: ['idNumber'] } })
  if (!res.ok) expect(res.error.message).not.toMatch(/公交|供水|热力|粮食|企业/)
  expect((await cloud.store.getCase('case-0001'))!.person.idNumber.hash).toBe(before.person.idNumber.hash)
  cloud.close()
})

test('an accepted correction reserves the new number, so no roster or correction can open it again', async () => {
  const cloud = await seededCloud({ count: 10 })
  const fresh = demoIdNumber('1951-06-15', 321, 'male')
  await cloud.ok(ENT, 'correction.answer', accept(await idNumberDisputed(cloud, 'case-0001'), fresh))
  const hash = cloud.deps.vault.lookupHash(fresh)
  expect(await cloud.store.getDoc('idReservation', hash)).toMatchObject({ caseId: 'case-0001' })
  expect((await cloud.store.getCase('case-0001'))!.person.idNumber.hash).toBe(hash)
  cloud.close()
})

test('two corrections to the same new number at the same moment: exactly one lands', async () => {
  const fresh = demoIdNumber('1951-06-15', 322, 'male')
  let doubled = 0
  await explore(
    async (cloud) => Promise.all([idNumberDisputed(cloud, 'case-0001'), idNumberDisputed(cloud, 'case-0002')]),
    (call, [first, second]) => [call(ENT, 'correction.answer', accept(first, fresh)), call(ENT, 'correction.answer', accept(second, fresh))],
    async (results, cloud) => {
      const { ok = 0, CONFLICT = 0 } = outcomes(results)
      const hash = cloud.deps.vault.lookupHash(fresh)
      const holders = [(await cloud.store.getCase('case-0001'))!, (await cloud.store.getCase('case-0002'))!].filter((c) => c.person.idNumber.hash === hash)
      doubled += Math.max(0, holders.length - 1)
      expect(ok).toBe(1)
      expect(CONFLICT).toBe(1)
      expect(holders).toHaveLength(1)
    },
  )
  recordFigure({ area: 'Concurrency: ID reservation on correction', tried: `2 parallel corrections to one number × ${RUNS} interleavings`, failures: doubled, failureName: 'second cases holding it' })
})
