/**
 * Renders pages of the Taro weapp build (dist/weapp) in miniprogram-simulate, with the cloud
 * behind them. Taro's output expects the mini-program globals App, getApp, getCurrentPages and
 * Page; the shims below give just enough of them. The cloud is the production one in process:
 * CloudDbStore over FakeCloudDatabase, CloudFileStorage over FakeCloudStorage, the `api` and
 * `roster` routers with the handlers each function bundles, seeded once per test file. The wx
 * APIs are the fakes of ./wxFakes.
 *
 * A test file using this runs in jsdom with Node's export conditions (the docblock
 * `@jest-environment-options {"customExportConditions": ["node", "node-addons"]}`), so the roster
 * function's exceljs loads its Node build rather than the browser one.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { setImmediate as nodeSetImmediate } from 'node:timers'
import { deserialize, serialize } from 'node:v8'
import simulate, { type RootComponent } from 'miniprogram-simulate'
import exparser from 'miniprogram-exparser'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { API_FUNCTION, functionFor, ROSTER_FUNCTION, type ActionName, type ApiResponse } from '../../shared/Api'
import { createDeps } from '../../cloudfunctions/lib/deps'
import { apiHandlers } from '../../cloudfunctions/lib/actions'
import { rosterHandlers } from '../../cloudfunctions/lib/actions/roster'
import { exportHandlers } from '../../cloudfunctions/lib/actions/exports'
import { expenseHandlers } from '../../cloudfunctions/lib/actions/expenses'
import { auditExportHandlers } from '../../cloudfunctions/lib/roster/auditExport'
import { createRouter } from '../../cloudfunctions/lib/router'
import { withinFunctionTimeout } from '../support/functionTimeout'
import { createCloudDbStore } from '../../cloudfunctions/lib/CloudDbStore'
import { createCloudFileStorage } from '../../cloudfunctions/lib/CloudFileStorage'
import { FakeCloudDatabase } from '../../cloudfunctions/lib/FakeCloudDatabase'
import { seedDemo } from '../../local/seed'
import { createWxFakes, type WxFakes } from './wxFakes'

export const WEAPP_ROOT = resolve(__dirname, '../../dist/weapp')

// The cloud side runs in this jsdom test environment, which lacks two Node globals the fake database uses.
const g = globalThis as Record<string, unknown>
g.setImmediate ??= nodeSetImmediate
g.structuredClone ??= (v: unknown) => deserialize(serialize(v))

type Query = Record<string, string>
// render() of a loaded path is typed as a plain Component; at run time it is the RootComponent that attaches.
type Page = RootComponent<any, any, any>

/** The query the next rendered page opens with (WeChat passes it to onLoad). */
let pendingQuery: { route: string; query: Query } = { route: 'pages/home/index', query: {} }

/** Installs the globals, loads app.js and launches the app. Call once per test file. */
function installTaroWeappShims(wx: WxFakes['wx']): void {
  let app: Record<string, (...args: unknown[]) => unknown> = {}
  const pages: unknown[] = []
  g.wx = { ...(g.wx as object), ...wx }
  g.App = (config: typeof app) => {
    app = config
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages
  g.Page = (config: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(config)) if (typeof v === 'function') methods[k] = v
    const Component = g.Component as (options: unknown) => unknown
    return Component({
      data: config.data,
      methods,
      lifetimes: {
        attached(this: { route?: string }) {
          this.route = pendingQuery.route
          pages.push(this)
          ;(config.onLoad as (q: object) => void).call(this, { ...pendingQuery.query })
          ;(config.onShow as (() => void) | undefined)?.call(this)
          ;(config.onReady as (() => void) | undefined)?.call(this)
        },
        detached(this: unknown) {
          ;(config.onUnload as (() => void) | undefined)?.call(this)
          pages.splice(pages.indexOf(this), 1)
        },
      },
    })
  }
  require(resolve(WEAPP_ROOT, 'app.js'))
  app.onLaunch?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })
}

/**
 * One seeded cloud (20 demo retirees, 2020-03-20) and the app launched against it, for a whole
 * test file. `open(route, openid, query)` renders a page signed in as that WeChat user; `ok`
 * calls an action directly, for what a test sets up rather than what the page does.
 */
export async function weappWorld(options: { openid?: string; count?: number } = {}) {
  const db = new FakeCloudDatabase({ throwOnNotFound: false })
  const store = createCloudDbStore(db)
  // The routers are filled in below, once the cloud they run on is seeded.
  const functions: Record<string, ReturnType<typeof createRouter>> = {}
  const fakes = createWxFakes(functions, { openid: options.openid ?? 'dev-retiree-1' })
  const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock('2020-03-20T01:00:00Z'), masterKey: Buffer.alloc(32, 9), files: createCloudFileStorage(fakes.storage) })
  await seedDemo(store, erenhot2019, deps.vault, { count: options.count ?? 20, now: deps.clock.now(), saveFile: (path, bytes) => fakes.storage.upload(path, bytes) })
  // The same handlers each function bundles (cloudfunctions/api, cloudfunctions/roster). Not `print`: pdfkit
  // needs Node's TextEncoder, which this page environment lacks, and no mini-program test prints.
  // Each call stops at the function's time limit, as the runtime stops it (test/support/functionTimeout.ts).
  functions[API_FUNCTION] = withinFunctionTimeout(createRouter(deps, apiHandlers))
  functions[ROSTER_FUNCTION] = withinFunctionTimeout(createRouter(deps, { ...rosterHandlers, ...exportHandlers, ...auditExportHandlers, ...expenseHandlers }))
  installTaroWeappShims(fakes.wx)
  /** Calls an action directly as `userId` (set-up a test needs, not what the page does). */
  const ok = async <T = any>(userId: string, action: ActionName, input: unknown = {}): Promise<T> => {
    const handle = functions[functionFor(action)]
    const res = (await handle({ userId }, { action, input })) as ApiResponse<T>
    if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  let current: Page | null = null
  const loaded = new Map<string, string>()
  return {
    store,
    deps,
    fakes,
    ok,
    /** Renders `route` (as in app.json, no leading slash) as the signed-in user; the page before is closed. */
    open(route: string, openid: string, query: Query = {}): Page {
      current?.detach()
      fakes.signIn(openid)
      pendingQuery = { route, query }
      // A page is loaded (its wxml compiled, its js run) once; later opens render it again.
      const id = loaded.get(route) ?? simulate.load(resolve(WEAPP_ROOT, route), { rootPath: WEAPP_ROOT })
      loaded.set(route, id)
      const page = simulate.render(id) as RootComponent<any, any, any>
      page.attach(document.createElement('parent-wrapper'))
      current = page
      return page
    },
    close() {
      current?.detach()
      current = null
    },
  }
}

/**
 * Taro keeps its own tree of the page in the page's data: each node with its `sid` (the rendered
 * node's data-sid), its tag as a number (`nn`) and its props (ariaLabel, and the template's
 * short keys such as `p13` for an input's placeholder).
 */
type TaroNode = Record<string, unknown> & { sid: string; nn: string }
function taroNodes(page: Page): TaroNode[] {
  const found: TaroNode[] = []
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return
    const node = v as Record<string, unknown>
    if (typeof node.nn === 'string' && typeof node.sid === 'string') found.push(node as TaroNode)
    for (const child of Object.values(node)) walk(child)
  }
  walk(page.data)
  return found
}

/** Which key holds an input's or textarea's value, per Taro tag number, read from the build's base.wxml. */
const VALUE_KEYS = (() => {
  const wxml = readFileSync(resolve(WEAPP_ROOT, 'base.wxml'), 'utf8')
  const keys = new Map<string, string>()
  for (const m of wxml.matchAll(/<template name="tmpl_0_(\d+)_\w+">\s*<(?:input|textarea) value="\{\{i\.(p\d+)\}\}"/g)) keys.set(m[1], m[2])
  return keys
})()

/** The values in the page's inputs and textareas (the rendered nodes do not carry them as text). */
function fieldValues(page: Page): string[] {
  return taroNodes(page).flatMap((n) => {
    const key = VALUE_KEYS.get(n.nn)
    return key && typeof n[key] === 'string' ? [n[key] as string] : []
  })
}

/** Waits until the rendered page's text, or a value in one of its fields, contains `text` (Taro renders asynchronously; a page of many nodes, such as the QR code, takes seconds under load). */
export async function waitForText(page: Page, text: string, timeoutMs = 30_000): Promise<string> {
  const start = Date.now()
  for (;;) {
    const content = page.dom?.textContent ?? ''
    if (content.includes(text) || fieldValues(page).some((v) => v.includes(text))) return content
    if (Date.now() - start > timeoutMs) throw new Error(`"${text}" did not appear; the page shows: ${content.slice(0, 600)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Waits until `check` holds (an effect outside the page: a navigation, an upload). */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const v = check()
    if (v) return v
    if (Date.now() - start > timeoutMs) throw new Error(`${what} did not happen`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Dispatches a mini-program event on a rendered node, as the WeChat client does for a touch or an input. */
function fire(node: Element, name: string, detail: object = {}): void {
  const target = (node as unknown as { __wxElement: unknown }).__wxElement
  exparser.Event.dispatchEvent(target, exparser.Event.create(name, detail, { bubbles: true, composed: true, capturePhase: true }))
}

/**
 * Taps the button that says `text` (exactly, else the one whose words contain it); with
 * `within`, the one whose row (its parent) also says `within`. There must be exactly one, so a
 * test never taps the wrong one.
 */
export function tap(page: Page, text: string, within?: string): void {
  const near = Array.from(page.dom?.querySelectorAll('wx-button') ?? []).filter((b) => within === undefined || b.parentElement?.textContent?.includes(within))
  const exact = near.filter((b) => b.textContent?.trim() === text)
  const buttons = exact.length ? exact : near.filter((b) => b.textContent?.includes(text))
  if (buttons.length !== 1) throw new Error(`${buttons.length} buttons say "${text}"${within ? ` beside "${within}"` : ''}`)
  fire(buttons[0], 'tap')
}

/**
 * Types `value` into the input or textarea labelled `label` (its aria-label, else its
 * placeholder), as the keyboard does, and waits until the page has drawn it: a person cannot tap
 * the next button before the screen shows what they typed.
 */
export async function type(page: Page, label: string, value: string): Promise<void> {
  const field = () => taroNodes(page).filter((n) => VALUE_KEYS.has(n.nn) && (n.ariaLabel === label || (!n.ariaLabel && Object.values(n).includes(label))))
  const fields = field()
  if (fields.length !== 1) throw new Error(`${fields.length} fields are labelled "${label}"`)
  const node = page.dom?.querySelector(`[data-sid="${fields[0].sid}"]`)
  if (!node) throw new Error(`the field "${label}" is not rendered`)
  fire(node, 'input', { value, cursor: value.length, keyCode: 0 })
  await waitFor(() => field()[0]?.[VALUE_KEYS.get(fields[0].nn)!] === value, `"${value}" in the field "${label}"`)
}
