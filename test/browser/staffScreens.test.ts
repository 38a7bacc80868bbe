/**
 * Every staff screen, as each role opens it in Chromium on the H5 build: saved under
 * artifacts/screens/, checked with axe-core (no serious or critical violations) and measured:
 * text at least 18px, touch targets at least 44px on both sides. The smallest text and target
 * of each screen are written to artifacts/screens/staff-sizes.json. Then a success, a warning and
 * an error are shown on real screens: each is announced, and each looks different.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROUTES } from '../../miniprogram/routes'
import { ARTIFACTS, phonePage, screenshot, signInAs, shown, useBrowserAndCloud } from './browser'
import type { Tone } from '../../miniprogram/services/notice'
import { checkScreen, measureScreen } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()

/** Each staff screen: who opens it, where, and a line that shows it has loaded. */
const SCREENS: Array<{ name: string; user: string; url: string; ready: string }> = [
  { name: 'worker-queue', user: '网格员 孟和', url: ROUTES.workerQueue, ready: '上门核对：扫码或输数字码' },
  { name: 'worker-case', user: '网格员 孟和', url: `${ROUTES.workerCase}?id=case-0001`, ready: '帮老人绑定微信' },
  { name: 'worker-agreements', user: '社区主任 赵敏', url: ROUTES.communityAgreements, ready: '状态：' },
  { name: 'enterprise-home', user: '经办人 刘建华', url: ROUTES.enterpriseHome, ready: '名册导入（摸底造册）' },
  { name: 'enterprise-import', user: '经办人 刘建华', url: ROUTES.enterpriseImport, ready: '第二步：上传名册' },
  { name: 'enterprise-agreements', user: '经办人 刘建华', url: ROUTES.enterpriseAgreements, ready: '起草协议' },
  { name: 'enterprise-corrections', user: '经办人 刘建华', url: ROUTES.enterpriseCorrections, ready: '回到首页' },
  { name: 'enterprise-ledger', user: '经办人 刘建华', url: ROUTES.enterpriseLedger, ready: '登记费用' },
  { name: 'officer-archives', user: '档案局 张耀增', url: ROUTES.archives, ready: '待移交档案' },
  { name: 'officer-invites', user: '领导小组办公室 余宏利', url: ROUTES.invites, ready: '发一个邀请码' },
]

const sizes: Record<string, { minTextPx: number; minTargetPx: number; targets: number }> = {}

async function open(page: Page, url: string, ready: string) {
  // A staff member's start screen is already open after signing in.
  if (!page.url().endsWith(`#${url}`)) await page.goto(new URL(`/#${url}`, env.cloud.url).href)
  await shown(page, ready).waitFor()
  await page.waitForTimeout(300)
}

async function signedIn(user: string): Promise<Page> {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, user)
  await page.waitForFunction(() => !location.hash.includes('devLogin'))
  return page
}

test.each(SCREENS)('$name meets 18px text, 44px targets and axe', async ({ name, user, url, ready }) => {
  const page = await signedIn(user)
  await open(page, url, ready)
  await screenshot(page, `staff-${name}`)
  const check = await checkScreen(page, 18, 44)
  expect({ screen: name, ...check }).toEqual({ screen: name, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
  sizes[name] = await measureScreen(page)
  // The measure agrees with the check, and the screen has something to touch.
  expect(sizes[name].minTargetPx).toBeGreaterThanOrEqual(44)
  expect(sizes[name].minTextPx).toBeGreaterThanOrEqual(18)
  expect(sizes[name].targets).toBeGreaterThan(0)
  await page.close()
})

/** The message shown at `selector`, once it has this tone: how it is announced and how it looks. */
async function noticeAt(page: Page, selector: string, tone: Tone, name: string) {
  const notice = page.locator(`${selector}.notice-${tone}`).filter({ visible: true }).first()
  await notice.waitFor()
  mkdirSync(ARTIFACTS, { recursive: true })
  await notice.screenshot({ path: join(ARTIFACTS, `tone-${name}.png`) })
  await screenshot(page, `tone-${name}-screen`)
  const check = await checkScreen(page, 18, 44)
  expect({ tone, axe: check.axeViolations, smallTexts: check.smallTexts }).toEqual({ tone, axe: [], smallTexts: [] })
  return notice.evaluate((el) => {
    const icon = el.querySelector('.notice-icon')!
    const s = getComputedStyle(el)
    const i = getComputedStyle(icon)
    return {
      role: el.getAttribute('role'),
      live: el.getAttribute('aria-live'),
      text: (el.querySelector('.notice-text') as HTMLElement).innerText,
      icon: (icon as HTMLElement).innerText,
      look: { band: s.backgroundColor, ink: s.color, edge: s.borderLeftColor },
      shape: `${i.borderRadius} ${i.clipPath}`,
    }
  })
}

test('a success, a warning and an error are each announced and each look different', async () => {
  const worker = await signedIn('网格员 孟和')
  await open(worker, `${ROUTES.workerCase}?id=case-0001`, '帮老人绑定微信')
  await shown(worker, '生成绑定码（30分钟内有效）').click()
  const warning = await noticeAt(worker, '#binding-message', 'warning', 'warning')
  await shown(worker, '已当面核对老人的身份证').click()
  await shown(worker, '生成绑定码（30分钟内有效）').click()
  const success = await noticeAt(worker, '#binding-message', 'success', 'success')
  await worker.close()

  const office = await signedIn('领导小组办公室 余宏利')
  await open(office, ROUTES.invites, '发一个邀请码')
  await shown(office, '生成邀请码', true).click()
  const error = await noticeAt(office, '#invites-message', 'error', 'error')
  await office.close()

  expect(warning).toMatchObject({ role: 'status', live: 'polite', icon: '!', text: '请先当面核对老人的身份证，再点上面一行。' })
  expect(success).toMatchObject({ role: 'status', live: 'polite', icon: '✓', text: '绑定码已生成。' })
  expect(error).toMatchObject({ role: 'alert', live: 'assertive', icon: '✕' })
  expect(error.text.length).toBeGreaterThan(0)
  const all = [success, warning, error]
  // Colour, edge and icon shape all tell the three apart, so none rests on colour alone.
  for (const key of ['band', 'ink', 'edge'] as const) expect(new Set(all.map((n) => n.look[key])).size).toBe(3)
  expect(new Set(all.map((n) => n.shape)).size).toBe(3)
})

test('in 长辈模式 a message is as large as the rest: 24px text, the screen still friendly', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '斯日古楞（')
  await shown(page, '斯日古楞，您好').waitFor()
  await page.locator('#elder-toggle').click()
  await page.waitForFunction(() => document.querySelector('.page.elder') !== null)
  await shown(page, '核对我的信息', { exact: true }).click()
  await shown(page, '信息都对', { exact: true }).click()
  const notice = page.locator('#details-message.notice-success').filter({ visible: true }).first()
  await notice.waitFor()
  await screenshot(page, 'tone-success-elder-mode')
  expect(await notice.evaluate((el) => ['.notice-icon', '.notice-text'].map((s) => parseFloat(getComputedStyle(el.querySelector(s)!).fontSize)))).toEqual([24, 24])
  const check = await checkScreen(page, 24, 60)
  expect(check).toEqual({ smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
  await page.close()
})

afterAll(() => {
  // A run filtered to other tests measured nothing: keep the last full record.
  if (Object.keys(sizes).length === 0) return
  mkdirSync(ARTIFACTS, { recursive: true })
  writeFileSync(join(ARTIFACTS, 'staff-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`)
})
