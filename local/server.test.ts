import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fixedClock } from '../shared/Clock'
import { sniffMaterialType } from '../shared/Materials'
import { DEV_SESSION_HEADER, startLocalCloud, staticFile, type LocalCloud } from './server'

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

  test('the demo has a history, and the hourly notify run adds today’s snapshots once', async () => {
    const session = await post('/dev/session', { userId: 'dev-office' })
    const burnDown = await post('/api/api', { action: 'board.burnDown' }, { [DEV_SESSION_HEADER]: session.token })
    expect(burnDown.data.points.length).toBe(182) // 2019-09-21 to 2020-03-19 seeded, and today live
    const first = await post('/dev/run-notifications', {})
    expect(first.snapshots).toMatchObject({ today: '2020-03-20', written: expect.any(Number), alreadyDone: false })
    expect(first.snapshots.written).toBeGreaterThan(2)
    expect((await post('/dev/run-notifications', {})).snapshots).toMatchObject({ written: 0, alreadyDone: true })
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

  async function upload(token: string | null, bytes: Buffer, caseId: string | null = 'case-0002') {
    const res = await fetch(new URL('/upload', cloud.url), { method: 'POST', headers: token ? { [DEV_SESSION_HEADER]: token } : {}, body: JSON.stringify({ caseId, contentBase64: bytes.toString('base64') }) })
    return { status: res.status, body: await res.json() }
  }
  const signIn = async (userId: string) => (await (await fetch(new URL('/dev/session', cloud.url), { method: 'POST', body: JSON.stringify({ userId }) })).json()).token as string
  const api = async (token: string, action: string, input: unknown) =>
    (await fetch(new URL('/api/api', cloud.url), { method: 'POST', headers: { [DEV_SESSION_HEADER]: token }, body: JSON.stringify({ action, input }) })).json()

  test('a JPEG is stored under materials/<uploader>/<case>/ and named by its real type; other files, strangers and oversized files are refused', async () => {
    const token = await signIn('dev-ent-water')
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)])
    expect(await upload(token, jpeg)).toEqual({ status: 200, body: { ok: true, fileId: expect.stringMatching(/^local:materials\/dev-ent-water\/case-0002\/[0-9a-f-]+\.jpg$/) } })
    expect((await upload(token, Buffer.from('PK\u0003\u0004 zip'))).status).toBe(400)
    expect((await upload(token, jpeg, '../case-0002')).status).toBe(400)
    expect((await upload(token, jpeg, null)).status).toBe(400)
    expect((await upload(null, jpeg)).status).toBe(401)
    expect((await upload(token, Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]))).body).toMatchObject({ ok: false, message: expect.stringContaining('10MB') })
  })

  test('a seeded case whose log says 移交材料已备齐 lends a working link to a real file for every item', async () => {
    const token = await signIn('dev-ent-water')
    const cases = (await cloud.store.listCases({ enterpriseId: 'ent-water', limit: 100 })).items
    const submitted = cases.find((c) => c.actions.some((a) => a.type === 'materialsSubmitted'))!
    const got = await api(token, 'materials.get', { caseId: submitted.id })
    expect(got.data.missing).toEqual([])
    for (const item of got.data.items as Array<{ name: string; files: Array<{ url?: string; mimeType: string; size: number }> }>) {
      expect([item.name, item.files.length]).toEqual([item.name, 1])
      const res = await fetch(new URL(item.files[0].url!, cloud.url))
      const bytes = Buffer.from(await res.arrayBuffer())
      expect([item.name, res.status, res.headers.get('content-type'), bytes.length]).toEqual([item.name, 200, item.files[0].mimeType, item.files[0].size])
      expect(sniffMaterialType(bytes)?.mimeType).toBe(item.files[0].mimeType)
    }
  })

  test('an uploaded file is attached, and the link materials.get lends serves it; an altered link does not', async () => {
    const token = await signIn('dev-ent-water')
    const c = (await api(token, 'case.list', { stage: 'materials', limit: 1 })).data.items[0]
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7])
    const { body } = await upload(token, png, c.id)
    expect(await api(token, 'materials.attach', { caseId: c.id, item: 'idCard', fileId: body.fileId })).toMatchObject({ ok: true })
    const got = await api(token, 'materials.get', { caseId: c.id })
    const url: string = got.data.items.find((i: { item: string }) => i.item === 'idCard').files[0].url
    const res = await fetch(new URL(url, cloud.url))
    expect([res.status, res.headers.get('content-type'), Buffer.from(await res.arrayBuffer()).equals(png)]).toEqual([200, 'image/png', true])
    expect((await fetch(new URL(url.replace(/sig=(.)/, (_, first: string) => `sig=${first === '0' ? '1' : '0'}`), cloud.url))).status).toBe(404)
    expect((await fetch(new URL(url.replace(/exp=\d/, 'exp=9'), cloud.url))).status).toBe(404)
  })
})

describe('the local host is safe on a laptop', () => {
  let cloud: LocalCloud
  let root: string
  beforeAll(async () => {
    // A static folder with a sibling whose name starts with the static folder's name.
    root = mkdtempSync(join(tmpdir(), 'local-host-'))
    mkdirSync(join(root, 'dist'))
    mkdirSync(join(root, 'dist-other'))
    writeFileSync(join(root, 'dist', 'index.html'), '<div id="app"></div>')
    writeFileSync(join(root, 'dist', 'app.js'), 'ok()')
    writeFileSync(join(root, 'dist-other', 'secret.txt'), 'SECRET')
    writeFileSync(join(root, 'secret.txt'), 'SECRET')
    cloud = await startLocalCloud({ dataFile: ':memory:', staticDir: join(root, 'dist'), clock: fixedClock('2020-03-20T01:00:00Z'), seedCount: 5, log: () => {} })
  })
  afterAll(async () => {
    await cloud.close()
    rmSync(root, { recursive: true, force: true })
  })

  /** A raw request, so that Host and Origin are exactly what a browser elsewhere would send. */
  function raw(path: string, o: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; body: string }> {
    const port = Number(new URL(cloud.url).port)
    return new Promise((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path, method: o.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...o.headers } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      })
      req.on('error', fail)
      req.end(o.body)
    })
  }
  const port = () => new URL(cloud.url).port

  test('a Host other than 127.0.0.1 or localhost with this port is refused (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port()}`, '127.0.0.1', `127.0.0.1:1`, `localhost.evil.example:${port()}`]) {
      const res = await raw('/', { headers: { host } })
      expect([host, res.status]).toEqual([host, 403])
    }
    expect((await raw('/', { headers: { host: `localhost:${port()}` } })).status).toBe(200)
    expect((await raw('/', { headers: { host: `127.0.0.1:${port()}` } })).status).toBe(200)
  })

  test('a POST from another origin is refused; the own origin and no origin (curl, the CLI) are served', async () => {
    const body = JSON.stringify({ action: 'session.me' })
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(port()) + 1}`, 'null', `https://127.0.0.1:${port()}`]) {
      const res = await raw('/api/api', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body })
      expect([origin, res.status, JSON.parse(res.body).error.code]).toEqual([origin, 403, 'FORBIDDEN'])
    }
    for (const origin of [`http://127.0.0.1:${port()}`, `http://localhost:${port()}`, undefined]) {
      const res = await raw('/api/api', { method: 'POST', headers: { ...(origin ? { origin } : {}), 'content-type': 'application/json' }, body })
      expect([origin, res.status, JSON.parse(res.body).error.code]).toEqual([origin, 200, 'UNAUTHORIZED'])
    }
  })

  test('static paths never reach outside the static folder, encoded or not', async () => {
    expect(await raw('/app.js')).toEqual({ status: 200, body: 'ok()' })
    for (const path of ['/../dist-other/secret.txt', '/%2e%2e/dist-other/secret.txt', '/..%2fdist-other%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/../secret.txt', '/..%5csecret.txt', '/%E0%A4%A', '/%00']) {
      const res = await raw(path)
      expect([path, res.body]).toEqual([path, '<div id="app"></div>'])
    }
    expect(staticFile('/srv/dist', '/../dist-other/x')).toBeNull()
    expect(staticFile('/srv/dist', '/a/../../dist-other/x')).toBeNull()
    expect(staticFile('/srv/dist', '/a/b.js')).toBe('/srv/dist/a/b.js')
  })

  test('a body over the limit gets 413 with a plain Chinese message, not INTERNAL', async () => {
    const big = JSON.stringify({ action: 'session.me', input: { pad: 'x'.repeat(1_100_000) } })
    const res = await raw('/api/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toEqual({ ok: false, message: expect.stringContaining('太大'), error: { code: 'BAD_REQUEST', message: expect.stringContaining('1MB') } })
    // The host still answers afterwards.
    expect((await raw('/api/api', { method: 'POST', body: '{"action":"session.me"}' })).status).toBe(200)
  })
})
