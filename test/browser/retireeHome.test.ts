jest.setTimeout(90_000)
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { ARTIFACTS, phonePage, screenshot, signInAs, useBrowserAndCloud } from './browser'

describe('H5 build in Chromium, served by the local cloud', () => {
  const env = useBrowserAndCloud()

  test('a demo retiree signs in and sees the current stage and next deadline in China time', async () => {
    const page = await phonePage(env.browser)
    await signInAs(page, env.cloud.url, '斯日古楞')
    await page.getByText('现在办到：签订移交协议').waitFor()
    // What JavaScript the retiree home needs, measured on a fresh load of the page itself.
    const scripts = new Map<string, Buffer>()
    page.on('response', async (r) => {
      if (r.url().endsWith('.js')) scripts.set(r.url(), await r.body())
    })
    await page.reload()
    await page.getByText('现在办到：签订移交协议').waitFor()
    const bytes = [...scripts.values()].reduce((a, b) => a + b.length, 0)
    const gzipped = [...scripts.values()].reduce((a, b) => a + gzipSync(b).length, 0)
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(join(ARTIFACTS, 'h5-retiree-home-js.json'), JSON.stringify({ files: scripts.size, kb: Math.round(bytes / 102.4) / 10, gzippedKb: Math.round(gzipped / 102.4) / 10 }, null, 2))
    expect(bytes).toBeLessThan(700 * 1024)
    await screenshot(page, 'retiree-home')
    const text = await page.locator('body').innerText()
    expect(text).toContain('今天是 2020年3月20日')
    expect(text).toContain('截止日期：2020年3月31日')
    expect(text).toContain('离截止还有 11 天')
    expect(text).toContain('养老金照常按时足额发放')
    await page.close()
  })

  test('a 离休 retiree is told plainly that nothing needs doing', async () => {
    const page = await phonePage(env.browser)
    await signInAs(page, env.cloud.url, '李德胜')
    await page.getByText('离休人员保持现有管理方式不变', { exact: false }).first().waitFor()
    expect(await page.locator('body').innerText()).toContain('您不需要办理任何手续')
    await page.close()
  })

  test('a grid worker lands on the cases of their community only', async () => {
    const page = await phonePage(env.browser)
    await signInAs(page, env.cloud.url, '网格员 孟和')
    await page.getByText('上门核对：扫码或输数字码').first().waitFor()
    await screenshot(page, 'staff-cases')
    const text = await page.locator('body').innerText()
    expect(text).toContain('乌兰社区')
    expect(text).not.toMatch(/\d{17}[\dX]/) // no unmasked ID numbers on screen
    await page.close()
  })
})
