/**
 * A new member of staff joins with the invitation code on the bind page of the H5 build, as the
 * first supervisor of a new environment does with the code `npm run deploy -- --first-supervisor`
 * prints: a wrong code is refused inline, the right one opens the role's own screens. Screens are
 * saved under artifacts/screens/ and checked: axe-core, 18px text, 44px targets.
 */
import { callAs, phonePage, screenshot, shown, useBrowserAndCloud } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(120_000)

const env = useBrowserAndCloud()

test('a new WeChat user joins as staff with an invitation code', async () => {
  const invite = (await callAs(env.cloud, 'dev-office', 'staff.invite', { role: 'enterpriseOperator', orgId: 'ent-heat' })).data
  const page = await phonePage(env.browser)
  await page.goto(env.cloud.url)
  await shown(page, '新微信用户（还没绑定）').click()
  await shown(page, '我是工作人员，有邀请码').waitFor()
  await page.locator('input[placeholder="8位字母或数字"]').fill('ABCD2345')
  await page.locator('input[placeholder="例如：王丽"]').fill('王丽')
  await page.locator('input[placeholder="11位手机号"]').fill('13900000009')
  await shown(page, '工作人员加入', true).click()
  await shown(page, '邀请码不对、已用过、已停用或已过期').waitFor()
  await page.waitForTimeout(150)
  await screenshot(page, 'bind-staff-join-refused')
  expect(await checkScreen(page, 18, 44)).toEqual({ smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })

  // Typed in lower case, as people do: the page writes it in capitals.
  await page.locator('input[placeholder="8位字母或数字"]').fill(invite.code.toLowerCase())
  await shown(page, '工作人员加入', true).click()
  await shown(page, '本企业的退休人员').waitFor()
  const joined = (await env.cloud.store.listUsers({ orgId: 'ent-heat', role: 'enterpriseOperator' })).find((u) => u.name === '王丽')
  expect(joined).toMatchObject({ phone: '13900000009' })
  await page.close()
})
