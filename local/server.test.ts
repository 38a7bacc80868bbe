import { resolve } from 'node:path'
import { fixedClock } from '../shared/Clock'
import { DEV_SESSION_HEADER, startLocalCloud, type LocalCloud } from './server'

describe('local cloud over HTTP', () => {
  let cloud: LocalCloud
  beforeAll(async () => {
    cloud = await startLocalCloud({ dataFile: ':memory:', staticDir: resolve(__dirname, '../dist/h5'), clock: fixedClock('2020-03-20T01:00:00Z'), seedCount: 30, log: () => {} })
  })
  afterAll(() => cloud.close())

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(new URL(path, cloud.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json())

  test('listens on 127.0.0.1 only', () => {
    expect(cloud.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  test('without a development session the API answers UNAUTHORIZED', async () => {
    expect(await post('/api/api', { action: 'session.me' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })

  test('a demo user signs in and calls the same router', async () => {
    const session = await post('/dev/session', { userId: 'dev-retiree-1' })
    expect(session).toMatchObject({ ok: true, role: 'retiree' })
    const me = await post('/api/api', { action: 'session.me' }, { [DEV_SESSION_HEADER]: session.token })
    expect(me).toMatchObject({ ok: true, data: { role: 'retiree', name: '斯日古楞', today: '2020-03-20' } })
  })

  test('an unknown demo user cannot sign in', async () => {
    expect(await post('/dev/session', { userId: 'someone' })).toMatchObject({ ok: false })
  })

  test('the H5 app is served, with index.html for client routes', async () => {
    const res = await fetch(new URL('/pages/home/index', cloud.url))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<div id="app">')
  })
})
