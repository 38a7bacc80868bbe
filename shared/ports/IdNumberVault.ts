import type { SealedIdNumber } from '../Person'

/**
 * Seals ID numbers for storage. The implementation (AES-256-GCM + HMAC with a server-side key)
 * lives with the server code; the domain only knows this port.
 */
export interface IdNumberVault {
  seal(idNumber: string): SealedIdNumber
  /** Throws AppError INTERNAL (never quoting the value) when no key it holds opens the value. */
  open(sealed: SealedIdNumber): string
  /** The keyed hash used to find a case by ID number without decrypting anything. */
  lookupHash(idNumber: string): string
  /** The public name of the key every seal is made with now. */
  readonly currentKeyId: string
  /** Whether the value is sealed with the current key (a rotation re-seals the others). */
  sealedWithCurrentKey(sealed: SealedIdNumber): boolean
  /** The value sealed again with the current key; its hash and masked form unchanged. */
  reseal(sealed: SealedIdNumber): SealedIdNumber
}
