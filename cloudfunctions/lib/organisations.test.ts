/** Loading the city's list of organisations through the migrate function's console path (the deploy command's signed request). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { openSqliteStore } from '../../local/SqliteStore'
import { OrganisationList } from '../../shared/OrganisationList'
import { createDeps } from './deps'
import { loadOrganisations, loadOrganisationsRequest } from './organisations'
import { CONSOLE_REQUEST_TTL_MS } from './consoleRequest'

const KEY = Buffer.alloc(32, 7)
const NOW = '2020-03-20T01:00:00.000Z'
const LIST = OrganisationList.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'config', 'organisations.example.json'), 'utf8')))

function emptyCloud() {
  const store = openSqliteStore(':memory:')
  const clock = fixedClock(NOW)
  const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: KEY })
  const loadedEntries = () => store.db.prepare("SELECT count(*) AS n FROM audit WHERE json_extract(doc, '$.action') = 'organisations.load'").get() as { n: number }
  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms))
  return { store, deps, loadedEntries, later }
}

describe('the list of organisations', () => {
  test('loads into a new environment, each one audited; the same list again changes nothing', async () => {
    const cloud = emptyCloud()
    const answer = await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), LIST), KEY)
    expect(answer).toMatchObject({ ok: true, enterprises: { added: LIST.enterprises.map((e) => e.name), changed: [], unchanged: 0 }, communities: { added: LIST.communities.map((c) => c.name), unchanged: 0 } })
    expect(await cloud.store.listEnterprises()).toEqual(expect.arrayContaining(LIST.enterprises))
    expect(await cloud.store.listCommunities()).toHaveLength(LIST.communities.length)
    expect(cloud.loadedEntries().n).toBe(LIST.enterprises.length + LIST.communities.length)
    cloud.later(1000)
    expect(await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), LIST), KEY)).toMatchObject({ ok: true, enterprises: { added: [], changed: [], unchanged: LIST.enterprises.length } })
    expect(cloud.loadedEntries().n).toBe(LIST.enterprises.length + LIST.communities.length)
  })

  test('a changed name is written and audited with the name it had; the office’s mark stays', async () => {
    const cloud = emptyCloud()
    await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), LIST), KEY)
    const first = LIST.enterprises[0]
    await cloud.store.commit({ enterprises: [{ ...(await cloud.store.getEnterprise(first.id))!, ownRules: true }] })
    cloud.later(1000)
    const renamed = { ...LIST, enterprises: [{ ...first, name: '二连浩特市水务集团有限公司' }, ...LIST.enterprises.slice(1)] }
    expect(await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), renamed), KEY)).toMatchObject({ ok: true, enterprises: { added: [], changed: ['二连浩特市水务集团有限公司'] } })
    expect(await cloud.store.getEnterprise(first.id)).toMatchObject({ name: '二连浩特市水务集团有限公司', ownRules: true })
    const [entry] = (await cloud.store.listAuditPage({ actorUserId: 'system', from: NOW, to: '2020-03-21T00:00:00.000Z' }, { limit: 1000 })).items.filter((e) => e.changes.some((c) => c.after === '二连浩特市水务集团有限公司'))
    expect(entry.changes).toEqual([{ field: `enterprise:${first.id}`, before: first.name, after: '二连浩特市水务集团有限公司' }])
  })

  test.each([
    ['sent again (a copy of the request)', (r: ReturnType<typeof loadOrganisationsRequest>) => r, /这个请求已经用过了/],
    ['with its list changed after signing', (r: ReturnType<typeof loadOrganisationsRequest>) => ({ ...r, list: { ...r.list, enterprises: [...r.list.enterprises, LIST.enterprises[0]] } }), /请求无效或已过期/],
    ['signed with another key', () => loadOrganisationsRequest(Buffer.alloc(32, 8), new Date(NOW), LIST), /请求无效或已过期/],
    ['made too long ago', () => loadOrganisationsRequest(KEY, new Date(Date.parse(NOW) - CONSOLE_REQUEST_TTL_MS - 1000), LIST), /请求无效或已过期/],
    ['holding an id with a bar', () => loadOrganisationsRequest(KEY, new Date(NOW), { ...LIST, enterprises: [{ ...LIST.enterprises[0], id: 'ent|x' }] }), /请求无效或已过期/],
  ])('a request %s is refused and writes nothing', async (_what, made, message) => {
    const cloud = emptyCloud()
    const used = loadOrganisationsRequest(KEY, new Date(NOW), { enterprises: [], communities: [] })
    expect(await loadOrganisations(cloud.deps, used, KEY)).toMatchObject({ ok: true })
    const before = { enterprises: await cloud.store.listEnterprises(), communities: await cloud.store.listCommunities() }
    expect(await loadOrganisations(cloud.deps, made(used), KEY)).toEqual({ ok: false, message: expect.stringMatching(message) })
    expect({ enterprises: await cloud.store.listEnterprises(), communities: await cloud.store.listCommunities() }).toEqual(before)
    expect(cloud.loadedEntries().n).toBe(0)
  })

  test('a code another stored organisation holds refuses the whole batch, by name', async () => {
    const cloud = emptyCloud()
    await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), LIST), KEY)
    cloud.later(1000)
    const taken = { enterprises: [{ ...LIST.enterprises[1], id: 'ent-new', code: LIST.enterprises[0].code.toLowerCase(), name: '新企业' }, { ...LIST.enterprises[1], id: 'ent-other', code: 'OTHER', name: '另一家' }], communities: [] }
    const answer = await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), taken), KEY)
    expect(answer).toEqual({ ok: false, message: expect.stringContaining(`已经属于「${LIST.enterprises[0].name}」`) })
    expect(answer.ok === false && answer.message).toMatch(/没有写入任何内容/)
    expect(await cloud.store.getEnterprise('ent-other')).toBeNull()
  })
})

test('an enterprise and a community may share an id: each change is audited with its own earlier name', async () => {
  const cloud = emptyCloud()
  const list = { enterprises: [{ ...LIST.enterprises[0], id: 'same' }], communities: [{ ...LIST.communities[0], id: 'same' }] }
  await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), list), KEY)
  cloud.later(1000)
  const renamed = { ...list, enterprises: [{ ...list.enterprises[0], name: '水务集团' }] }
  expect(await loadOrganisations(cloud.deps, loadOrganisationsRequest(KEY, cloud.deps.clock.now(), renamed), KEY)).toMatchObject({ ok: true, enterprises: { changed: ['水务集团'] } })
  const entries = (await cloud.store.listAuditPage({ actorUserId: 'system', from: NOW, to: '2020-03-21T00:00:00.000Z' }, { limit: 1000 })).items
  expect(entries.flatMap((e) => e.changes).filter((c) => c.after === '水务集团')).toEqual([{ field: 'enterprise:same', before: LIST.enterprises[0].name, after: '水务集团' }])
})
