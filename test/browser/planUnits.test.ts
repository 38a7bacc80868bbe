/**
 * The units the plan names, each on its own screens (issue 11 points 1–3): the two-sided
 * agreement reminds the community until it signs and the enterprise after; 人社局 and 医保局
 * each record their own 社保 step and the retiree's timeline names them with a phone number;
 * the community party secretary records its own community's party steps and sees the
 * enterprise's party contact. Every screen is saved and checked with axe-core.
 */
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { fixedClock } from '../../shared/Clock'
import { startLocalCloud, type LocalCloud } from '../../local/server'
import { ROUTES } from '../../miniprogram/routes'
import { callAs, launchBrowser, phonePage, screenshot, signInAs, shown } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(180_000)

// 7 days before the agreement deadline (2020-03-31).
const clock = fixedClock('2020-03-24T01:00:00Z')
let cloud: LocalCloud
let browser: Browser

beforeAll(async () => {
  cloud = await startLocalCloud({ dataFile: ':memory:', staticDir: resolve(__dirname, '../../dist/h5'), clock, log: () => {} })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})

async function signedIn(user: string): Promise<Page> {
  const page = await phonePage(browser)
  await signInAs(page, cloud.url, user)
  await page.waitForFunction(() => !location.hash.includes('devLogin'))
  return page
}

async function open(page: Page, url: string, ready: string) {
  await page.goto(new URL(`/#${url}`, cloud.url).href)
  await shown(page, ready).waitFor()
  await page.waitForTimeout(300)
}

/** Saves the screen and checks it: 18px text, 44px targets, no serious or critical axe violation. */
async function checked(page: Page, name: string) {
  await screenshot(page, name)
  const check = await checkScreen(page, 18, 44)
  expect({ screen: name, ...check }).toEqual({ screen: name, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

/** The member of staff's messages, loaded afresh. */
async function openMessages(page: Page) {
  await page.goto(new URL(`/#${ROUTES.staffMessages}`, cloud.url).href)
  await page.reload()
  await page.locator('.message').filter({ visible: true }).first().waitFor()
  await page.waitForTimeout(300)
}

const runNotifications = () => fetch(new URL('/dev/run-notifications', cloud.url), { method: 'POST' })

test('the agreement reminder goes to the community until it signs, then to the enterprise', async () => {
  await runNotifications()
  const admin = await signedIn('社区主任 赵敏')
  await openMessages(admin)
  const toCommunity = /^(【新】)?本社区还有 \d+ 人的「签订移交协议」未办完，2020年3月31日截止$/
  await admin.getByText(toCommunity).first().waitFor()
  await checked(admin, 'plan-units-community-agreement-reminder')

  const enterprise = await signedIn('经办人 刘建华')
  await openMessages(enterprise)
  expect(await enterprise.locator('body').innerText()).not.toMatch(/本企业还有 \d+ 人的「签订移交协议」/)

  // The enterprise drafts for 乌兰社区; the community signs on its screen.
  const candidates = (await callAs(cloud, 'dev-ent-water', 'agreement.candidates', { communityId: 'com-wulan' })).data
  expect(candidates.cases.length).toBeGreaterThan(0)
  await callAs(cloud, 'dev-ent-water', 'agreement.draft', { communityId: 'com-wulan', caseIds: candidates.cases.map((c: { id: string }) => c.id) })
  await open(admin, ROUTES.communityAgreements, '审核无误，社区签字')
  await shown(admin, '审核无误，社区签字', true).click()
  await shown(admin, '社区已签字，待企业会签').waitFor()

  // Six days on, the day before the deadline: the enterprise answers for those it has to countersign.
  clock.set('2020-03-30T01:00:00Z')
  await runNotifications()
  await openMessages(enterprise)
  await enterprise.getByText(`本企业还有 ${candidates.cases.length} 人的「签订移交协议」未办完，2020年3月31日截止`).first().waitFor()
  await checked(enterprise, 'plan-units-enterprise-agreement-reminder')
  await admin.close()
  await enterprise.close()
  clock.set('2020-03-24T01:00:00Z')
})

test('人社局 and 医保局 each record their own 社保 step; the retiree’s timeline names them with a phone number', async () => {
  // 王建国 (case-0003) is past the agreement: the 社保 stage is open.
  const retiree = await signedIn('王建国')
  await open(retiree, ROUTES.timeline, '社会保障服务衔接')
  await shown(retiree, '负责单位：市人社局、市医保局（市人社局，电话 0479-7522604）').waitFor()
  await shown(retiree, '也可以联系：市医保局，电话 0479-7522605').waitFor()
  await checked(retiree, 'plan-units-retiree-timeline-bureaus')

  const hrss = await signedIn('人社局 王海峰')
  await open(hrss, `${ROUTES.workerCase}?id=case-0003`, '可以办理')
  await shown(hrss, '登记前请核对：养老金等社会保障待遇按时足额发放。').waitFor()
  await checked(hrss, 'plan-units-hrss-case')
  expect(await hrss.getByText('登记：医保关系已接续').filter({ visible: true }).count()).toBe(0)
  await shown(hrss, '登记：养老金按时足额发放已核对').click()
  await shown(hrss, '已登记：养老金按时足额发放已核对。').waitFor()

  const medical = await signedIn('医保局 斯琴')
  await open(medical, `${ROUTES.workerCase}?id=case-0003`, '可以办理')
  await shown(medical, '医保已纳入地方管理', true).click()
  await checked(medical, 'plan-units-medical-case')
  await shown(medical, '登记：医保关系已接续').click()
  await shown(medical, '已登记：医保关系已接续。').waitFor()

  await open(retiree, ROUTES.timeline, '社会保障服务衔接')
  await retiree.reload()
  await shown(retiree, '社会保障服务衔接').waitFor()
  const timeline = await retiree.locator('body').innerText()
  expect(timeline).not.toContain('负责单位：市人社局、市医保局')
  for (const p of [retiree, hrss, medical]) await p.close()
})

test('the community party secretary records its own community’s party steps, with the enterprise’s party contact in view', async () => {
  const secretary = await signedIn('社区党委书记 其其格')
  // 额尔敦毕力格 (case-0002) is a party member of 乌兰社区 at the party stage.
  await open(secretary, `${ROUTES.workerCase}?id=case-0002`, '谁在办')
  await shown(secretary, '也可联系：二连浩特市供排水有限责任公司党组织 党支部书记 张志强 0479-7521109').waitFor()
  await checked(secretary, 'plan-units-party-secretary-case')
  await shown(secretary, '登记：党组织关系已转入社区').click()
  await shown(secretary, '已登记：党组织关系已转入社区。').waitFor()
  await secretary.locator('input[placeholder="编入哪个党支部，如 乌兰社区第一党支部"]').filter({ visible: true }).fill('乌兰社区第一党支部')
  await shown(secretary, '登记：已编入社区党支部').click()
  await shown(secretary, '已登记：已编入社区党支部。').waitFor()
  // Another community's retiree is not theirs.
  await secretary.goto(new URL(`/#${ROUTES.workerCase}?id=case-0006`, cloud.url).href)
  await shown(secretary, '这位退休人员不在您的管辖范围内').waitFor()
  await secretary.close()
})

test('the organisation department invites a community’s party secretary, and only that', async () => {
  const dept = await signedIn('组织部 任建明')
  await shown(dept, '社区党组织书记：邀请和移除').click()
  await shown(dept, '现有工作人员').waitFor()
  await shown(dept, '格日勒社区', true).click()
  await checked(dept, 'plan-units-party-department-invites')
  await shown(dept, '生成邀请码').click()
  await dept.getByText(/^邀请码 [A-Z0-9]{8}（社区党组织书记，格日勒社区），7天内有效。$/).filter({ visible: true }).first().waitFor()
  expect(await dept.getByText('企业经办人').filter({ visible: true }).count()).toBe(0)
  await dept.close()
})
