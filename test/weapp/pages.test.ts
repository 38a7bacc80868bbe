/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * Every page of the weapp build (app.json's pages and subpackages) renders in miniprogram-simulate
 * against the seeded cloud, signed in as the role that uses it, and shows the seeded data it is
 * for. The table must name every page app.json lists, so a new page without a row fails here.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { WEAPP_ROOT, waitForText, weappWorld } from './taroWeapp'

jest.setTimeout(90_000)

interface Row {
  /** Who uses the page (a seeded dev user's OPENID, local/seed.ts). */
  as: string
  /** The query the page opens with, as its callers build it. */
  query?: Record<string, string>
  /** What the page must show, taken from the seed or from the set-up below. */
  shows: string[]
}

const RETIREE = 'dev-retiree-1'
const UNBOUND = 'wx-openid-not-bound-yet'
const ADMIN = 'dev-admin-wulan'
const OPERATOR = 'dev-ent-water'
const OFFICE = 'dev-office'

/** Each page, the role that uses it, and the data it must show. */
const PAGES: Record<string, Row> = {
  'pages/home/index': { as: RETIREE, shows: ['斯日古楞，您好', '现在办到：签订移交协议', '截止日期：2020年3月31日', '消息（3条未读）'] },
  // A WeChat user nobody has bound yet: the page asks for the details binding checks against the roster (the binding flow is in flows.test).
  'pages/bind/index': { as: UNBOUND, shows: ['第一次使用，请先绑定', '社区工作人员给的绑定码'] },
  'pages/timeline/index': { as: RETIREE, shows: ['3. 签订移交协议：正在办', '2019年10月30日办完', '乌兰社区，电话 0479-7530001'] },
  'pages/details/index': { as: RETIREE, shows: ['姓名：斯日古楞', '原工作单位：二连浩特市供排水有限责任公司', '身份证号：152501************'] },
  'pages/community/index': { as: RETIREE, shows: ['乌兰社区', '地址：二连浩特市乌兰大街88号', '您的网格员孟和'] },
  'pages/qrcode/index': { as: RETIREE, shows: ['有效到 2020年3月20日 09:05', '扫不了码时，请念这串数字'] },
  'pages/inbox/index': { as: RETIREE, shows: ['实名绑定成功', '原企业已把您列入移交名册'] },
  'pages/family/index': { as: RETIREE, shows: ['斯日古楞的女儿 娜仁', '只能查看，不能代您确认信息'] },
  'pages/faq/index': { as: RETIREE, shows: ['我的养老金会变吗？', '0479-7522603'] },
  // dev-retiree-5 is taken in by 乌兰社区: requests are open, and go to the community.
  'pages/approvals/index': { as: 'dev-retiree-5', shows: ['兼职（任职）：由接收社区审批', '我想因私出国（境）'] },
  'pages/notice/index': { as: RETIREE, shows: ['二连浩特市供排水有限责任公司移交方案公示', '养老金照常按时足额发放', '2020年3月31日前：与乌兰社区签订移交协议', '我看过了，没有意见'] },
  'pages/concerns/index': { as: RETIREE, shows: ['有什么事想反映？', '活动室什么时候开门？', '已转给原企业，等待答复'] },
  'worker/pages/queue/index': { as: ADMIN, shows: ['社区主任 赵敏', '社区管理员 · 乌兰社区', '巴特尔　准备移交材料　截止 2019年11月30日（已逾期）'] },
  'worker/pages/case/index': { as: ADMIN, query: { id: 'case-0001' }, shows: ['斯日古楞', '当前环节：签订移交协议', '户口本：已上传 1 份'] },
  'worker/pages/agreements/index': { as: ADMIN, shows: ['二连浩特市热力有限责任公司 → 乌兰社区', '包含 1 人：王建国'] },
  'worker/pages/messages/index': { as: OPERATOR, shows: ['第1期通报（2020年3月20日）已发布', '本单位完成率'] },
  'worker/pages/bulletin/index': { as: ADMIN, query: { number: '1' }, shows: ['第1期'] },
  'worker/pages/residents/index': { as: 'dev-admin-xinyuan', shows: ['阿依古丽·买买提'] },
  'worker/pages/unreached/index': { as: 'dev-grid-wulan', shows: ['本社区老人怎么联系得上', '先上门：哪种方式都联系不上的'] },
  'worker/pages/assets/index': { as: ADMIN, shows: ['老年活动室'] },
  'worker/pages/print/index': { as: ADMIN, shows: ['社区二维码海报', '下载海报（PDF）', '打印纸质通知（PDF）'] },
  'worker/pages/concerns/index': { as: OPERATOR, shows: ['斯日古楞：社区服务', '活动室什么时候开门？'] },
  'enterprise/pages/home/index': { as: OPERATOR, shows: ['经办人 刘建华', '二连浩特市供排水有限责任公司 · 今天 2020年3月20日', '巴特尔　准备移交材料（已逾期）'] },
  // Empty until a roster is picked (the roster flow is in flows.test); the template comes from the cloud.
  'enterprise/pages/import/index': { as: OPERATOR, shows: ['第二步：上传名册（.xlsx 或 .csv）'] },
  'enterprise/pages/agreements/index': { as: OPERATOR, shows: ['乌兰社区：可以签协议 2 人', '二连浩特市供排水有限责任公司 → 锡林社区'] },
  'enterprise/pages/corrections/index': { as: OPERATOR, shows: ['额尔敦毕力格', '联系电话'] },
  'enterprise/pages/ledger/index': { as: OPERATOR, shows: ['本企业过渡期：2020-01-01 至'] },
  'enterprise/pages/assets/index': { as: OPERATOR, shows: ['老年活动室'] },
  'enterprise/pages/plan/index': { as: OPERATOR, shows: ['王刚', '与乌兰社区签订移交协议', '总体平稳'] },
  'enterprise/pages/notice/index': { as: OPERATOR, shows: ['第1版，2020年3月20日公示', '意见：待答复 1 条，已答复 0 条', '重新公示（将是第2版'] },
  'enterprise/pages/opinions/index': { as: OPERATOR, shows: ['额尔敦毕力格 · 第1版', '党员活动室还能用吗？', '答复'] },
  'enterprise/pages/incidents/index': { as: OPERATOR, shows: ['维稳联系人', '2020年3月19日 来访（1人）', '一位老人来问档案去向。'] },
  'officer/pages/archives/index': { as: 'dev-archives', shows: ['市档案局', '二连浩特市热力有限责任公司（待移交 1 人）', '苏志强'] },
  'officer/pages/invites/index': { as: ADMIN, shows: ['现有工作人员', '网格员 孟和'] },
  'officer/pages/approvals/index': { as: ADMIN, shows: ['乌兰社区：待审批的兼职（任职）、因私出国（境）申请', '现在没有等您审批的申请。'] },
  'supervisor/pages/board/index': { as: OFFICE, shows: ['督导看板', '截至 2020年3月20日', '签订移交协议接收社区、原企业负责'] },
  'supervisor/pages/cases/index': { as: OFFICE, query: { side: 'city', stage: 'agreement', state: 'open', label: encodeURIComponent('全市 · 签订移交协议') }, shows: ['全市 · 签订移交协议', '斯日古楞 152501'] },
  'supervisor/pages/case/index': { as: OFFICE, query: { id: 'case-0001' }, shows: ['斯日古楞', '电话：131****9565', '签订移交协议：正在办'] },
  'supervisor/pages/audit/index': { as: OFFICE, query: { caseId: 'case-0001' }, shows: ['案例 case-0001 的操作记录', '经办人 刘建华（企业经办人）确认导入名册'] },
  'supervisor/pages/bulletins/index': { as: OFFICE, shows: ['第1期'] },
  'supervisor/pages/assessment/index': { as: OFFICE, shows: ['今天是 2020年3月20日'] },
  'supervisor/pages/referrals/index': { as: OFFICE, shows: ['朝鲁门', '户籍地：锡林浩特市额尔敦路5号'] },
  'supervisor/pages/enterprise/index': { as: OFFICE, query: { id: 'ent-water', name: encodeURIComponent('供排水') }, shows: ['二连浩特市供排水有限责任公司', '王刚', '老年活动室', '已读：1 / ', '额**'] },
}

const app = JSON.parse(readFileSync(resolve(WEAPP_ROOT, 'app.json'), 'utf8')) as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }
const ROUTES = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]

let world: Awaited<ReturnType<typeof weappWorld>>

beforeAll(async () => {
  world = await weappWorld()
  // What some pages exist to show and the seed does not hold: a published bulletin, an asset, the
  // enterprise's plans, a correction request. Made the way their own users make them.
  await world.ok(OFFICE, 'bulletin.issue', { date: '2020-03-20', number: 1 })
  await world.ok(OPERATOR, 'assets.save', { asset: { item: '老年活动室', communityId: 'com-wulan', groupApprovedOn: null, sasacApprovedOn: null, disposal: 'handedOver', completedOn: null } })
  await world.ok(OPERATOR, 'plan.save', {
    plan: { transferPlanOn: '2020-01-10', stabilityPlanOn: '2020-01-10', stabilityContact: { name: '王刚', phone: '13904790999' }, noticePublishedOn: null, feedbackClosedOn: null, transitionStartsOn: '2020-01-01',
    transitionEndsOn: null,
    transferPlan: { scope: '本企业全部退休人员', basics: '退休人员 18 人', content: '人事档案、党组织关系、社会保障服务', steps: [{ step: '与乌兰社区签订移交协议', by: '2020-03-31' }], partyMembers: '党员 4 人', venues: '职工活动中心移交乌兰社区' },
    stabilityPlan: { assessment: '总体平稳', contingency: '有情况先找网格员，当天上报' } },
  })
  await world.ok(OPERATOR, 'notice.publish', { summary: { changes: '移交后由乌兰社区管理服务', unchanged: '养老金照常按时足额发放', steps: [{ step: '与乌兰社区签订移交协议', by: '2020-03-31' }] }, feedbackClosesOn: '2020-04-10' })
  await world.ok('dev-retiree-2', 'notice.sendOpinion', { edition: 1, text: '党员活动室还能用吗？' })
  const details = await world.ok<{ version: number }>('dev-retiree-2', 'details.get')
  await world.ok(RETIREE, 'concern.raise', { category: 'communityService', text: '活动室什么时候开门？' })
  await world.ok(OPERATOR, 'incident.add', { kind: 'visit', happenedOn: '2020-03-19', people: 1, summary: '一位老人来问档案去向。' })
  await world.ok('dev-retiree-2', 'details.dispute', { expectedVersion: details.version, fields: [{ field: 'phone', reason: '电话换了，新号码 13900001111' }] })
})

afterAll(() => world.close())

test('the table names every page of the weapp build, and no page that is not in it', () => {
  expect(Object.keys(PAGES).sort()).toEqual([...ROUTES].sort())
})

test('the local-only sign-in page is not in the weapp build', () => {
  expect(ROUTES).not.toContain('pages/devLogin/index')
  expect(existsSync(resolve(WEAPP_ROOT, 'pages/devLogin'))).toBe(false)
})

test.each(ROUTES)('%s renders from the cloud as the role that uses it', async (route) => {
  const row = PAGES[route]
  if (!row) throw new Error(`${route} is in app.json but has no row in PAGES`)
  const page = world.open(route, row.as, row.query)
  for (const text of row.shows) await waitForText(page, text)
  // A refusal or a failed call shows as an error notice (✕) instead of the data.
  expect(page.dom?.textContent).not.toContain('✕')
  // Opening a page asks nothing of the person (no camera, no picker, no reminders question).
  expect(world.fakes.unscripted).toEqual([])
  expect(world.fakes.calls.requestSubscribeMessage).toEqual([])
})
