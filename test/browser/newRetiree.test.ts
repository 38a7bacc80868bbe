/**
 * Issue 15 in Chromium on the H5 build: in 2021, after the 2019 plan's last fixed date, the
 * enterprise adds a new retiree by the one-person form; the case is due each stage N days after the
 * day it was added, as the office's case page shows, while the 2019 roster keeps its fixed dates.
 */
import { addChinaDays, formatChinaDate } from '../../shared/ChinaTime'
import { checkCharacter } from '../../shared/IdNumber'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { callAs, phonePage, shown, signInAs, useBrowserAndCloud, openFresh } from './browser'
import { expectFriendly } from './elderly'

jest.setTimeout(180_000)

const env = useBrowserAndCloud('2021-03-01T09:00:00+08:00')
const api = (userId: string, action: string, input: unknown) => callAs(env.cloud, userId, action, input)


test('a new retiree added by the form in 2021 is due each stage N days after that day; the 2019 roster keeps its dates', async () => {
  const first17 = '15250119610301071'
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '名册导入（摸底造册）').click()
  await shown(page, '填写一个人的信息', true).click()
  // Each field is a column of the roster template, with the template's example as its hint.
  const field = (example: string) => page.locator(`input[placeholder="如：${example}"]`).filter({ visible: true }).first()
  await field('斯日古楞').fill('图雅')
  await field('152501195503150010').fill(first17 + checkCharacter(first17))
  await field('2015-03').fill('2021-02')
  await field('二连浩特市乌兰大街12号').fill('二连浩特市乌兰大街20号')
  await field('乌兰社区').fill('乌兰社区')
  await shown(page, '党员', true).click()
  await expectFriendly(page, 'new-retiree-form')
  await shown(page, '检查这个人的信息', true).click()
  await shown(page, '检查结果：新增一名退休人员（表单）').waitFor()
  expect(await page.locator('body').innerText()).toContain('可以导入 1 人（新增 1，更新 0）')
  await shown(page, '确认导入这 1 人').click()
  await shown(page, '已完成：1 行全部写入。').waitFor()
  await expectFriendly(page, 'new-retiree-added')

  // The office opens the new case: each stage is due N days after 2021-03-01, the day it was added.
  const found = (await api('dev-office', 'case.list', { name: '图雅' })).data.items.filter((c: { name: string }) => c.name === '图雅')
  expect(found).toHaveLength(1)
  const office = await phonePage(env.browser)
  await signInAs(office, env.cloud.url, '领导小组办公室 余宏利')
  await openFresh(office, new URL(`/#/supervisor/pages/case/index?id=${found[0].id}`, env.cloud.url).href)
  await shown(office, '当前环节：准备移交材料').waitFor()
  const text = await office.locator('body').innerText()
  for (const s of erenhot2019.stages) expect(text).toContain(`${formatChinaDate(addChinaDays('2021-03-01', s.daysAfterOpening!))}截止`)
  expect(text).toContain(`当前环节：准备移交材料（截止 ${formatChinaDate('2021-03-31')}）`)
  await expectFriendly(office, 'new-retiree-office-case')

  // A 2019 roster case still has the plan's fixed dates (and is long overdue).
  const old = (await api('dev-office', 'case.list', { name: '斯日古楞' })).data.items[0]
  await office.goto(new URL(`/#/supervisor/pages/case/index?id=${old.id}`, env.cloud.url).href)
  await shown(office, '当前环节：').waitFor()
  expect(await office.locator('body').innerText()).toContain(`${formatChinaDate('2020-10-31')}截止`)
  await page.close()
  await office.close()
})
