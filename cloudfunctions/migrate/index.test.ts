/**
 * The migrate function's entry with wx-server-sdk replaced by the fake cloud database: the first
 * supervisor's invite is issued only to a call without an OPENID (the console or the management
 * API); the same event from a mini-program client goes to the router, which knows no such action (NOT_FOUND).
 */
import { FakeCloudDatabase } from '../lib/FakeCloudDatabase'
import { firstSupervisorRequest } from '../lib/firstSupervisor'
import { loadOrganisationsRequest } from '../lib/organisations'

const KEY = Buffer.alloc(32, 4)
const mockContext = { OPENID: '', SOURCE: '' }
const mockDb = new FakeCloudDatabase({ throwOnNotFound: false })

jest.mock('wx-server-sdk', () => ({
  init: () => undefined,
  DYNAMIC_CURRENT_ENV: 'current-env',
  database: () => mockDb,
  getWXContext: () => mockContext,
  downloadFile: () => Promise.reject(new Error('no files here')),
  getTempFileURL: () => Promise.reject(new Error('no files here')),
}))

function loadMain(): (event: unknown) => Promise<unknown> {
  process.env.PII_MASTER_KEY = KEY.toString('hex')
  // Required here, not imported: the module reads the key and the SDK when it loads.
  return require('./index').main
}

test('a mini-program client asking for the first supervisor gets no invite', async () => {
  const main = loadMain()
  Object.assign(mockContext, { OPENID: 'o-client', SOURCE: 'wx_client' })
  expect(await main(firstSupervisorRequest(KEY, new Date()))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await mockDb.collection('staffInvite').get()).toMatchObject({ data: [] })
})

test('the management API’s invocation (no OPENID) gets the invite', async () => {
  const main = loadMain()
  Object.assign(mockContext, { OPENID: '', SOURCE: '' })
  expect(await main(firstSupervisorRequest(KEY, new Date()))).toMatchObject({ ok: true, code: expect.stringMatching(/^[A-Z2-9]{8}$/) })
})

test('the management API’s invocation with the list of organisations loads it; a mini-program client sending the same gets nothing written', async () => {
  const main = loadMain()
  const list = { enterprises: [{ id: 'ent-x', code: 'X', name: '某企业', contactName: '', contactPhone: '' }], communities: [] }
  Object.assign(mockContext, { OPENID: 'o-client', SOURCE: 'wx_client' })
  expect(await main(loadOrganisationsRequest(KEY, new Date(), list))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect((await mockDb.collection('enterprises').get()).data).toEqual([])
  Object.assign(mockContext, { OPENID: '', SOURCE: '' })
  expect(await main(loadOrganisationsRequest(KEY, new Date(), list))).toMatchObject({ ok: true, enterprises: { added: ['某企业'] } })
  expect((await mockDb.collection('enterprises').get()).data).toEqual([expect.objectContaining({ _id: 'ent-x', code: 'X' })])
})

describe('the nightly run (timer trigger)', () => {
  afterEach(() => jest.restoreAllMocks())

  test('the upgrade run takes at most half the time: once that is used, it waits for the next night and the key rotation still goes on', async () => {
    const main = loadMain()
    Object.assign(mockContext, { OPENID: '', SOURCE: 'wx_trigger' })
    // 26 s have passed after the run began: past the upgrade's half (25 s), within the function's 50 s.
    const began = Date.now()
    let calls = 0
    jest.spyOn(Date, 'now').mockImplementation(() => (calls++ === 0 ? began : began + 26_000))
    const night = (await main({})) as { upgraded: { done: boolean; cases: { read: number } }; rotation: { doneAt: string | null } }
    expect(night.upgraded).toMatchObject({ done: false, cases: { read: 0 } })
    expect(night.rotation.doneAt).not.toBeNull()
    expect((await mockDb.collection('upgradeRun').get()).data).toEqual([expect.objectContaining({ step: 'cases', after: null, doneAt: null })])
  })

  test('with its time, the next night finishes the upgrade run, and the night after reads only its progress', async () => {
    const main = loadMain()
    Object.assign(mockContext, { OPENID: '', SOURCE: 'wx_trigger' })
    expect(await main({})).toMatchObject({ upgraded: { done: true } })
    const run = (await mockDb.collection('upgradeRun').get()).data
    expect(run).toEqual([expect.objectContaining({ doneAt: expect.any(String) })])
    expect(await main({})).toMatchObject({ upgraded: { done: true, cases: { read: 0 }, summaries: { read: 0 } } })
    expect((await mockDb.collection('upgradeRun').get()).data).toEqual(run)
  })
})
