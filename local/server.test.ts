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

describe('local uploads (the stand-in for cloud storage)', () => {
  let cloud: LocalCloud
  beforeAll(async () => {
    cloud = await startLocalCloud({ dataFile: ':memory:', staticDir: resolve(__dirname, '../dist/h5'), clock: fixedClock('2020-03-20T01:00:00Z'), seedCount: 10, log: () => {} })
  })
  afterAll(() => cloud.close())

  async function upload(token: string | null, bytes: Buffer) {
    const res = await fetch(new URL('/upload', cloud.url), { method: 'POST', headers: token ? { [DEV_SESSION_HEADER]: token } : {}, body: JSON.stringify({ fileName: 'x', contentBase64: bytes.toString('base64') }) })
    return { status: res.status, body: await res.json() }
  }

  test('a JPEG is stored and named by its real type; other files, strangers and oversized files are refused', async () => {
    const session = await (await fetch(new URL('/dev/session', cloud.url), { method: 'POST', body: JSON.stringify({ userId: 'dev-ent-water' }) })).json()
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)])
    expect(await upload(session.token, jpeg)).toEqual({ status: 200, body: { ok: true, fileId: expect.stringMatching(/^local:.+\.jpg$/), mimeType: 'image/jpeg', size: 104 } })
    expect((await upload(session.token, Buffer.from('PK\u0003\u0004 zip'))).status).toBe(400)
    expect((await upload(null, jpeg)).status).toBe(401)
    expect((await upload(session.token, Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]))).body).toMatchObject({ ok: false, message: expect.stringContaining('10MB') })
  })
})
