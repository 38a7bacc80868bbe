/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * against the local cloud serving the H5 build from dist/h5.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { fixedClock } from '../../shared/Clock'
import { DEV_SESSION_HEADER, startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local/server'

export const ARTIFACTS = resolve(__dirname, '../../artifacts/screens')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** A local cloud on a fresh in-memory store, its demo clock standing at `now`; `crowds` seeds more retirees. */
export async function startTestCloud(now = '2020-03-20T09:00:00+08:00', crowds?: LocalCloudOptions['crowds']): Promise<LocalCloud> {
  return startLocalCloud({ dataFile: ':memory:', staticDir: resolve(__dirname, '../../dist/h5'), clock: fixedClock(now), log: () => {}, crowds })
}

/** Calls an action over HTTP as a demo user, the way the H5 build does (a dev session, then /api/api). */
export async function callAs(cloud: LocalCloud, userId: string, action: string, input: unknown = {}) {
  const session = await (await fetch(new URL('/dev/session', cloud.url), { method: 'POST', body: JSON.stringify({ userId }) })).json()
  return (await fetch(new URL('/api/api', cloud.url), { method: 'POST', headers: { [DEV_SESSION_HEADER]: session.token }, body: JSON.stringify({ action, input }) })).json()
}

/** A phone-sized page (375 × 812), as the mini-program is used. */
export async function phonePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, locale: 'zh-CN' })
  // Page errors fail loudly in the test output instead of leaving a screen stuck.
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`))
  // Two jest workers drive Chromium and the local cloud at once on the 2-core CI machine: a screen that is
  // right may take longer than Playwright's 30 s to show there (each test file sets its own overall limit).
  page.setDefaultTimeout(60_000)
  return page
}

/** Signs in on the local-only sign-in page as the demo user whose button contains `label`. */
export async function signInAs(page: Page, baseUrl: string, label: string): Promise<void> {
  await page.goto(baseUrl)
  await page.getByText('本地演示：选择一个身份').waitFor()
  await page.getByText(label).filter({ visible: true }).first().click()
  // The sign-in page then opens the home screen, which asks who is signed in and sends staff on to their
  // own start screen: a test's own navigation must come after all of that, or it is overridden.
  await page.getByText('本地演示：选择一个身份').waitFor({ state: 'hidden' })
  await page.waitForFunction(() => {
    const route = location.hash
    if (!route || route.includes('pages/devLogin')) return false
    // Staff (and a new WeChat user, sent to binding) have left the home screen; a retiree's home has loaded.
    return !route.startsWith('#/pages/home/index') || document.body.innerText.includes('今天是')
  })
}

/**
 * Opens a route of the app as a new document. After a sign-in, the page before may still be
 * mounting a screen it was sent to (the home screen sends staff on; under load its page chunk can
 * arrive after a test's own hash change and cover it): a new document leaves nothing pending. The
 * session stays (it is in the origin's storage).
 */
export async function openFresh(page: Page, url: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(url)
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
}

/** One local cloud and one browser for a test file; `env.cloud` and `env.browser` inside tests. */
export function useBrowserAndCloud(now?: string, crowds?: LocalCloudOptions['crowds']): { cloud: LocalCloud; browser: Browser } {
  const env = {} as { cloud: LocalCloud; browser: Browser }
  beforeAll(async () => {
    env.cloud = await startTestCloud(now, crowds)
    env.browser = await launchBrowser()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.cloud?.close()
  })
  return env
}

/** The visible element with this text (Taro keeps earlier pages in the DOM, hidden). */
export function shown(page: Page, text: string, exact: boolean | { exact?: boolean } = false) {
  const options = typeof exact === 'boolean' ? { exact } : exact
  return page.getByText(text, options).filter({ visible: true }).first()
}
