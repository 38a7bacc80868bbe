/**
 * Issue 14 in Chromium on the H5 build: the office's board shows, per receiving community and per
 * enterprise, how the retirees can be reached, and a grid worker's list of the people reachable by
 * no channel. Each screen is saved under artifacts/screens/ and checked for size and axe.
 */
import { REACHED_BY, REACHED_BY_NAMES } from '../../shared/Reachability'
import { callAs, phonePage, screenshot, shown, signInAs, useBrowserAndCloud } from './browser'
import { expectFriendly } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()

const sharesText = (name: string, s: { total: number; counts: Record<string, number>; percent: Record<string, number> }) =>
  [`${name}：共 ${s.total} 人`, ...REACHED_BY.map((k) => `${REACHED_BY_NAMES[k]}：${s.counts[k]} 人（${s.percent[k]}%）`)]

test('the board shows each community’s and each enterprise’s retirees by the channel that reaches them', async () => {
  // The first demo retiree and her daughter open the mini-program: she is reached by her own WeChat.
  await callAs(env.cloud, 'dev-retiree-1', 'session.me')
  await callAs(env.cloud, 'dev-relative-1', 'session.me')
  const wulan = (await callAs(env.cloud, 'dev-office', 'reach.shares', { side: 'community', orgId: 'com-wulan' })).data
  expect(wulan.counts.ownWechat).toBe(1)
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '领导小组办公室')
  const card = page.locator('#reach-shares').filter({ visible: true }).first()
  await card.getByText('乌兰社区：共', { exact: false }).first().waitFor()
  const text = await card.innerText()
  for (const line of sharesText('乌兰社区', wulan)) expect(text).toContain(line)
  await card.scrollIntoViewIfNeeded()
  await expectFriendly(page, 'reach-board-communities')

  await card.getByText('按企业', { exact: true }).click()
  const water = (await callAs(env.cloud, 'dev-office', 'reach.shares', { side: 'enterprise', orgId: 'ent-water' })).data
  await card.getByText(`${sharesText('', water)[0].slice(1)}`, { exact: false }).first().waitFor()
  const byEnterprise = await card.innerText()
  expect(byEnterprise).toMatch(new RegExp(`：共 ${water.total} 人`))
  for (const line of sharesText('', water).slice(1)) expect(byEnterprise).toContain(line)
  await expectFriendly(page, 'reach-board-enterprises')
  await page.close()
})

test('a grid worker sees the people reachable by no channel, to visit first', async () => {
  const list = (await callAs(env.cloud, 'dev-grid-wulan', 'reach.unreached')).data
  expect(list.items.length).toBeGreaterThan(0)
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '网格员 孟和')
  await shown(page, '先上门：联系不上的人', true).click()
  await shown(page, `先上门：哪种方式都联系不上的 ${list.community.counts.none} 人`).waitFor()
  const text = await page.locator('#unreached-list').filter({ visible: true }).first().innerText()
  for (const p of list.items) expect(text).toContain(`${p.name}：${p.reason}`)
  // Who opened the app in the last 30 days is not on the list.
  expect(list.items.map((p: { caseId: string }) => p.caseId)).not.toContain('case-0001')
  // No whole phone number on the screen.
  expect(await page.locator('body').innerText()).not.toMatch(/(?<!\d)1\d{10}(?!\d)/)
  await expectFriendly(page, 'reach-worker-unreached')
  await page.close()
})

test('locally, an SMS the dispatcher sends shows in the dev inbox, with the number masked', async () => {
  // The retiree of case-0001 uses WeChat but gave no subscribe consent: the stage change also goes by SMS.
  const draft = (await callAs(env.cloud, 'dev-ent-water', 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-0001'] })).data
  const signed = (await callAs(env.cloud, 'dev-admin-wulan', 'agreement.sign', { id: draft.id, expectedVersion: draft.version })).data
  expect((await callAs(env.cloud, 'dev-ent-water', 'agreement.countersign', { id: draft.id, expectedVersion: signed.version })).ok).toBe(true)
  const run = await (await fetch(new URL('/dev/run-notifications', env.cloud.url), { method: 'POST' })).json()
  expect(run.dispatched.sent).toBeGreaterThanOrEqual(1)
  const page = await phonePage(env.browser)
  await page.goto(env.cloud.url)
  const inbox = page.locator('#dev-sms').filter({ visible: true }).first()
  await inbox.getByText('移交进度更新：移交协议已签订，请在小程序查看', { exact: false }).first().waitFor()
  expect(await inbox.innerText()).toMatch(/1\d\d\*\*\*\*\d{4}：移交进度更新/)
  expect(await page.locator('body').innerText()).not.toMatch(/(?<!\d)1\d{10}(?!\d)/)
  await screenshot(page, 'reach-dev-sms-inbox')
  await page.close()
})
