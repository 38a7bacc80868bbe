/**
 * The audit trail in Chromium on the H5 build (issue 10): the supervisor opens a case's trail from
 * its card, and a member of staff's over a date range picked from the staff list; pages with 更多;
 * downloads the .xlsx and reads it back. Screenshots under artifacts/screens/; axe-core, 18px text,
 * 44px targets on each screen.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { ROUTES } from '../../miniprogram/routes'
import { callAs, phonePage, screenshot, signInAs, shown, useBrowserAndCloud, openFresh } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()

async function expectReadable(page: Page) {
  expect(await checkScreen(page, 18, 44)).toEqual({ smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

/** The rows of the downloaded sheet below its title and header. */
async function downloadedRows(page: Page, click: () => Promise<void>): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const workbook = new ExcelJS.Workbook()
  // exceljs's typings want an ArrayBuffer; it reads a Buffer.
  await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.getWorksheet('操作记录')!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(String)))
  return rows.slice(2)
}

test("the supervisor opens a case's trail from its card: views, actions and refusals, in plain words, and downloads it", async () => {
  // A grid worker opens the case (full phone), one of another community is refused.
  expect((await callAs(env.cloud, 'dev-grid-wulan', 'case.get', { caseId: 'case-0001' })).ok).toBe(true)
  expect((await callAs(env.cloud, 'dev-grid-gerile', 'case.get', { caseId: 'case-0001' })).ok).toBe(false)
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室 余宏利')
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.board)
  await openFresh(page, `${env.cloud.url}#${ROUTES.workerCase}?id=case-0001`)
  await shown(page, '操作记录（谁在何时做了什么）').click()
  await shown(page, '案例 case-0001 的操作记录').waitFor()
  await shown(page, '2020年3月20日 09:00 网格员 孟和（网格员）').waitFor()
  await shown(page, '查看个人信息（含完整电话） · 已办理').waitFor()
  await shown(page, '查看个人信息 · 被拒绝').waitFor()
  await screenshot(page, 'supervisor-audit-case')
  await expectReadable(page)

  const rows = await downloadedRows(page, () => shown(page, '下载这份记录（Excel）').click())
  // The sheet holds the trail as the store had it; the download itself is audited after it.
  const stored = (await callAs(env.cloud, 'dev-office', 'audit.case', { caseId: 'case-0001' })).data.items as Array<{ when: string; who: string; what: string; outcome: string }>
  expect(rows.map((r) => [r[0], r[1], r[3], r[7]])).toEqual(stored.slice(0, rows.length).map((i) => [i.when, i.who, i.what, i.outcome]))
  expect(stored[rows.length].what).toBe('下载操作记录')
  expect(rows.length).toBeGreaterThanOrEqual(3)
  await shown(page, `已下载 ${rows.length} 条记录`).waitFor()
  await page.close()
})

test("the supervisor picks a member of staff from the list and a range, pages with 更多, and downloads what they did", async () => {
  // 55 views by one grid worker today: more than one page of 50.
  for (let i = 0; i < 55; i++) expect((await callAs(env.cloud, 'dev-grid-wulan', 'case.get', { caseId: i % 2 ? 'case-0001' : 'case-0002' })).ok).toBe(true)
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室 余宏利')
  await shown(page, '工作人员的操作记录').click()
  await shown(page, '1. 选工作人员').waitFor()
  await shown(page, '网格员 孟和 · 网格员', false).click()
  await shown(page, '今天', true).click()
  await shown(page, '查看操作记录', true).click()
  await shown(page, '网格员 孟和 的操作记录（2020-03-20 至 2020-03-20）').waitFor()
  await shown(page, '更多', true).waitFor()
  expect(await page.locator('.audit-entry').filter({ visible: true }).count()).toBe(50)
  await screenshot(page, 'supervisor-audit-staff')
  await expectReadable(page)
  // Every entry of the range, as the store pages them: the screen shows them all after 更多.
  const range = { userId: 'dev-grid-wulan', from: '2020-03-20', to: '2020-03-20' }
  const first = (await callAs(env.cloud, 'dev-office', 'audit.staff', range)).data
  const second = (await callAs(env.cloud, 'dev-office', 'audit.staff', { ...range, after: first.nextCursor })).data
  expect(second.nextCursor).toBeNull()
  const all = first.items.length + second.items.length
  expect(all).toBeGreaterThanOrEqual(56)
  await shown(page, '更多', true).click()
  await page.waitForFunction((n) => Array.from(document.querySelectorAll('.audit-entry')).filter((e) => (e as HTMLElement).offsetParent !== null).length === n, all)
  await shown(page, '案例 case-0002', false).waitFor()
  await screenshot(page, 'supervisor-audit-staff-more')
  const rows = await downloadedRows(page, () => shown(page, '下载这份记录（Excel）').click())
  expect(rows.length).toBeGreaterThan(50)
  expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['网格员 孟和']))
  await page.close()
})
