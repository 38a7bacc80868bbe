import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Community, Enterprise } from './Organisation'
import { listBatches, listIssues, mergeList, type CommunityEntry, type EnterpriseEntry, type OrganisationList } from './OrganisationList'

const enterprise = (id: string, code: string, name = `企业${id}`): EnterpriseEntry => ({ id, code, name, contactName: '张三', contactPhone: '0479-0000000' })
const community = (id: string, code: string, name = `社区${id}`): CommunityEntry => ({ id, code, name, address: '某路1号', serviceHours: '周一至周五', phone: '0479-0000001' })

test('the example list in config/ reads, with nothing to correct (DEPLOY.md points to it)', () => {
  const checked = listIssues(JSON.parse(readFileSync(join(__dirname, '..', 'config', 'organisations.example.json'), 'utf8')))
  expect(checked).toMatchObject({ list: { enterprises: expect.any(Array), communities: expect.any(Array) } })
  if ('list' in checked) expect(checked.list.enterprises.length * checked.list.communities.length).toBeGreaterThan(0)
})

test.each<[string, unknown, RegExp]>([
  ['an id with a bar (it would break figure keys)', { enterprises: [enterprise('ent|x', 'X')], communities: [] }, /enterprises\.0\.id：id：只能用小写字母/],
  ['an id in capitals', { enterprises: [], communities: [community('COM-A', 'A')] }, /communities\.0\.id/],
  ['a code with a space', { enterprises: [enterprise('ent-a', 'A B')], communities: [] }, /enterprises\.0\.code：code：只能用字母/],
  ['a name left empty', { enterprises: [enterprise('ent-a', 'A', '')], communities: [] }, /enterprises\.0\.name/],
  ['a name of 61 characters', { enterprises: [enterprise('ent-a', 'A', '长'.repeat(61))], communities: [] }, /enterprises\.0\.name/],
  ['no communities at all', { enterprises: [] }, /communities/],
  ['two enterprises with one id', { enterprises: [enterprise('ent-a', 'A'), enterprise('ent-a', 'B')], communities: [] }, /企业的 id「ent-a」出现了不止一次/],
  ['two communities with one code, in other cases', { enterprises: [], communities: [community('com-a', 'wl01'), community('com-b', 'WL01')] }, /社区的 code「WL01」出现了不止一次/],
])('a list with %s is refused, saying where', (_what, input, message) => {
  const checked = listIssues(input)
  expect('issues' in checked && checked.issues.join('\n')).toMatch(message)
})

/** Lists whose ids and codes are unique within each kind, drawn from a small pool so they meet what is stored. */
const listArb = fc.record({
  enterprises: fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }).chain((ns) => fc.tuple(...ns.map((n) => fc.constantFrom(`企业${n}`, `企业${n}（改名）`).map((name) => enterprise(`ent-${n}`, `E${n}`, name))))),
  communities: fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }).chain((ns) => fc.tuple(...ns.map((n) => fc.constantFrom('某路1号', '某路2号').map((address) => ({ ...community(`com-${n}`, `C${n}`), address }))))),
}) as fc.Arbitrary<OrganisationList>

function applied(stored: { enterprises: Enterprise[]; communities: Community[] }, list: OrganisationList) {
  const merged = mergeList(stored, list)
  const put = <T extends { id: string }>(was: T[], writes: T[]) => [...new Map([...was, ...writes].map((o) => [o.id, o])).values()]
  return { merged, after: { enterprises: put(stored.enterprises, merged.enterprises), communities: put(stored.communities, merged.communities) } }
}

test('loading any list over any stored organisations: the list then reads back, the rest stay, the office’s marks stay, and loading it again writes nothing', () => {
  fc.assert(
    fc.property(listArb, listArb, fc.array(fc.integer({ min: 0, max: 12 })), (first, second, marked) => {
      const stored = applied({ enterprises: [], communities: [] }, first).after
      stored.enterprises = stored.enterprises.map((e) => (marked.includes(Number(e.id.slice(4))) ? { ...e, ownRules: true } : e))
      const { merged, after } = applied(stored, second)
      expect(merged.problems).toEqual([])
      for (const e of second.enterprises) expect(after.enterprises.find((x) => x.id === e.id)).toEqual({ ...e, ...(marked.includes(Number(e.id.slice(4))) && stored.enterprises.some((s) => s.id === e.id) ? { ownRules: true } : {}) })
      for (const c of second.communities) expect(after.communities.find((x) => x.id === c.id)).toEqual(c)
      for (const s of stored.enterprises) if (!second.enterprises.some((e) => e.id === s.id)) expect(after.enterprises.find((x) => x.id === s.id)).toEqual(s)
      expect(merged.report.enterprises.added.length + merged.report.enterprises.changed.length).toBe(merged.enterprises.length)
      expect(merged.report.enterprises.added.length + merged.report.enterprises.changed.length + merged.report.enterprises.unchanged).toBe(second.enterprises.length)
      const again = mergeList(after, second)
      expect([again.enterprises, again.communities, again.problems]).toEqual([[], [], []])
      expect(again.report.enterprises.unchanged + again.report.communities.unchanged).toBe(second.enterprises.length + second.communities.length)
    }),
  )
})

test('a code another stored organisation holds is refused, by name, and nothing is to be written for it', () => {
  const stored = { enterprises: [{ ...enterprise('ent-a', 'GPS', '供排水公司') }], communities: [] }
  const merged = mergeList(stored, { enterprises: [enterprise('ent-b', 'gps')], communities: [] })
  expect(merged.problems).toEqual(['企业代码「gps」已经属于「供排水公司」（ent-a），不能再给 ent-b。'])
})

test('batches hold the whole list in order, each within the bytes given', () => {
  fc.assert(
    fc.property(listArb, fc.integer({ min: 300, max: 3000 }), (list, maxBytes) => {
      const batches = listBatches(list, maxBytes)
      expect(batches.flatMap((b) => b.enterprises)).toEqual(list.enterprises)
      expect(batches.flatMap((b) => b.communities)).toEqual(list.communities)
      for (const b of batches) {
        expect(b.enterprises.length + b.communities.length).toBeGreaterThan(0)
        expect(new TextEncoder().encode(JSON.stringify(b)).length).toBeLessThanOrEqual(maxBytes)
      }
    }),
  )
})
