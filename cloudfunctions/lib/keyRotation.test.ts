/**
 * Rotating PII_MASTER_KEY (issue 12, point 5) on both stores: the re-seal job interrupted and
 * resumed, reads and writes while it runs, and a value of a key nobody holds.
 */
import { fixedClock } from '../../shared/Clock'
import { KeyRotation, rotateKeys, SEALED_KINDS, type RotationOptions } from '../../shared/KeyRotation'
import type { SealedIdNumber } from '../../shared/Person'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import type { IdNumberVault } from '../../shared/ports/IdNumberVault'
import { readAllPages, type Store } from '../../shared/ports/Store'
import { ROSTER_COLUMNS } from '../../shared/RosterImport'
import { checkCharacter } from '../../shared/IdNumber'
import { openSqliteStore } from '../../local/SqliteStore'
import { seedDemo } from '../../local/seed'
import { handlers } from './actions/all'
import { createIdNumberVault, keyIdOf } from './AesIdNumberVault'
import { createCloudDbStore } from './CloudDbStore'
import { createDeps } from './deps'
import { FakeCloudDatabase } from './FakeCloudDatabase'
import { createRouter } from './router'

const OLD = Buffer.alloc(32, 31)
const NEW = Buffer.alloc(32, 32)
const NOW = '2020-03-20T01:00:00Z'
const rotating = () => createIdNumberVault({ master: NEW, previous: OLD, lookup: OLD })
/** After the rotation: the previous key is gone. */
const rotated = () => createIdNumberVault({ master: NEW, lookup: OLD })

interface Sealed {
  where: string
  value: SealedIdNumber
}

/** Every sealed value the store holds, named by kind, record and place. */
async function sealedValues(store: Store): Promise<Sealed[]> {
  const out: Sealed[] = []
  for (const c of await readAllPages((after) => store.listCases({ limit: 100, after }))) out.push({ where: `cases/${c.id}`, value: c.person.idNumber })
  for (const p of await readAllPages((after) => store.listDocs('rosterPreview', {}, { limit: 100, after }))) p.people.forEach((x, i) => out.push({ where: `rosterPreview/${p.id}/${i}`, value: x.idNumber }))
  for (const r of await readAllPages((after) => store.listDocs('referral', {}, { limit: 100, after }))) out.push({ where: `referral/${r.id}`, value: r.idNumber })
  return out
}

const plainOf = (values: Sealed[], vault: IdNumberVault) => new Map(values.map((s) => [s.where, vault.open(s.value)]))

/** One roster row in the template's columns, for a preview that stays unconfirmed. */
function rosterCsv(): string {
  const first17 = '15250119560704101'
  const cell = (key: string) => (key === 'name' ? '新人' : key === 'idNumber' ? first17 + checkCharacter(first17) : key === 'retirementDate' ? '2016-08' : key === 'hukouAddress' ? '乌兰大街5号' : key === 'hukouCommunity' ? '乌兰社区' : '')
  return [ROSTER_COLUMNS.map((c) => c.header).join(','), ROSTER_COLUMNS.map((c) => cell(c.key)).join(',')].join('\n')
}

/**
 * A store seeded with the old key: cases, a referral, an unconfirmed roster preview, and a few
 * cases whose values are in the format from before key ids (v1).
 */
async function storeSealedWithOldKey(make: () => Store) {
  const store = make()
  const clock = fixedClock(NOW)
  const before = createDeps({ store, policy: erenhot2019, clock, masterKey: OLD })
  await seedDemo(store, erenhot2019, before.vault, { count: 30, now: clock.now() })
  const preview = await createRouter(before, handlers)({ userId: 'dev-ent-water' }, { action: 'roster.preview', input: { fileName: 'a.csv', contentBase64: Buffer.from(rosterCsv()).toString('base64') } })
  expect(preview.ok).toBe(true)
  // Values as the vault wrote them before key ids existed: v1.<iv>.<tag>.<body>, same key.
  await store.upgradeStoredPage('cases', { limit: 5 }, (c) => ({ ...c, person: { ...c.person, idNumber: { ...c.person.idNumber, sealed: ['v1', ...c.person.idNumber.sealed.split('.').slice(2)].join('.') } } }))
  const values = await sealedValues(store)
  expect(values.filter((s) => s.value.sealed.startsWith('v1.'))).toHaveLength(5)
  expect(new Set(values.map((s) => s.where.split('/')[0]))).toEqual(new Set(SEALED_KINDS))
  return { store, truth: plainOf(values, createIdNumberVault(OLD)) }
}

const options = (o: Partial<RotationOptions> = {}): RotationOptions => ({ now: () => new Date(NOW), newId: (() => { let n = 0; return () => `rot-${++n}` })(), pageSize: 7, settleMs: 0, ...o })

/** Stops a run after `pages` pages. */
const after = (pages: number) => {
  let asked = 0
  return () => asked++ >= pages
}

const STORES: Array<[string, () => Store]> = [
  ['SQLite', () => openSqliteStore(':memory:')],
  ['cloud database (FakeCloudDatabase)', () => createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))],
]

describe.each(STORES)('key rotation on %s', (_name, make) => {
  test('interrupted mid-way (a stop, then a crash between a page and its progress), then resumed: every value opens with the new key alone, the hashes still find the cases', async () => {
    const { store, truth } = await storeSealedWithOldKey(make)
    const vault = rotating()
    const first = await rotateKeys(store, vault, options({ shouldStop: after(3) }))
    expect(first).toMatchObject({ id: keyIdOf(NEW), pass: 1, kind: 'cases', doneAt: null })
    expect(first.after).not.toBeNull()

    // A crash: the page is re-sealed, the progress write never happens.
    let crashes = 1
    const crashing: Store = { ...store, commit: async (change) => { if (change.docs?.some((d) => d.kind === 'keyRotation') && crashes-- > 0) throw new Error('function timed out'); return store.commit(change) } }
    await expect(rotateKeys(crashing, vault, options())).rejects.toThrow(/timed out/)
    expect((await store.getDoc('keyRotation', keyIdOf(NEW)))).toEqual(first)

    const done = await rotateKeys(store, vault, options())
    expect(done.doneAt).not.toBeNull()
    // The crashed page's 7 values were re-sealed but its count was lost with it; the store holds them all anew.
    expect(done.resealed).toBe(truth.size - 7)
    const values = await sealedValues(store)
    expect(values.every((s) => s.value.sealed.startsWith(`v2.${keyIdOf(NEW)}.`))).toBe(true)
    expect(plainOf(values, rotated())).toEqual(truth)
    expect(() => createIdNumberVault(OLD).open(values[0].value)).toThrow()
    for (const [where, idNumber] of truth) if (where.startsWith('cases/')) expect((await store.findCaseByIdNumberHash(rotated().lookupHash(idNumber)))?.id).toBe(where.slice('cases/'.length))
    // Done once, audited once; a later run changes nothing.
    expect(await rotateKeys(store, vault, options())).toEqual(done)
    const audit = await readAllPages((a) => store.listAuditPage({ actorUserId: 'system', from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' }, { limit: 100, after: a }))
    expect(audit.filter((e) => e.action === 'keys.rotated')).toEqual([expect.objectContaining({ changes: [{ field: 'key', before: null, after: keyIdOf(NEW) }, { field: 'resealed', before: null, after: String(truth.size - 7) }, { field: 'unopenable', before: null, after: '0' }] })])
  })

  test('during the rotation every value reads, through the vault and through an action; writes seal with the new key; a value written back stale is found by a later pass', async () => {
    const { store, truth } = await storeSealedWithOldKey(make)
    const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock(NOW), masterKey: NEW, previousKey: OLD, lookupKey: OLD })
    const handle = createRouter(deps, handlers)
    const stale = (await store.getCase('case-0001'))!
    const partly = await rotateKeys(store, deps.vault, options({ shouldStop: after(2) }))
    expect(partly.doneAt).toBeNull()
    const mid = await sealedValues(store)
    expect(mid.some((s) => deps.vault.sealedWithCurrentKey(s.value))).toBe(true)
    expect(mid.some((s) => !deps.vault.sealedWithCurrentKey(s.value))).toBe(true)
    expect(plainOf(mid, deps.vault)).toEqual(truth)
    const retiree = (await store.getUser('dev-retiree-1'))!
    const details = await handle({ userId: retiree.id }, { action: 'details.get', input: {} })
    expect(details).toMatchObject({ ok: true })

    // Writes meanwhile: a new case, and a case already re-sealed written back as read before (a slow writer).
    const fresh = deps.vault.seal('15250119500101002X')
    const next = { ...stale, id: 'case-new', version: 1, person: { ...stale.person, idNumber: fresh } }
    await store.commit({ cases: [{ next, expectedVersion: null }] })
    expect(fresh.sealed.startsWith(`v2.${keyIdOf(NEW)}.`)).toBe(true)
    expect(deps.vault.sealedWithCurrentKey((await store.getCase('case-0001'))!.person.idNumber)).toBe(true)
    await store.commit({ cases: [{ next: { ...stale, version: stale.version + 1 }, expectedVersion: stale.version }] })

    const done = await rotateKeys(store, deps.vault, options())
    expect(done.doneAt).not.toBeNull()
    expect(done.pass).toBeGreaterThanOrEqual(2)
    const values = await sealedValues(store)
    expect(values.every((s) => s.value.sealed.startsWith(`v2.${keyIdOf(NEW)}.`))).toBe(true)
    expect(plainOf(values, rotated())).toEqual(new Map([...truth, ['cases/case-new', '15250119500101002X']]))
  })

  test('a clean pass that began too soon after the last value it re-sealed is not the last one', async () => {
    const { store } = await storeSealedWithOldKey(make)
    let t = Date.parse(NOW)
    const clock = options({ now: () => new Date((t += 1000)), settleMs: 60_000 })
    // The run ends after the clean pass that came too soon, without reading everything again at once.
    const first = await rotateKeys(store, rotating(), clock)
    expect(first.doneAt).toBeNull()
    expect(first.pass).toBe(3)
    expect(first.kind).toBe(SEALED_KINDS[0])
    expect(first.after).toBeNull()
    // The next run, a night later, begins a pass that counts.
    t += 24 * 3600 * 1000
    const done = await rotateKeys(store, rotating(), clock)
    expect(done.doneAt).not.toBeNull()
    expect(done.pass).toBeGreaterThanOrEqual(3)
    expect(Date.parse(done.passStartedAt) - Date.parse(done.lastFoundAt!)).toBeGreaterThanOrEqual(60_000)
  })

  test('a value sealed with a key nobody holds: the action answers INTERNAL in Chinese and quotes nothing; the job counts it, leaves it, and finishes the rest', async () => {
    const { store, truth } = await storeSealedWithOldKey(make)
    const logged: string[] = []
    const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock(NOW), masterKey: NEW, previousKey: OLD, lookupKey: OLD, logError: (m, e) => logged.push(`${m} ${String(e)}`) })
    const retiree = (await store.getUser('dev-retiree-1'))!
    const c = (await store.getCase(retiree.caseId!))!
    const idNumber = truth.get(`cases/${c.id}`)!
    const foreign = createIdNumberVault(Buffer.alloc(32, 99)).seal(idNumber)
    await store.commit({ cases: [{ next: { ...c, version: c.version + 1, person: { ...c.person, idNumber: { ...c.person.idNumber, sealed: foreign.sealed } } }, expectedVersion: c.version }] })

    const res = await createRouter(deps, handlers)({ userId: retiree.id }, { action: 'details.get', input: {} })
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/密钥/) } })
    const said = JSON.stringify(res) + logged.join('\n')
    for (const secret of [idNumber, idNumber.slice(6, 14), foreign.sealed.split('.')[4], foreign.sealed.split('.')[2]]) expect(said).not.toContain(secret)
    expect(logged.join('\n')).toMatch(/unknownKey/)

    const done = await rotateKeys(store, deps.vault, options())
    expect(done).toMatchObject({ doneAt: expect.any(String), unopenable: 1 })
    expect((await store.getCase(c.id))!.person.idNumber.sealed).toBe(foreign.sealed)
    const rest = (await sealedValues(store)).filter((s) => s.where !== `cases/${c.id}`)
    expect(rest.every((s) => s.value.sealed.startsWith(`v2.${keyIdOf(NEW)}.`))).toBe(true)
  })
})

test('the progress document is read through its schema', () => {
  expect(KeyRotation.safeParse({ id: 'k', version: 1, pass: 0, kind: 'cases', after: null, passStartedAt: NOW, foundThisPass: 0, lastFoundAt: null, resealed: 0, unopenable: 0, startedAt: NOW, doneAt: null }).success).toBe(false)
})
