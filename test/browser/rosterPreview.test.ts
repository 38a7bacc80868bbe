/**
 * The roster preview in Chromium on the H5 build: rows the policy keeps out of the hand-over
 * (离休, and 金融企业退休 of an enterprise the office marked 另有规定) are shown apart with a count and the policy's reason, and a name typed
 * with a space inside is stored without it. Saved under artifacts/screens/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROSTER_COLUMNS, type RosterColumnKey } from '../../shared/RosterImport'
import { checkCharacter } from '../../shared/IdNumber'
import { phonePage, screenshot, signInAs, shown, useBrowserAndCloud, callAs } from './browser'
import { checkScreen } from './elderly'

jest.setTimeout(120_000)

const env = useBrowserAndCloud()

const api = (userId: string, action: string, input: unknown) => callAs(env.cloud, userId, action, input)

/** Born in the early 1930s: old enough to be 离休. */
function idNumber(n: number): string {
  const first17 = `15250119${30 + n}0202${String(700 + n).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

test('the preview shows 离休 and 金融企业退休 rows apart, each with its count; 张　丽 is stored as 张丽', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-'))
  const file = join(dir, '供排水公司名册.csv')
  const row = (name: string, id: string, extra: Partial<Record<RosterColumnKey, string>> = {}) =>
    ROSTER_COLUMNS.map((c) => extra[c.key] ?? (c.key === 'name' ? name : c.key === 'idNumber' ? id : c.key === 'retirementDate' ? '1990-06' : c.key === 'hukouAddress' ? '乌兰大街9号' : c.key === 'hukouCommunity' ? '乌兰社区' : '')).join(',')
  writeFileSync(
    file,
    [
      ROSTER_COLUMNS.map((c) => c.header).join(','),
      row('张　丽', idNumber(1)),
      row('额尔敦', idNumber(2), { retiredCadre: '是' }),
      row('萨仁', idNumber(3), { financialEnterprise: '是' }),
      row('阿依古丽 · 买买提', idNumber(4), { retiredCadre: '是', partyMember: '是' }),
    ].join('\n'),
  )
  // 一（四）: financial-enterprise retirees stay out only where the office marked the enterprise.
  expect(await api('dev-office', 'roster.markOwnRules', { enterpriseId: 'ent-water', ownRules: true })).toMatchObject({ ok: true })
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '名册导入（摸底造册）').click()
  await shown(page, '第二步：上传名册').waitFor()
  const chooser = page.waitForEvent('filechooser')
  await shown(page, '选择文件并检查').click()
  await (await chooser).setFiles(file)
  await shown(page, '检查结果').waitFor()
  const text = await page.locator('body').innerText()
  expect(text).toContain('可以导入 4 人（新增 4，更新 0）')
  expect(text).toContain('其中参加移交 1 人，登记但不移交 3 人')
  expect(text).toContain('登记但不移交（离休）：2 人')
  expect(text).toContain('离休人员保持现有管理方式不变，不参加这次移交。')
  expect(text).toContain('第 3、5 行')
  expect(text).toContain('登记但不移交（金融企业退休）：1 人')
  expect(text).toMatch(/第2行 张丽 .*国有企业退休人员\n/)
  expect(text).toMatch(/第3行 额尔敦 .*离休人员（登记但不移交）/)
  expect(text).toContain('阿依古丽·买买提')
  await screenshot(page, 'enterprise-import-out-of-scope')
  const check = await checkScreen(page, 18, 44)
  expect(check.axeViolations).toEqual([])
  expect(check.smallTexts).toEqual([])
  expect(check.smallTargets).toEqual([])
  await shown(page, '确认导入这 4 人').click()
  await shown(page, '已导入').waitFor()
  const stages = async (name: string) =>
    (await api('dev-ent-water', 'case.list', { name })).data.items.filter((c: { name: string }) => c.name === name).map((c: { name: string; currentStageName: string }) => [c.name, c.currentStageName])
  expect(await stages('张丽')).toEqual([['张丽', '准备移交材料']])
  expect(await stages('额尔敦')).toEqual([['额尔敦', '不在移交范围']])
  await page.close()
})
