/**
 * `npm run migrate [-- --data .data/local.sqlite] [--policy <file>]`: upgrades the records of a local store written
 * before issue 8 (full birth and retirement dates, the older masked ID number) and prints what it
 * read and rewrote, as JSON. The local host also runs it on every start; running it twice changes
 * nothing the second time.
 */
import { resolve } from 'node:path'
import { upgradeStoredRecords } from '../shared/UpgradeStoredRecords'
import { openSqliteStore } from './SqliteStore'
import { policyOrExit } from './policyOption'

async function main(): Promise<void> {
  const at = process.argv.indexOf('--data')
  const dataFile = resolve(at >= 0 ? process.argv[at + 1] : '.data/local.sqlite')
  const policy = policyOrExit(process.argv)
  const store = openSqliteStore(dataFile)
  try {
    const { summaries, figuresCounted, ...report } = await upgradeStoredRecords(store, policy)
    console.log(JSON.stringify({ data: dataFile, ...report, figuresCounted, summaries }, null, 2))
    process.exitCode = Object.values(report).some((n) => n.unreadable > 0) ? 1 : 0
  } finally {
    store.close()
  }
}

void main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exitCode = 2
})
