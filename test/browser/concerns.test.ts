/**
 * Concerns end to end (issue 13 point 1): a retiree raises a concern from the home card; nobody
 * answers, so the hourly pass lifts it, on China days and outside quiet hours, up to the office;
 * the enterprise answers; the retiree reads the answer and says it solved the matter. Retiree
 * screens are checked for the elderly numbers, in 长辈模式 too; every screen with axe-core.
 */
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { fixedClock } from '../../shared/Clock'
import { startLocalCloud, type LocalCloud } from '../../local/server'
import { expectFriendly } from './elderly'
import { launchBrowser, phonePage, screenshot, signInAs, shown } from './browser'

jest.setTimeout(180_000)

const clock = fixedClock('2020-03-20T09:00:00+08:00')
const env = {} as { cloud: LocalCloud; browser: Browser }
beforeAll(async () => {
  env.cloud = await startLocalCloud({ dataFile: ':memory:', staticDir: resolve(__dirname, '../../dist/h5'), clock, log: () => {} })
  env.browser = await launchBrowser()
})
afterAll(async () => {
  await env.browser?.close()
  await env.cloud?.close()
})


/** The hourly notify run, at a China time. */
async function runNotifyAt(chinaTime: string) {
  clock.set(chinaTime)
  const res = await fetch(new URL('/dev/run-notifications', env.cloud.url), { method: 'POST' })
  return (await res.json()) as { concernEscalations: { quiet: boolean; escalated: number } }
}

const RETIREE = '王建国' // 热力公司, not yet taken in: social services are still the enterprise's
const TEXT = '移交以后，老年活动还有人组织吗？'

test('a retiree raises a concern; unanswered, it climbs to the office; the enterprise answers; the retiree says it is solved', async () => {
  const retiree = await phonePage(env.browser)
  await signInAs(retiree, env.cloud.url, RETIREE)
  await shown(retiree, `${RETIREE}，您好`).waitFor()
  await shown(retiree, '有事想反映').waitFor()
  await shown(retiree, '我要反映', true).click()
  await shown(retiree, '先选是哪方面的事').waitFor()
  await expectFriendly(retiree, 'concern-raise-empty')
  await shown(retiree, '社区服务', true).click()
  await retiree.locator('textarea').filter({ visible: true }).fill(TEXT)
  await shown(retiree, '交给负责的单位', true).click()
  await shown(retiree, '已经交给负责的单位').waitFor()
  await shown(retiree, '已转给原企业，等待答复').waitFor()
  expect(await retiree.locator('body').innerText()).toContain('由原企业在2020年3月25日前答复')
  await expectFriendly(retiree, 'concern-raised')

  // 25 March is the last day to answer. At 23:00 it is quiet hours; at 08:00 the next day the first step.
  expect((await runNotifyAt('2020-03-25T23:00:00+08:00')).concernEscalations).toMatchObject({ quiet: true, escalated: 0 })
  expect((await runNotifyAt('2020-03-26T08:00:00+08:00')).concernEscalations).toMatchObject({ escalated: 1 })
  expect((await runNotifyAt('2020-03-28T08:00:00+08:00')).concernEscalations).toMatchObject({ escalated: 1 })
  expect((await runNotifyAt('2020-03-30T08:00:00+08:00')).concernEscalations).toMatchObject({ escalated: 1 })
  await retiree.reload()
  await shown(retiree, '还没有答复，已报给领导小组办公室督办').waitFor()
  await screenshot(retiree, 'concern-escalated-retiree')

  // The office sees it on its board, overdue, under the enterprise.
  const office = await phonePage(env.browser)
  await signInAs(office, env.cloud.url, '领导小组办公室 余宏利')
  await shown(office, '诉求与信访').waitFor({ timeout: 60_000 })
  await shown(office, '待答复 1 件，其中逾期 1 件').waitFor()
  await office.locator('#concern-board').scrollIntoViewIfNeeded()
  await expectFriendly(office, 'concern-board-office')
  await shown(office, '报到办公室的诉求', true).click()
  await shown(office, TEXT).waitFor()
  await screenshot(office, 'concern-office-list')
  await office.close()

  // The enterprise answers.
  const enterprise = await phonePage(env.browser)
  await signInAs(enterprise, env.cloud.url, '经办人 高秀兰')
  await shown(enterprise, '诉求答复', true).click()
  await shown(enterprise, TEXT).waitFor()
  expect(await enterprise.locator('body').innerText()).toContain('已逾期，已报领导小组办公室')
  await enterprise.locator('textarea').filter({ visible: true }).fill('移交后由社区每周三组织活动，我们已把名单交给社区，社区会上门告诉您。')
  await shown(enterprise, '答复', true).click()
  await shown(enterprise, '已答复，退休人员会在小程序里看到').waitFor()
  await expectFriendly(enterprise, 'concern-answered-enterprise')
  await enterprise.close()

  // The retiree reads the answer and says it is solved.
  await retiree.reload()
  await shown(retiree, '原企业的答复：移交后由社区每周三组织活动').waitFor()
  await expectFriendly(retiree, 'concern-answer-seen')
  await shown(retiree, '问题解决了', true).click()
  await shown(retiree, '您说问题已经解决').waitFor()
  await retiree.close()
})

test('in 长辈模式 the concern screens are larger still', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, RETIREE)
  await shown(page, `${RETIREE}，您好`).waitFor()
  await page.locator('#elder-toggle').click()
  await page.waitForFunction(() => document.querySelector('.page.elder') !== null)
  await shown(page, '有事想反映').waitFor()
  await page.locator('#concern-card').scrollIntoViewIfNeeded()
  await expectFriendly(page, 'concern-card-elder-mode', { font: 24, target: 60 })
  await shown(page, '我要反映', true).click()
  await shown(page, '您说问题已经解决').waitFor()
  await expectFriendly(page, 'concerns-elder-mode', { font: 24, target: 60 })
  await page.close()
})
