/**
 * ID numbers at rest: AES-256-GCM with a random 96-bit IV, plus an HMAC-SHA256 look-up hash.
 * Both keys are derived (HKDF-SHA256) from master keys taken from the environment (32 bytes as
 * base64 or hex). Locally a fixed development key is used.
 *
 * Rotation (README "Keys and data over time"): PII_MASTER_KEY is the key every seal is made with;
 * while a rotation runs, PII_PREVIOUS_KEY is the key it replaces. A sealed value names its key
 * (`v2.<key id>.…`); values sealed before key ids existed (`v1.…`) name none and are opened with
 * the previous key, then the current one. The look-up hash does not rotate: it is derived from
 * PII_LOOKUP_KEY (the master key the hashes were first made with), or from PII_MASTER_KEY when no
 * rotation ever happened. The hash is the cases' look-up index and the id of referrals and ID
 * reservations, so a new hash key would mean re-keying documents, not re-sealing them.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { AppError } from '../../shared/AppError'
import { maskIdNumber } from '../../shared/Mask'
import type { SealedIdNumber } from '../../shared/Person'
import type { IdNumberVault } from '../../shared/ports/IdNumberVault'

/** Before key ids: `v1.<iv>.<tag>.<body>`. */
const LEGACY_FORMAT = 'v1'
/** `v2.<key id>.<iv>.<tag>.<body>`. */
const FORMAT = 'v2'
/** GCM tags are always the full 16 bytes: a shorter one would be easier to forge. */
const TAG_BYTES = 16

/** Used only by the local cloud and tests; production refuses to start without PII_MASTER_KEY. */
export const LOCAL_DEVELOPMENT_MASTER_KEY = Buffer.alloc(32, 'local-development-only')

/** A key for one purpose, derived from the master key (HKDF-SHA256). */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32))
}

/** A master key's public name: 8 hex characters derived from it (never the key, nor enough to find it). */
export function keyIdOf(master: Buffer): string {
  return deriveKey(master, 'key-id').subarray(0, 4).toString('hex')
}

/** Why a sealed value did not open: a closed set, none of which carries the value or a key. */
export type VaultFailure = 'unknownKey' | 'malformed' | 'unauthentic'

const VAULT_MESSAGES: Record<VaultFailure, string> = {
  unknownKey: '这条身份证号是用系统不认识的密钥加密的，暂时无法读取，请联系系统管理员。',
  malformed: '这条身份证号的存储格式有误，暂时无法读取，请联系系统管理员。',
  unauthentic: '这条身份证号没有通过完整性校验，暂时无法读取，请联系系统管理员。',
}

/** A sealed value that does not open. An INTERNAL error to callers; `failure` says why, for developers. */
export class VaultError extends AppError {
  constructor(readonly failure: VaultFailure, keyId?: string) {
    super('INTERNAL', VAULT_MESSAGES[failure], { fields: ['idNumber'], ...(keyId !== undefined && { action: `vault.open:${failure}:${keyId}` }) })
    this.name = 'VaultError'
  }
}

export function isVaultError(e: unknown): e is VaultError {
  return e instanceof VaultError
}

/** The keys a vault holds: the one it seals with, the one a rotation replaces, the one hashes are made with. */
export interface VaultKeys {
  master: Buffer
  previous?: Buffer
  /** The master key the look-up hashes were first made with; `master` when absent. */
  lookup?: Buffer
}

export function createIdNumberVault(keys: Buffer | VaultKeys): IdNumberVault {
  const { master, previous, lookup } = Buffer.isBuffer(keys) ? { master: keys } : keys
  for (const key of [master, previous, lookup]) if (key !== undefined && key.length !== 32) throw new Error('The PII master key must be 32 bytes.')
  const currentKeyId = keyIdOf(master)
  const encryptionKeys = new Map<string, Buffer>([[currentKeyId, deriveKey(master, 'id-number/encryption')]])
  if (previous !== undefined && !previous.equals(master)) encryptionKeys.set(keyIdOf(previous), deriveKey(previous, 'id-number/encryption'))
  // Values without a key id were sealed before ids existed: by the previous key if a rotation runs, else by this one.
  const legacyKeys = [...(previous !== undefined ? [keyIdOf(previous)] : []), currentKeyId]
  const lookupKey = deriveKey(lookup ?? master, 'id-number/lookup')
  const lookupHash = (idNumber: string) => createHmac('sha256', lookupKey).update(idNumber).digest('hex')

  function parse(sealed: string): { keyIds: string[]; iv: Buffer; tag: Buffer; body: Buffer } {
    const parts = sealed.split('.')
    const [keyIds, rest] = parts[0] === FORMAT && parts.length === 5 ? [[parts[1]], parts.slice(2)] : parts[0] === LEGACY_FORMAT && parts.length === 4 ? [legacyKeys, parts.slice(1)] : [null, []]
    if (keyIds === null || rest.some((p) => p === '')) throw new VaultError('malformed')
    const [iv, tag, body] = rest.map((p) => Buffer.from(p, 'base64'))
    if (tag.length !== TAG_BYTES || iv.length !== 12) throw new VaultError('malformed')
    return { keyIds, iv, tag, body }
  }

  function openWith(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer): string | null {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAuthTag(tag)
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    } catch {
      return null
    }
  }

  function seal(idNumber: string): SealedIdNumber {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', encryptionKeys.get(currentKeyId)!, iv)
    const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()])
    const sealed = [FORMAT, currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.')
    return { sealed, hash: lookupHash(idNumber), masked: maskIdNumber(idNumber) }
  }

  function open(value: SealedIdNumber): string {
    const { keyIds, iv, tag, body } = parse(value.sealed)
    const known = keyIds.filter((id) => encryptionKeys.has(id))
    if (known.length === 0) throw new VaultError('unknownKey', keyIds[0])
    for (const id of known) {
      const plain = openWith(encryptionKeys.get(id)!, iv, tag, body)
      if (plain !== null) return plain
    }
    throw new VaultError('unauthentic')
  }

  return {
    lookupHash,
    seal,
    open,
    currentKeyId,
    sealedWithCurrentKey: (value) => value.sealed.startsWith(`${FORMAT}.${currentKeyId}.`),
    // Sealed again with the current key; the hash and the masked form stay as they are.
    reseal: (value) => ({ ...value, sealed: seal(open(value)).sealed }),
  }
}

type KeyEnv = { PII_MASTER_KEY?: string; PII_PREVIOUS_KEY?: string; PII_LOOKUP_KEY?: string }

/** A 32-byte key written as 64 hex characters or base64. */
export function parseKey(name: string, raw: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64')
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes (64 hex characters or base64).`)
  return key
}

/** Reads the master key from the environment; without one, only local development may fall back. */
export function masterKeyFromEnv(env: { PII_MASTER_KEY?: string }, allowDevelopmentKey: boolean): Buffer {
  const raw = env.PII_MASTER_KEY
  if (!raw) {
    if (allowDevelopmentKey) return LOCAL_DEVELOPMENT_MASTER_KEY
    throw new Error('PII_MASTER_KEY is not set: refusing to handle ID numbers without a key.')
  }
  return parseKey('PII_MASTER_KEY', raw)
}

/**
 * Every vault key from the environment. A rotation (PII_PREVIOUS_KEY set) needs PII_LOOKUP_KEY:
 * without it the hashes would be made with the new key and no case would be found by its ID number.
 */
export function vaultKeysFromEnv(env: KeyEnv, allowDevelopmentKey: boolean): VaultKeys {
  const master = masterKeyFromEnv(env, allowDevelopmentKey)
  const previous = env.PII_PREVIOUS_KEY ? parseKey('PII_PREVIOUS_KEY', env.PII_PREVIOUS_KEY) : undefined
  const lookup = env.PII_LOOKUP_KEY ? parseKey('PII_LOOKUP_KEY', env.PII_LOOKUP_KEY) : undefined
  if (previous !== undefined && lookup === undefined) throw new Error('PII_PREVIOUS_KEY is set without PII_LOOKUP_KEY: set PII_LOOKUP_KEY to the master key the ID numbers were first hashed with (the first PII_MASTER_KEY) before rotating.')
  return { master, ...(previous !== undefined && { previous }), ...(lookup !== undefined && { lookup }) }
}
