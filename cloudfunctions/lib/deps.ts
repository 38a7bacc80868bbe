/** Everything the router needs, built one way for the cloud function, the local cloud and tests. */
import type { Clock } from '../../shared/Clock'
import type { Policy } from '../../shared/Policy'
import type { Store } from '../../shared/ports/Store'
import { memoryFileStorage, type FileStorage } from '../../shared/ports/FileStorage'
import { createIdNumberVault, deriveKey } from './AesIdNumberVault'
import type { Deps } from './router'
import { createVisitTokens } from './VisitToken'
import { orderedIds } from './OrderedId'
import type { MiniProgramCode } from '../../shared/ports/MiniProgramCode'

/** One maker per instance, so every id this instance makes sorts after the ones before. */
const newId = orderedIds()

/**
 * `files` defaults to an empty in-memory storage, for tools and tests that handle no uploads.
 * `miniProgramCode` is left out off WeChat: the print handlers then draw a plain QR stand-in.
 * `previousKey` and `lookupKey` are the vault's during a key rotation (AesIdNumberVault.ts).
 */
export function createDeps(options: { store: Store; policy: Policy; clock: Clock; masterKey: Buffer; previousKey?: Buffer; lookupKey?: Buffer; files?: FileStorage; miniProgramCode?: MiniProgramCode; logError?: Deps['logError'] }): Deps {
  return {
    store: options.store,
    policy: options.policy,
    clock: options.clock,
    vault: createIdNumberVault({ master: options.masterKey, previous: options.previousKey, lookup: options.lookupKey }),
    files: options.files ?? memoryFileStorage(),
    visitTokens: createVisitTokens(deriveKey(options.masterKey, 'visit-token')),
    miniProgramCode: options.miniProgramCode,
    newId,
    logError: options.logError,
  }
}
