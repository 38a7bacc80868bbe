/**
 * Staff invites in Chromium on the H5 build: the supervisor picks a role and an organisation from a
 * list (no internal id typed) and issues a code; a community admin opens the page from their queue,
 * can only invite grid workers of their own community, and removes one after an inline confirmation.
 * Each screen is saved under artifacts/screens/ and checked: axe-core, 18px text, 44px targets.
 */
import type { Page } from 'playwright-core'
import { ROUTES } from '../../miniprogram/routes'
import { callAs, phonePage, screenshot, signInAs, shown, useBrowserAndCloud } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(120_000)

const env = useBrowserAndCloud()

async function expectReadable(page: Page) {
  expect(await checkScreen(page, 18, 44)).toEqual({ smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

test('the supervisor picks the organisation from a list and issues a code', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室 余宏利')
  // The supervisor starts on the board and opens the invites page from it.
  await page.waitForFunction((url) => location.hash.endsWith(url), ROUTES.board)
  await shown(page, '邀请工作人员', true).click()
  await shown(page, '发一个邀请码').waitFor()
  await shown(page, '企业经办人', true).click()
  const heat = (await callAs(env.cloud, 'dev-office', 'staff.orgs', { role: 'enterpriseOperator' })).data.items.find((o: { orgId: string }) => o.orgId === 'ent-heat')
  await shown(page, heat.name, true).click()
  await shown(page, `✓ ${heat.name}`).waitFor()
  await shown(page, '生成邀请码', true).click()
  const message = shown(page, `（企业经办人，${heat.name}），7天内有效。`)
  await message.waitFor()
  const code = /邀请码 ([A-Z2-9]{8})/.exec((await message.textContent()) ?? '')![1]
  await shown(page, `停用 ${code}`).waitFor()
  await screenshot(page, 'staff-invites-picked')
  await expectReadable(page)
  // A bureau role has one organisation: it is chosen by itself.
  await shown(page, '档案局经办人', true).click()
  await shown(page, '✓ 市档案局').waitFor()
  await page.close()
})

test('a community admin reaches the page from the queue, sees only their grid workers and removes one after confirming', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '社区主任 赵敏')
  await shown(page, '网格员、党组织书记：邀请和移除').click()
  await shown(page, '现有工作人员').waitFor()
  await shown(page, '移除 网格员 孟和').waitFor()
  // Only grid workers, only their own community, and only their own grid workers listed.
  expect(await page.getByText('企业经办人').filter({ visible: true }).count()).toBe(0)
  // Its grid worker and its party secretary.
  expect(await page.getByText('移除 ').filter({ visible: true }).count()).toBe(2)
  await shown(page, '移除 网格员 孟和').click()
  await shown(page, '确定移除网格员 孟和').waitFor()
  await screenshot(page, 'staff-invites-confirm-removal')
  await expectReadable(page)
  await shown(page, '确定移除网格员 孟和').click()
  await shown(page, '已移除网格员 孟和。').waitFor()
  // The list reloads without the grid worker; the party secretary stays.
  await page.getByText('移除 网格员 孟和').filter({ visible: true }).first().waitFor({ state: 'hidden' })
  await shown(page, '移除 社区党委书记 其其格').waitFor()
  expect(await page.getByText(/^移除 /).filter({ visible: true }).count()).toBe(1)
  const staff = (await callAs(env.cloud, 'dev-office', 'staff.members')).data.items.map((m: { userId: string }) => m.userId)
  expect(staff).toContain('dev-admin-wulan')
  expect(staff).not.toContain('dev-grid-wulan')
  await page.close()
})
