/**
 * Plan 四（六） in Chromium on the H5 build: the residence community's grid worker sees the people
 * who live there but are received elsewhere, records a service and the in-person identity check;
 * the office lists the roster's out-of-city rows (转出) and marks one sent. Each screen is saved
 * under artifacts/screens/ and checked for size and axe.
 */
import { callAs, phonePage, shown, signInAs, useBrowserAndCloud } from './browser'
import { expectFriendly } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()

test('the residence grid worker lists the people living here, records a service and checks an identity in person', async () => {
  const residents = (await callAs(env.cloud, 'dev-grid-xinyuan', 'residence.list', { limit: 100 })).data
  expect(residents.items.length).toBeGreaterThan(1)
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '网格员 李春燕')
  await shown(page, '在本社区居住的外社区人员', true).click()
  await shown(page, '阿依古丽·买买提', true).waitFor()
  const text = await page.locator('body').innerText()
  for (const r of residents.items) expect(text).toContain(r.name)
  expect(text).toContain('户籍社区：格日勒社区')
  expect(text).toContain('最近服务：')
  // Masked: the list never shows a whole phone number.
  expect(text).not.toMatch(/(?<!\d)1\d{10}(?!\d)/)
  await expectFriendly(page, 'residence-list')

  // A service for one person, in plain words.
  const someone = residents.items.find((r: { id: string }) => r.id !== 'case-0006')
  const card = page.locator('.card').filter({ hasText: someone.name }).filter({ visible: true }).first()
  await card.locator('input[placeholder="提供了什么服务，如 上门看望"]').fill('代办医保报销')
  await card.getByText('登记服务', { exact: true }).click()
  await shown(page, `已登记为${someone.name}提供的服务。`).waitFor()
  await shown(page, '代办医保报销').waitFor()
  const stored = (await callAs(env.cloud, 'dev-grid-xinyuan', 'residence.list', { limit: 100 })).data.items.find((r: { id: string }) => r.id === someone.id)
  expect(stored.lastService.service).toBe('代办医保报销')
  await expectFriendly(page, 'residence-service-recorded')

  // The identity check: the retiree's code opens the person here; the check names this community.
  const pass = (await callAs(env.cloud, 'dev-retiree-6', 'visit.issuePass')).data
  await page.locator('input[placeholder="二维码下面的8位数字"]').filter({ visible: true }).first().fill(pass.fallbackCode)
  await shown(page, '用数字码打开', true).click()
  await shown(page, '已核对阿依古丽·买买提的身份证，登记', true).click()
  await shown(page, '已登记：当面核对了阿依古丽·买买提的身份证。').waitFor()
  await shown(page, '已当面核对身份（本社区）').waitFor()
  await expectFriendly(page, 'residence-identity-checked')
  // Take-in stays with the hukou community: the residence worker cannot open the case card.
  expect((await callAs(env.cloud, 'dev-grid-xinyuan', 'case.get', { caseId: 'case-0006' })).ok).toBe(false)
  await page.close()
})

test("the office lists the roster's out-of-city people and marks one sent to their city", async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室')
  await shown(page, '户籍不在本市的转出人员', true).click()
  await shown(page, '朝鲁门', true).waitFor()
  const text = await page.locator('body').innerText()
  expect(text).toContain('户籍地：锡林浩特市额尔敦路5号')
  expect(text).toContain('本人电话：139****7777')
  expect(text).not.toContain('13904797777')
  await expectFriendly(page, 'referrals-open')
  await shown(page, '已转给户籍地', true).click()
  await shown(page, '已标记：朝鲁门的信息已转给户籍地。').waitFor()
  await shown(page, '没有待转出的人员。').waitFor()
  await shown(page, '已转出', true).click()
  await shown(page, '朝鲁门', true).waitFor()
  await expectFriendly(page, 'referrals-sent')
  expect((await callAs(env.cloud, 'dev-office', 'roster.referrals', { status: 'sent' })).data.items).toHaveLength(1)
  await page.close()
})
