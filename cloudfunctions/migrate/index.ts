/**
 * The `migrate` cloud function, triggered every night (config.json): upgrades records written
 * before issue 8 (full birth and retirement dates, the older masked ID number) through the store
 * port. Idempotent and resumable: each record is its own commit, so a run cut off by the time
 * limit is continued by the next one, and a run over upgraded data writes nothing.
 * Invoked by the deploy command (no OPENID), it issues the first supervisor's invite (firstSupervisor.ts).
 */
import { upgradeStoredRecords } from '../../shared/UpgradeStoredRecords'
import { masterKeyFromEnv } from '../lib/AesIdNumberVault'
import { createCloudMain } from '../lib/cloudMain'
import { issueFirstSupervisorInvite } from '../lib/firstSupervisor'

export const main = createCloudMain(
  {},
  (deps) => upgradeStoredRecords(deps.store, deps.policy),
  (deps, event) => issueFirstSupervisorInvite(deps, event, masterKeyFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY }, false)),
)
