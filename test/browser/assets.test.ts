/**
 * Assets and the enterprise's plans in Chromium on the H5 build (issue 11 #7 #9): the water
 * company's operator registers a venue for 乌兰社区, records the group company's and the SASAC's
 * approvals, a swap (what it was swapped for), the agreement with the city government and
 * completion; fills in its 移交方案 and 维稳方案. The community's admin sees the asset coming to
 * it; the office opens the enterprise from the board and reads both plans and the asset.
 */
import { checkScreen } from './elderly'
import { callAs, phonePage, screenshot, shown, signInAs, useBrowserAndCloud } from './browser'
import type { Page } from 'playwright-core'

jest.setTimeout(180_000)

const env = useBrowserAndCloud()

async function expectUsable(page: Page, name: string) {
  await page.waitForTimeout(150)
  await screenshot(page, name)
  const { smallTargets, axeViolations } = await checkScreen(page, 18, 44)
  expect({ screen: name, smallTargets, axeViolations }).toEqual({ screen: name, smallTargets: [], axeViolations: [] })
}

const fill = (page: Page, placeholder: string, value: string) => page.locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`).filter({ visible: true }).first().fill(value)

test('the enterprise records an asset through approvals, a swap, the city agreement and completion; the community sees it coming', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '资产划转', true).click()
  await shown(page, '登记一项资产').waitFor()
  await fill(page, '资产名称，如 老年活动室', '老年活动室（公司院内）')
  await shown(page, '乌兰社区').click()
  await shown(page, '登记资产', true).click()
  await shown(page, '资产记录已保存。').waitFor()
  await shown(page, '老年活动室（公司院内） · 待审批').waitFor()
  await expectUsable(page, 'enterprise-assets-registered')

  // Completion before the approvals is refused, with the reason.
  await page.locator('taro-button-core').filter({ hasText: '老年活动室（公司院内） · 待审批', visible: true }).first().click()
  await shown(page, '办理：老年活动室（公司院内）').waitFor()
  await fill(page, '完成划转（或调换）的日期', '2020-03-18')
  await shown(page, '保存这项资产').click()
  await shown(page, '资产要经集团公司和国资委审核批准后才能划转（或调换）。').waitFor()

  await fill(page, '集团公司批准日期，如 2020-04-01', '2020-03-01')
  await fill(page, '国资委批准日期，如 2020-04-15', '2020-03-05')
  await shown(page, '难以分割，调换').click()
  await fill(page, '与市政府签订协议的日期', '2020-03-08')
  await fill(page, '协议编号，如 二政资〔2020〕3号', '二政资〔2020〕3号')
  await shown(page, '保存这项资产').click()
  await shown(page, '调换的资产要写明调换成了什么。').waitFor()
  await fill(page, '调换成什么，如 新建的社区活动中心二楼', '社区活动中心二楼 300 平方米')
  await shown(page, '保存这项资产').click()
  await shown(page, '资产记录已保存。').waitFor()
  await shown(page, '老年活动室（公司院内） · 已完成').waitFor()
  const text = await page.locator('body').innerText()
  expect(text).toContain('调换：换成 社区活动中心二楼 300 平方米')
  expect(text).toContain('与市政府的移交协议：二政资〔2020〕3号（2020年3月8日 签订）')
  await expectUsable(page, 'enterprise-assets-completed')
  await page.close()

  const admin = await phonePage(env.browser)
  await signInAs(admin, env.cloud.url, '社区主任 赵敏')
  await shown(admin, '划转给本社区的资产').click()
  await shown(admin, '老年活动室（公司院内） · 已完成').waitFor()
  const seen = await admin.locator('body').innerText()
  expect(seen).toContain('国资委批准：2020年3月5日')
  expect(seen).toContain('二连浩特市供排水有限责任公司 → 乌兰社区')
  await expectUsable(admin, 'community-assets')
  await admin.close()
  // The heating company's operator sees none of it.
  expect((await callAs(env.cloud, 'dev-ent-heat', 'assets.list')).data.items).toEqual([])
})

test('the enterprise fills in its 移交方案 and 维稳方案; the office reads them from the board', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '移交方案和维稳方案', true).click()
  await shown(page, '保存两个方案').waitFor()
  await fill(page, '移交方案制定日期', '2019-11-15')
  await fill(page, '移交退休人员的范围', '本企业户籍在本市的全部退休人员（离休人员除外）')
  await fill(page, '退休人员的基本情况', '共 120 人，平均年龄 68 岁')
  await fill(page, '移交内容', '名单、人事档案、党员组织关系、活动场地')
  await fill(page, '第1步做什么', '公告公示移交方案')
  await fill(page, '第1步完成日期，如 2020-03-31', '2019-11-20')
  await shown(page, '再加一步').click()
  await fill(page, '第2步做什么', '与社区签订移交协议')
  await fill(page, '第2步完成日期，如 2020-03-31', '2020-03-31')
  await fill(page, '退休人员中的党员情况', '党员 35 人，转入户籍所在地社区党组织')
  await fill(page, '活动场地移交情况', '老年活动室一处，调换为社区活动中心二楼')
  await fill(page, '维稳方案制定日期', '2019-11-25')
  await fill(page, '情况预判', '个别人员对统筹外费用有顾虑')
  await fill(page, '维稳联系人', '刘建华')
  await fill(page, '联系人电话', '13904790104')
  await shown(page, '保存两个方案').click()
  await shown(page, '请写明维稳预案').waitFor()
  await fill(page, '维稳预案', '企业党委书记牵头，逐户解释政策，当天答复')
  await shown(page, '保存两个方案').click()
  await shown(page, '方案已保存（第 1 版）。').waitFor()
  await expectUsable(page, 'enterprise-plans')
  await page.close()

  const office = await phonePage(env.browser)
  await signInAs(office, env.cloud.url, '领导小组办公室 余宏利')
  await shown(office, '看 二连浩特市供排水有限责任公司 的移交方案、维稳方案和资产').click()
  await shown(office, '维稳预案：企业党委书记牵头，逐户解释政策，当天答复').waitFor()
  const text = await office.locator('body').innerText()
  expect(text).toContain('移交范围：本企业户籍在本市的全部退休人员（离休人员除外）')
  expect(text).toContain('2. 与社区签订移交协议（2020年3月31日前）')
  expect(text).toContain('维稳联系人：刘建华 13904790104')
  expect(text).toContain('老年活动室（公司院内） · 已完成')
  await expectUsable(office, 'supervisor-enterprise-plans')
  // 一（四）: the office marks the enterprise 另有规定 on the same screen, and can take the mark back.
  await shown(office, '没有标记另有规定：和其他退休人员一样移交。').waitFor()
  await shown(office, '标记为另有规定', { exact: true }).click()
  await shown(office, '已标记为另有规定：按其规定办理，不参加这次移交。').waitFor()
  await office.getByText(/^已标记为另有规定，已按新的标记重新核对 \d+ 人的移交范围。$/).first().waitFor()
  expect((await env.cloud.store.getEnterprise('ent-water'))?.ownRules).toBe(true)
  await expectUsable(office, 'supervisor-enterprise-own-rules')
  await shown(office, '取消另有规定的标记', { exact: true }).click()
  await shown(office, '没有标记另有规定：和其他退休人员一样移交。').waitFor()
  expect((await env.cloud.store.getEnterprise('ent-water'))?.ownRules).toBe(false)
  await office.close()
})
