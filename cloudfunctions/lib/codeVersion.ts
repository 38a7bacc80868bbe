import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

/**
 * A short hash of the running program: once bundled (a cloud function's index.js, the local
 * host's bundle), this module's file is the whole program, so any change of code deployed changes
 * it. The upgrade run puts it in its fingerprint (shared/UpgradeStoredRecords.ts).
 */
export function runningCodeVersion(): string {
  return createHash('sha256').update(readFileSync(__filename)).digest('hex').slice(0, 16)
}
