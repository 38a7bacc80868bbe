/**
 * Personal data over a whole browser flow (Chromium on the H5 build, against the local cloud):
 * a new WeChat user binds (after a wrong try), a retiree confirms and shows the QR code, another
 * disputes a field, the enterprise imports a roster and answers the correction, a grid worker
 * opens the retiree by the fallback code and records the visit, and the notifications run.
 * Everything the server logs, everything printed to the console (server and page), the audit
 * log, the inbox, the outbox (events, staff messages, subscribe messages) and the roster
 * previews are then searched for any full ID number or full phone number, and every API answer
 * the pages received for any full ID number: none may be there.
 * Needs `npm run build:h5` first (npm run test:security does it).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { fixedClock } from '../../shared/Clock'
import { checkCharacter } from '../../shared/IdNumber'
import { ROSTER_COLUMNS } from '../../shared/RosterImport'
import { SUBSCRIBE_TEMPLATES } from '../../shared/SubscribeTemplates'
import { createIdNumberVault, masterKeyFromEnv } from '../../cloudfunctions/lib/AesIdNumberVault'
import { DEMO_STAFF } from '../../local/seed'
import { startLocalCloud, type LocalCloud } from '../../local/server'
import { callAs, launchBrowser, phonePage, signInAs, shown } from '../browser/browser'
import { recordFigure } from './figures'

jest.setTimeout(180_000)

const logged: string[] = []
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const
const originals = Object.fromEntries(CONSOLE_METHODS.map((m) => [m, console[m]])) as Record<(typeof CONSOLE_METHODS)[number], (...a: unknown[]) => void>
let cloud: LocalCloud
let browser: Browser
/** What the scan found: in logs, audit, inbox and outbox; and phones kept in roster previews. */
const scan = { tried: '', found: [] as string[], previewPhones: [] as string[] }
const responses: Array<Promise<string>> = []

beforeAll(async () => {
  // Everything printed in this process (the server's code included) is captured and scanned.
  for (const m of CONSOLE_METHODS) console[m] = (...args: unknown[]) => void logged.push(`console.${m}: ${args.map(String).join(' ')}`)
  cloud = await startLocalCloud({ dataFile: ':memory:', staticDir: resolve(__dirname, '../../dist/h5'), clock: fixedClock('2020-03-20T09:00:00+08:00'), log: (line) => void logged.push(`server: ${line}`), seedCount: 60 })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await cloud?.close()
  for (const m of CONSOLE_METHODS) console[m] = originals[m]
})

async function page(): Promise<Page> {
  const p = await phonePage(browser)
  p.on('console', (m) => void logged.push(`page console.${m.type()}: ${m.text()}`))
  p.on('pageerror', (e) => void logged.push(`page error: ${e.message}`))
  // Every action's answer as the page received it (no role may receive a full ID number).
  p.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) responses.push(r.text().catch(() => ''))
  })
  return p
}

const api = (userId: string, action: string, input: unknown) => callAs(cloud, userId, action, input)

function idNumber(n: number): string {
  const first17 = `15250119${50 + n}0101${String(300 + n).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

test('a retiree flow and a staff flow leave no full ID number in logs, audit, inbox, outbox or roster previews, and no phone in the first four', async () => {
  // --- The retiree side. ---
  const demo = (await (await fetch(new URL('/dev/users', cloud.url))).json()).bindingDemo as { name: string; idNumber: string }
  const bind = await page()
  await bind.goto(cloud.url)
  await shown(bind, '新微信用户（还没绑定）').click()
  await shown(bind, '第一次使用，请先绑定').waitFor()
  await bind.locator('input[placeholder="例如：斯日古楞"]').fill('巴特')
  await bind.locator('input[placeholder="18位，最后一位可能是X"]').fill(demo.idNumber)
  await shown(bind, '绑定', { exact: true }).click()
  await shown(bind, '对不上').waitFor()
  await bind.locator('input[placeholder="例如：斯日古楞"]').fill(demo.name)
  await shown(bind, '绑定', { exact: true }).click()
  await shown(bind, `${demo.name}，您好`).waitFor()
  await bind.close()

  // The retiree agrees to subscribe messages, so the dispatcher has a push to send (and log).
  expect((await api('dev-retiree-1', 'consent.record', { moment: 'afterBinding', results: { [SUBSCRIBE_TEMPLATES.stageChanged.id]: 'accept' } })).ok).toBe(true)
  const retiree = await page()
  await signInAs(retiree, cloud.url, '斯日古楞（')
  await shown(retiree, '斯日古楞，您好').waitFor()
  await shown(retiree, '核对我的信息', { exact: true }).click()
  await shown(retiree, '身份证号：').waitFor()
  await shown(retiree, '信息都对', { exact: true }).click()
  await shown(retiree, '已确认，谢谢您！').waitFor()
  await retiree.close()
  const qr = await page()
  await signInAs(qr, cloud.url, '斯日古楞（')
  await shown(qr, '斯日古楞，您好').waitFor()
  await shown(qr, '我的二维码', { exact: true }).click()
  await shown(qr, '扫不了码时').waitFor()
  const fallbackCode = (await qr.locator('#fallback-code').innerText()).replace(/\s/g, '')
  await qr.close()

  const disputing = await page()
  await signInAs(disputing, cloud.url, '额尔敦毕力格')
  await shown(disputing, '额尔敦毕力格，您好').waitFor()
  await shown(disputing, '核对我的信息', { exact: true }).click()
  await shown(disputing, '身份证号：').waitFor()
  await shown(disputing, '有不对的地方', { exact: true }).click()
  await shown(disputing, '户籍地址：', { exact: false }).click()
  await disputing.locator('input[placeholder="户籍地址哪里不对？"]').fill('门牌号应该是12号')
  await shown(disputing, '提交更正').click()
  await shown(disputing, '更正申请：等待原企业核实').waitFor()
  await disputing.close()

  // --- The staff side. ---
  const dir = mkdtempSync(join(tmpdir(), 'roster-'))
  const file = join(dir, '供排水公司名册.csv')
  const row = (name: string, id: string, phone: string) =>
    ROSTER_COLUMNS.map((c) => (c.key === 'name' ? name : c.key === 'idNumber' ? id : c.key === 'phone' ? phone : c.key === 'retirementDate' ? '2012-06-30' : c.key === 'hukouAddress' ? '乌兰大街9号' : c.key === 'hukouCommunity' ? '乌兰社区' : '')).join(',')
  writeFileSync(file, [ROSTER_COLUMNS.map((c) => c.header).join(','), row('乌日娜', idNumber(1), '13904797001'), row('其其格·巴图', idNumber(2), '13904797002')].join('\n'))
  const enterprise = await page()
  await signInAs(enterprise, cloud.url, '经办人 刘建华')
  await shown(enterprise, '名册导入（摸底造册）').click()
  await shown(enterprise, '第二步：上传名册').waitFor()
  const chooser = enterprise.waitForEvent('filechooser')
  await shown(enterprise, '选择文件并检查').click()
  await (await chooser).setFiles(file)
  await shown(enterprise, '检查结果').waitFor()
  await shown(enterprise, '确认导入这 2 人').click()
  await shown(enterprise, '导入完成。').waitFor()
  await enterprise.close()
  const correction = (await api('dev-ent-water', 'correction.list', { status: 'open' })).data.items[0]
  expect((await api('dev-ent-water', 'correction.answer', { id: correction.id, expectedVersion: correction.version, decision: { kind: 'accept', values: { hukouAddress: '二连浩特市乌兰大街12号' }, answer: '已更正' } })).ok).toBe(true)

  const worker = await page()
  await signInAs(worker, cloud.url, '网格员 孟和')
  await shown(worker, '上门核对：扫码或输数字码').waitFor()
  await worker.locator('input[placeholder="二维码下面的8位数字"]').fill(fallbackCode)
  await shown(worker, '用数字码打开').click()
  await shown(worker, '登记上门核对').waitFor()
  await shown(worker, '已核对本人身份证').click()
  await shown(worker, '已核对材料').click()
  await shown(worker, '登记上门核对').click()
  await shown(worker, '已登记这次上门核对。').waitFor()
  await worker.close()

  // The hourly notification run: reminders, then the dispatcher (pushes go to the log locally).
  await fetch(new URL('/dev/run-notifications', cloud.url), { method: 'POST' })

  // --- The scan. ---
  const vault = createIdNumberVault(masterKeyFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY }, true))
  const cases = (await cloud.store.listCases({ limit: 1000 })).items
  const idNumbers = cases.map((c) => vault.open(c.person.idNumber))
  const phones = [...cases.map((c) => c.person.phone), ...DEMO_STAFF.flatMap((u) => (u.phone ? [u.phone] : []))].filter((p) => p.length >= 7)
  expect(idNumbers).toContain(idNumber(1)) // the imported people are in the scan
  expect(phones).toContain('13904797001')

  const db = cloud.store.db
  const stored = (sql: string) => (db.prepare(sql).all() as Array<{ id: string; doc: string }>).map((r) => ({ id: r.id, text: r.doc }))
  const places: Record<string, Array<{ id: string; text: string }>> = {
    logs: logged.map((text, i) => ({ id: `line ${i + 1}`, text })),
    audit: stored('SELECT id, doc FROM audit'),
    inbox: stored("SELECT id, doc FROM docs WHERE kind IN ('inboxMessage', 'staffMessage')"),
    outbox: stored("SELECT id, doc FROM docs WHERE kind IN ('outboxEvent', 'delivery')"),
    rosterPreviews: stored("SELECT id, doc FROM docs WHERE kind = 'rosterPreview'"),
  }
  const answers = (await Promise.all(responses)).map((text, i) => ({ id: `response ${i + 1}`, text }))
  for (const { id, text } of answers) for (const n of idNumbers) if (text.normalize('NFKC').includes(n)) scan.found.push(`api ${id}: an ID number`)
  for (const [place, items] of Object.entries(places)) {
    for (const { id, text } of items) {
      // Full-width digits would hide a number from a plain search.
      const plain = text.normalize('NFKC')
      for (const n of idNumbers) if (plain.includes(n) || plain.includes(n.toLowerCase())) scan.found.push(`${place} ${id}: an ID number`)
      for (const p of phones) if (plain.includes(p)) (place === 'rosterPreviews' ? scan.previewPhones : scan.found).push(`${place} ${id}: a phone number`)
    }
  }
  scan.tried = `${Object.values(places).reduce((n, items) => n + items.length, 0)} log lines and stored records (${Object.entries(places).map(([k, v]) => `${k} ${v.length}`).join(', ')}) searched for ${idNumbers.length} ID numbers and ${phones.length} phones; ${answers.length} API answers in the browser searched for the ID numbers`
  expect(places.logs.length).toBeGreaterThan(10)
  expect(answers.length).toBeGreaterThan(10)
  expect(places.rosterPreviews.length).toBe(1)
  expect(scan.found).toEqual([])
})

// A confirmed preview is a copy of what the cases now hold; it must not keep their phones.
test('roster previews keep no full phone number', () => {
  expect(scan.tried).not.toBe('')
  expect(scan.previewPhones).toEqual([])
})

afterAll(() => {
  if (!scan.tried) return
  recordFigure({ area: 'Personal data in a whole browser flow', tried: scan.tried, failures: scan.found.length + scan.previewPhones.length, failureName: 'full ID numbers or phones found' })
})
