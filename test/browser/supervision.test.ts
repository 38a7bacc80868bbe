/**
 * The office's board in Chromium on the H5 build: the supervisor lands on the board (forecast
 * warnings, the city's burn-down, one bar per unit), drills into an overdue figure (masked, 20 a
 * page with 「更多」), opens a case read-only with its timeline and its audit trail; previews and
 * issues a bulletin and downloads both files, whose numbers match the board; an enterprise operator
 * reads the bulletin in their messages and sees their own standing, forecast and rank on their home.
 * Each screen is saved under artifacts/screens/ and checked: axe-core, 18px text, 44px targets.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import { ROUTES } from '../../miniprogram/routes'
import { callAs, phonePage, screenshot, signInAs, shown, useBrowserAndCloud } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(180_000)

// A crowd at the water company, so an overdue cell holds more than one page of cases.
const env = useBrowserAndCloud('2020-07-10T09:00:00+08:00', [{ enterpriseId: 'ent-water', communityId: 'com-wulan', count: 150 }])

async function expectReadable(page: Page, screen: string) {
  await page.waitForTimeout(300)
  expect({ screen, ...(await checkScreen(page, 18, 44)) }).toEqual({ screen, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

/** The file a click downloads. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) }
}

interface Row { orgId: string; name: string; stages: Array<{ done: number; open: number; waiting: number; overdue: number }> }

test('the supervisor sees the board, drills into an overdue cell and opens a case read-only and its audit trail', async () => {
  const board = (await callAs(env.cloud, 'dev-office', 'board.overview')).data
  // An enterprise's overdue cell with more than a page of cases, at the latest such stage (its cases have a history).
  const cells = (board.byEnterprise as Row[]).flatMap((r) => r.stages.map((c, i) => ({ row: r, stage: board.stages[i], index: i, overdue: c.overdue })))
  const cell = cells.filter((c) => c.overdue > 20).sort((a, b) => b.index - a.index)[0]
  expect(cell).toBeDefined()
  expect(cell.index).toBeGreaterThan(0)

  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室 余宏利')
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.board)
  const opened = Date.now()
  await shown(page, '各单位进度（逾期多的在前）').waitFor()
  console.log(`board of ${board.units.length} units: figures visible ${Date.now() - opened} ms after the page opened`)
  // One bar per unit, its numbers written out as well as drawn.
  const first = board.units[0]
  await shown(page, `看 ${first.name} 的各环节`).waitFor()
  await shown(page, `办完 ${first.total.done} · 在办 ${first.total.open}（逾期 ${first.total.overdue}）`).waitFor()
  // The forecast warnings and the burn-down, numbers in words.
  const forecasts = (await callAs(env.cloud, 'dev-office', 'forecast.units')).data.items as Array<{ name: string; flagged: boolean; headline: string | null }>
  const flagged = forecasts.filter((f) => f.flagged)
  if (flagged.length > 0) await shown(page, `${flagged[0].name}：${flagged[0].headline}`).waitFor()
  else await shown(page, '按目前进度，各单位都能按期办完。').waitFor()
  await shown(page, '全市未办完事项的变化').waitFor()
  const burn = (await callAs(env.cloud, 'dev-office', 'board.burnDown')).data
  const last = burn.points.at(-1)
  await shown(page, `未办完 ${last.open} 项，其中逾期 ${last.overdue} 项。`).waitFor()
  expect(await page.locator('.burn-deadline').count()).toBeGreaterThan(0)
  await screenshot(page, 'supervision-board')
  await expectReadable(page, 'board')

  // Choose the stage, then the enterprise's overdue figure.
  await shown(page, cell.stage.name, { exact: false }).waitFor()
  await page.getByText(new RegExp(`^(✓ )?${cell.stage.name}（逾期`)).filter({ visible: true }).first().click()
  const label = `${cell.row.name} · ${cell.stage.name}`
  await page.getByLabel(`${label} 已逾期 ${cell.overdue} 人，看名单`).filter({ visible: true }).first().click()
  await shown(page, `${label} · 已逾期`).waitFor()
  await shown(page, '已列出 20 人，还有更多。').waitFor()
  // Masked names, the same the action gives.
  const listed = (await callAs(env.cloud, 'dev-office', 'board.cases', { side: 'enterprise', orgId: cell.row.orgId, stage: cell.stage.id, state: 'overdue' })).data
  expect(listed.items).toHaveLength(20)
  await shown(page, `${listed.items[0].name} ${listed.items[0].idNumberMasked}`).waitFor()
  await screenshot(page, 'supervision-cases')
  await expectReadable(page, 'cases')
  await shown(page, '更多', true).click()
  await shown(page, `已列出 ${Math.min(40, cell.overdue)} 人`).waitFor()
  expect(await page.getByText('（已逾期）').filter({ visible: true }).count()).toBe(Math.min(40, cell.overdue))

  // The case, read-only: its stages and its timeline, nothing to record.
  await shown(page, `${listed.items[0].name} ${listed.items[0].idNumberMasked}`).click()
  await shown(page, '办理经过', true).waitFor()
  const detail = (await callAs(env.cloud, 'dev-office', 'case.get', { caseId: listed.items[0].id })).data
  expect(detail.history.length).toBeGreaterThan(0)
  await shown(page, detail.history[0].name, true).waitFor()
  expect(await page.getByText('登记').filter({ visible: true }).count()).toBe(0)
  await screenshot(page, 'supervision-case')
  await expectReadable(page, 'case')
  // Its audit trail, on the audit page.
  await shown(page, '查看操作记录', true).click()
  await shown(page, `案例 ${listed.items[0].id} 的操作记录`).waitFor()
  await screenshot(page, 'supervision-case-audit')
  await expectReadable(page, 'audit')
  await page.close()
})

test('the supervisor previews and issues a bulletin and downloads both files, their numbers those of the board', async () => {
  const board = (await callAs(env.cloud, 'dev-office', 'board.overview')).data
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室 余宏利')
  await shown(page, '通报：预览、发布、下载', true).click()
  await shown(page, '还没有发布过通报。').waitFor()
  await shown(page, '先预览', true).click()
  await shown(page, '这是预览，还没有发布。').waitFor()
  await shown(page, '第1期　', { exact: false }).waitFor()
  await screenshot(page, 'supervision-bulletin-preview')
  await expectReadable(page, 'bulletin preview')
  await shown(page, '发布第1期通报', true).click()
  await shown(page, '第1期通报已发布，被点到的单位都会在工作消息里收到。').waitFor()
  await shown(page, '第1期 · 2020年7月10日').waitFor()
  await screenshot(page, 'supervision-bulletin-issued')
  await expectReadable(page, 'bulletins')

  const issued = (await callAs(env.cloud, 'dev-office', 'bulletin.get', { number: 1 })).data.content
  const xlsx = await downloaded(page, () => shown(page, '下载第1期表格（.xlsx）').click())
  expect(xlsx.name).toMatch(/\.xlsx$/)
  const workbook = new ExcelJS.Workbook()
  // exceljs's typings want an ArrayBuffer; it reads a Buffer.
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
  const rows: unknown[][] = []
  workbook.getWorksheet('完成率排名')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  // Each unit's done, open, waiting and overdue as its bar on the board; the city's total as the bulletin's.
  const nameIn = (key: string) => issued.units.find((x: { unitKey: string }) => x.unitKey === key)?.name
  for (const u of board.units as Array<{ key: string; total: { done: number; open: number; waiting: number; overdue: number } }>) {
    const row = rows.find((r) => r[1] === nameIn(u.key))
    expect({ unit: u.key, figures: row?.slice(3, 7) }).toEqual({ unit: u.key, figures: [u.total.done, u.total.open, u.total.waiting, u.total.overdue] })
  }
  expect(rows.find((r) => r[1] === '全市合计')?.slice(3, 7)).toEqual([issued.total.done, issued.total.open, issued.total.waiting, issued.total.overdue])

  const docx = await downloaded(page, () => shown(page, '下载第1期文档（.docx）').click())
  expect(docx.name).toMatch(/\.docx$/)
  const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string')
  const words = xml.replace(/<[^>]+>/g, '')
  expect(words).toContain('第1期')
  for (const u of issued.units as Array<{ name: string }>) expect(words).toContain(u.name)
  expect(words).toContain(`已办结 ${issued.total.done} 项`)
  await page.close()
})

test('the supervisor reads the assessment for the last day of the work, with the example weights said, and downloads it', async () => {
  const expected = (await callAs(env.cloud, 'dev-office', 'assessment.preview', { date: '2020-10-31' })).data
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室 余宏利')
  await shown(page, '考核：各单位按期办结情况', true).click()
  await shown(page, '算一算', true).click()
  await shown(page, '截至2020年10月31日').waitFor()
  await shown(page, '示例权重', { exact: false }).first().waitFor()
  // Every unit's line as the assessment counts it.
  for (const r of expected.rows as Array<{ name: string; due: number; onTime: number; overdue: number; daysLate: number }>) {
    await shown(page, `${r.name}`, { exact: false }).first().waitFor()
    await shown(page, `应办 ${r.due} 项，按期办完 ${r.onTime} 项`, { exact: false }).first().waitFor()
  }
  await screenshot(page, 'supervision-assessment')
  await expectReadable(page, 'assessment')
  const xlsx = await downloaded(page, () => shown(page, '下载考核表格（.xlsx）').click())
  expect(xlsx.name).toMatch(/\.xlsx$/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
  const cells: unknown[] = []
  workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(...(row.values as unknown[]))))
  for (const r of expected.rows as Array<{ name: string }>) expect(cells).toContain(r.name)
  await page.close()
})

test('an enterprise operator reads the bulletin in their messages and sees their own standing, forecast and rank on their home', async () => {
  const mine = (await callAs(env.cloud, 'dev-ent-water', 'board.mine')).data
  const forecast = (await callAs(env.cloud, 'dev-ent-water', 'forecast.units')).data.items[0]
  const bulletin = (await callAs(env.cloud, 'dev-office', 'bulletin.get', { number: 1 })).data.content
  const line = bulletin.units.find((u: { unitKey: string }) => u.unitKey === 'enterprise:ent-water')
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.enterpriseHome)
  await shown(page, '本单位进度', { exact: false }).waitFor()
  const t = mine.unit.total
  await shown(page, `办完 ${t.done} · 在办 ${t.open}（逾期 ${t.overdue}）`).waitFor()
  await shown(page, `材料未齐 ${mine.enterprise.materialsIncomplete} 人`).waitFor()
  await shown(page, `第1期通报（2020年7月10日）：完成率`).waitFor()
  await shown(page, `在 ${bulletin.units.length} 个单位中排第 ${line.rank} 名。`).waitFor()
  if (forecast.headline) await shown(page, `进度预警：${forecast.headline}`).waitFor()
  await screenshot(page, 'supervision-enterprise-standing')
  await expectReadable(page, 'enterprise home')
  await shown(page, `看 ${mine.unit.name} 的各环节`).click()
  // Each stage with its forecast in one sentence.
  const own = forecast.stages.find((f: { stage: string }) => mine.unit.stages.some((s: { stage: string }) => s.stage === f.stage))
  await shown(page, own.forecast.sentence).waitFor()
  const stage = mine.unit.stages.find((s: { open: number }) => s.open > 0)
  const label = `${mine.unit.name} · ${stage.stageName}`
  await page.getByLabel(`${label} 在办 ${stage.open} 人，看名单`).filter({ visible: true }).first().click()
  await shown(page, `${label} · 在办`).waitFor()
  await shown(page, `已列出 ${Math.min(20, stage.open)} 人`).waitFor()
  await screenshot(page, 'supervision-enterprise-own-list')
  await expectReadable(page, 'own list')

  // The bulletin in their messages, opened from there.
  await page.goBack()
  await shown(page, '工作消息', true).click()
  await shown(page, '第1期通报（2020年7月10日）已发布').waitFor()
  await shown(page, `在 ${bulletin.units.length} 个单位中排第 ${line.rank} 名`).waitFor()
  await screenshot(page, 'supervision-enterprise-messages')
  await shown(page, '查看通报', true).click()
  await shown(page, '各单位完成率排名').waitFor()
  await screenshot(page, 'supervision-enterprise-bulletin')
  await expectReadable(page, 'bulletin')
  await page.close()
})

test('a community admin has a compact standing card above the queue, their own list only', async () => {
  const mine = (await callAs(env.cloud, 'dev-admin-wulan', 'board.mine')).data
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '社区主任 赵敏')
  await shown(page, '上门核对：扫码或输数字码').waitFor()
  const t = mine.unit.total
  await shown(page, `办完 ${t.done} · 在办 ${t.open}（逾期 ${t.overdue}）`).waitFor()
  // The stages stay folded until asked for, so the queue stays in view.
  expect(await page.locator('[aria-label$="，看名单"]').filter({ visible: true }).count()).toBe(0)
  await screenshot(page, 'supervision-community-standing')
  await expectReadable(page, 'queue')
  // Whatever another community's list is asked for, the drill-down gives their own.
  const other = (await callAs(env.cloud, 'dev-admin-wulan', 'board.cases', { side: 'community', orgId: 'com-gerile', stage: 'takenIn', state: 'open' })).data
  const own = (await callAs(env.cloud, 'dev-admin-wulan', 'board.cases', { side: 'community', orgId: 'com-wulan', stage: 'takenIn', state: 'open' })).data
  expect(other).toEqual(own)
  await page.close()
})

test("the archives officer's home shows the bureau's city-wide standing, tappable to its own list", async () => {
  const mine = (await callAs(env.cloud, 'dev-archives', 'board.mine')).data
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '档案局 张耀增')
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.archives)
  const t = mine.unit.total
  await shown(page, `办完 ${t.done} · 在办 ${t.open}（逾期 ${t.overdue}）`).waitFor()
  await shown(page, '第1期通报（2020年7月10日）：完成率').waitFor()
  await screenshot(page, 'supervision-archives-standing')
  await expectReadable(page, 'archives home')
  await shown(page, `看 ${mine.unit.name} 的各环节`).click()
  const stage = mine.unit.stages[0]
  const label = `${mine.unit.name} · ${stage.stageName}`
  await page.getByLabel(`${label} 已逾期 ${stage.overdue} 人，看名单`).filter({ visible: true }).first().click()
  await shown(page, `${label} · 已逾期`).waitFor()
  await shown(page, `已列出 ${Math.min(20, stage.overdue)} 人`).waitFor()
  await page.close()
})
