/**
 * ID numbers at rest: AES-256-GCM with a random 96-bit IV, plus an HMAC-SHA256 look-up hash.
 * Both keys are derived (HKDF-SHA256) from one master key taken from the environment
 * (PII_MASTER_KEY, 32 bytes as base64 or hex). Locally a fixed development key is used.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { maskIdNumber } from '../../shared/Mask'
import type { SealedIdNumber } from '../../shared/Person'
import type { IdNumberVault } from '../../shared/ports/IdNumberVault'

const FORMAT = 'v1'
/** GCM tags are always the full 16 bytes: a shorter one would be easier to forge. */
const TAG_BYTES = 16

/** Used only by the local cloud and tests; production refuses to start without PII_MASTER_KEY. */
export const LOCAL_DEVELOPMENT_MASTER_KEY = Buffer.alloc(32, 'local-development-only')

/** A key for one purpose, derived from the master key (HKDF-SHA256). */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32))
}

export function createIdNumberVault(master: Buffer): IdNumberVault {
  if (master.length !== 32) throw new Error('The PII master key must be 32 bytes.')
  const encryptionKey = deriveKey(master, 'id-number/encryption')
  const lookupKey = deriveKey(master, 'id-number/lookup')
  const lookupHash = (idNumber: string) => createHmac('sha256', lookupKey).update(idNumber).digest('hex')
  return {
    lookupHash,
    seal(idNumber) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv)
      const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()])
      const sealed = [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.')
      return { sealed, hash: lookupHash(idNumber), masked: maskIdNumber(idNumber) }
    },
    open(value: SealedIdNumber) {
      const [format, iv, tag, body] = value.sealed.split('.')
      if (format !== FORMAT || !iv || !tag || !body) throw new Error('Unknown sealed ID number format.')
      const authTag = Buffer.from(tag, 'base64')
      if (authTag.length !== TAG_BYTES) throw new Error('Sealed ID number has a tag of the wrong length.')
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES })
      decipher.setAuthTag(authTag)
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
    },
  }
}

/** Reads the master key from the environment; without one, only local development may fall back. */
export function masterKeyFromEnv(env: { PII_MASTER_KEY?: string }, allowDevelopmentKey: boolean): Buffer {
  const raw = env.PII_MASTER_KEY
  if (!raw) {
    if (allowDevelopmentKey) return LOCAL_DEVELOPMENT_MASTER_KEY
    throw new Error('PII_MASTER_KEY is not set: refusing to handle ID numbers without a key.')
  }
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64')
  if (key.length !== 32) throw new Error('PII_MASTER_KEY must be 32 bytes (64 hex characters or base64).')
  return key
}
