/**
 * Renders pages of the Taro weapp build (dist/weapp) in miniprogram-simulate. Taro's output
 * expects the mini-program globals App, getApp, getCurrentPages and Page; the shims below give
 * just enough of them. This leans on Taro internals, so keep it to smoke tests.
 *
 * wx.cloud cannot run here: FakeWxCloud stands in for it, following the documented
 * callFunction response ({ result, errMsg, requestID }), and runs our action router in-process.
 */
import { resolve } from 'node:path'
import type { Caller } from '../../cloudfunctions/lib/router'

type Handle = (caller: Caller, request: unknown) => Promise<unknown>

export const WEAPP_ROOT = resolve(__dirname, '../../dist/weapp')

/** FAKE of wx.cloud (init + callFunction) for the weapp build. */
export function fakeWxCloud(handle: Handle, openid: string) {
  return {
    init: () => undefined,
    async callFunction({ name, data }: { name: string; data: unknown }) {
      if (name !== 'api') throw { errCode: -501000, errMsg: `cloud.callFunction:fail FunctionName parameter could not be found: ${name}` }
      // The real call crosses the network as JSON.
      const result = JSON.parse(JSON.stringify(await handle({ userId: openid }, data)))
      return { result, errMsg: 'cloud.callFunction:ok', requestID: 'fake-request' }
    },
  }
}

/** Installs the globals, loads app.js and launches the app. Call once per test file. */
export function installTaroWeappShims(wxCloud: ReturnType<typeof fakeWxCloud>): void {
  const g = globalThis as Record<string, unknown>
  let app: Record<string, (...args: unknown[]) => unknown> = {}
  const pages: unknown[] = []
  g.wx = { ...(g.wx as object), cloud: wxCloud }
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
          pages.push(this)
          ;(config.onLoad as (q: object) => void).call(this, {})
          ;(config.onShow as (() => void) | undefined)?.call(this)
          ;(config.onReady as (() => void) | undefined)?.call(this)
        },
      },
    })
  }
  require(resolve(WEAPP_ROOT, 'app.js'))
  app.onLaunch?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })
}

/** Waits until the rendered page's text contains `text` (Taro renders asynchronously). */
export async function waitForText(root: { dom?: Element }, text: string, timeoutMs = 5000): Promise<string> {
  const start = Date.now()
  for (;;) {
    const content = root.dom?.textContent ?? ''
    if (content.includes(text)) return content
    if (Date.now() - start > timeoutMs) throw new Error(`"${text}" did not appear; the page shows: ${content.slice(0, 300)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
