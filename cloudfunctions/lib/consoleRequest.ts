/**
 * Requests the deploy command sends to the `migrate` function through the management API (no
 * OPENID, so no mini-program client can make one): the first supervisor's invite
 * (firstSupervisor.ts) and the city's list of organisations (organisations.ts). Each carries an
 * HMAC, under a key derived from PII_MASTER_KEY for its purpose, of the moment it was made and of
 * what it carries, so only someone holding the production key can make one, nobody can change what
 * it carries, and a copy expires after five minutes. Within them it is used once: the function takes
 * a counter for it before acting (spendConsoleRequest), so a replayed copy, even at the same moment,
 * is refused.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { canonicalJson } from '../../shared/CanonicalJson'
import type { Store } from '../../shared/ports/Store'
import { deriveKey } from './AesIdNumberVault'

/** How long a signed request stays valid, either side of the function's clock. */
export const CONSOLE_REQUEST_TTL_MS = 5 * 60_000

/** What a request is for: each purpose signs with a key of its own. */
export type ConsolePurpose = 'first-supervisor' | 'organisations'

/** The digest of what a request carries (canonical JSON, so the key order does not matter). */
export function bodyDigest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex')
}

/** The request's proof: the purpose's key (derived from the master key, which itself only ever feeds derivations) over the moment and the body's digest. */
export function consoleProof(masterKey: Buffer, purpose: ConsolePurpose, issuedAt: string, digest = ''): string {
  return createHmac('sha256', deriveKey(masterKey, purpose)).update(`${purpose}:${issuedAt}${digest ? `:${digest}` : ''}`).digest('hex')
}

/** Whether the proof is this purpose's for this moment and body, and the moment within five minutes of now. */
export function validConsoleProof(masterKey: Buffer, purpose: ConsolePurpose, request: { issuedAt: string; proof: string }, now: Date, digest = ''): boolean {
  if (Math.abs(now.getTime() - Date.parse(request.issuedAt)) > CONSOLE_REQUEST_TTL_MS) return false
  return timingSafeEqual(Buffer.from(request.proof, 'hex'), Buffer.from(consoleProof(masterKey, purpose, request.issuedAt, digest), 'hex'))
}

/** Marks the request used; false when it was used before. The counter is taken before anything is decided, so two copies at once cannot both pass. */
export async function spendConsoleRequest(store: Store, purpose: ConsolePurpose, issuedAt: string, digest = ''): Promise<boolean> {
  return (await store.incrementCounter(`console|${purpose}|${issuedAt}${digest ? `|${digest.slice(0, 16)}` : ''}`)) === 1
}
