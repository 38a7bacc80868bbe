/**
 * The retiree's flows end to end in Chromium on the H5 build: bind (a wrong attempt first),
 * timeline, confirm, dispute, community, QR code, inbox, 长辈模式. Every screen is saved under
 * artifacts/screens/, checked with axe-core (no serious or critical violations), and measured:
 * text at least 18px (24px in 长辈模式), touch targets at least 44px (60px), line height ≥ 1.3.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { DEV_SESSION_HEADER } from '../../local/server'
import { BINDING_DEMO_CASE_ID } from '../../local/seed'
import { checkScreen } from './elderly'
import { phonePage, screenshot, signInAs, shown, useBrowserAndCloud } from './browser'

jest.setTimeout(90_000)

const env = useBrowserAndCloud()

async function expectElderlyFriendly(page: Page, name: string, elder = false) {
  await page.waitForTimeout(150)
  await screenshot(page, name)
  const check = await checkScreen(page, elder ? 24 : 18, elder ? 60 : 44)
  expect({ screen: name, ...check }).toEqual({ screen: name, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

async function openTile(page: Page, label: string, ready: string) {
  await shown(page, label, { exact: true }).click()
  await shown(page, ready).waitFor()
}


async function bodyText(page: Page) {
  return page.locator('body').innerText()
}

test('bind, with a wrong attempt first', async () => {
  const page = await phonePage(env.browser)
  const demo = await env.cloud.store.getCase(BINDING_DEMO_CASE_ID)
  const idNumber = (await (await fetch(new URL('/dev/users', env.cloud.url))).json()).bindingDemo.idNumber as string
  await page.goto(env.cloud.url)
  await shown(page, '新微信用户（还没绑定）').click()
  await shown(page, '第一次使用，请先绑定').waitFor()
  await expectElderlyFriendly(page, 'bind')
  await page.locator('input[placeholder="例如：斯日古楞"]').fill('巴特')
  await page.locator('input[placeholder="18位，最后一位可能是X"]').fill(idNumber)
  await shown(page, '绑定', { exact: true }).click()
  await shown(page, '对不上').waitFor()
  expect(await bodyText(page)).toContain('今天还可以试 4 次')
  await screenshot(page, 'bind-wrong-attempt')
  await page.locator('input[placeholder="例如：斯日古楞"]').fill(demo!.person.name)
  await shown(page, '绑定', { exact: true }).click()
  await shown(page, `${demo!.person.name}，您好`).waitFor()
  await expectElderlyFriendly(page, 'home-after-binding')
  await page.close()
})

test('read the timeline, with a stage that does not apply explained', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '王建国')
  await shown(page, '王建国，您好').waitFor()
  await expectElderlyFriendly(page, 'home')
  await openTile(page, '我的移交进度', '1. 摸底造册：已办完')
  const text = await bodyText(page)
  expect(text).toContain('4. 人事档案移交：不需要办')
  expect(text).toContain('人事档案不移交，留在原处保管')
  expect(text).toContain('签订移交协议：已办完')
  expect(text).toContain('截止日期：2020年6月30日')
  // The community's party organisation takes the relation in (plan 四（三））; 人社局 and 医保局 the 社保 handover (四（六））.
  expect(text).toContain('负责单位：社区党组织（乌兰社区第一党支部，电话 0479-7531001）')
  expect(text).toContain('负责单位：市人社局、市医保局（市人社局，电话 0479-7522604）')
  expect(text).toContain('也可以联系：市医保局，电话 0479-7522605')
  expect(text).toContain('养老金照常按时足额发放')
  // When the community cannot help, the leading-group office's number is there to call.
  expect(text).toContain('可以打领导小组办公室（市财政局）的电话：0479-7522603')
  await expectElderlyFriendly(page, 'timeline')
  await page.close()
})

test('the FAQ answers in plain words and gives the office’s number for what the community cannot solve', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '斯日古楞')
  await shown(page, '斯日古楞，您好').waitFor()
  await openTile(page, '常见问题', '我的养老金会变吗？')
  await shown(page, '可以打领导小组办公室（市财政局）的电话：0479-7522603').waitFor()
  await expectElderlyFriendly(page, 'faq')
  await page.close()
})

test('confirm the details', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '斯日古楞（')
  await shown(page, '斯日古楞，您好').waitFor()
  await openTile(page, '核对我的信息', '身份证号：')
  expect(await bodyText(page)).toMatch(/身份证号：152501\*{12}/)
  await expectElderlyFriendly(page, 'details')
  await shown(page, '信息都对', { exact: true }).click()
  await shown(page, '已确认，谢谢您！').waitFor()
  expect(await bodyText(page)).toContain('确认信息无误')
  await expectElderlyFriendly(page, 'details-confirmed')
  expect((await env.cloud.store.getCase('case-0001'))!.actions.at(-1)?.type).toBe('detailsConfirmed')
  await page.close()
})

test('dispute a field', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '额尔敦毕力格')
  await shown(page, '额尔敦毕力格，您好').waitFor()
  await openTile(page, '核对我的信息', '身份证号：')
  await shown(page, '有不对的地方', { exact: true }).click()
  await shown(page, '户籍地址：', { exact: false }).click()
  await page.locator('input[placeholder="户籍地址哪里不对？"]').fill('门牌号应该是12号')
  await expectElderlyFriendly(page, 'details-dispute-form')
  await shown(page, '提交更正').click()
  await shown(page, '更正申请：等待原企业核实').waitFor()
  expect(await bodyText(page)).toContain('户籍地址：门牌号应该是12号')
  await expectElderlyFriendly(page, 'details-disputed')
  await page.close()
})

test('open the community (own, and from a poster)', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '额尔敦毕力格')
  await shown(page, '额尔敦毕力格，您好').waitFor()
  await openTile(page, '我的社区', '您的网格员')
  const text = await bodyText(page)
  expect(text).toContain('乌兰社区')
  expect(text).toContain('您的党支部')
  expect(text).toContain('给网格员打电话')
  await expectElderlyFriendly(page, 'community')
  await page.goto(`${env.cloud.url}#/pages/community/index?scene=WL01`)
  await shown(page, '欢迎来到').waitFor()
  expect(await bodyText(page)).toContain('我是退休人员，去绑定')
  await expectElderlyFriendly(page, 'community-poster')
  await page.close()
})

test('show the QR code: it decodes to a pass a grid worker can open', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '斯日古楞（')
  await shown(page, '斯日古楞，您好').waitFor()
  await openTile(page, '我的二维码', '扫不了码时')
  await expectElderlyFriendly(page, 'qrcode')
  const png = PNG.sync.read(await page.locator('.qr').first().screenshot())
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  expect(decoded?.data).toMatch(/^v1\.case-0001\.\d+\./)
  const fallback = (await page.locator('#fallback-code').innerText()).replace(/\s/g, '')
  const session = await (await fetch(new URL('/dev/session', env.cloud.url), { method: 'POST', body: JSON.stringify({ userId: 'dev-grid-wulan' }) })).json()
  const open = async (input: object) =>
    (await fetch(new URL('/api/api', env.cloud.url), { method: 'POST', headers: { [DEV_SESSION_HEADER]: session.token }, body: JSON.stringify({ action: 'visit.open', input }) })).json()
  expect(await open({ token: decoded!.data })).toMatchObject({ ok: true, data: { case: { id: 'case-0001' } } })
  expect(await open({ code: fallback })).toMatchObject({ ok: true, data: { case: { id: 'case-0001' } } })
  await page.close()
})

test('read the inbox', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '乌云其木格')
  await shown(page, '乌云其木格，您好').waitFor()
  // The community's signature, and each bureau's 社保 check, are messages of their own.
  await openTile(page, '消息（10条未读）', '您已纳入社区管理')
  const text = await bodyText(page)
  expect(text).toContain('【新】实名绑定成功')
  expect(text).toContain('社区已签移交协议')
  expect(text).toContain('人社局已核对养老金')
  expect(text).toContain('医保关系已接续')
  await expectElderlyFriendly(page, 'inbox')
  await page.goBack()
  await shown(page, '消息', { exact: true }).waitFor()
  await page.close()
})

test('switch on 长辈模式: everything gets larger', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '乌云其木格')
  await shown(page, '乌云其木格，您好').waitFor()
  await page.locator('#elder-toggle').click()
  await shown(page, '乌云其木格，您好').waitFor()
  await page.waitForFunction(() => document.querySelector('.page.elder') !== null)
  await expectElderlyFriendly(page, 'home-elder-mode', true)
  await openTile(page, '我的社区', '联系卡')
  await expectElderlyFriendly(page, 'community-elder-mode', true)
  await page.close()
})

test('invite a relative, then revoke the code that was not used', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '王建国')
  await shown(page, '王建国，您好').waitFor()
  await openTile(page, '亲情代办', '最多3位')
  await shown(page, '生成邀请码', { exact: true }).click()
  await shown(page, '还没使用的邀请码').waitFor()
  await expectElderlyFriendly(page, 'family-open-invite')
  await shown(page, '撤销这个邀请码', { exact: true }).click()
  await shown(page, '邀请码已撤销').waitFor()
  expect(await bodyText(page)).not.toContain('还没使用的邀请码')
  await page.close()
})
