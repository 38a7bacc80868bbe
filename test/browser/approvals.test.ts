/**
 * Plan 四（七） in Chromium on the H5 build: after the hand-over, a 市委-managed retiree's trip
 * abroad goes to the organisation department, which approves it, and the retiree sees the answer;
 * a plain retiree's request lands with the community, not the 组织部. Each screen is saved under
 * artifacts/screens/ and checked for size and axe (the retiree's also in 长辈模式).
 */
import type { Page } from 'playwright-core'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { throughSteps } from '../../shared/testing/handedOver'
import { callAs, phonePage, shown, signInAs, useBrowserAndCloud } from './browser'
import { expectFriendly, SIZES } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()

const { retiree: RETIREE, elder: ELDER, staff: STAFF } = SIZES

const fill = (page: Page, placeholder: string, value: string) => page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).first().fill(value)

test('a 市委-managed retiree’s trip abroad goes to the organisation department, which approves it; the retiree sees the answer, in 长辈模式 too', async () => {
  // Arranged: 王建国 (case-0003, 市委管理的领导人员) is taken into 乌兰社区's management the day before.
  const start = (await env.cloud.store.getCase('case-0003'))!
  const done = throughSteps(erenhot2019, start, Infinity, Date.parse('2020-03-19T08:00:00Z'), 3600_000)
  await env.cloud.store.commit({ cases: [{ next: { ...done, version: start.version + 1 }, expectedVersion: start.version }] })

  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '王建国')
  await shown(page, '兼职、出国（境）审批', true).waitFor()
  await shown(page, '申请和查看审批', true).click()
  await shown(page, '因私出国（境）：由市委组织部审批').waitFor()
  await expectFriendly(page, 'approvals-retiree-open', RETIREE)

  await shown(page, '我想因私出国（境）', true).click()
  await fill(page, '去哪个国家或地区', '蒙古国乌兰巴托')
  await fill(page, '哪天出发，如 2020-05-01', '2020-05-01')
  await fill(page, '哪天回来，如 2020-05-10', '2020-05-10')
  await fill(page, '去做什么，如 探亲、旅游', '探亲')
  await shown(page, '提交申请', true).click()
  await shown(page, '申请已提交。').waitFor()
  await shown(page, '已提交，等待审批').waitFor()
  expect(await page.locator('body').innerText()).toContain('审批单位：市委组织部')
  await expectFriendly(page, 'approvals-retiree-submitted', RETIREE)

  // The organisation department: from its start screen to the request, then agrees with a note.
  const staff = await phonePage(env.browser)
  await signInAs(staff, env.cloud.url, '组织部 任建明')
  await shown(staff, '兼职、出国（境）审批', true).click()
  await shown(staff, '王建国：因私出国（境）申请').waitFor()
  const text = await staff.locator('body').innerText()
  expect(text).toContain('去往：蒙古国乌兰巴托')
  expect(text).toContain('时间：2020年5月1日 至 2020年5月10日')
  await expectFriendly(staff, 'approvals-party-pending', STAFF)
  await fill(staff, '意见或理由（不同意时必填）', '请按时回国')
  await shown(staff, '同意', true).click()
  await shown(staff, '已答复王建国').waitFor()
  await shown(staff, '现在没有等您审批的申请。').waitFor()
  await expectFriendly(staff, 'approvals-party-decided', STAFF)
  await staff.close()

  // The retiree sees the answer on the page and in 消息.
  await page.reload()
  await shown(page, '已同意', true).waitFor()
  await shown(page, '意见：请按时回国').waitFor()
  await expectFriendly(page, 'approvals-retiree-approved', RETIREE)
  const inbox = (await callAs(env.cloud, 'dev-retiree-3', 'inbox.list')).data
  expect(inbox.items[0]).toMatchObject({ title: '您的因私出国（境）申请已同意', read: false })

  // 长辈模式: the home card and the page keep the larger numbers.
  await shown(page, '回到首页', true).click()
  await page.locator('#elder-toggle').click()
  await page.waitForFunction(() => document.querySelector('.page.elder') !== null)
  await shown(page, '申请和查看审批', true).waitFor()
  await expectFriendly(page, 'approvals-home-elder-mode', ELDER)
  await shown(page, '申请和查看审批', true).click()
  await shown(page, '已同意', true).waitFor()
  await expectFriendly(page, 'approvals-retiree-elder-mode', ELDER)
  await page.close()
})

test('a plain retiree’s request lands with the community, not the organisation department', async () => {
  const page = await phonePage(env.browser)
  // 乌云其木格 (case-0005) is already taken in by 乌兰社区.
  await signInAs(page, env.cloud.url, '乌云其木格')
  await shown(page, '申请和查看审批', true).click()
  await shown(page, '兼职（任职）：由接收社区审批').waitFor()
  await shown(page, '我想在外单位兼职（任职）', true).click()
  await fill(page, '在哪个单位', '二连浩特市老年大学')
  await fill(page, '担任什么职务', '兼职教师')
  await fill(page, '任期，如 2020年5月至2022年4月', '2020年5月至2022年4月')
  await expectFriendly(page, 'approvals-retiree-post-form', RETIREE)
  await shown(page, '提交申请', true).click()
  await shown(page, '申请已提交。').waitFor()
  expect(await page.locator('body').innerText()).toContain('审批单位：接收社区')
  await page.close()

  expect((await callAs(env.cloud, 'dev-party', 'approval.pending')).data.items.map((i: { name: string }) => i.name)).not.toContain('乌云其木格')
  const staff = await phonePage(env.browser)
  await signInAs(staff, env.cloud.url, '社区主任 赵敏')
  await shown(staff, '兼职、出国（境）审批', true).click()
  await shown(staff, '乌云其木格：兼职（任职）申请').waitFor()
  expect(await staff.locator('body').innerText()).toContain('乌兰社区：待审批的兼职（任职）、因私出国（境）申请')
  await expectFriendly(staff, 'approvals-community-pending', STAFF)
  await staff.close()
})
