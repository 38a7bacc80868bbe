/**
 * The re-seal job of a key rotation (issue 12, point 5). It walks every record that holds a sealed
 * ID number (SEALED_KINDS), page by page, and seals again with the current key each value sealed
 * with another key (or before key ids existed). Its progress is one document (`keyRotation`, id:
 * the new key's id), moved forward after each page with its version guard, so a run cut off by
 * the function's time limit or a crash is continued by the next one, and a page done twice
 * re-seals nothing the second time.
 *
 * Records are re-sealed in place (Store.upgradeStoredPage with a rewrite): a record written
 * meanwhile is left to its writer, and a writer that read a value before it was re-sealed may
 * store the old value again. So the job is done only after a whole pass that found no value
 * sealed with another key, started `settleMs` after the last one was found (longer than any
 * write in flight can live: a cloud function's time limit). Until then it starts another pass.
 */
import * as z from 'zod/mini'
import type { AuditEntry } from './AuditEntry'
import { isAppError } from './AppError'
import type { RetireeCase } from './Case'
import { assertNever } from './CaseState'
import type { SealedIdNumber } from './Person'
import type { IdNumberVault } from './ports/IdNumberVault'
import { commitIfCurrent, type DocKinds, type Store } from './ports/Store'

/** Every kind of record that holds a sealed ID number, in the order a pass walks them. */
export const SEALED_KINDS = ['cases', 'rosterPreview', 'referral'] as const
export type SealedKind = (typeof SEALED_KINDS)[number]

export const KeyRotation = z.object({
  id: z.string().check(z.minLength(1), z.describe('the id of the key the job seals with (AesIdNumberVault keyIdOf)')),
  version: z.int().check(z.gte(1)),
  pass: z.int().check(z.gte(1), z.describe('passes over every sealed record; the last one found nothing to re-seal')),
  kind: z.enum(SEALED_KINDS).check(z.describe('the kind of record the pass is walking')),
  after: z.nullable(z.string()).check(z.describe('the cursor within that kind: the last record id done, or null at its start')),
  passStartedAt: z.iso.datetime(),
  foundThisPass: z.int().check(z.gte(0), z.describe('values sealed with another key found in this pass so far')),
  lastFoundAt: z.nullable(z.iso.datetime()).check(z.describe('when a value sealed with another key was last found')),
  resealed: z.int().check(z.gte(0), z.describe('values sealed again, over all passes')),
  unopenable: z.int().check(z.gte(0), z.describe('values of this pass that opened with no key the vault holds: left as they are, for a person to look at')),
  startedAt: z.iso.datetime(),
  doneAt: z.nullable(z.iso.datetime()).check(z.describe('when a settled pass found every value sealed with this key')),
})
export type KeyRotation = z.infer<typeof KeyRotation>

/**
 * The record with every sealed value sealed with the current key: `found` is told of each value
 * that was not, `unopenable` of each that no key of the vault opens (the vault's INTERNAL error),
 * which stays as it is.
 */
export function resealRecord<K extends SealedKind>(kind: K, record: SealedRecord<K>, vault: IdNumberVault, tell: { found(): void; unopenable(): void }): SealedRecord<K> {
  const current = (value: SealedIdNumber): SealedIdNumber => {
    if (vault.sealedWithCurrentKey(value)) return value
    try {
      const resealed = vault.reseal(value)
      tell.found()
      return resealed
    } catch (e) {
      if (!isAppError(e) || e.code !== 'INTERNAL') throw e
      tell.unopenable()
      return value
    }
  }
  switch (kind) {
    case 'cases': {
      const c = record as SealedRecord<'cases'>
      return { ...c, person: { ...c.person, idNumber: current(c.person.idNumber) } } as SealedRecord<K>
    }
    case 'rosterPreview': {
      const p = record as SealedRecord<'rosterPreview'>
      return { ...p, people: p.people.map((x) => ({ ...x, idNumber: current(x.idNumber) })) } as SealedRecord<K>
    }
    case 'referral': {
      const r = record as SealedRecord<'referral'>
      return { ...r, idNumber: current(r.idNumber) } as SealedRecord<K>
    }
  }
  return assertNever(kind)
}

type SealedRecord<K extends SealedKind> = K extends 'cases' ? RetireeCase : K extends keyof DocKinds ? DocKinds[K] : never

export interface RotationOptions {
  now: () => Date
  newId: () => string
  /** Records per page. */
  pageSize?: number
  /** How long after the last value found a clean pass must start to count (ms). */
  settleMs: number
  /** Asked before each page: true ends this run (the function's time is nearly up); the next run continues. */
  shouldStop?: () => boolean
}

/**
 * Moves the rotation to the vault's current key forward until it is done or told to stop, and
 * returns its state. Two runs at once: the slower one's progress write conflicts, it reads the
 * other's and goes on from there (its page is re-sealed already, so nothing is done twice).
 */
export async function rotateKeys(store: Store, vault: IdNumberVault, options: RotationOptions): Promise<KeyRotation> {
  const pageSize = options.pageSize ?? 200
  let state = await store.getDoc('keyRotation', vault.currentKeyId)
  if (state === null) {
    const at = options.now().toISOString()
    const first: KeyRotation = { id: vault.currentKeyId, version: 1, pass: 1, kind: SEALED_KINDS[0], after: null, passStartedAt: at, foundThisPass: 0, lastFoundAt: null, resealed: 0, unopenable: 0, startedAt: at, doneAt: null }
    state = (await save(store, first, null)) ?? (await store.getDoc('keyRotation', vault.currentKeyId))
    if (state === null) throw new Error('the key rotation’s progress could not be read back')
  }
  while (state.doneAt === null && !options.shouldStop?.()) {
    const seen = { found: 0, unopenable: 0 }
    const tell = { found: () => seen.found++, unopenable: () => seen.unopenable++ }
    // A pass not yet begun begins now: its records are read from now on (a pass saved by an earlier run that stopped at its start may be old).
    if (state.after === null && state.kind === SEALED_KINDS[0] && state.foundThisPass === 0) state = { ...state, passStartedAt: options.now().toISOString() }
    const kind = state.kind
    const page = await store.upgradeStoredPage(kind, { limit: pageSize, ...(state.after !== null && { after: state.after }) }, (record) => resealRecord(kind, record as SealedRecord<typeof kind>, vault, tell))
    const now = options.now()
    const next = advance(state, page.nextCursor, seen, now, options.settleMs)
    const audit: AuditEntry[] = next.doneAt === null ? [] : [rotatedEntry(options.newId(), now, next)]
    const cleanButUnsettled = next.pass > state.pass && state.foundThisPass + seen.found === 0
    state = (await save(store, next, state.version, audit)) ?? (await store.getDoc('keyRotation', vault.currentKeyId))
    if (state === null) throw new Error('the key rotation’s progress could not be read back')
    // A pass found nothing but began too soon after the last find: the next pass must begin later
    // to count, so this run ends here rather than read every record again at once (the next run,
    // e.g. the next night, begins it).
    if (cleanButUnsettled) break
  }
  return state
}

/** The state after one page: the cursor moved on, the next kind or pass begun, or the job done. */
export function advance(state: KeyRotation, nextCursor: string | null, seen: { found: number; unopenable: number }, now: Date, settleMs: number): KeyRotation {
  const at = now.toISOString()
  const { found } = seen
  const counted = { ...state, version: state.version + 1, foundThisPass: state.foundThisPass + found, resealed: state.resealed + found, unopenable: state.unopenable + seen.unopenable, lastFoundAt: found > 0 ? at : state.lastFoundAt }
  if (nextCursor !== null) return { ...counted, after: nextCursor }
  const kindIndex = SEALED_KINDS.indexOf(state.kind)
  if (kindIndex < SEALED_KINDS.length - 1) return { ...counted, kind: SEALED_KINDS[kindIndex + 1], after: null }
  const settled = counted.lastFoundAt === null || Date.parse(counted.passStartedAt) - Date.parse(counted.lastFoundAt) >= settleMs
  if (counted.foundThisPass === 0 && settled) return { ...counted, after: null, doneAt: at }
  return { ...counted, pass: state.pass + 1, kind: SEALED_KINDS[0], after: null, passStartedAt: at, foundThisPass: 0, unopenable: 0 }
}

/** Stores the state guarded by the version read; null when another run moved it first. */
async function save(store: Store, next: KeyRotation, expectedVersion: number | null, audit: AuditEntry[] = []): Promise<KeyRotation | null> {
  return (await commitIfCurrent(store, { docs: [{ kind: 'keyRotation', next, expectedVersion }], audit })) ? next : null
}

function rotatedEntry(id: string, now: Date, done: KeyRotation): AuditEntry {
  return {
    id,
    at: now.toISOString(),
    actor: { userId: 'system', role: 'system' },
    action: 'keys.rotated',
    caseId: null,
    outcome: 'done',
    changes: [
      { field: 'key', before: null, after: done.id },
      { field: 'resealed', before: null, after: String(done.resealed) },
      { field: 'unopenable', before: null, after: String(done.unopenable) },
    ],
  }
}
