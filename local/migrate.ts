/**
 * `npm run migrate [-- --data .data/local.sqlite] [--policy <file>]`: upgrades the records of a local store written
 * by older code (shared/UpgradeStoredRecords.ts) and prints what it read and rewrote, and where the
 * run stands, as JSON. The local host also runs it on every start; once the run is done for the
 * policy and the marked enterprises, running it again reads only its progress document.
 */
import { resolve } from 'node:path'
import { upgradeStoredRecords } from '../shared/UpgradeStoredRecords'
import { runningCodeVersion } from '../cloudfunctions/lib/codeVersion'
import { openSqliteStore } from './SqliteStore'
import { policyOrExit } from './policyOption'

async function main(): Promise<void> {
  const at = process.argv.indexOf('--data')
  const dataFile = resolve(at >= 0 ? process.argv[at + 1] : '.data/local.sqlite')
  const policy = policyOrExit(process.argv)
  const store = openSqliteStore(dataFile)
  try {
    const { counts, run } = await upgradeStoredRecords(store, policy, { now: () => new Date(), codeVersion: runningCodeVersion() })
    const { summaries, figuresCounted, ...report } = counts
    console.log(JSON.stringify({ data: dataFile, run, ...report, figuresCounted, summaries }, null, 2))
    process.exitCode = Object.values(report).some((n) => n.unreadable > 0) ? 1 : 0
  } finally {
    store.close()
  }
}

void main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exitCode = 2
})
