/**
 * The out-of-pool expense ledger (plan 四（五）) in Chromium on the H5 build: the enterprise
 * operator sets the transition in its 移交方案, sees the yearly totals of the people who retired
 * during it, and an entry that would not make a year less than the one before is refused with
 * the rule's message; the life-expectancy lump sum names the policy's figure and its source.
 * Screens saved under artifacts/screens/ and checked: axe-core, 18px text, 44px targets.
 */
import type { Page } from 'playwright-core'
import { ROUTES } from '../../miniprogram/routes'
import { callAs, phonePage, screenshot, signInAs, shown, useBrowserAndCloud, openFresh } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud('2021-05-20T09:00:00+08:00')
const ENT = 'dev-ent-water'

async function expectReadable(page: Page, screen: string) {
  await page.waitForTimeout(300)
  expect({ screen, ...(await checkScreen(page, 18, 44)) }).toEqual({ screen, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

/** The text box of a Taro Input, by its placeholder's start. */
const field = (page: Page, label: string) => page.locator(`input[placeholder^="${label}"]`).filter({ visible: true }).first()

async function retire(caseId: string, retirementMonth: string) {
  const c = (await env.cloud.store.getCase(caseId))!
  await env.cloud.store.commit({ cases: [{ next: { ...c, version: c.version + 1, person: { ...c.person, retirementMonth } }, expectedVersion: c.version }] })
}

test('the operator sets the transition, sees the yearly totals, and an entry that breaks 逐步减少 is refused with its message', async () => {
  await retire('case-0001', '2020-03') // year 1 of a transition from 2020-01-01
  await retire('case-0002', '2021-02') // year 2
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await page.waitForFunction(() => !location.hash.includes('devLogin'))
  await openFresh(page, new URL(`/#${ROUTES.enterpriseLedger}`, env.cloud.url).href)
  await shown(page, '还没有填写过渡期的开始日期。').waitFor()

  await field(page, '过渡期开始日期').fill('2020-01-01')
  await shown(page, '保存过渡期', true).click()
  await shown(page, '过渡期已保存。').waitFor()
  await shown(page, '本企业过渡期：2020-01-01 至 2022-12-31').waitFor()

  const enter = async (caseId: string, monthlyYuan: string) => {
    await field(page, '人员编号').fill(caseId)
    await field(page, '费用项目').fill('取暖补贴')
    await field(page, '开始发放日期').fill('2021-03-01')
    await page.locator('.pick', { hasText: '过渡期内新办理退休人员，逐年减少' }).filter({ visible: true }).first().click()
    await field(page, '每月标准（元）').fill(monthlyYuan)
    await shown(page, '登记费用', true).click()
  }
  await enter('case-0001', '300')
  await shown(page, '第1年退休的人员：每年合计 3600.00 元').waitFor()
  await enter('case-0002', '300')
  await shown(page, '过渡期第2年退休人员的统筹外费用合计每年3600.00元，要少于第1年的3600.00元（逐步减少）。').waitFor()
  await screenshot(page, 'expenses-refused')
  await expectReadable(page, 'expenses-refused')
  await enter('case-0002', '200')
  await shown(page, '第2年退休的人员：每年合计 2400.00 元').waitFor()
  expect((await callAs(env.cloud, ENT, 'expenses.list')).data.ledger.yearlyFen).toEqual([360000, 240000])

  // The lump sum by life expectancy: the policy's figure and its source, never a number in the screen.
  await page.locator('.pick', { hasText: '参考人口平均预期寿命一次性支付' }).filter({ visible: true }).first().click()
  await shown(page, '我市人口平均预期寿命 75 岁（来源：示例值').waitFor()
  await screenshot(page, 'expenses-ledger')
  await expectReadable(page, 'expenses-ledger')
  await page.close()
})
