/**
 * The demo does not contradict itself on screen: a seeded case whose log says 移交材料已备齐
 * shows every material uploaded, with photos that open. Saved under artifacts/screens/.
 */
import { MATERIAL_ITEM_NAMES, MATERIAL_ITEMS } from '../../shared/Materials'
import { phonePage, screenshot, signInAs, shown, useBrowserAndCloud, callAs, openFresh } from './browser'

jest.setTimeout(120_000)

const env = useBrowserAndCloud()

const api = (userId: string, action: string, input: unknown) => callAs(env.cloud, userId, action, input)

test('a seeded case past its materials shows every material uploaded, and its photos open', async () => {
  const cases = (await env.cloud.store.listCases({ enterpriseId: 'ent-water', currentStage: 'agreement', limit: 10 })).items
  const c = cases.find((x) => x.actions.some((a) => a.type === 'materialsSubmitted'))!
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '名册导入（摸底造册）').waitFor()
  await openFresh(page, `${env.cloud.url}#/worker/pages/case/index?id=${c.id}`)
  await shown(page, '材料已齐全。').waitFor()
  const text = await page.locator('body').innerText()
  expect(text).toContain('移交材料已备齐')
  for (const item of MATERIAL_ITEMS) expect(text).toContain(`${MATERIAL_ITEM_NAMES[item]}：已上传 1 份`)
  expect(text).not.toContain('：还没有')
  await shown(page, '查看户口本照片').waitFor()
  await shown(page, '查看身份证照片').waitFor()
  await screenshot(page, 'demo-case-materials-complete')
  // Every link the case card was lent opens a real file of the stated type.
  const materials = (await api('dev-ent-water', 'materials.get', { caseId: c.id })).data
  for (const m of materials.items as Array<{ name: string; files: Array<{ url: string; mimeType: string }> }>) {
    const res = await page.request.get(new URL(m.files[0].url, env.cloud.url).toString())
    expect([m.name, res.status(), res.headers()['content-type']]).toEqual([m.name, 200, m.files[0].mimeType])
  }
  await page.close()
})
