/**
 * Drafting an agreement at real scale, in Chromium on the H5 build: the water company has 2 000
 * more retirees in 乌兰社区. Its operator picks the community, sees everyone ready preselected and
 * counted (the first 100 in this agreement, the rest said plainly), leaves one person out with a
 * reason, and drafts; the community's admin sees the agreement with that person and the reason.
 */
import { MAX_BATCH_CASES } from '../../shared/Api'
import { EXCLUSION_REASON_MAX } from '../../shared/TransferAgreement'
import type { AgreementCandidatesView } from '../../shared/Views'
import { DEV_SESSION_HEADER } from '../../local/server'
import { checkScreen } from './elderly'
import { phonePage, screenshot, shown, signInAs, useBrowserAndCloud } from './browser'
import type { Page } from 'playwright-core'

jest.setTimeout(180_000)

const CROWD = 2000
const env = useBrowserAndCloud(undefined, [{ enterpriseId: 'ent-water', communityId: 'com-wulan', count: CROWD }])

/** Staff screens: every touch target at least 44 px, no serious or critical axe finding. */
async function expectUsable(page: Page, name: string) {
  await page.waitForTimeout(150)
  await screenshot(page, name)
  const { smallTargets, axeViolations } = await checkScreen(page, 18, 44)
  expect({ screen: name, smallTargets, axeViolations }).toEqual({ screen: name, smallTargets: [], axeViolations: [] })
}

test('an enterprise with 2 000 retirees drafts an agreement for one community, leaving one person out with a reason', async () => {
  const store = env.cloud.store
  expect(await store.countCases({ enterpriseId: 'ent-water' })).toBeGreaterThanOrEqual(CROWD)
  const atStage = await store.countCases({ enterpriseId: 'ent-water', receivingCommunityId: 'com-wulan', currentStage: 'agreement' })
  expect(atStage).toBeGreaterThan(MAX_BATCH_CASES)

  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '移交协议', true).click()
  await shown(page, '起草协议：先选接收社区').waitFor()
  await expectUsable(page, 'enterprise-agreement-communities')
  const button = shown(page, '乌兰社区：可以签协议')
  const ready = Number(/可以签协议 (\d+) 人/.exec(await button.innerText())![1])
  expect(ready).toBeGreaterThan(MAX_BATCH_CASES)
  expect(ready).toBeLessThanOrEqual(atStage)

  await button.click()
  await shown(page, '乌兰社区：可以签协议的人员').waitFor()
  let text = await page.locator('body').innerText()
  expect(text).toContain(`可以签协议的共 ${ready} 人。已全部选上 ${MAX_BATCH_CASES} 人。`)
  expect(text).toContain(`还有 ${ready - MAX_BATCH_CASES} 人，请起草这份后再起草一份。`)

  // Leave the first person out: the draft waits for a reason.
  const first = (await store.getCase((await candidates()).cases[0].id))!
  const name = first.person.name
  await shown(page, `不放进这份协议：${name}`).click()
  await shown(page, '请写明每位不放进的人的原因，再起草。').waitFor()
  await page.locator(`input[placeholder="写明原因（必填，${EXCLUSION_REASON_MAX}字以内）"]`).first().fill('本人住院，家属要求暂缓移交')
  await shown(page, `和乌兰社区起草协议（${MAX_BATCH_CASES - 1}人）`).waitFor()
  text = await page.locator('body').innerText()
  expect(text).toContain(`已全部选上 ${MAX_BATCH_CASES - 1} 人，不放进 1 人。`)
  await expectUsable(page, 'enterprise-agreement-preselected')

  await shown(page, `和乌兰社区起草协议（${MAX_BATCH_CASES - 1}人）`).click()
  await shown(page, '协议已起草，等社区签字。').waitFor()
  // The next draft starts after this one: those drafted are no longer counted, the one left out still is.
  await shown(page, `可以签协议的共 ${ready - (MAX_BATCH_CASES - 1)} 人。`).waitFor()
  await expectUsable(page, 'enterprise-agreement-drafted-by-community')
  await page.close()

  const admin = await phonePage(env.browser)
  await signInAs(admin, env.cloud.url, '社区主任 赵敏')
  await shown(admin, '移交协议（社区签字）').click()
  await shown(admin, '企业没有放进这份协议的 1 人：').waitFor()
  expect(await admin.locator('body').innerText()).toContain(`${name}（${first.person.idNumber.masked}）：本人住院，家属要求暂缓移交`)
  await expectUsable(admin, 'community-agreement-with-excluded')
  await admin.close()
})

/** What the operator's screen loads for 乌兰社区, asked of the same local cloud. */
async function candidates(): Promise<AgreementCandidatesView> {
  const session = await (await fetch(new URL('/dev/session', env.cloud.url), { method: 'POST', body: JSON.stringify({ userId: 'dev-ent-water' }) })).json()
  const res = await (await fetch(new URL('/api/api', env.cloud.url), { method: 'POST', headers: { [DEV_SESSION_HEADER]: session.token }, body: JSON.stringify({ action: 'agreement.candidates', input: { communityId: 'com-wulan' } }) })).json()
  return res.data
}
