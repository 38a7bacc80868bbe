/**
 * Posters and printed notices in Chromium on the H5 build (issue 14 points 5 and 2): a community
 * admin downloads the poster, whose stand-in code opens the community's ?scene= page; a grid
 * worker prints the notices (one PDF, a page a person no WeChat or SMS reaches) and records a
 * delivery; the board's reachability figures move a person to "reached in person".
 * Screens under artifacts/screens/; axe-core, 18px text, 44px targets.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { sceneOfLandingUrl } from '../../shared/Poster'
import { readPdf } from '../support/pdf'
import { usePrintFont } from '../support/printFont'
import { callAs, phonePage, screenshot, shown, signInAs, useBrowserAndCloud } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(180_000)

beforeAll(() => usePrintFont())
const env = useBrowserAndCloud()

async function expectReadable(page: Page) {
  expect(await checkScreen(page, 18, 44)).toEqual({ smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) }
}

/** The 乌兰社区 lines of the board's reachability card. */
async function wulanReach(page: Page): Promise<string> {
  const card = page.locator('#reach-shares').filter({ visible: true })
  const unit = card.locator('.reach-shares').filter({ hasText: '乌兰社区：' }).first()
  await unit.waitFor()
  return (await unit.textContent()) ?? ''
}

test('a community admin downloads the poster; its code opens the community page with the same scene', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '社区主任 赵敏')
  await shown(page, '社区二维码海报和纸质通知').click()
  await shown(page, '下载海报（PDF）').waitFor()
  await screenshot(page, 'print-poster')
  await expectReadable(page)
  const file = await downloaded(page, () => shown(page, '下载海报（PDF）').click())
  expect(file.name).toBe('乌兰社区服务二维码.pdf')
  const [poster] = readPdf(file.bytes)
  expect(poster.text.replace(/\s/g, '')).toContain('二连浩特市乌兰大街88号')
  const landing = poster.codes[0]!
  expect(sceneOfLandingUrl(landing)).toBe('WL01')
  expect(landing.startsWith(env.cloud.url.replace(/\/?$/, '/'))).toBe(true)
  await shown(page, '海报已生成').waitFor()
  // What a scan opens, for a WeChat user not bound yet: the community page, with its details and the way to bind.
  const visitor = await phonePage(env.browser)
  await signInAs(visitor, env.cloud.url, '新微信用户')
  await visitor.goto(landing)
  await shown(visitor, '欢迎来到').waitFor()
  await shown(visitor, '我是退休人员，去绑定').waitFor()
  expect(await visitor.locator('body').innerText()).toContain('二连浩特市乌兰大街88号')
  await screenshot(visitor, 'print-poster-landing')
  await expectReadable(visitor)
  await visitor.close()
  await page.close()
})

test('a grid worker prints the notices and records a delivery; the board counts the person as reached in person', async () => {
  const board = await phonePage(env.browser)
  await signInAs(board, env.cloud.url, '领导小组办公室 余宏利')
  const before = await wulanReach(board)
  const inPerson = (text: string) => Number(/只能上门，通知已送到：(\d+) 人/.exec(text)![1])
  const notYet = (text: string) => Number(/只能上门，还没联系上：(\d+) 人/.exec(text)![1])

  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '网格员 孟和')
  await shown(page, '纸质通知', true).click()
  await shown(page, '打印纸质通知（PDF）').waitFor()
  const file = await downloaded(page, () => shown(page, '打印纸质通知（PDF）').click())
  const message = shown(page, '封通知（共')
  await message.waitFor()
  const letters = readPdf(file.bytes)
  expect(/已生成 (\d+) 封通知/.exec((await message.textContent()) ?? '')![1]).toBe(String(letters.length))
  const name = (await callAs(env.cloud, 'dev-office', 'case.get', { caseId: 'case-0001' })).data.case.name
  const letter = letters.find((l) => l.text.includes(name))!.text.replace(/\s/g, '')
  for (const s of ['退休人员移交社区管理告知书', '现在办到「签订移交协议」', '截止日期：2020年3月31日', '网格员：孟和，电话13904790101', '二连浩特市乌兰大街88号']) expect(letter).toContain(s)
  expect(new Set(letters.flatMap((l) => l.codes.map((c) => sceneOfLandingUrl(c ?? ''))))).toEqual(new Set(['WL01']))
  await screenshot(page, 'print-notices')
  await expectReadable(page)

  const row = page.locator('#delivery-case-0001').filter({ visible: true })
  await row.getByText('已当面交给本人或家人').click()
  await shown(page, `已登记：${name}，已当面交给本人或家人。`).waitFor()
  await row.getByText('已登记：已当面交给本人或家人').waitFor()
  await screenshot(page, 'print-notices-delivered')
  await expectReadable(page)
  await page.close()

  await board.reload()
  await board.waitForFunction((b) => document.body.innerText.includes(b), '联系渠道')
  const after = await wulanReach(board)
  expect([inPerson(after), notYet(after)]).toEqual([inPerson(before) + 1, notYet(before) - 1])
  await board.locator('#reach-shares').filter({ visible: true }).scrollIntoViewIfNeeded()
  await screenshot(board, 'print-notices-board-reach')
  await board.close()
})
