/**
 * The local cloud: one Node server on 127.0.0.1 that serves the H5 build of the mini-program
 * and runs the same action router as the `api` cloud function, in-process, against SQLite.
 * Development sign-in (/dev/*) exists only here, never in the weapp build or the cloud.
 */
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { API_FUNCTION, PRINT_FUNCTION, ROSTER_FUNCTION } from '../shared/Api'
import { offsetClock, type Clock } from '../shared/Clock'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import type { Policy } from '../shared/Policy'
import { ROLE_NAMES } from '../shared/Role'
import { isPathSegment, materialPath, MAX_MATERIAL_BYTES, sniffMaterialType } from '../shared/Materials'
import { vaultKeysFromEnv } from '../cloudfunctions/lib/AesIdNumberVault'
import { createDeps } from '../cloudfunctions/lib/deps'
import { handlers } from '../cloudfunctions/lib/actions/all'
import { createRouter } from '../cloudfunctions/lib/router'
import { openSqliteStore, type SqliteStore } from './SqliteStore'
import { createLocalFileStorage } from './LocalFileStorage'
import { BINDING_DEMO_CASE_ID, DEMO_RETIREES, seedDemo, type DemoCrowd } from './seed'
import { DevSubscribeSender } from './DevSubscribeSender'
import { DevSmsSender } from './DevSmsSender'
import { hourlyNotify } from '../cloudfunctions/lib/notify/hourly'
import { upgradeStoredRecords } from '../shared/UpgradeStoredRecords'
import { runningCodeVersion } from '../cloudfunctions/lib/codeVersion'
import { redactPersonalData } from '../shared/Mask'
import { standInQrCode } from '../cloudfunctions/lib/print/StandInQrCode'

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
  /** More retirees of one enterprise in one community, seeded with the demo (first run only). */
  crowds?: DemoCrowd[]
  log?: (line: string) => void
  /** Run the reminder pass and the dispatcher this often (real time); off when not given. */
  notifyEveryMs?: number
}

export interface LocalCloud {
  url: string
  store: SqliteStore
  close(): Promise<void>
}

const FILE_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.heic': 'image/heic', '.pdf': 'application/pdf' }

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
}

/** A body over its limit: answered 413, never INTERNAL. */
class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super('body too large')
  }
}

function readJson(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    // Past the limit the rest is read and dropped, so the 413 reaches the sender.
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        chunks.length = 0
        reject(new BodyTooLarge(limit))
      } else chunks.push(c)
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

/**
 * Whether a request may reach this host at all: its Host must be this machine by name and port
 * (a page on another site that re-points its own name at 127.0.0.1, DNS rebinding, sends its own
 * name), and a POST that names an Origin must come from this host's own pages.
 */
export function isLocalRequest(headers: IncomingMessage['headers'], method: string | undefined, port: number): boolean {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`]
  if (!own.includes((headers.host ?? '').toLowerCase())) return false
  const origin = headers.origin
  if (method !== 'GET' && method !== 'HEAD' && origin !== undefined && !own.map((h) => `http://${h}`).includes(origin.toLowerCase())) return false
  return true
}

/** The file a static path names, only when it lies inside `root` (no `..`, encoded or not, no sibling folder). */
export function staticFile(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const path = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`)
  const rel = relative(root, path)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return path
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

/** A refusal both clients read: callCloud reads `error`, the upload reads `message`. */
function refuse(res: ServerResponse, status: number, code: 'FORBIDDEN' | 'BAD_REQUEST', message: string): void {
  send(res, status, { ok: false, message, error: { code, message } })
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? ((line: string) => console.log(line))
  if (options.dataFile !== ':memory:') mkdirSync(dirname(options.dataFile), { recursive: true })
  const store = openSqliteStore(options.dataFile)
  const policy = options.policy ?? erenhot2019
  const clock = options.clock ?? offsetClock(new Date(DEFAULT_DEMO_NOW))
  // An in-memory cloud keeps its uploads (and the seeded materials) in a folder of its own, removed on close.
  const memory = options.dataFile === ':memory:'
  const uploadDir = memory ? mkdtempSync(join(tmpdir(), 'uploads-')) : join(dirname(options.dataFile), 'uploads')
  const files = createLocalFileStorage(uploadDir)
  const keys = vaultKeysFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY, PII_PREVIOUS_KEY: process.env.PII_PREVIOUS_KEY, PII_LOOKUP_KEY: process.env.PII_LOOKUP_KEY }, true)
  const deps = createDeps({
    files,
    store,
    policy,
    clock,
    masterKey: keys.master,
    previousKey: keys.previous,
    lookupKey: keys.lookup,
    // A plain QR code of this host's H5 landing stands in for the wxacode (posters, notice letters).
    miniProgramCode: { make: (request) => standInQrCode(`http://127.0.0.1:${port}/`).make(request) },
    logError: (message, error) => log(`${message}: ${redactPersonalData(error instanceof Error ? (error.stack ?? error.message) : String(error))}`),
  })
  if ((await store.listUsers()).length === 0) {
    const { cases } = await seedDemo(store, policy, deps.vault, { count: options.seedCount ?? 320, now: clock.now(), crowds: options.crowds, saveFile: files.saveShared, history: true })
    log(`seeded demo data: ${cases} retirees`)
  }
  // Records written before issue 8 keep only months and the area code from now on (idempotent).
  // Summaries are rebuilt under the policy where they differ (the board counts them).
  const { summaries, figuresCounted, ...upgraded } = (await upgradeStoredRecords(store, policy, { now: () => clock.now(), codeVersion: runningCodeVersion() })).counts
  const rewritten = Object.entries(upgraded).filter(([, n]) => n.rewritten > 0)
  if (rewritten.length) log(`upgraded stored records: ${rewritten.map(([kind, n]) => `${kind} ${n.rewritten}`).join(', ')}`)
  if (summaries.refreshed) log(`refreshed case summaries: ${summaries.refreshed}`)
  if (figuresCounted !== null) log(`counted the board's figures: ${figuresCounted}`)
  const handle = createRouter(deps, handlers)
  const sender = new DevSubscribeSender(() => clock.now(), log)
  const sms = new DevSmsSender(() => clock.now(), log)
  /** What the hourly `notify` function does in WeChat. */
  const runNotifications = () => hourlyNotify(deps, sender, sms)
  const timer = options.notifyEveryMs ? setInterval(() => void runNotifications().catch((e) => log(`notify: ${redactPersonalData(String(e))}`)), options.notifyEveryMs) : null
  timer?.unref()
  const sessions = new Map<string, string>()
  const staticRoot = resolve(options.staticDir)

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const fn = url.pathname.replace(/^\/api\//, '')
    if (req.method === 'POST' && (fn === API_FUNCTION || fn === ROSTER_FUNCTION || fn === PRINT_FUNCTION)) {
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
      const body = (await readJson(req, 15_000_000)) as { caseId?: unknown; contentBase64?: unknown } | undefined
      const caseId = typeof body?.caseId === 'string' && isPathSegment(body.caseId) ? body.caseId : null
      if (!caseId) return send(res, 400, { ok: false, message: '缺少退休人员的案例编号。' })
      const bytes = typeof body?.contentBase64 === 'string' ? Buffer.from(body.contentBase64, 'base64') : Buffer.alloc(0)
      const kind = sniffMaterialType(bytes)
      if (!kind) return send(res, 400, { ok: false, message: '只能上传照片（JPG、PNG、HEIC）或PDF。' })
      if (bytes.length > MAX_MATERIAL_BYTES) return send(res, 400, { ok: false, message: '文件太大了（超过10MB）。' })
      // Where cloud storage rules put a client's uploads: under its own id, then the case.
      const fileId = files.save(materialPath(sessions.get(token)!, caseId, `${randomUUID()}.${kind.ext}`), bytes)
      return send(res, 200, { ok: true, fileId })
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/files/')) {
      // A link lent by materials.get: signed, short-lived, for one file.
      const file = files.fileForLink(decodeURIComponent(url.pathname.slice('/files/'.length)), url.searchParams.get('exp') ?? '', url.searchParams.get('sig') ?? '')
      if (!file) return send(res, 404, { ok: false, message: '链接已过期，请重新打开材料。' })
      // Uploads are named by their sniffed type, so the extension is the real type.
      res.writeHead(200, { 'content-type': FILE_TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' })
      return void createReadStream(file).pipe(res)
    }
    if (req.method === 'POST' && url.pathname === '/dev/run-notifications') return send(res, 200, await runNotifications())
    if (req.method === 'GET' && url.pathname === '/dev/pushes') return send(res, 200, { pushes: sender.pushes, sms: sms.messages })
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
      const path = staticFile(staticRoot, url.pathname)
      const file = path !== null && existsSync(path) && statSync(path).isFile() ? path : join(staticRoot, 'index.html')
      if (!existsSync(file)) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        return void res.end('H5 build missing: run `npm run build:h5` first.')
      }
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' })
      return void createReadStream(file).pipe(res)
    }
    send(res, 404, { ok: false })
  }

  let port = 0
  const server = createServer((req, res) => {
    if (!isLocalRequest(req.headers, req.method, port)) {
      return refuse(res, 403, 'FORBIDDEN', '只接受本机（127.0.0.1 或 localhost）网页的访问。')
    }
    route(req, res).catch((e) => {
      if (e instanceof BodyTooLarge) {
        return refuse(res, 413, 'BAD_REQUEST', `提交的内容太大了（超过${Math.floor(e.limit / 1_000_000)}MB），请把文件压缩或分成几份再试。`)
      }
      log(`local host error: ${redactPersonalData(e instanceof Error ? e.message : String(e))}`)
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统暂时出了点问题，请稍后再试。' } })
    })
  })
  await new Promise<void>((r) => server.listen(options.port ?? 0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/`,
    store,
    close: () =>
      new Promise<void>((r) => {
        if (timer) clearInterval(timer)
        server.closeAllConnections()
        server.close(() => {
          store.close()
          if (memory) rmSync(uploadDir, { recursive: true, force: true })
          r()
        })
      }),
  }
}
