/**
 * `npm start`: the local cloud. Options:
 *   --port 8787               (or PORT)
 *   --now 2020-03-20T09:00+08:00   the demo clock's start (or DEMO_NOW); it then runs on
 *   --data .data/local.sqlite (or DATA_FILE)
 *   --reset                   delete the data file first, so the demo is seeded afresh
 *   --crowd ent-water:com-wulan:2000[:case-big-]   seed that many more retirees of the enterprise
 *                             with their hukou in the community (repeatable; first run or --reset)
 *   --policy shared/policies/qingyuan2020.jsonc   the policy file to run (or POLICY); 二连浩特 2019 otherwise
 */
import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { offsetClock } from '../shared/Clock'
import { formatChinaDateTime } from '../shared/ChinaTime'
import { DEFAULT_DEMO_NOW, startLocalCloud } from './server'
import { policyOrExit } from './policyOption'
import type { DemoCrowd } from './seed'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

/** Every `--crowd enterprise:community:count[:idPrefix]`. */
function crowds(): DemoCrowd[] {
  return process.argv.flatMap((a, i) => {
    if (a !== '--crowd') return []
    const [enterpriseId, communityId, count, idPrefix] = (process.argv[i + 1] ?? '').split(':')
    if (!enterpriseId || !communityId || !/^\d+$/.test(count ?? '')) throw new Error(`--crowd: expected enterprise:community:count, got ${process.argv[i + 1]}`)
    return [{ enterpriseId, communityId, count: Number(count), ...(idPrefix && { idPrefix }) }]
  })
}

async function main() {
  const dataFile = resolve(arg('data') ?? process.env.DATA_FILE ?? '.data/local.sqlite')
  if (process.argv.includes('--reset')) for (const f of [dataFile, `${dataFile}-wal`, `${dataFile}-shm`]) if (existsSync(f)) rmSync(f)
  const nowText = arg('now') ?? process.env.DEMO_NOW ?? DEFAULT_DEMO_NOW
  const policy = policyOrExit(process.argv)
  const start = new Date(nowText)
  if (Number.isNaN(start.getTime())) throw new Error(`--now: not a date: ${nowText}`)
  const cloud = await startLocalCloud({
    port: Number(arg('port') ?? process.env.PORT ?? 8787),
    dataFile,
    staticDir: resolve('dist/h5'),
    clock: offsetClock(start),
    policy,
    crowds: crowds(),
    // Reminders and notifications, as the hourly cloud function does, every minute here.
    notifyEveryMs: 60_000,
  })
  console.log(`演示时钟 demo clock: ${formatChinaDateTime(start)}（北京时间）`)
  console.log(`政策 policy: ${policy.title}（${policy.id}）`)
  console.log(`数据 data: ${dataFile}`)
  console.log(`本地云已启动 local cloud running: ${cloud.url}`)
  const stop = () => cloud.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
