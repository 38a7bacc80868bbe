/**
 * After take-in (plan 四（七）) in Chromium on the H5 build: 乌兰社区's grid worker records a visit
 * to 乌云其木格 (case-0005, taken in) and she reads it on her progress screen, in 长辈模式 too; the
 * community admin moves her to 格日勒社区, whose grid worker then sees her whole history. Each
 * screen is saved under artifacts/screens/ and checked for size and axe.
 */
import type { Page } from 'playwright-core'
import { ROUTES } from '../../miniprogram/routes'
import { callAs, phonePage, shown, signInAs, useBrowserAndCloud } from './browser'
import { expectFriendly, SIZES } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()

const { retiree: RETIREE, elder: ELDER, staff: STAFF } = SIZES
const CASE = 'case-0005'
/** Waits for the staff member's start screen (the sign-in lands there), then opens the case card. */
async function openCase(page: Page) {
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.workerQueue)
  await page.goto(`${env.cloud.url}#${ROUTES.workerCase}?id=${CASE}`)
}

test('a visit is recorded by the community and the retiree sees it on her progress screen, in 长辈模式 too', async () => {
  const staff = await phonePage(env.browser)
  await signInAs(staff, env.cloud.url, '网格员 孟和')
  await openCase(staff)
  await shown(staff, '走访和帮扶', true).waitFor()
  await shown(staff, '走访慰问', true).click()
  await staff.locator('textarea').filter({ visible: true }).first().fill('春节前上门看望，老人身体硬朗，送了米面油')
  await expectFriendly(staff, 'after-take-in-visit-form', STAFF)
  await shown(staff, '登记走访慰问', true).click()
  await shown(staff, '已登记：走访慰问。').waitFor()
  await expectFriendly(staff, 'after-take-in-visit-recorded', STAFF)
  await staff.close()

  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '乌云其木格')
  await shown(page, '我的移交进度', true).click()
  await shown(page, '社区为您做的事', true).waitFor()
  expect(await page.locator('#care').innerText()).toContain('社区来看望您了：春节前上门看望，老人身体硬朗，送了米面油')
  await expectFriendly(page, 'after-take-in-timeline', RETIREE)

  await shown(page, '回到首页', true).click()
  await page.locator('#elder-toggle').click()
  await page.waitForFunction(() => document.querySelector('.page.elder') !== null)
  await shown(page, '我的移交进度', true).click()
  await shown(page, '社区为您做的事', true).waitFor()
  await expectFriendly(page, 'after-take-in-timeline-elder-mode', ELDER)
  await page.close()
})

test('a move to another community in the city keeps the history: the new community sees it whole, the old one no longer', async () => {
  const before = (await callAs(env.cloud, 'dev-admin-wulan', 'case.get', { caseId: CASE })).data.history as Array<{ type: string; at: string }>
  const admin = await phonePage(env.browser)
  await signInAs(admin, env.cloud.url, '社区主任 赵敏')
  await openCase(admin)
  await shown(admin, '市内搬家，转到新社区', true).waitFor()
  await admin.locator('input[placeholder^="新社区的编号"]').filter({ visible: true }).first().fill('GRL02')
  await shown(admin, '转到新社区', true).click()
  await shown(admin, '已转到新社区', true).waitFor()
  expect(await admin.locator('#transfer-card').innerText()).toContain('这位老人已转到格日勒社区管理')
  await expectFriendly(admin, 'after-take-in-moved', STAFF)
  await admin.close()

  const gerile = await phonePage(env.browser)
  await signInAs(gerile, env.cloud.url, '网格员 王丽娜')
  await openCase(gerile)
  await shown(gerile, '接收社区：格日勒社区').waitFor()
  const card = await gerile.locator('body').innerText()
  const history = card.slice(card.lastIndexOf('办理记录'))
  expect(history).toContain('已纳入社区管理')
  expect(history).toContain('社区走访帮扶') // the visit of the test above
  expect(history).toContain('转到新社区管理')
  await expectFriendly(gerile, 'after-take-in-new-community', STAFF)
  await gerile.close()

  const after = (await callAs(env.cloud, 'dev-grid-gerile', 'case.get', { caseId: CASE })).data.history as Array<{ type: string; at: string }>
  expect(after.slice(0, before.length)).toEqual(before)
  expect((await callAs(env.cloud, 'dev-admin-wulan', 'case.get', { caseId: CASE })).ok).toBe(false)
})

test('人社局 marks the yearly qualification check; the new community records a move to another city, which closes the case and keeps its record', async () => {
  const hrss = await phonePage(env.browser)
  await signInAs(hrss, env.cloud.url, '人社局 王海峰')
  await openCase(hrss)
  await shown(hrss, '养老金领取资格认证', true).waitFor()
  await shown(hrss, '每年需要认证', true).click()
  await hrss.locator('input[placeholder^="上次认证的日期"]').filter({ visible: true }).first().fill('2019-04-02')
  await shown(hrss, '保存', true).click()
  await shown(hrss, '已登记资格认证信息。').waitFor()
  await expectFriendly(hrss, 'after-take-in-qualification', STAFF)
  await hrss.close()

  // 乌云其木格 is 格日勒社区's since the test above.
  const staff = await phonePage(env.browser)
  await signInAs(staff, env.cloud.url, '网格员 王丽娜')
  await openCase(staff)
  await shown(staff, '去世或迁往外地', true).waitFor()
  await shown(staff, '迁往外地', true).click()
  await shown(staff, '核实以后才能登记。').waitFor()
  await shown(staff, '已向家属或有关部门核实', true).click()
  await expectFriendly(staff, 'after-take-in-close-form', STAFF)
  await shown(staff, '登记并办结', true).click()
  await shown(staff, '已登记，移交案例已办结。').waitFor()
  await shown(staff, '这位老人已销户（去世或迁往外地），移交已办结，记录保留。').waitFor()
  expect(await staff.locator('body').innerText()).not.toContain('走访和帮扶')
  await expectFriendly(staff, 'after-take-in-closed', STAFF)
  await staff.close()

  expect((await callAs(env.cloud, 'dev-retiree-5', 'inbox.list')).data.items[0]).toMatchObject({ title: '社区已登记您迁往外地' })
  const told = (await callAs(env.cloud, 'dev-ent-bus', 'messages.mine')).data.items.map((m: { title: string }) => m.title)
  expect(told).toContain('乌云其木格已迁往外地，移交案例已办结')
})
