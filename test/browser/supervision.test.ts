/**
 * The office's board in Chromium on the H5 build: the supervisor lands on the board, drills into an
 * overdue figure (masked, 20 a page with 「更多」) and opens a case read-only with its timeline; an
 * enterprise operator sees their own standing on their home and opens their own list from it.
 * Each screen is saved under artifacts/screens/ and checked: axe-core, 18px text, 44px targets.
 */
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

interface Row { orgId: string; name: string; stages: Array<{ done: number; open: number; waiting: number; overdue: number }> }

test('the supervisor sees the board, drills into an overdue cell and opens a case read-only', async () => {
  const board = (await callAs(env.cloud, 'dev-office', 'board.overview')).data
  // An enterprise's overdue cell with more than a page of cases, at the latest such stage (its cases have a history).
  const cells = (board.byEnterprise as Row[]).flatMap((r) => r.stages.map((c, i) => ({ row: r, stage: board.stages[i], index: i, overdue: c.overdue })))
  const cell = cells.filter((c) => c.overdue > 20).sort((a, b) => b.index - a.index)[0]
  expect(cell).toBeDefined()
  expect(cell.index).toBeGreaterThan(0)

  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室 余宏利')
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.board)
  await shown(page, '督导看板', true).waitFor()
  // One bar per unit, its numbers written out as well as drawn.
  const first = board.units[0]
  await shown(page, `看 ${first.name} 的各环节`).waitFor()
  await shown(page, `办完 ${first.total.done} · 在办 ${first.total.open}（逾期 ${first.total.overdue}）`).waitFor()
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
  await page.close()
})

test('an enterprise operator sees their own standing on their home and opens their own list', async () => {
  const mine = (await callAs(env.cloud, 'dev-ent-water', 'board.mine')).data
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.enterpriseHome)
  await shown(page, '本单位进度', { exact: false }).waitFor()
  const t = mine.unit.total
  await shown(page, `办完 ${t.done} · 在办 ${t.open}（逾期 ${t.overdue}）`).waitFor()
  await shown(page, `材料未齐 ${mine.enterprise.materialsIncomplete} 人`).waitFor()
  await screenshot(page, 'supervision-enterprise-standing')
  await expectReadable(page, 'enterprise home')
  await shown(page, `看 ${mine.unit.name} 的各环节`).click()
  const stage = mine.unit.stages.find((s: { open: number }) => s.open > 0)
  const label = `${mine.unit.name} · ${stage.stageName}`
  await page.getByLabel(`${label} 在办 ${stage.open} 人，看名单`).filter({ visible: true }).first().click()
  await shown(page, `${label} · 在办`).waitFor()
  await shown(page, `已列出 ${Math.min(20, stage.open)} 人`).waitFor()
  await screenshot(page, 'supervision-enterprise-own-list')
  await expectReadable(page, 'own list')
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
