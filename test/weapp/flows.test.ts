/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The key flows of the weapp build, in miniprogram-simulate against the seeded cloud, through the
 * WeChat APIs they use (faked by their documented behaviour in ./wxFakes): binding (a retiree,
 * a relative with the retiree's code, a refusal) and the reminders question, confirming details,
 * a grid worker's scan (and a closed camera) through to take-in, a material photo uploaded to
 * cloud storage and read back through the functions' links (and two refusals), and the roster
 * template and a roster file to its preview and import. One seeded cloud for the file: each flow
 * changes records no other flow reads, or counts what it finds first, so their order does not matter.
 */
import { templateIdsFor } from '../../shared/SubscribeTemplates'
import { ROSTER_COLUMNS, type RosterColumnKey } from '../../shared/RosterImport'
import { checkCharacter } from '../../shared/IdNumber'
import { tap, type, waitFor, waitForText, weappWorld } from './taroWeapp'

jest.setTimeout(90_000)

/** The first bytes of a JPEG, then padding: what a phone's photo starts with. */
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(4000).fill(7)])

let world: Awaited<ReturnType<typeof weappWorld>>

beforeAll(async () => {
  world = await weappWorld()
})

afterAll(() => world.close())

afterEach(() => {
  const person = world.fakes.person
  const left = { scans: person.scans.splice(0), photos: person.photos.splice(0), files: person.files.splice(0), reminders: person.reminders.splice(0) }
  const unscripted = world.fakes.unscripted.splice(0)
  world.fakes.navigations.length = 0
  // Every scripted answer was used, and nothing was asked that the test did not script.
  expect(left).toEqual({ scans: [], photos: [], files: [], reminders: [] })
  expect(unscripted).toEqual([])
})

/** Born in the early 1950s in 二连浩特. */
function idNumber(n: number): string {
  const first17 = `15250119${50 + n}0303${String(800 + n).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

async function idNumberOf(caseId: string): Promise<string> {
  return world.deps.vault.open((await world.store.getCase(caseId))!.person.idNumber)
}

/** What `userId` answered for a template, as consent.record keeps it (null before any answer). */
async function consentOf(userId: string, templateId: string) {
  return world.store.getDoc('subscribeConsent', `${userId}~${templateId}`)
}

test('binding: a new WeChat user types name and ID number, is asked about reminders, accepts one, and lands on their own home page', async () => {
  const openid = 'wx-openid-bateer'
  const [stageChanged, deadlineReminder] = templateIdsFor('afterBinding')
  world.fakes.person.reminders.push({ [stageChanged]: 'accept', [deadlineReminder]: 'reject' })
  // Someone not bound yet is sent to binding from any screen.
  world.open('pages/home/index', openid)
  await waitFor(() => world.fakes.navigations.includes('redirectTo /pages/bind/index'), 'the redirect to binding')

  const bind = world.open('pages/bind/index', openid)
  await waitForText(bind, '第一次使用，请先绑定')
  await type(bind, '例如：斯日古楞', '巴特尔')
  await type(bind, '18位，最后一位可能是X', await idNumberOf('case-0007'))
  tap(bind, '绑定')
  await waitFor(() => world.fakes.navigations.includes('reLaunch /pages/home/index'), 'the return to the home page')

  expect(world.fakes.calls.requestSubscribeMessage.at(-1)).toEqual({ tmplIds: [stageChanged, deadlineReminder] })
  expect(await consentOf(openid, stageChanged)).toMatchObject({ accepted: 1, rejected: 0, lastAnswer: 'accept' })
  expect(await consentOf(openid, deadlineReminder)).toMatchObject({ accepted: 0, rejected: 1, lastAnswer: 'reject' })
  const after = world.open('pages/home/index', openid)
  await waitForText(after, '巴特尔，您好')
  await waitForText(after, '现在办到：准备移交材料')
})

test('binding a relative: the retiree makes a code on 亲情代办, the relative types it on the binding screen and sees the retiree’s progress', async () => {
  world.fakes.person.reminders.push('cancel')
  const family = world.open('pages/family/index', 'dev-retiree-3')
  await waitForText(family, '邀请一位亲属')
  tap(family, '生成邀请码')
  const shown = await waitForText(family, '还没使用的邀请码')
  const code = /还没使用的邀请码(\d{8})/.exec(shown)?.[1]
  expect(code).toMatch(/^\d{8}$/)

  const openid = 'wx-openid-wang-son'
  const bind = world.open('pages/bind/index', openid)
  await waitForText(bind, '我是亲属，帮老人代办')
  await type(bind, '8位数字', code!)
  await type(bind, '例如：女儿 娜仁', '儿子 王磊')
  tap(bind, '用邀请码加入')
  await waitFor(() => world.fakes.navigations.includes('reLaunch /pages/home/index'), 'the return to the home page')
  const home = world.open('pages/home/index', openid)
  await waitForText(home, '王建国，您好')
  await waitForText(home, '您正在以亲属身份代办')
})

test('binding: an ID number not on the roster is refused in plain words on the binding screen, and nobody is asked about reminders', async () => {
  const asked = world.fakes.calls.requestSubscribeMessage.length
  const bind = world.open('pages/bind/index', 'wx-openid-guesser')
  await waitForText(bind, '第一次使用，请先绑定')
  await type(bind, '例如：斯日古楞', '武秀兰')
  await type(bind, '18位，最后一位可能是X', idNumber(9))
  tap(bind, '绑定')
  await waitForText(bind, '姓名和身份证号与移交名册对不上，请核对后再试。')
  expect(world.fakes.navigations).toEqual([])
  expect(world.fakes.calls.requestSubscribeMessage).toHaveLength(asked)
})

test('confirming details: the retiree confirms, closes the reminders question, and the screen still says it is confirmed', async () => {
  world.fakes.person.reminders.push('cancel')
  const before = await Promise.all(templateIdsFor('afterConfirming').map((id) => consentOf('dev-retiree-2', id)))
  const details = world.open('pages/details/index', 'dev-retiree-2')
  await waitForText(details, '姓名：额尔敦毕力格')
  tap(details, '信息都对')
  await waitForText(details, '已确认，谢谢您！')
  await waitForText(details, '确认信息无误')
  expect(world.fakes.calls.requestSubscribeMessage.at(-1)).toEqual({ tmplIds: templateIdsFor('afterConfirming') })
  // Closing the question records nothing: the consents kept before are as they were.
  expect(await Promise.all(templateIdsFor('afterConfirming').map((id) => consentOf('dev-retiree-2', id)))).toEqual(before)
  const c = await world.store.getCase('case-0002')
  expect(c!.actions.map((a) => a.type)).toContain('detailsConfirmed')
})

test('a grid worker scans the retiree’s code, checks the ID card in person, and takes the retiree in', async () => {
  // 何平 (case-0017, 欣苑社区) is at 纳入社区管理 and binds first, so there is a code on their phone to scan.
  await world.ok('wx-openid-heping', 'binding.bind', { name: '何平', idNumber: await idNumberOf('case-0017') })
  const pass = await world.ok<{ token: string }>('wx-openid-heping', 'visit.issuePass')
  const worker = 'dev-grid-xinyuan'

  // The camera is closed once: the queue says so in plain words and offers the typed code.
  world.fakes.person.scans.push('cancel', pass.token)
  const queue = world.open('worker/pages/queue/index', worker)
  await waitForText(queue, '扫老人的二维码')
  tap(queue, '扫老人的二维码')
  await waitForText(queue, '没有扫到二维码')
  tap(queue, '扫老人的二维码')
  const opened = await waitFor(() => world.fakes.navigations.find((n) => n.startsWith('navigateTo /worker/pages/case/index?id=case-0017&proof=')), 'the case opened by the scan')

  const query = Object.fromEntries(new URLSearchParams(opened.split('?')[1]))
  const card = world.open('worker/pages/case/index', worker, query)
  await waitForText(card, '当前环节：纳入社区管理')
  tap(card, '已核对本人身份证')
  await waitForText(card, '✓ 已核对本人身份证')
  tap(card, '登记上门核对')
  await waitForText(card, '已登记这次上门核对。')
  tap(card, '登记：已纳入社区管理')
  await waitForText(card, '已登记：已纳入社区管理。')
  const taken = await world.store.getCase('case-0017')
  expect(taken!.actions.map((a) => a.type)).toEqual(expect.arrayContaining(['visitRecorded', 'takenIn']))
  // The retiree's own screens now show the contact card of their community.
  const community = world.open('pages/community/index', 'wx-openid-heping')
  await waitForText(community, '联系卡')
})

test('a material photo: the operator takes it with the camera, it goes to cloud storage under their own folder, and the case counts it', async () => {
  world.fakes.person.photos.push({ name: 'IMG_0001.jpg', bytes: JPEG })
  const card = world.open('worker/pages/case/index', 'dev-ent-water', { id: 'case-0007' })
  const before = await waitForText(card, '户口本：')
  const had = Number(/户口本：已上传 (\d+) 份/.exec(before)?.[1] ?? 0)
  tap(card, '拍照或选图片上传', '户口本：')
  await waitForText(card, '户口本已上传。')
  await waitForText(card, `户口本：已上传 ${had + 1} 份`)
  const upload = world.fakes.calls.uploadFile.at(-1)!
  expect(upload.cloudPath).toMatch(/^materials\/dev-ent-water\/case-0007\/[a-z0-9-]+\.jpg$/)
  expect(upload.fileID).toMatch(/^cloud:\/\//)
  // The function took the upload out of the client's reach: kept under the case, the upload deleted.
  expect(world.fakes.storage.files.has(upload.fileID)).toBe(false)
  const kept = [...world.fakes.storage.files].filter(([id]) => /\/cases\/case-0007\/householdRegister\//.test(id))
  expect(kept.map(([, bytes]) => bytes)).toEqual([Buffer.from(JPEG)])
  // The client never reads storage back: the photos come as short-lived links lent by the functions.
  tap(card, '查看户口本照片')
  const urls = await waitFor(() => world.fakes.calls.previewImage.at(-1), 'the photo preview')
  expect(urls).toHaveLength(had + 1)
  for (const url of urls) expect(url).toMatch(/^https:\/\/.+\.tcb\.qcloud\.la\/(materials|cases)\//)
  expect(urls.at(-1)).toMatch(/\/cases\/case-0007\/householdRegister\/[\w-]+\.jpg/)

  // The storage rule lets the operator write that path again, and delete it: what staff are lent stays the photo.
  const file = `${world.fakes.wx.env.USER_DATA_PATH}/other.jpg`
  world.fakes.wx.getFileSystemManager().writeFileSync(file, '<html>不是照片</html>', 'utf8')
  await world.fakes.wx.cloud.uploadFile({ cloudPath: upload.cloudPath, filePath: file })
  expect((await world.fakes.wx.cloud.deleteFile({ fileList: [upload.fileID] })).fileList).toEqual([expect.objectContaining({ status: 0 })])
  expect(kept.map(([id]) => world.fakes.storage.files.get(id))).toEqual([Buffer.from(JPEG)])
  // The kept copy is out of the operator's reach.
  await expect(world.fakes.wx.cloud.uploadFile({ cloudPath: kept[0][0].replace(/^cloud:\/\/[^/]+\//, ''), filePath: file })).rejects.toMatchObject({ errCode: -403003 })
  expect((await world.fakes.wx.cloud.deleteFile({ fileList: [kept[0][0]] })).fileList).toEqual([expect.objectContaining({ status: -403003 })])
})

test('a material that is not a photo is refused by the cloud after reading the stored file; one over 10 MB is refused before it is sent', async () => {
  const uploads = world.fakes.calls.uploadFile.length
  world.fakes.person.photos.push({ name: 'note.jpg', bytes: Buffer.from('这不是照片，是一段文字'.repeat(20)) })
  const card = world.open('worker/pages/case/index', 'dev-ent-water', { id: 'case-0007' })
  await waitForText(card, '身份证：')
  tap(card, '拍照或选图片上传', '身份证：')
  // The upload went through; the function read the stored bytes (FakeCloudStorage.downloadFile) and said no.
  await waitForText(card, '只能上传照片（JPG、PNG、HEIC）或PDF。')
  expect(world.fakes.calls.uploadFile).toHaveLength(uploads + 1)

  // Closing the picker ('chooseMedia:fail cancel') is a choice, not a fault: nothing is sent and the words say so.
  world.fakes.person.photos.push('cancel')
  tap(card, '拍照或选图片上传', '身份证：')
  await waitForText(card, '没有选到照片')
  expect(await waitForText(card, '身份证：')).not.toContain('系统暂时出了点问题')
  expect(world.fakes.calls.uploadFile).toHaveLength(uploads + 1)

  world.fakes.person.photos.push({ name: 'big.jpg', bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0xff) })
  tap(card, '拍照或选图片上传', '身份证：')
  // chooseMedia's documented `size` is checked first: nothing is uploaded.
  await waitForText(card, '照片太大了（超过10MB），请重新拍一张。')
  expect(world.fakes.calls.uploadFile).toHaveLength(uploads + 1)
})

test('the roster template opens as a document; a roster file from a chat goes to its preview, then is imported', async () => {
  const row = (name: string, id: string, extra: Partial<Record<RosterColumnKey, string>> = {}) =>
    ROSTER_COLUMNS.map((c) => extra[c.key] ?? (c.key === 'name' ? name : c.key === 'idNumber' ? id : c.key === 'retirementDate' ? '2012-06' : c.key === 'hukouAddress' ? '乌兰大街9号' : c.key === 'hukouCommunity' ? '乌兰社区' : '')).join(',')
  const csv = [ROSTER_COLUMNS.map((c) => c.header).join(','), row('高娃', idNumber(1)), row('王振华', idNumber(2)), row('李四', '123')].join('\n')
  world.fakes.person.files.push({ name: '供排水公司名册.csv', bytes: Buffer.from(csv, 'utf8') })

  const page = world.open('enterprise/pages/import/index', 'dev-ent-water')
  await waitForText(page, '选择文件并检查')
  // The template comes from the roster function and opens as a document the operator can forward.
  tap(page, '下载名册模板')
  const opened = await waitFor(() => world.fakes.calls.openDocument.at(-1), 'the template opened')
  expect(opened).toMatch(/\.xlsx$/)
  expect(Buffer.from(world.fakes.wx.getFileSystemManager().readFileSync(opened, 'base64') as string, 'base64').subarray(0, 2).toString()).toBe('PK')
  // Closing the file picker ('chooseMessageFile:fail cancel') leaves the screen as it was, with no fault shown.
  world.fakes.person.files.unshift('cancel')
  tap(page, '选择文件并检查')
  await waitFor(() => (world.fakes.person.files[0] === 'cancel' ? undefined : true), 'the picker closed')
  await new Promise((resolve) => setTimeout(resolve, 300)) // the page has long handled the picker's answer by then
  expect(await waitForText(page, '选择文件并检查')).not.toContain('系统暂时出了点问题')
  tap(page, '选择文件并检查')
  const preview = await waitForText(page, '检查结果：供排水公司名册.csv')
  expect(preview).toContain('可以导入 2 人（新增 2，更新 0）')
  expect(preview).toContain('有问题的行：1')
  expect(preview).toContain('第 4 行「身份证号」')
  expect(preview).toMatch(/第2行 高娃 152501\*+/)
  tap(page, '确认导入这 2 人')
  await waitForText(page, '导入完成。')
  await waitForText(page, '已导入。')
  const imported = await world.store.listCases({ enterpriseId: 'ent-water', limit: 100 })
  expect(imported.items.map((c) => c.person.name)).toEqual(expect.arrayContaining(['高娃', '王振华']))
})
