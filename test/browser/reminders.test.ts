/**
 * Reminders end to end: the demo clock stands 7 days before the 2019 plan's materials deadline;
 * the hourly notification run happens twice; the retiree's inbox and the enterprise's messages
 * show the reminder exactly once.
 */
import { phonePage, screenshot, signInAs, shown, useBrowserAndCloud } from './browser'

jest.setTimeout(120_000)

const env = useBrowserAndCloud('2019-11-23T09:00:00+08:00')


function count(text: string, needle: string): number {
  return text.split(needle).length - 1
}

test('the retiree’s inbox shows their reminder once and the enterprise one reminder for the unit, even after the pass ran twice', async () => {
  const { bindingDemo } = await (await fetch(new URL('/dev/users', env.cloud.url))).json()
  const retiree = await phonePage(env.browser)
  await retiree.goto(env.cloud.url)
  await shown(retiree, '新微信用户（还没绑定）').click()
  await retiree.locator('input[placeholder="例如：斯日古楞"]').fill(bindingDemo.name)
  await retiree.locator('input[placeholder="18位，最后一位可能是X"]').fill(bindingDemo.idNumber)
  await shown(retiree, '绑定', true).click()
  await shown(retiree, `${bindingDemo.name}，您好`).waitFor()

  for (let i = 0; i < 2; i++) await fetch(new URL('/dev/run-notifications', env.cloud.url), { method: 'POST' })

  await shown(retiree, '消息', false).click()
  await shown(retiree, '提醒：「准备移交材料」还有 7 天截止').waitFor()
  const inbox = await retiree.locator('body').innerText()
  expect(count(inbox, '提醒：「准备移交材料」还有 7 天截止')).toBe(1)
  expect(inbox).toContain('原企业会请您提供户口本和身份证')
  await screenshot(retiree, 'reminder-retiree-inbox')
  await retiree.close()

  const enterprise = await phonePage(env.browser)
  await signInAs(enterprise, env.cloud.url, '经办人 刘建华')
  await shown(enterprise, '工作消息', true).click()
  const unitReminder = /^(【新】)?本企业还有 \d+ 人的「准备移交材料」未办完，2019年11月30日截止$/
  await enterprise.getByText(unitReminder).waitFor()
  const messages = await enterprise.locator('body').innerText()
  expect(count(messages, '的「准备移交材料」未办完，2019年11月30日截止')).toBe(1)
  expect(messages).not.toContain(`${bindingDemo.name}：「准备移交材料」`)
  await screenshot(enterprise, 'reminder-enterprise-messages')
  await enterprise.locator('.message').filter({ has: enterprise.getByText(unitReminder) }).getByText('查看名单').click()
  await enterprise.waitForURL(/enterprise\/pages\/home/)
  await enterprise.close()
})
