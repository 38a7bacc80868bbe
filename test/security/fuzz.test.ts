/**
 * Fuzzing the router: at least 10 000 generated requests across every action and caller, each a
 * valid-looking sample with hostile values patched in (very long strings, control characters,
 * mixed-width digits, prototype keys, nested junk, wrong types) or plain junk. Every answer is a
 * success or one of the closed error codes other than INTERNAL; nothing throws; no prototype is
 * polluted; afterwards every stored record still parses with its schema.
 */
import fc from 'fast-check'
import { ACTION_NAMES, API, GUEST, type Access, type ActionName } from '../../shared/Api'
import { ERROR_CODES } from '../../shared/AppError'
import { ROLES } from '../../shared/Role'
import { handlers } from '../../cloudfunctions/lib/actions/all'
import { createRouter } from '../../cloudfunctions/lib/router'
import { seededCloud } from '../support/cloudHarness'
import { recordFigure } from './figures'
import { CALLER_OF, SAMPLES, type Target } from './samples'
import { insaneRecords } from './storeSanity'
import { usePrintFont } from '../support/printFont'

// The print actions need the print font the build ships (test/support/printFont builds it).
beforeAll(() => usePrintFont())

const RUNS = 10_000

const CALLER_IDS: Record<Access | 'unknown', string | null> = { unknown: null, [GUEST]: 'wx-fuzz-guest', ...CALLER_OF }
const ALL_CALLERS = Object.keys(CALLER_IDS) as Array<keyof typeof CALLER_IDS>

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']

/** Strings an attacker would try. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('x'.repeat(100_000), '1'.repeat(5_000), '中'.repeat(20_000)),
  fc.stringMatching(/^[\u0000-\u001f\u007f\u200b\u202e\ufeff ]{1,20}$/),
  // Mixed-width digits and ID-like strings: full-width, Arabic-Indic, a lowercase x.
  fc.array(fc.constantFrom('1', '5', '2', '0', '１', '５', '２', '０', '٣', 'x', 'X', ' ', '　'), { minLength: 8, maxLength: 19 }).map((cs) => cs.join('')),
  fc.constantFrom(...PROTOTYPE_KEYS, 'case-0001', 'case-0002', 'com-wulan', 'ent-heat', '../../etc/passwd', '${7*7}', "'; DROP TABLE cases; --", 'v1.case-0001.9999999999.AAAA'),
)

/** Any value: hostile strings, numbers at the edges, wrong types, nested junk with prototype keys. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 31), Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value

interface Patch {
  key: string
  /** Patch inside the value at `key` (an object or the first element of an array) instead. */
  inner: string | null
  value: unknown
}

const request = fc.record({
  action: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...ACTION_NAMES) }, { weight: 1, arbitrary: fc.oneof(hostileString, fc.constantFrom(...PROTOTYPE_KEYS)) }),
  allowedCaller: fc.nat(),
  anyCaller: fc.constantFrom(...ALL_CALLERS),
  useAllowed: fc.boolean(),
  shape: fc.constantFrom('sample', 'patched', 'patched', 'patched', 'junk', 'envelope'),
  keyPick: fc.nat(),
  patches: fc.array(fc.record({ key: fc.oneof(fc.constant(''), fc.constantFrom(...PROTOTYPE_KEYS)), inner: fc.option(fc.oneof(fc.constant(''), fc.constantFrom(...PROTOTYPE_KEYS)), { nil: null }), value: hostileValue }), { minLength: 1, maxLength: 3 }),
  junk: hostileValue,
})

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T
}

/** Sets `o[key]` as an own property, even for `__proto__`. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true })
}

function patched(sample: Record<string, unknown>, patches: Patch[], keyPick: number): Record<string, unknown> {
  const out = clone(sample)
  const keys = Object.keys(out)
  patches.forEach((p, i) => {
    // An empty key means "one of the sample's own fields".
    const key = p.key === '' ? (keys[(keyPick + i) % Math.max(1, keys.length)] ?? 'x') : p.key
    // Only own values: `out.__proto__` would be Object.prototype itself.
    const current = Object.hasOwn(out, key) ? out[key] : undefined
    if (p.inner !== null && current && typeof current === 'object') {
      const holder = (Array.isArray(current) ? current[0] : current) as Record<string, unknown> | undefined
      if (holder && typeof holder === 'object' && Object.getPrototypeOf(holder) !== null && holder !== Object.prototype) {
        const innerKeys = Object.keys(holder)
        setOwn(holder, p.inner === '' ? (innerKeys[(keyPick + i) % Math.max(1, innerKeys.length)] ?? 'x') : p.inner, p.value)
        return
      }
    }
    setOwn(out, key, p.value)
  })
  return out
}

test(`${RUNS} hostile requests across every action and caller: no INTERNAL, no crash, the store stays sane`, async () => {
  const cloud = await seededCloud({ count: 24 })
  const agreement = (await cloud.store.listAgreements({ enterpriseId: 'ent-water', communityId: 'com-wulan', limit: 1 })).items[0]
  const target: Target = {
    caseId: 'case-0001',
    caseVersion: await cloud.versionOf('case-0001'),
    enterpriseId: 'ent-water',
    communityId: 'com-wulan',
    agreementId: agreement.id,
    agreementVersion: agreement.version,
    correctionId: 'none',
    correctionVersion: 1,
    assetId: 'none',
    previewId: 'none',
    relativeUserId: 'dev-relative-1',
    inboxMessageId: 'none',
    visitToken: cloud.deps.visitTokens.sign('case-0001', new Date(cloud.clock.now().getTime() + 60_000)),
    visitCode: '00000000',
  }
  const handle = createRouter(cloud.deps, handlers)
  const internal: unknown[] = []
  const crashes: unknown[] = []
  const outsideSet: unknown[] = []
  const codes = new Map<string, number>()
  let tried = 0

  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      tried++
      const action = r.action as ActionName
      const known = (ACTION_NAMES as string[]).includes(r.action)
      const roles = known ? (API[action].roles as readonly Access[]) : []
      const caller = r.useAllowed && roles.length ? roles[r.allowedCaller % roles.length] : r.anyCaller
      const sample = known ? (SAMPLES[action] as (t: Target) => Record<string, unknown>)(target) : {}
      const input = r.shape === 'sample' ? sample : r.shape === 'junk' ? r.junk : r.shape === 'envelope' ? undefined : patched(sample, r.patches, r.keyPick)
      const envelope = r.shape === 'envelope' ? r.junk : { action: r.action, input }
      try {
        const res = await handle({ userId: CALLER_IDS[caller] }, envelope)
        const code = res.ok ? 'ok' : res.error.code
        codes.set(code, (codes.get(code) ?? 0) + 1)
        if (!res.ok && !(ERROR_CODES as readonly string[]).includes(res.error.code)) outsideSet.push({ action: r.action, caller, code })
        if (!res.ok && res.error.code === 'INTERNAL') internal.push({ action: r.action, caller, input })
      } catch (e) {
        crashes.push({ action: r.action, caller, error: String(e) })
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20_200_320) },
  )

  const polluted = ({} as Record<string, unknown>).polluted !== undefined || Object.keys(Object.prototype).length > 0
  const insane = insaneRecords(cloud.store)
  cloud.close()
  const failures = internal.length + crashes.length + outsideSet.length + insane.length + (polluted ? 1 : 0)
  recordFigure({ area: 'Fuzzing', tried: `${tried} generated requests over ${ACTION_NAMES.length} actions × ${ALL_CALLERS.length} callers; answers ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`, failures, failureName: 'INTERNAL, crashes or broken records' })
  expect({ internal: internal.slice(0, 5), crashes: crashes.slice(0, 5), outsideSet, insane: insane.slice(0, 5), polluted }).toEqual({ internal: [], crashes: [], outsideSet: [], insane: [], polluted: false })
  expect(tried).toBeGreaterThanOrEqual(RUNS)
  expect(ROLES.every((role) => CALLER_IDS[role])).toBe(true)
}, 120_000)
