/**
 * The `migrate` cloud function, triggered every night (config.json): upgrades records written
 * before issue 8 (full birth and retirement dates, the older masked ID number) through the store
 * port. Idempotent and resumable: each record is its own commit, so a run cut off by the time
 * limit is continued by the next one, and a run over upgraded data writes nothing.
 */
import { upgradeStoredRecords } from '../../shared/UpgradeStoredRecords'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain({}, (deps) => upgradeStoredRecords(deps.store, deps.policy))
