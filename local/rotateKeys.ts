/**
 * `npm run rotate-keys [-- --data .data/local.sqlite]`: the re-seal job of a key rotation
 * (shared/KeyRotation.ts) on a local store, run to its end. Set PII_MASTER_KEY to the new key,
 * PII_PREVIOUS_KEY to the old one and PII_LOOKUP_KEY to the key the ID numbers were first hashed
 * with. Prints the job's progress document as JSON; exits 0 when every value is sealed with the
 * new key, 1 when some value opened with no key given (left as it was, to be looked at).
 * Stopped midway (Ctrl-C, a crash), it continues where it stopped when run again.
 */
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { rotateKeys } from '../shared/KeyRotation'
import { createIdNumberVault, vaultKeysFromEnv } from '../cloudfunctions/lib/AesIdNumberVault'
import { openSqliteStore } from './SqliteStore'

/** Writes in the local host live milliseconds; a pass that starts this long after the last find is the proof. */
const LOCAL_SETTLE_MS = 2_000

async function main(): Promise<void> {
  const at = process.argv.indexOf('--data')
  const dataFile = resolve(at >= 0 ? process.argv[at + 1] : '.data/local.sqlite')
  const vault = createIdNumberVault(vaultKeysFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY, PII_PREVIOUS_KEY: process.env.PII_PREVIOUS_KEY, PII_LOOKUP_KEY: process.env.PII_LOOKUP_KEY }, true))
  const store = openSqliteStore(dataFile)
  try {
    let state = await rotateKeys(store, vault, { now: () => new Date(), newId: randomUUID, settleMs: LOCAL_SETTLE_MS })
    // A clean pass that came too soon after the last find ends a run: wait, then go on until done.
    while (state.doneAt === null) {
      await new Promise((resolve) => setTimeout(resolve, LOCAL_SETTLE_MS))
      state = await rotateKeys(store, vault, { now: () => new Date(), newId: randomUUID, settleMs: LOCAL_SETTLE_MS })
    }
    console.log(JSON.stringify({ data: dataFile, ...state }, null, 2))
    process.exitCode = state.unopenable > 0 ? 1 : 0
  } finally {
    store.close()
  }
}

void main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exitCode = 2
})
