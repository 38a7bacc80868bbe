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

  test('each cloud function bundle stays small (no zod locales, no SDK inside; exceljs and docx only in roster, pdfkit only in print)', () => {
    const dir = resolve(__dirname, '../../dist/cloudfunctions')
    // roster carries the office's files: exceljs (~1.27 MB) for spreadsheets and docx (~0.34 MB) for printable bulletins.
    // api carries every action's schemas (the router parses inputs and outputs): issue 11's units and rules took it
    // from 195.9 to 215.7 KB. Our own cold-start budget (Tencent SCF allows 500 MB), raised to 256 KB with the reason.
    // Issues 13-14 (approvals, 公示, concerns, reachability: each ~10 KB of retiree-facing actions) took it past 260 KB,
    // so the budget is 320 KB: V8 compiles the 260 KB bundle in ~10 ms here, while requiring wx-server-sdk takes ~350 ms.
    // notify runs every hourly pass: issues 13-15 added the concerns' escalation, the 公示's messages, SMS and the yearly
    // qualification reminders, taking it past 200 KB (207 KB); its budget is api's old 256 KB.
    // print (issue 14) carries pdfkit with fontkit (~1.05 MB) for posters and notice letters; its CJK font ships beside it, not inside.
    const limits: Record<string, number> = { api: 320 * 1024, notify: 256 * 1024, roster: 2048 * 1024, print: 1200 * 1024 }
    for (const name of readdirSync(dir)) expect([name, statSync(resolve(dir, name, 'index.js')).size < (limits[name] ?? 200 * 1024)]).toEqual([name, true])
  })
})
