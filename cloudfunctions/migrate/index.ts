/**
 * The `migrate` cloud function, triggered every night (config.json): moves the upgrade run of
 * records written by older code (shared/UpgradeStoredRecords.ts) forward for at most half its
 * time, then the re-seal job of a key rotation (shared/KeyRotation.ts) until its time is nearly
 * up. Idempotent and resumable: each record is its own commit and both jobs keep their cursor in
 * a document, so a run cut off by the time limit is continued by the next one; an upgrade run
 * done for this code, policy and marks reads only its progress document. With no rotation under
 * way the re-seal job is done after one pass (which gives the values sealed before key ids their
 * key's id) and then only reads its progress document. When ARCHIVE_KEY is set, it then writes the month's archive of every record
 * (cloudfunctions/lib/Archive.ts) to cloud storage under archive/<YYYY-MM>/, part by part, with
 * the time that is left; the next night continues it.
 * Invoked by the deploy command (no OPENID), it issues the first supervisor's invite (firstSupervisor.ts)
 * or loads the city's list of enterprises and communities (organisations.ts).
 */
import cloud from 'wx-server-sdk'
import { chinaDateOf } from '../../shared/ChinaTime'
import { rotateKeys } from '../../shared/KeyRotation'
import { FUNCTION_TIMEOUT_SECONDS } from '../../shared/ports/StoreLimits'
import { upgradeStoredRecords } from '../../shared/UpgradeStoredRecords'
import { masterKeyFromEnv } from '../lib/AesIdNumberVault'
import { archiveKeyFromEnv, exportArchiveParts } from '../lib/Archive'
import { createCloudMain } from '../lib/cloudMain'
import { answerConsoleCall } from '../lib/consoleCall'
import { runningCodeVersion } from '../lib/codeVersion'

/** Left of the function's time when a run stops paging: one page and its progress write fit in it. */
const MARGIN_MS = 10_000

export const main = createCloudMain(
  {},
  async (deps) => {
    const started = Date.now()
    const shouldStop = () => Date.now() - started > FUNCTION_TIMEOUT_SECONDS * 1000 - MARGIN_MS
    // The upgrade run takes at most half the time, so a long one (a large store after an upgrade) never starves the rotation and the archive.
    const upgradeShouldStop = () => Date.now() - started > (FUNCTION_TIMEOUT_SECONDS * 1000 - MARGIN_MS) / 2
    const { counts: upgraded, run: upgradeRun } = await upgradeStoredRecords(deps.store, deps.policy, { now: () => deps.clock.now(), shouldStop: upgradeShouldStop, codeVersion: runningCodeVersion() })
    const rotation = await rotateKeys(deps.store, deps.vault, {
      now: () => deps.clock.now(),
      newId: deps.newId,
      // A write read before a value was re-sealed can land until its function's time is up.
      settleMs: FUNCTION_TIMEOUT_SECONDS * 1000,
      shouldStop,
    })
    const upgrade = { ...upgraded, done: upgradeRun?.doneAt != null }
    if (!process.env.ARCHIVE_KEY) return { upgraded: upgrade, rotation, archive: null }
    const key = archiveKeyFromEnv({ ARCHIVE_KEY: process.env.ARCHIVE_KEY, PII_MASTER_KEY: process.env.PII_MASTER_KEY, PII_PREVIOUS_KEY: process.env.PII_PREVIOUS_KEY, PII_LOOKUP_KEY: process.env.PII_LOOKUP_KEY })
    // cloud.uploadFile({ cloudPath, fileContent }) overwrites a path written before (documented), so a part written again replaces itself.
    const sink = { put: (cloudPath: string, fileContent: Buffer) => cloud.uploadFile({ cloudPath, fileContent }) }
    const archive = await exportArchiveParts(deps.store, key, sink, { id: chinaDateOf(deps.clock.now()).slice(0, 7), now: () => deps.clock.now(), sealedWith: deps.vault.currentKeyId, shouldStop })
    return { upgraded: upgrade, rotation, archive: { id: archive.id, chunks: archive.chunks, doneAt: archive.doneAt } }
  },
  (deps, event) => answerConsoleCall(deps, event, masterKeyFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY }, false)),
)
