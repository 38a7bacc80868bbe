/**
 * `npm run import -- --enterprise <code> <file> [--data .data/local.sqlite] [--now <instant>] [--policy <file>]`
 * Imports a roster (.xlsx or .csv) into the local store exactly as the enterprise operator's
 * preview + confirmation does (the same chunked import job, run to its end; a job an earlier run
 * left unfinished is finished first), and prints a JSON summary: accepted rows (and how many of them the
 * policy keeps out of the hand-over: registered, not handed over), rows referred out of the city
 * (转出), rejected rows, errors by row. Exits non-zero when nothing was accepted or referred.
 */
import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { fixedClock, systemClock } from '../shared/Clock'
import type { Policy } from '../shared/Policy'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import type { Store } from '../shared/ports/Store'
import { vaultKeysFromEnv } from '../cloudfunctions/lib/AesIdNumberVault'
import { createDeps } from '../cloudfunctions/lib/deps'
import { confirmAndImport, previewRoster, runImportJob, runningJobs, stoppedMessage, UNTIL_DONE } from '../cloudfunctions/lib/roster/importService'
import { outOfScopeGroups } from '../shared/RosterPreview'
import { readRosterFile } from '../cloudfunctions/lib/roster/rosterFile'
import { isAppError } from '../shared/AppError'
import { openSqliteStore } from './SqliteStore'
import { policyOrExit } from './policyOption'

export interface ImportSummary {
  file: string
  enterprise: string
  accepted: number
  created: number
  updated: number
  /** Accepted rows the policy keeps out of the hand-over (离休, 金融企业退休): registered, not handed over. */
  outOfScope: number
  /** Rows whose hukou is outside the city: referred (转出) to the office, no case opened. */
  referred: number
  rejected: number
  errors: Array<{ row: number; column: string; message: string }>
}

/** Said on stderr whenever ID numbers are sealed with the fixed development key. */
export const DEVELOPMENT_KEY_WARNING = [
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  '!! 警告：没有设置 PII_MASTER_KEY，身份证号正用公开的开发密钥加密。',
  '!! WARNING: PII_MASTER_KEY is not set; ID numbers are sealed with the',
  '!! public development key. Never import a real roster this way.',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
].join('\n')

/** Runs one import; returns the summary and the exit code. */
export async function runImport(
  store: Store,
  options: { enterpriseCode: string; file: string; policy?: Policy; now?: Date; env?: { PII_MASTER_KEY?: string; PII_PREVIOUS_KEY?: string; PII_LOOKUP_KEY?: string }; warn?: (text: string) => void },
): Promise<{ summary: ImportSummary | { error: string }; exitCode: number }> {
  const env = options.env ?? { PII_MASTER_KEY: process.env.PII_MASTER_KEY, PII_PREVIOUS_KEY: process.env.PII_PREVIOUS_KEY, PII_LOOKUP_KEY: process.env.PII_LOOKUP_KEY }
  if (!env.PII_MASTER_KEY) (options.warn ?? ((text: string) => console.error(text)))(DEVELOPMENT_KEY_WARNING)
  const enterprise = (await store.listEnterprises()).find((e) => e.code.toUpperCase() === options.enterpriseCode.toUpperCase())
  if (!enterprise) return { summary: { error: `没有编号为 ${options.enterpriseCode} 的企业。` }, exitCode: 2 }
  // The same keys as every function, a rotation's too: the look-up hash must find the people already stored.
  const keys = vaultKeysFromEnv(env, true)
  const deps = createDeps({ store, policy: options.policy ?? erenhot2019, clock: options.now ? fixedClock(options.now) : systemClock, masterKey: keys.master, previousKey: keys.previous, lookupKey: keys.lookup })
  const ctx = { ...deps, now: deps.clock.now(), user: { id: 'cli-import', role: 'enterpriseOperator' as const, name: '命令行导入', orgId: enterprise.id } }
  try {
    // A job an earlier run left unfinished (it crashed or was stopped) is finished first: this file's preview then sees its rows.
    for (const job of await runningJobs(ctx, enterprise.id)) await runImportJob(ctx, job.id, UNTIL_DONE)
    const grid = await readRosterFile(options.file, readFileSync(options.file))
    const preview = await previewRoster(ctx, enterprise.id, basename(options.file), grid)
    const referred = preview.referrals?.length ?? 0
    if (preview.people.length > 0 || referred > 0) {
      // The same import job as the operator's screen runs, chunk by chunk, here until it ends.
      const job = await confirmAndImport(ctx, preview, preview.version, UNTIL_DONE)
      if (job?.status === 'failed') return { summary: { error: stoppedMessage(job) }, exitCode: 2 }
    }
    const summary: ImportSummary = {
      file: basename(options.file),
      enterprise: enterprise.name,
      accepted: preview.people.length,
      created: preview.people.filter((p) => p.existingCaseId === null).length,
      updated: preview.people.filter((p) => p.existingCaseId !== null).length,
      outOfScope: outOfScopeGroups(deps.policy, preview.people).reduce((n, g) => n + g.count, 0),
      referred,
      rejected: new Set(preview.errors.map((e) => e.row)).size,
      errors: preview.errors,
    }
    return { summary, exitCode: summary.accepted + summary.referred > 0 ? 0 : 1 }
  } catch (e) {
    return { summary: { error: isAppError(e) ? e.message : String(e) }, exitCode: 2 }
  }
}

export async function main() {
  const args = process.argv.slice(2)
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? args.splice(i, 2)[1] : undefined
  }
  const enterpriseCode = value('enterprise')
  const dataFile = resolve(value('data') ?? process.env.DATA_FILE ?? '.data/local.sqlite')
  const now = value('now')
  const policyFile = value('policy')
  const [file] = args
  if (!enterpriseCode || !file) {
    console.error('用法: npm run import -- --enterprise <企业编号> <名册.xlsx|名册.csv> [--policy <政策文件.jsonc>]')
    process.exit(2)
  }
  const policy = policyOrExit(policyFile ? ['--policy', policyFile] : [])
  const store = openSqliteStore(dataFile)
  const { summary, exitCode } = await runImport(store, { enterpriseCode, file: resolve(file), policy, now: now ? new Date(now) : undefined })
  store.close()
  console.log(JSON.stringify(summary, null, 2))
  process.exit(exitCode)
}

