/**
 * The local cloud: one Node server on 127.0.0.1 that serves the H5 build of the mini-program
 * and runs the same action router as the `api` cloud function, in-process, against SQLite.
 * Development sign-in (/dev/*) exists only here, never in the weapp build or the cloud.
 */
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { dirname, extname, join, normalize, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { API_FUNCTION, ROSTER_FUNCTION } from '../shared/Api'
import { offsetClock, type Clock } from '../shared/Clock'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import type { Policy } from '../shared/Policy'
import { ROLE_NAMES } from '../shared/Role'
import { MATERIAL_TYPES, MAX_MATERIAL_BYTES } from '../shared/Materials'
import { masterKeyFromEnv } from '../cloudfunctions/lib/AesIdNumberVault'
import { createDeps } from '../cloudfunctions/lib/deps'
import { handlers } from '../cloudfunctions/lib/actions/all'
import { createRouter } from '../cloudfunctions/lib/router'
import { openSqliteStore, type SqliteStore } from './SqliteStore'
import { BINDING_DEMO_CASE_ID, DEMO_RETIREES, seedDemo } from './seed'
import { DevSubscribeSender } from './DevSubscribeSender'
import { dispatch } from '../cloudfunctions/lib/notify/dispatcher'
import { reminderPass } from '../cloudfunctions/lib/notify/reminders'
import { upgradeStoredRecords } from '../shared/UpgradeStoredRecords'
import { redactPersonalData } from '../shared/Mask'

export const DEFAULT_DEMO_NOW = '2020-03-20T09:00:00+08:00'
export const DEV_SESSION_HEADER = 'x-dev-session'
/** The sign-in choice that stands for a WeChat user who has not bound anything yet. */
export const NEW_WECHAT_USER = 'new-wechat-user'

export interface LocalCloudOptions {
  port?: number
  /** SQLite file; ':memory:' for tests. */
  dataFile: string
  /** Where the H5 build is. */
  staticDir: string
  clock?: Clock
  policy?: Policy
  seedCount?: number
  log?: (line: string) => void
  /** Run the reminder pass and the dispatcher this often (real time); off when not given. */
  notifyEveryMs?: number
}

export interface LocalCloud {
  url: string
  store: SqliteStore
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
}

function readJson(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) reject(new Error('body too large'))
      else chunks.push(c)
    })
    req.on('end', () => {
      try {
        resolvePromise(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {})
      } catch {
        resolvePromise(undefined)
      }
    })
    req.on('error', reject)
  })
}

/** What an upload really is, by its first bytes (the name and the browser's word are not trusted). */
export function sniffMaterialType(b: Buffer): { mimeType: (typeof MATERIAL_TYPES)[number]; ext: string } | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mimeType: 'image/jpeg', ext: 'jpg' }
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mimeType: 'image/png', ext: 'png' }
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return { mimeType: 'application/pdf', ext: 'pdf' }
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(b.subarray(8, 12).toString('latin1'))) return { mimeType: 'image/heic', ext: 'heic' }
  return null
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? ((line: string) => console.log(line))
  if (options.dataFile !== ':memory:') mkdirSync(dirname(options.dataFile), { recursive: true })
  const store = openSqliteStore(options.dataFile)
  const policy = options.policy ?? erenhot2019
  const clock = options.clock ?? offsetClock(new Date(DEFAULT_DEMO_NOW))
  const deps = createDeps({
    store,
    policy,
    clock,
    masterKey: masterKeyFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY }, true),
    logError: (message, error) => log(`${message}: ${redactPersonalData(error instanceof Error ? (error.stack ?? error.message) : String(error))}`),
  })
  if ((await store.listUsers()).length === 0) {
    const { cases } = await seedDemo(store, policy, deps.vault, { count: options.seedCount ?? 320, now: clock.now() })
    log(`seeded demo data: ${cases} retirees`)
  }
  // Records written before issue 8 keep only months and the area code from now on (idempotent).
  const upgraded = await upgradeStoredRecords(store)
  const rewritten = Object.entries(upgraded).filter(([, n]) => n.rewritten > 0)
  if (rewritten.length) log(`upgraded stored records: ${rewritten.map(([kind, n]) => `${kind} ${n.rewritten}`).join(', ')}`)
  const handle = createRouter(deps, handlers)
  const sender = new DevSubscribeSender(() => clock.now(), log)
  /** What the hourly `notify` function does in WeChat: today's reminder pass, then the dispatcher. */
  const runNotifications = async () => {
    const reminders = await reminderPass(deps, clock.now())
    const dispatched = await dispatch(deps, sender)
    return { reminders, dispatched }
  }
  const timer = options.notifyEveryMs ? setInterval(() => void runNotifications().catch((e) => log(`notify: ${redactPersonalData(String(e))}`)), options.notifyEveryMs) : null
  timer?.unref()
  const sessions = new Map<string, string>()
  const uploadDir = options.dataFile === ':memory:' ? join(tmpdir(), `uploads-${process.pid}`) : join(dirname(options.dataFile), 'uploads')
  const staticRoot = resolve(options.staticDir)

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const fn = url.pathname.replace(/^\/api\//, '')
    if (req.method === 'POST' && (fn === API_FUNCTION || fn === ROSTER_FUNCTION)) {
      const token = req.headers[DEV_SESSION_HEADER]
      const userId = typeof token === 'string' ? (sessions.get(token) ?? null) : null
      // A roster upload carries the file (up to 8 MB, base64).
      const body = (await readJson(req, fn === ROSTER_FUNCTION ? 12_000_000 : 1_000_000)) as { action?: unknown; input?: unknown } | undefined
      const result = await handle({ userId }, body === undefined ? undefined : { action: body.action, input: body.input })
      // Log the action and outcome only: payloads hold personal data.
      log(`api ${String(body?.action ?? '?')} → ${result.ok ? 'ok' : result.error.code}`)
      return send(res, 200, result)
    }
    if (req.method === 'POST' && url.pathname === '/upload') {
      // The local stand-in for cloud storage (Taro.cloud.uploadFile in WeChat): signed-in users only.
      const token = req.headers[DEV_SESSION_HEADER]
      if (typeof token !== 'string' || !sessions.has(token)) return send(res, 401, { ok: false, message: '请先登录。' })
      const body = (await readJson(req, 15_000_000)) as { fileName?: unknown; contentBase64?: unknown } | undefined
      const bytes = typeof body?.contentBase64 === 'string' ? Buffer.from(body.contentBase64, 'base64') : Buffer.alloc(0)
      const kind = sniffMaterialType(bytes)
      if (!kind) return send(res, 400, { ok: false, message: '只能上传照片（JPG、PNG、HEIC）或PDF。' })
      if (bytes.length > MAX_MATERIAL_BYTES) return send(res, 400, { ok: false, message: '文件太大了（超过10MB）。' })
      const name = `${randomUUID()}.${kind.ext}`
      mkdirSync(uploadDir, { recursive: true })
      writeFileSync(join(uploadDir, name), bytes)
      return send(res, 200, { ok: true, fileId: `local:${name}`, mimeType: kind.mimeType, size: bytes.length })
    }
    if (req.method === 'POST' && url.pathname === '/dev/run-notifications') return send(res, 200, await runNotifications())
    if (req.method === 'GET' && url.pathname === '/dev/pushes') return send(res, 200, { pushes: sender.pushes })
    if (req.method === 'GET' && url.pathname === '/dev/users') {
      const users = await store.listUsers()
      const notes = new Map(DEMO_RETIREES.map((d) => [d.userId, d.note]))
      const demo = await store.getCase(BINDING_DEMO_CASE_ID)
      return send(res, 200, {
        today: clock.now().toISOString(),
        // Local demo data only: what to type on the binding page.
        bindingDemo: demo ? { name: demo.person.name, idNumber: deps.vault.open(demo.person.idNumber) } : null,
        users: users.map((u) => ({ id: u.id, role: u.role, roleName: ROLE_NAMES[u.role], name: u.name, note: notes.get(u.id) ?? '' })),
      })
    }
    if (req.method === 'POST' && url.pathname === '/dev/session') {
      const body = (await readJson(req)) as { userId?: unknown } | undefined
      const token = randomUUID()
      // A fresh WeChat identity that is not bound to anything yet (for the binding flow).
      if (body?.userId === NEW_WECHAT_USER) {
        sessions.set(token, `dev-wechat-${token.slice(0, 8)}`)
        return send(res, 200, { ok: true, token, role: 'guest' })
      }
      const user = typeof body?.userId === 'string' ? await store.getUser(body.userId) : null
      if (!user) return send(res, 404, { ok: false, message: '没有这个演示用户。' })
      sessions.set(token, user.id)
      return send(res, 200, { ok: true, token, role: user.role })
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const path = normalize(join(staticRoot, decodeURIComponent(url.pathname)))
      const file = path.startsWith(staticRoot) && existsSync(path) && statSync(path).isFile() ? path : join(staticRoot, 'index.html')
      if (!existsSync(file)) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        return void res.end('H5 build missing: run `npm run build:h5` first.')
      }
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' })
      return void createReadStream(file).pipe(res)
    }
    send(res, 404, { ok: false })
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e) => {
      log(`local host error: ${redactPersonalData(e instanceof Error ? e.message : String(e))}`)
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统暂时出了点问题，请稍后再试。' } })
    })
  })
  await new Promise<void>((r) => server.listen(options.port ?? 0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    store,
    close: () =>
      new Promise<void>((r) => {
        if (timer) clearInterval(timer)
        server.closeAllConnections()
        server.close(() => {
          store.close()
          r()
        })
      }),
  }
}
