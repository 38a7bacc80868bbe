/**
 * Issue 8, item 3: no seeded retiree's ID number can be rebuilt from what the store holds or
 * from what any role not entitled to it is sent (shared/IdRebuild.ts decides). The demo is
 * seeded, then used the ways that write personal data: a roster re-import whose retirement
 * dates fall on the exact birthdays, corrections of the birth and retirement dates, a visit,
 * a confirmation; a dispute and its answer quote the birth date and the number in free text.
 */
import { DEMO_RELATIVE, DEMO_STAFF } from '../../local/seed'
import { ROSTER_COLUMNS } from '../../shared/RosterImport'
import { checkCharacter } from '../../shared/IdNumber'
import type { ActionName } from '../../shared/Api'
import { seededCloud } from '../support/cloudHarness'
import { rebuildsFromResponse, rebuildsFromStore, trueIdNumbers, type Success } from '../support/idRebuildScan'
import { recordFigure } from './figures'

const AREA = 'Personal data: rebuildable ID numbers'
const ENT = 'dev-ent-water'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

/** A roster file (CSV) of some of the enterprise's own people, retired on their exact 60th birthday, and new people. */
function rosterCsv(people: Array<{ name: string; id: string }>): string {
  const birthday60 = (id: string) => `${Number(id.slice(6, 10)) + 60}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  const line = (p: { name: string; id: string }) =>
    ROSTER_COLUMNS.map((c) => (c.key === 'name' ? p.name : c.key === 'idNumber' ? p.id : c.key === 'retirementDate' ? birthday60(p.id) : c.key === 'hukouAddress' ? '乌兰大街5号' : c.key === 'hukouCommunity' ? '乌兰社区' : '')).join(',')
  return [ROSTER_COLUMNS.map((c) => c.header).join(','), ...people.map(line)].join('\n')
}

function newPerson(n: number): { name: string; id: string } {
  const first17 = `1525011955${String(1 + (n % 12)).padStart(2, '0')}${String(1 + n).padStart(2, '0')}${String(200 + n).padStart(3, '0')}`
  return { name: `新退休人员${n}`, id: first17 + checkCharacter(first17) }
}

/** Uses the demo the ways that write personal data; returns the responses staff and relatives got. */
async function useTheDemo(cloud: Cloud): Promise<Array<{ where: string; response: unknown }>> {
  const truth = trueIdNumbers(cloud.store.db, cloud.deps.vault)
  const responses: Array<{ where: string; response: unknown }> = []
  const own = (await cloud.store.listCases({ enterpriseId: 'ent-water', limit: 12 })).items
  const file = rosterCsv([...own.map((c) => ({ name: c.person.name, id: truth.get(c.id)! })), ...[1, 2, 3, 4, 5].map(newPerson)])
  const preview = await cloud.ok(ENT, 'roster.preview', { fileName: '名册.csv', contentBase64: Buffer.from(file).toString('base64') })
  responses.push({ where: 'roster.preview', response: preview })
  responses.push({ where: 'roster.confirm', response: await cloud.ok(ENT, 'roster.confirm', { previewId: preview.previewId, expectedVersion: preview.version }) })

  // The retiree and the operator quote the birth date and the number in their own words.
  const id1 = truth.get('case-0001')!
  const details = await cloud.ok('dev-retiree-1', 'details.get')
  await cloud.ok('dev-retiree-1', 'details.dispute', {
    expectedVersion: details.version,
    fields: [
      { field: 'birthDate', reason: `应为${Number(id1.slice(6, 10))}年${Number(id1.slice(10, 12))}月${Number(id1.slice(12, 14))}日` },
      { field: 'retirementDate', reason: `身份证 ${id1}，电话13904791234` },
    ],
  })
  const requests = await cloud.ok(ENT, 'correction.list', { status: 'open' })
  const request = requests.items.find((r: { caseId: string }) => r.caseId === 'case-0001')
  const values = { birthDate: `${id1.slice(6, 10)}-${id1.slice(10, 12)}-${id1.slice(12, 14)}`, retirementDate: `${Number(id1.slice(6, 10)) + 60}-${id1.slice(10, 12)}-${id1.slice(12, 14)}` }
  responses.push({ where: 'correction.answer', response: await cloud.ok(ENT, 'correction.answer', { id: request.id, expectedVersion: request.version, decision: { kind: 'accept', values, answer: `已按户口本更正为${values.birthDate}` } }) })

  const pass = await cloud.ok('dev-retiree-1', 'visit.issuePass')
  responses.push({ where: 'visit.open', response: await cloud.ok('dev-grid-wulan', 'visit.open', { token: pass.token }) })
  const second = await cloud.ok('dev-retiree-2', 'details.get')
  await cloud.ok('dev-retiree-2', 'details.confirm', { expectedVersion: second.version })
  return responses
}

/** Every read a staff member or a relative can make about cases, as every one of them. */
async function readAsEveryone(cloud: Cloud): Promise<Array<{ where: string; response: unknown; caseId?: string }>> {
  const out: Array<{ where: string; response: unknown; caseId?: string }> = []
  const ids = [...trueIdNumbers(cloud.store.db, cloud.deps.vault).keys()]
  const call = async (user: string, action: ActionName | string, input: unknown = {}, caseId?: string) => out.push({ where: `${action} as ${user}`, response: await cloud.call(user, action, input), caseId })
  for (const staff of DEMO_STAFF) {
    for (const action of ['session.me', 'messages.mine', 'agreement.list', 'correction.list', 'expenses.list', 'assets.list']) await call(staff.id, action)
    for (let after: string | undefined; ; ) {
      const page = await cloud.call(staff.id, 'case.list', { limit: 100, after })
      out.push({ where: `case.list as ${staff.id}`, response: page })
      if (!page.ok || !page.data.nextCursor) break
      after = page.data.nextCursor
    }
    for (const caseId of ids) {
      await call(staff.id, 'case.get', { caseId }, caseId)
      await call(staff.id, 'materials.get', { caseId }, caseId)
    }
  }
  for (const action of ['case.myStatus', 'details.get', 'inbox.list', 'community.mine']) await call(DEMO_RELATIVE.id, action, {}, DEMO_RELATIVE.caseId)
  return out
}

describe('ID numbers cannot be rebuilt (issue 8, item 3)', () => {
  let cloud: Cloud
  let responses: Array<{ where: string; response: unknown; caseId?: string }>
  let stored: { tried: number; successes: Success[]; fewest: number }
  let fromApi: Success[]

  beforeAll(async () => {
    cloud = await seededCloud({ count: 320 })
    const activity = await useTheDemo(cloud)
    responses = [...activity, ...(await readAsEveryone(cloud))]
    stored = rebuildsFromStore(cloud.store.db, cloud.deps.vault)
    const truth = trueIdNumbers(cloud.store.db, cloud.deps.vault)
    fromApi = responses.flatMap((r) => rebuildsFromResponse(r.response, truth, r.where, r.caseId))
    recordFigure({ area: AREA, tried: `${stored.tried} stored records + ${responses.length} API responses, ${truth.size} cases`, failures: stored.successes.length + fromApi.length, failureName: 'rebuilds' })
  }, 120_000)
  afterAll(() => cloud.close())

  test('every stored record that mentions a case, tried together: no number is rebuilt', () => {
    expect(stored.tried).toBeGreaterThan(320 * 2)
    expect(stored.successes.map((s) => `${s.caseId} (${s.result.candidates})`)).toEqual([])
    // Every case's month and gender were read; the area code, month and gender leave at least 28 × 500.
    expect(stored.fewest).toBeGreaterThanOrEqual(28 * 500)
    expect(stored.fewest).toBeLessThanOrEqual(31 * 500)
  })

  test('every response to staff and relatives: no number is rebuilt', () => {
    expect(responses.length).toBeGreaterThan(320 * 8)
    expect(fromApi.map((s) => `${s.caseId} from ${s.where} (${s.result.candidates})`)).toEqual([])
  })

  test('the scan can fail: the retiree’s own details, with the full birth date they are entitled to, leave 500 numbers', async () => {
    const truth = trueIdNumbers(cloud.store.db, cloud.deps.vault)
    const own = await cloud.call('dev-retiree-1', 'details.get')
    expect(rebuildsFromResponse(own, truth, 'details.get as the retiree', 'case-0001')).toMatchObject([{ caseId: 'case-0001', result: { success: true, candidates: 500 } }])
  })
})
