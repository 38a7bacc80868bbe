/**
 * The roster preview in Chromium on the H5 build: rows the policy keeps out of the hand-over
 * (离休, and 金融企业退休 of an enterprise the office marked 另有规定) are shown apart with a count and the policy's reason, and a name typed
 * with a space inside is stored without it. Saved under artifacts/screens/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROSTER_COLUMNS, type RosterColumnKey } from '../../shared/RosterImport'
import { checkCharacter } from '../../shared/IdNumber'
import { phonePage, screenshot, signInAs, shown, useBrowserAndCloud, callAs } from './browser'
import { checkScreen } from './elderly'
import { newImportJob } from '../../shared/ImportJob'
import { MAX_TRANSACTION_WRITES } from '../../shared/ports/StoreLimits'

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
  // The import job's end: every row written.
  expect(await page.locator('#import-progress').innerText()).toContain('已完成：4 行全部写入。')
  const stages = async (name: string) =>
    (await api('dev-ent-water', 'case.list', { name })).data.items.filter((c: { name: string }) => c.name === name).map((c: { name: string; currentStageName: string }) => [c.name, c.currentStageName])
  expect(await stages('张丽')).toEqual([['张丽', '准备移交材料']])
  expect(await stages('额尔敦')).toEqual([['额尔敦', '不在移交范围']])
  await page.close()
})

test('a confirmation whose function stopped before writing is written by the screen when it opens, and its end shown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-'))
  const file = join(dir, '续写名册.csv')
  const row = (n: number) => ROSTER_COLUMNS.map((c) => (c.key === 'name' ? `续写${n}` : c.key === 'idNumber' ? idNumber(10 + n) : c.key === 'retirementDate' ? '2012-06' : c.key === 'hukouAddress' ? '乌兰大街9号' : c.key === 'hukouCommunity' ? (n % 2 ? '乌兰社区' : '格日勒社区') : '')).join(',')
  writeFileSync(file, [ROSTER_COLUMNS.map((c) => c.header).join(','), ...[1, 2, 3, 4, 5, 6].map(row)].join('\n'))
  const preview = (await api('dev-ent-water', 'roster.preview', { fileName: '续写名册.csv', contentBase64: readFileSync(file).toString('base64') })).data
  expect(preview).toMatchObject({ accepted: 6, rejected: 0 })
  // The confirmation's own commit went through (the job exists, nothing of it written), then its function died.
  const stored = (await env.cloud.store.getDoc('rosterPreview', preview.previewId))!
  const job = newImportJob({ previewId: stored.id, enterpriseId: stored.enterpriseId, createdBy: 'dev-ent-water', rows: 6, maxWrites: MAX_TRANSACTION_WRITES, at: new Date('2020-03-20T01:00:00Z') })
  await env.cloud.store.commit({ docs: [{ kind: 'importJob', next: job, expectedVersion: null }] })
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '名册导入（摸底造册）').click()
  await shown(page, '导入进度').waitFor()
  await shown(page, '已完成：6 行全部写入。').waitFor()
  expect(await page.locator('body').innerText()).toContain('检查结果：续写名册.csv')
  await screenshot(page, 'enterprise-import-progress-done')
  const check = await checkScreen(page, 18, 44)
  expect(check.axeViolations).toEqual([])
  expect(check.smallTexts).toEqual([])
  expect(check.smallTargets).toEqual([])
  expect((await api('dev-ent-water', 'case.list', { name: '续写3' })).data.items.map((c: { name: string }) => c.name)).toEqual(['续写3'])
  await page.close()
})
