/**
 * @jest-environment jsdom
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import simulate from 'miniprogram-simulate'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { createDeps } from '../../cloudfunctions/lib/deps'
import { apiHandlers } from '../../cloudfunctions/lib/actions'
import { createRouter } from '../../cloudfunctions/lib/router'
import { openSqliteStore } from '../../local/SqliteStore'
import { seedDemo } from '../../local/seed'
import { fakeWxCloud, installTaroWeappShims, waitForText, WEAPP_ROOT } from './taroWeapp'

describe('weapp build', () => {
  test('the retiree home page renders the current stage from the cloud', async () => {
    const store = openSqliteStore(':memory:')
    const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock('2020-03-20T01:00:00Z'), masterKey: Buffer.alloc(32, 9) })
    await seedDemo(store, erenhot2019, deps.vault, { count: 20, now: deps.clock.now() })
    const handle = createRouter(deps, apiHandlers)
    installTaroWeappShims(fakeWxCloud(handle, 'dev-retiree-1'))

    const id = simulate.load(resolve(WEAPP_ROOT, 'pages/home/index'), { rootPath: WEAPP_ROOT })
    const page = simulate.render(id)
    page.attach(document.createElement('parent-wrapper'))
    const text = await waitForText(page, '现在办到：签订移交协议')
    expect(text).toContain('斯日古楞，您好')
    expect(text).toContain('2020年3月31日')
    store.close()
  })

  test('the local-only sign-in page is not in the weapp build', () => {
    const app = JSON.parse(readFileSync(resolve(WEAPP_ROOT, 'app.json'), 'utf8'))
    expect(app.pages).not.toContain('pages/devLogin/index')
    expect(app.pages).toEqual(expect.arrayContaining(['pages/home/index', 'pages/bind/index', 'pages/timeline/index', 'pages/qrcode/index']))
    expect(existsSync(resolve(WEAPP_ROOT, 'pages/devLogin'))).toBe(false)
  })
})
