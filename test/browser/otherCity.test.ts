/**
 * Another city by configuration: the local host started as a deployment would start it,
 * `node dist/local/main.js --policy shared/policies/qingyuan2020.jsonc` (青原市, a fictional
 * city: other dates, the 常住地 receiving rule, the file moved after the social-security
 * handover). A retiree reads the city's timeline and FAQ; the archives officer records a batch of files,
 * which that city's order allows only after the handover. Screenshots and axe-core as elsewhere.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { qingyuan2020 } from '../../shared/policies/qingyuan2020'
import { allCases } from '../../shared/testing/fixtures'
import { openSqliteStore } from '../../local/SqliteStore'
import { checkScreen } from './elderly'
import { launchBrowser, phonePage, screenshot, shown, signInAs } from './browser'

jest.setTimeout(120_000)

const ROOT = resolve(__dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'other-city-'))
const dataFile = join(dir, 'local.sqlite')
let host: ChildProcess
let url: string
let browser: Browser

/** A port no one listens on now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
    probe.on('error', fail)
  })
}

beforeAll(async () => {
  // The host as `npm run serve -- --policy …` runs it: built, then started with the flag.
  const built = spawnSync(process.execPath, ['scripts/build-local.mjs'], { cwd: ROOT, encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`build:local failed: ${built.stderr}`)
  const args = ['dist/local/main.js', '--policy', 'shared/policies/qingyuan2020.jsonc', '--data', dataFile, '--port', String(await freePort()), '--now', '2020-09-10T09:00:00+08:00']
  host = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  url = await new Promise<string>((done, fail) => {
    host.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const running = /local cloud running: (http:\/\/\S+)/.exec(out)
      if (running) done(running[1])
    })
    host.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    host.on('exit', (code) => fail(new Error(`the local host exited (${code}): ${out}`)))
  })
  expect(out).toContain(`政策 policy: ${qingyuan2020.title}（qingyuan-2020）`)
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  if (host && host.exitCode === null) {
    const exited = new Promise((done) => host.once('exit', done))
    host.kill('SIGTERM')
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
})

async function expectReadable(page: Page, name: string) {
  await page.waitForTimeout(150)
  await screenshot(page, name)
  const check = await checkScreen(page, 18, 44)
  expect({ screen: name, ...check }).toEqual({ screen: name, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}

test('a retiree reads the timeline of the city’s own plan: its stages in its order, its dates, its office', async () => {
  const page = await phonePage(browser)
  await signInAs(page, url, '王建国')
  await shown(page, '王建国，您好').waitFor()
  await shown(page, '我的移交进度', { exact: true }).click()
  await shown(page, '1. 摸底登记：已办完').waitFor()
  const text = await page.locator('body').innerText()
  // 青原市 hands social security over before the file; this leader's file stays where it is.
  expect(text).toContain('4. 社会保险衔接：正在办')
  expect(text).toContain('截止日期：2020年10月31日')
  expect(text).toContain('5. 人事档案移交：不需要办')
  // The city's own bureaus answer for the 社保 handover, with their phones.
  expect(text).toContain('（青原市人力资源和社会保障局，电话 0470-5550104）')
  expect(text).toContain('也可以联系：青原市医疗保障局，电话 0470-5550105')
  expect(text).toContain('可以打青原市移交工作领导小组办公室的电话：0470-5550103')
  expect(text).not.toContain('二连浩特市委组织部')
  await expectReadable(page, 'other-city-timeline')
  await page.close()
})

test('a retiree who lives away from the hukou is received where they live (常住地)', async () => {
  const page = await phonePage(browser)
  await signInAs(page, url, '阿依古丽')
  await shown(page, '我的移交进度', { exact: true }).click()
  await shown(page, '7. 纳入社区管理').waitFor()
  const text = await page.locator('body').innerText()
  // The hukou is in 乌兰社区; the city's rule names the community where she lives.
  expect(text).toContain('负责单位：接收社区（欣苑社区，电话 0479-7530005）')
  expect(text).toContain('居住地社区的网格员会和您见面')
  await expectReadable(page, 'other-city-residence-timeline')
  await page.close()
})

test('the FAQ says the city’s receiving rule and dates, and gives its office’s number', async () => {
  const page = await phonePage(browser)
  await signInAs(page, url, '王建国')
  await shown(page, '王建国，您好').waitFor()
  await shown(page, '常见问题', { exact: true }).click()
  await shown(page, '可以打青原市移交工作领导小组办公室的电话：0470-5550103').waitFor()
  const text = await page.locator('body').innerText()
  expect(text).toContain('现在改为由您长期居住地的社区管理和服务')
  expect(text).toContain('按照方案，移交协议在2020年8月31日前签订，档案和党组织关系在2020年11月30日前转好，2020年12月31日前全部办完。')
  await expectReadable(page, 'other-city-faq')
  await page.close()
})

test('the archives officer records a batch of files: only people whose social security is handed over are in it', async () => {
  const page = await phonePage(browser)
  await signInAs(page, url, '档案局 张耀增')
  await shown(page, '选择企业').waitFor()
  await shown(page, '青原市档案馆').waitFor()
  await shown(page, '这批档案已全部移交，登记').waitFor()
  await expectReadable(page, 'other-city-archives-batch')
  await shown(page, '这批档案已全部移交，登记').click()
  await shown(page, '的档案移交').waitFor()
  const recorded = Number(/已登记 (\d+) 人的档案移交/.exec(await page.locator('#archives-message').innerText())?.[1])
  expect(recorded).toBeGreaterThan(0)
  await screenshot(page, 'other-city-archives-batch-done')
  await page.close()

  // Read the host's store: every file moved came after that person's social-security handover.
  const store = openSqliteStore(dataFile)
  try {
    const moved = (await allCases(store)).filter((c) => c.actions.some((a) => a.type === 'personnelFileTransferred'))
    expect(moved.length).toBeGreaterThanOrEqual(recorded)
    for (const c of moved) {
      const types = c.actions.map((a) => a.type)
      // The stage is handed over once 医保局 has recorded its step (after 人社局's).
      expect(types.indexOf('medicalInsuranceHandedOver')).toBeGreaterThanOrEqual(0)
      expect(types.indexOf('medicalInsuranceHandedOver')).toBeLessThan(types.indexOf('personnelFileTransferred'))
    }
  } finally {
    store.close()
  }
})
