/**
 * 公告公示 and 意见反馈 (issue 13 #2) in Chromium on the H5 build: the enterprise publishes its
 * 移交方案's summary; a retiree sees it once on the home screen, reads it in large type and sends
 * an opinion; the enterprise answers; the retiree sees the answer; a second retiree marks it read
 * in 长辈模式; the read counts move for the enterprise and the office. Every screen is saved under
 * artifacts/screens/ and checked: axe-core 0 serious/critical, text ≥ 18px and targets ≥ 44px
 * (24px and 60px in 长辈模式).
 */
import type { Page } from 'playwright-core'
import { ROUTES } from '../../miniprogram/routes'
import { callAs, phonePage, screenshot, signInAs, shown, useBrowserAndCloud, openFresh } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()
const ENT = 'dev-ent-water'

async function expectReadable(page: Page, screen: string, elder = false) {
  await page.waitForTimeout(300)
  await screenshot(page, screen)
  expect({ screen, ...(await checkScreen(page, elder ? 24 : 18, elder ? 60 : 44)) }).toEqual({ screen, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

const fill = (page: Page, placeholder: string, value: string) => page.locator(`input[placeholder^="${placeholder}"], textarea[placeholder^="${placeholder}"]`).filter({ visible: true }).first().fill(value)

async function staffAt(label: string, route: string): Promise<Page> {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, label)
  await page.waitForFunction(() => !location.hash.includes('devLogin'))
  await openFresh(page, new URL(`/#${route}`, env.cloud.url).href)
  return page
}

test('an enterprise publishes; a retiree reads it and sends an opinion, which is answered; the read counts move', async () => {
  // The enterprise publishes.
  const ent = await staffAt('经办人 刘建华', ROUTES.enterpriseNotice)
  await shown(ent, '还没有公示。').waitFor()
  await fill(ent, '移交后有哪些变化', '移交后由户籍所在地社区管理服务；党组织关系转入社区党组织。')
  await fill(ent, '哪些不变', '养老金照常按时足额发放，医保照常享受。')
  await fill(ent, '第1步做什么', '签订移交协议')
  await fill(ent, '第1步完成日期', '2020-03-31')
  await fill(ent, '意见反馈截止日期', '2020-04-10')
  await shown(ent, '公示给全体退休人员', true).click()
  await shown(ent, '已公示第 1 版').waitFor()
  const { data: counts } = await callAs(env.cloud, ENT, 'notice.get')
  const total = counts.retirees as number
  expect(total).toBeGreaterThan(2)
  await shown(ent, `已读：0 / ${total} 人`).waitFor()
  await expectReadable(ent, 'notice-enterprise-published')

  // A retiree sees it once on the home screen, reads it and sends an opinion.
  const retiree = await phonePage(env.browser)
  await signInAs(retiree, env.cloud.url, '退休人员：斯日古楞')
  await shown(retiree, '原企业公示了移交方案').waitFor()
  await expectReadable(retiree, 'notice-retiree-home')
  await shown(retiree, '看公示、提意见', true).click()
  await shown(retiree, '移交后，这些会变').waitFor()
  expect(await retiree.locator('body').innerText()).toContain('2020年3月31日前：签订移交协议')
  await expectReadable(retiree, 'notice-retiree-read')
  await fill(retiree, '写下您的意见', '老年活动室移交以后还能去吗？')
  await shown(retiree, '提交意见', true).click()
  await shown(retiree, '您的意见已交给原企业').waitFor()
  await shown(retiree, '等原企业答复').waitFor()
  await expectReadable(retiree, 'notice-retiree-sent')
  await retiree.goto(new URL(`/#${ROUTES.home}`, env.cloud.url).href)
  await shown(retiree, '斯日古楞，您好').waitFor()
  await retiree.waitForTimeout(500)
  expect(await retiree.locator('#plan-notice-card').filter({ visible: true }).count()).toBe(0) // once: an opinion counts as read

  // The enterprise answers, recording a change to the plan.
  await ent.goto(new URL(`/#${ROUTES.enterpriseOpinions}`, env.cloud.url).href)
  await shown(ent, '老年活动室移交以后还能去吗？').waitFor()
  await shown(ent, `已读：1 / ${total} 人`).waitFor()
  await shown(ent, '意见：待答复 1 条，已答复 0 条').waitFor()
  await expectReadable(ent, 'notice-enterprise-opinions')
  await fill(ent, '答复', '能去。活动室移交社区后照常开放。')
  await fill(ent, '因这条意见修改的方案', '活动场地：老年活动室移交社区后照常开放')
  await shown(ent, '答复', true).click()
  await shown(ent, '答复（2020年3月20日）：能去。活动室移交社区后照常开放。').waitFor()
  await shown(ent, '意见：待答复 0 条，已答复 1 条').waitFor()

  // The retiree sees the answer.
  await retiree.goto(new URL(`/#${ROUTES.notice}`, env.cloud.url).href)
  await shown(retiree, '原企业答复：能去。活动室移交社区后照常开放。').waitFor()
  await shown(retiree, '方案已修改：活动场地：老年活动室移交社区后照常开放').waitFor()
  await expectReadable(retiree, 'notice-retiree-answered')

  // A second retiree, in 长辈模式, marks it read.
  const second = await phonePage(env.browser)
  await signInAs(second, env.cloud.url, '退休人员：额尔敦毕力格')
  await shown(second, '原企业公示了移交方案').waitFor()
  await second.locator('#elder-toggle').click()
  await second.waitForFunction(() => document.querySelector('.page.elder') !== null)
  await shown(second, '原企业公示了移交方案').waitFor()
  await expectReadable(second, 'notice-retiree-home-elder', true)
  await shown(second, '看公示、提意见', true).click()
  await shown(second, '移交后，这些会变').waitFor()
  await expectReadable(second, 'notice-retiree-read-elder', true)
  await shown(second, '我看过了，没有意见', true).click()
  await shown(second, '已记下您看过了。').waitFor()
  await shown(second, '您已看过这一版。').waitFor()

  // The office sees the counts and the opinions, without the retirees' names.
  const office = await staffAt('领导小组办公室 余宏利', `${ROUTES.supervisorEnterprise}?id=ent-water`)
  await shown(office, `已读：2 / ${total} 人`).waitFor()
  await shown(office, '老年活动室移交以后还能去吗？').waitFor()
  const text = await office.locator('body').innerText()
  expect(text).toContain('斯**')
  expect(text).not.toContain('斯日古楞')
  await expectReadable(office, 'notice-office')
  for (const p of [ent, retiree, second, office]) await p.close()
})
