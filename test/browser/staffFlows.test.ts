/**
 * The hand-over work in Chromium on the H5 build: the enterprise imports a roster with a preview;
 * an agreement is drafted, signed by the community and countersigned; a grid worker opens a
 * retiree from the queue by the fallback code and takes them in; the archives officer records
 * a file hand-over. Each screen is saved under artifacts/screens/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { ROSTER_COLUMNS } from '../../shared/RosterImport'
import { checkCharacter } from '../../shared/IdNumber'
import { phonePage, screenshot, signInAs, shown, useBrowserAndCloud, callAs, openFresh } from './browser'

jest.setTimeout(120_000)

const env = useBrowserAndCloud()


const api = (userId: string, action: string, input: unknown) => callAs(env.cloud, userId, action, input)

function idNumber(n: number): string {
  const first17 = `15250119${50 + n}0101${String(300 + n).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

test('the enterprise imports a roster: a preview with the problems, then confirmation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-'))
  const file = join(dir, '供排水公司名册.csv')
  const row = (name: string, id: string, community: string) =>
    ROSTER_COLUMNS.map((c) => (c.key === 'name' ? name : c.key === 'idNumber' ? id : c.key === 'retirementDate' ? '2012-06-30' : c.key === 'hukouAddress' ? '乌兰大街9号' : c.key === 'hukouCommunity' ? community : '')).join(',')
  writeFileSync(file, [ROSTER_COLUMNS.map((c) => c.header).join(','), row('乌日娜', idNumber(1), '乌兰社区'), row('其其格·巴图', idNumber(2), 'WL01'), row('错号', '152501195001010000', '乌兰社区')].join('\n'))
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '名册导入（摸底造册）').click()
  await shown(page, '第二步：上传名册').waitFor()
  const chooser = page.waitForEvent('filechooser')
  await shown(page, '选择文件并检查').click()
  await (await chooser).setFiles(file)
  await shown(page, '检查结果').waitFor()
  const text = await page.locator('body').innerText()
  expect(text).toContain('可以导入 2 人（新增 2，更新 0）')
  expect(text).toContain('第 4 行「身份证号」')
  await screenshot(page, 'enterprise-import-preview')
  await shown(page, '确认导入这 2 人').click()
  await shown(page, '导入完成。').waitFor()
  await screenshot(page, 'enterprise-import-done')
  const list = await api('dev-ent-water', 'case.list', { name: '乌日娜' })
  expect(list.data.items.map((c: { currentStageName: string }) => c.currentStageName)).toEqual(['准备移交材料'])
  await page.close()
})

test('an agreement is drafted, signed by the community and countersigned', async () => {
  // The water company's Wulan retirees ready for an agreement (materials submitted), 斯日古楞 among them.
  const ready = (await api('dev-ent-water', 'case.list', { stage: 'agreement', limit: 100 })).data.items.filter((c: { id: string }) => c.id !== 'case-0001')
  expect(ready.length).toBeGreaterThan(0)
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '移交协议', true).click()
  await shown(page, '起草协议：先选接收社区').waitFor()
  await shown(page, '乌兰社区：可以签协议').click()
  // Everyone ready for 乌兰社区 is preselected, 斯日古楞 among them.
  await shown(page, '✓ 斯日古楞').waitFor()
  await shown(page, '和乌兰社区起草协议（').click()
  await shown(page, '协议已起草，等社区签字。').waitFor()
  await screenshot(page, 'enterprise-agreement-drafted')
  await page.close()

  const admin = await phonePage(env.browser)
  await signInAs(admin, env.cloud.url, '社区主任 赵敏')
  await shown(admin, '移交协议（社区签字）').click()
  await shown(admin, '审核无误，社区签字').click()
  await shown(admin, '已签字，等企业会签。').waitFor()
  await screenshot(admin, 'community-agreement-signed')
  await admin.close()

  const again = await phonePage(env.browser)
  await signInAs(again, env.cloud.url, '经办人 刘建华')
  await shown(again, '移交协议', true).click()
  await shown(again, '企业会签', true).click()
  await shown(again, '协议已签订').waitFor()
  await screenshot(again, 'enterprise-agreement-countersigned')
  const c = (await api('dev-ent-water', 'case.get', { caseId: 'case-0001' })).data
  expect(c.history.map((h: { type: string }) => h.type)).toContain('agreementSigned')
  await again.close()
})

test('a grid worker opens a retiree from the queue by the fallback code and takes them in', async () => {
  const pass = (await api('dev-retiree-2', 'visit.issuePass', {})).data
  // Make 额尔敦毕力格 ready for take-in: file, party relation and branch (the community's party organisation), 社保 (人社局, 医保局).
  for (const [user, step] of [
    ['dev-archives', { type: 'personnelFileTransferred' }],
    ['dev-partysec-wulan', { type: 'partyRelationTransferred' }],
    ['dev-partysec-wulan', { type: 'partyBranchAssigned', branchName: '乌兰社区第一党支部' }],
    ['dev-hrss', { type: 'pensionHandedOver', pensionOnTime: true }],
    ['dev-medical', { type: 'medicalInsuranceHandedOver', medicalContinued: true, management: 'local', supplementaryOnChannel: true }],
  ] as const) {
    const version = (await api('dev-office', 'case.get', { caseId: 'case-0002' })).data.case.version
    expect((await api(user, 'case.recordStep', { caseId: 'case-0002', expectedVersion: version, step })).ok).toBe(true)
  }
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '网格员 孟和')
  await shown(page, '上门核对：扫码或输数字码').waitFor()
  await screenshot(page, 'worker-queue')
  await page.locator('input[placeholder="二维码下面的8位数字"]').fill(pass.fallbackCode)
  await shown(page, '用数字码打开').click()
  await shown(page, '登记上门核对').waitFor()
  expect(await page.locator('body').innerText()).toContain('额尔敦毕力格')
  await shown(page, '已核对本人身份证').click()
  await shown(page, '已核对材料').click()
  await shown(page, '登记上门核对').click()
  await shown(page, '已登记这次上门核对。').waitFor()
  await shown(page, '登记：已纳入社区管理（并发联系卡）').click()
  await shown(page, '已登记：已纳入社区管理。').waitFor()
  await screenshot(page, 'worker-taken-in')
  expect((await api('dev-retiree-2', 'community.mine', {})).data.contactCard).toMatchObject({ name: '额尔敦毕力格' })
  await page.close()
})

test('the archives officer records a file hand-over in a batch', async () => {
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '档案局 张耀增')
  await shown(page, '选择企业').waitFor()
  await shown(page, '二连浩特市热力有限责任公司').click()
  await shown(page, '这批档案已全部移交，登记').waitFor()
  expect(await page.locator('body').innerText()).not.toContain('额尔敦毕力格')
  await screenshot(page, 'archives-batch')
  await shown(page, '这批档案已全部移交，登记').click()
  await shown(page, '的档案移交').waitFor()
  expect(await page.locator('#archives-message').innerText()).toMatch(/已登记 [1-9]\d* 人的档案移交/)
  await screenshot(page, 'archives-batch-done')
  await page.close()
})

test('the enterprise photographs a material with Taro.chooseMedia and it is attached to the case', async () => {
  const id = (await api('dev-ent-water', 'case.list', { stage: 'materials', limit: 1 })).data.items[0].id
  const dir = mkdtempSync(join(tmpdir(), 'photo-'))
  const photo = join(dir, 'idcard.png')
  const png = new PNG({ width: 32, height: 20 })
  png.data.fill(200)
  writeFileSync(photo, PNG.sync.write(png))
  const page = await phonePage(env.browser)
  await signInAs(page, env.cloud.url, '经办人 刘建华')
  await shown(page, '名册导入（摸底造册）').waitFor()
  await openFresh(page, `${env.cloud.url}#/worker/pages/case/index?id=${id}`)
  await shown(page, '移交材料').waitFor()
  const chooser = page.waitForEvent('filechooser')
  await page.getByText('拍照或选图片上传').filter({ visible: true }).nth(4).click()
  await (await chooser).setFiles(photo)
  await shown(page, '身份证已上传。').waitFor()
  await shown(page, '身份证：已上传 1 份').waitFor()
  // The link materials.get lent opens the photo.
  await shown(page, '查看身份证照片').waitFor()
  await screenshot(page, 'enterprise-materials-upload')
  const materials = (await api('dev-ent-water', 'materials.get', { caseId: id })).data
  expect(materials.items.find((m: { item: string }) => m.item === 'idCard').files[0]).toMatchObject({ mimeType: 'image/png', fileId: expect.stringMatching(/^local:.+\.png$/) })
  await page.close()
})

test('after an ID card check the community issues a binding code; the retiree types it on the bind page and the old WeChat is replaced', async () => {
  const worker = await phonePage(env.browser)
  await signInAs(worker, env.cloud.url, '网格员 孟和')
  await shown(worker, '上门核对：扫码或输数字码').waitFor()
  await worker.locator('input[placeholder="按姓名找"]').fill('斯日古楞')
  await worker.locator('input[placeholder="按姓名找"]').press('Enter')
  await shown(worker, '斯日古楞　').click()
  await shown(worker, '帮老人绑定微信').waitFor()
  await shown(worker, '生成绑定码（30分钟内有效）').click()
  await shown(worker, '请先当面核对老人的身份证').waitFor()
  await shown(worker, '已当面核对老人的身份证').click()
  await shown(worker, '生成绑定码（30分钟内有效）').click()
  await shown(worker, '绑定码已生成。').waitFor()
  await screenshot(worker, 'worker-binding-code')
  const code = (await worker.locator('#bind-code').innerText()).replace(/\s/g, '')
  expect(code).toMatch(/^\d{8}$/)
  const retiree = await phonePage(env.browser)
  await retiree.goto(env.cloud.url)
  await shown(retiree, '新微信用户（还没绑定）').click()
  await shown(retiree, '社区工作人员给的绑定码').waitFor()
  await retiree.locator('input[placeholder="社区给的8位数字"]').fill(code)
  await shown(retiree, '用绑定码绑定', true).click()
  await shown(retiree, '斯日古楞，您好').waitFor()
  await screenshot(retiree, 'bind-by-community-code')
  const history = (await api('dev-office', 'case.get', { caseId: 'case-0001' })).data.history.map((h: { type: string }) => h.type)
  expect(history.filter((t: string) => t === 'wechatBound')).toHaveLength(2)
  await worker.close()
  await retiree.close()
})
