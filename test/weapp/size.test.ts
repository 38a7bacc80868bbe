import { readdirSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { weappSizes } = require('../../scripts/size-report.cjs') as { weappSizes(dir: string): { main: number; sub: Record<string, number> } }

describe('bundle sizes', () => {
  test('the weapp main package stays under 2 MB (and near the ~500 KB goal)', () => {
    const sizes = weappSizes(resolve(__dirname, '../../dist/weapp'))
    expect(sizes.main).toBeLessThan(2 * 1024 * 1024)
    expect(sizes.main).toBeLessThan(600 * 1024)
    expect(Object.keys(sizes.sub).sort()).toEqual(['enterprise', 'officer', 'supervisor', 'worker'])
    // Issue 10: the office's subpackage stays within 200 KB.
    expect(sizes.sub.supervisor).toBeLessThan(200 * 1024)
  })

  test('each cloud function bundle stays small (no zod locales, no SDK inside; exceljs and docx only in roster)', () => {
    const dir = resolve(__dirname, '../../dist/cloudfunctions')
    // roster carries the office's files: exceljs (~1.27 MB) for spreadsheets and docx (~0.34 MB) for printable bulletins.
    const limits: Record<string, number> = { api: 200 * 1024, roster: 2048 * 1024 }
    for (const name of readdirSync(dir)) expect([name, statSync(resolve(dir, name, 'index.js')).size < (limits[name] ?? 200 * 1024)]).toEqual([name, true])
  })
})
