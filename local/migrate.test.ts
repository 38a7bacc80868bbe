/**
 * The issue-8 migration over a local store whose records were written the old way: full birth
 * and retirement dates, ID numbers masked to first 6 + last 4. Before it, every number can be
 * rebuilt from the store; after it, none; a second run rewrites nothing.
 */
import { checkCharacter } from '../shared/IdNumber'
import { ROSTER_COLUMNS } from '../shared/RosterImport'
import { FIGURES_COUNTED, recordCommunitySignatures, refreshedCase, refreshSummaries, upgradeStoredRecords, UPGRADE_RUN_ID, type UpgradeReport } from '../shared/UpgradeStoredRecords'
import { yieldingStore } from '../shared/testing/YieldingStore'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import type { Policy } from '../shared/Policy'
import { countFigures } from '../shared/Figures'
import { summarizeCase } from '../shared/CaseState'
import { allCases } from '../shared/testing/fixtures'
import { seededCloud } from '../test/support/cloudHarness'
import { rebuildsFromStore, trueIdNumbers } from '../test/support/idRebuildScan'

type Row = Record<string, any>

const birthOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
const oldMask = (id: string) => id.slice(0, 6) + '********' + id.slice(-4)

/** A person as the code before issue 8 stored them. */
function legacyPerson(person: Row, id: string): Row {
  const { birthMonth, retirementMonth, ...rest } = person
  void birthMonth
  void retirementMonth
  return { ...rest, birthDate: birthOf(id), retirementDate: `${Number(id.slice(6, 10)) + 60}${birthOf(id).slice(4)}`, idNumber: { ...person.idNumber, masked: oldMask(id) } }
}

async function legacyStore() {
  const cloud = await seededCloud({ count: 40 })
  const first17 = '15250119560704101'
  const csv = [ROSTER_COLUMNS.map((c) => c.header).join(','), ROSTER_COLUMNS.map((c) => (c.key === 'name' ? '新人' : c.key === 'idNumber' ? first17 + checkCharacter(first17) : c.key === 'retirementDate' ? '2016-08' : c.key === 'hukouAddress' ? '乌兰大街5号' : c.key === 'hukouCommunity' ? '乌兰社区' : '')).join(',')].join('\n')
  const preview = await cloud.ok('dev-ent-water', 'roster.preview', { fileName: 'a.csv', contentBase64: Buffer.from(csv).toString('base64') })
  await cloud.ok('dev-ent-water', 'roster.confirm', { previewId: preview.previewId, expectedVersion: preview.version })
  const db = cloud.store.db
  const truth = trueIdNumbers(db, cloud.deps.vault)
  const byHash = new Map<string, string>()
  for (const { doc } of db.prepare('SELECT doc FROM cases').all() as Array<{ doc: string }>) {
    const c = JSON.parse(doc) as Row
    byHash.set(c.person.idNumber.hash, truth.get(c.id)!)
    db.prepare('UPDATE cases SET doc = ? WHERE id = ?').run(JSON.stringify({ ...c, person: legacyPerson(c.person, truth.get(c.id)!) }), c.id)
  }
  for (const { id, doc } of db.prepare("SELECT id, doc FROM docs WHERE kind = 'rosterPreview'").all() as Array<{ id: string; doc: string }>) {
    const p = JSON.parse(doc) as Row
    const people = p.people.map((x: Row) => legacyPerson(x, byHash.get(x.idNumber.hash)!))
    db.prepare("UPDATE docs SET doc = ? WHERE kind = 'rosterPreview' AND id = ?").run(JSON.stringify({ ...p, people }), id)
  }
  // What the old code audited when a case was created: its fields, with the dates in full.
  const insertAudit = db.prepare('INSERT INTO audit (id, case_id, at, doc) VALUES (?, ?, ?, ?)')
  for (const [caseId, id] of truth) {
    const at = '2019-09-20T01:00:00.000Z'
    const changes = [
      { field: 'person.birthDate', before: null, after: birthOf(id) },
      { field: 'person.idNumber', before: null, after: oldMask(id) },
      { field: 'person.retirementDate', before: null, after: `${Number(id.slice(6, 10)) + 60}${birthOf(id).slice(4)}` },
    ]
    insertAudit.run(`legacy-${caseId}`, caseId, at, JSON.stringify({ id: `legacy-${caseId}`, at, actor: { userId: 'dev-ent-water', role: 'enterpriseOperator' }, action: 'roster.confirm', caseId, outcome: 'done', changes }))
  }
  return cloud
}

const now = () => new Date('2020-04-01T01:00:00Z')

describe('upgrading records written before issue 8', () => {
  test('every number can be rebuilt before; none after; once done, the run is not made again until what it is for changes', async () => {
    const cloud = await legacyStore()
    const cases = trueIdNumbers(cloud.store.db, cloud.deps.vault).size
    expect(rebuildsFromStore(cloud.store.db, cloud.deps.vault).successes).toHaveLength(cases)

    const { counts: report, run } = await upgradeStoredRecords(cloud.store, erenhot2019, { now })
    expect(run).toMatchObject({ step: 'audit', after: null, doneAt: now().toISOString() })
    expect(report.cases).toEqual({ read: cases, rewritten: cases, unreadable: 0 })
    expect(report.rosterPreview).toMatchObject({ read: 1, rewritten: 1, unreadable: 0 })
    expect(report.audit).toMatchObject({ rewritten: cases, unreadable: 0 })
    for (const kind of ['correctionRequest', 'inboxMessage', 'outboxEvent'] as const) expect(report[kind]).toMatchObject({ rewritten: 0, unreadable: 0 })

    expect(rebuildsFromStore(cloud.store.db, cloud.deps.vault).successes).toEqual([])
    const c = (await cloud.store.getCase('case-0001'))!
    expect(c.person).toMatchObject({ birthMonth: expect.stringMatching(/^\d{4}-\d{2}$/), retirementMonth: expect.stringMatching(/^\d{4}-\d{2}$/), idNumber: { masked: '152501************' } })
    expect(c.person).not.toHaveProperty('birthDate')

    // Done for this policy and these marks: the next run reads its progress document and nothing else.
    const skipped = await upgradeStoredRecords(cloud.store, erenhot2019, { now })
    expect(skipped.run).toEqual(run)
    expect(skipped.counts.summaries.read + skipped.counts.cases.read + skipped.counts.audit.read).toBe(0)

    // A new set of upgrades (here: its document gone) makes the whole run again, and over upgraded data it rewrites nothing.
    await cloud.store.commit({ removeDocs: [{ kind: 'upgradeRun', id: UPGRADE_RUN_ID }] })
    const { summaries, figuresCounted, ...again } = (await upgradeStoredRecords(cloud.store, erenhot2019, { now })).counts
    expect(figuresCounted).toBeNull()
    expect(Object.values(again).map((n) => n.rewritten)).toEqual([0, 0, 0, 0, 0, 0, 0])
    expect(summaries).toEqual({ read: cases, refreshed: 0 })
    // The upgraded cases still work: a staff member opens one.
    expect((await cloud.ok('dev-grid-wulan', 'case.get', { caseId: 'case-0001' })).case.idNumberMasked).toBe('152501************')
    cloud.close()
  })

  /** Every count of a report, by step, summed into `into`. */
  const tally = (into: Map<string, number>, counts: UpgradeReport) => {
    for (const [step, n] of Object.entries(counts)) for (const [k, v] of Object.entries(n ?? {})) into.set(`${step}.${k}`, (into.get(`${step}.${k}`) ?? 0) + v)
  }

  test.each([1, 3])('a run cut off after every %i page(s) and continued by the next runs reads each record once and ends as one whole run', async (pages) => {
    const whole = await legacyStore()
    const once = new Map<string, number>()
    tally(once, (await upgradeStoredRecords(whole.store, erenhot2019, { now, pageSize: 7 })).counts)
    // Sealing draws a fresh nonce, and the imported case's id follows its preview's: the two stores differ there alone.
    const casesOf = async (store: typeof whole.store) => (await allCases(store)).map((c) => JSON.stringify({ ...c, person: { ...c.person, idNumber: { ...c.person.idNumber, sealed: '…' } } }).replace(/case-[0-9a-f]{16}-/g, 'case-(preview)-')).sort()
    const wholeCases = await casesOf(whole.store)
    whole.close()

    const cloud = await legacyStore()
    const resumed = new Map<string, number>()
    let runs = 0
    for (let done = false; !done; runs++) {
      let left = pages
      const { counts, run } = await upgradeStoredRecords(cloud.store, erenhot2019, { now, pageSize: 7, shouldStop: () => left-- <= 0 })
      tally(resumed, counts)
      done = run?.doneAt != null
      expect(runs).toBeLessThan(500)
    }
    expect(runs).toBeGreaterThan(5)
    // No page read twice or skipped: the same counts as one whole run, step by step.
    expect(resumed).toEqual(once)
    expect(rebuildsFromStore(cloud.store.db, cloud.deps.vault).successes).toEqual([])
    expect(await casesOf(cloud.store)).toEqual(wholeCases)
    cloud.close()
  }, 60_000)

  test('two runs at once: one goes on, the other stops when its progress write is refused; the store ends upgraded', async () => {
    const cloud = await legacyStore()
    const store = yieldingStore(cloud.store)
    const [a, b] = await Promise.all([upgradeStoredRecords(store, erenhot2019, { now, pageSize: 7 }), upgradeStoredRecords(store, erenhot2019, { now, pageSize: 7 })])
    expect([a.run?.doneAt, b.run?.doneAt].filter((d) => d != null)).toHaveLength(1)
    // The one that stopped leaves the rest to the other (or the next night); here the other finished.
    expect((await cloud.store.getDoc('upgradeRun', UPGRADE_RUN_ID))?.doneAt).toBe(now().toISOString())
    expect(rebuildsFromStore(cloud.store.db, cloud.deps.vault).successes).toEqual([])
    cloud.close()
  }, 60_000)

  test('a deploy of other code begins a new run (its summaries may differ); the same code does not', async () => {
    const cloud = await seededCloud({ count: 12 })
    const cases = (await allCases(cloud.store)).length
    expect((await upgradeStoredRecords(cloud.store, erenhot2019, { now, codeVersion: 'a' })).counts.summaries.read).toBe(cases)
    expect((await upgradeStoredRecords(cloud.store, erenhot2019, { now, codeVersion: 'a' })).counts.summaries.read).toBe(0)
    const next = await upgradeStoredRecords(cloud.store, erenhot2019, { now, codeVersion: 'b' })
    expect(next.counts.summaries.read).toBe(cases)
    expect(next.run?.doneAt).not.toBeNull()
    cloud.close()
  })

  test('a count of the figures cut off (the function’s time) is made again, whole, by the next run, though its marker was taken', async () => {
    const cloud = await legacyStore()
    // The figures' marker of an older version is gone, as for a store that predates the figures: this run counts them.
    cloud.store.db.prepare("DELETE FROM counters WHERE key = ?").run(FIGURES_COUNTED)
    const cutOff = { ...cloud.store, recountFigures: () => Promise.reject(new Error('function timed out')) }
    await expect(upgradeStoredRecords(cutOff, erenhot2019, { now })).rejects.toThrow('function timed out')
    expect(await cloud.store.getDoc('upgradeRun', UPGRADE_RUN_ID)).toMatchObject({ step: 'figuresCounted', after: 'counting' })
    const { counts, run } = await upgradeStoredRecords(cloud.store, erenhot2019, { now })
    expect(counts.figuresCounted).toBeGreaterThan(0)
    expect(run?.doneAt).not.toBeNull()
    cloud.close()
  })

  test('a mark the office set and took back again since the last run still begins a new run (the screen’s own refreshes may have missed cases)', async () => {
    const cloud = await seededCloud({ count: 12 })
    const cases = (await allCases(cloud.store)).length
    const first = (await upgradeStoredRecords(cloud.store, erenhot2019, { now })).run!
    await cloud.ok('dev-office', 'roster.markOwnRules', { enterpriseId: 'ent-water', ownRules: true })
    await cloud.ok('dev-office', 'roster.markOwnRules', { enterpriseId: 'ent-water', ownRules: false })
    const { counts, run } = await upgradeStoredRecords(cloud.store, erenhot2019, { now })
    expect(run!.fingerprint).not.toBe(first.fingerprint)
    expect(counts.summaries.read).toBe(cases)
    cloud.close()
  })

  test('the office marking an enterprise (另有规定) begins a new run, which takes up every case the mark changes', async () => {
    const cloud = await seededCloud({ count: 20 })
    const first = (await upgradeStoredRecords(cloud.store, erenhot2019, { now })).run!
    expect(first.doneAt).not.toBeNull()
    // Marked straight in the store: the screen's own refresh (roster.markOwnRules) did not run, as when it lost a race.
    const water = (await cloud.store.getEnterprise('ent-water'))!
    await cloud.store.commit({ enterprises: [{ ...water, ownRules: true }] })
    const marked = (await allCases(cloud.store)).filter((c) => c.enterpriseId === 'ent-water')
    expect(marked.length).toBeGreaterThan(0)
    const { counts, run } = await upgradeStoredRecords(cloud.store, erenhot2019, { now })
    expect(run!.fingerprint).not.toBe(first.fingerprint)
    expect(run!.doneAt).not.toBeNull()
    expect(counts.summaries.refreshed).toBe(marked.length)
    for (const c of await allCases(cloud.store)) expect(refreshedCase(erenhot2019, c, c.enterpriseId === 'ent-water')).toBeNull()
    cloud.close()
  })
})

describe('out-of-pool items stored before issue 11', () => {
  test('an item with its own transition end and a plan without a transition still read, and the ledger takes new items', async () => {
    const cloud = await seededCloud({ count: 5 })
    const old = { id: 'expense-old', version: 1, enterpriseId: 'ent-water', caseId: 'case-0002', item: '取暖费', method: 'accrual', monthlyStandardFen: 10000, oneTimeAmountFen: null, retireeConsent: false, startedOn: '2015-01-01', transitionEndsOn: '2022-01-31' }
    const plan = { id: 'ent-water', version: 1, transferPlanOn: '2019-10-01', stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null }
    for (const [kind, doc] of [['expenseItem', old], ['enterprisePlan', plan]] as const) {
      cloud.store.db.prepare('INSERT INTO docs (kind, id, version, doc) VALUES (?, ?, 1, ?)').run(kind, doc.id, JSON.stringify(doc))
    }
    const page = await cloud.ok('dev-ent-water', 'expenses.list')
    expect(page.items).toEqual([expect.objectContaining({ id: 'expense-old', method: 'accrual', monthlyStandardFen: 10000 })])
    expect(page.items[0]).not.toHaveProperty('transitionEndsOn')
    expect(page.ledger).toMatchObject({ transition: null, yearlyFen: [] })
    const base = { caseId: 'case-0001', item: '取暖费', method: 'accrual', monthlyStandardFen: 10000, oneTimeAmountFen: null, retireeConsent: false, startedOn: '2015-01-01' }
    expect((await cloud.ok('dev-ent-water', 'expenses.save', { expense: base })).items).toHaveLength(2)
    cloud.close()
  })
})

describe('refreshing case summaries (issue 10)', () => {
  const figuresOf = async (cloud: Awaited<ReturnType<typeof seededCloud>>) => [...(await cloud.store.readFigures(''))].sort()

  test('cases stored before summaries carried their stages get them, and the board figures follow; a second run refreshes none', async () => {
    const cloud = await seededCloud({ count: 40 })
    const before = await figuresOf(cloud)
    // Strip the stages as an older build stored them: the figures no longer see the stages.
    for (const c of await allCases(cloud.store)) {
      const { stages, ...summary } = c.summary
      void stages
      cloud.store.db.prepare('UPDATE cases SET doc = ? WHERE id = ?').run(JSON.stringify({ ...c, summary }), c.id)
    }
    cloud.store.db.prepare('DELETE FROM figures').run()
    const legacy = await allCases(cloud.store)
    cloud.store.db.exec('BEGIN')
    // The figures of the stored records as they now read (no stages), as a store would have kept them.
    const agreementFigures = before.filter(([k]) => /\|(a|ap|x|as)\|/.test(k))
    for (const [key, n] of [...countFigures(legacy.map((value) => ({ kind: 'case' as const, value }))), ...agreementFigures]) cloud.store.db.prepare('INSERT INTO figures (key, value) VALUES (?, ?)').run(key, n)
    cloud.store.db.exec('COMMIT')
    expect((await figuresOf(cloud)).some(([k]) => k.includes('|s|'))).toBe(false)

    expect(await refreshSummaries(cloud.store, erenhot2019)).toEqual({ read: 40, refreshed: legacy.filter((c) => c.summary.inScope).length })
    const cases = await allCases(cloud.store)
    expect(await figuresOf(cloud)).toEqual([...countFigures(cases.map((value) => ({ kind: 'case' as const, value }))), ...agreementFigures].sort())
    expect(await refreshSummaries(cloud.store, erenhot2019)).toEqual({ read: 40, refreshed: 0 })
    cloud.close()
  })

  test('a deadline moved in the policy moves the overdue figures once the summaries are refreshed', async () => {
    const cloud = await seededCloud({ count: 40 })
    const later: Policy = { ...erenhot2019, stages: erenhot2019.stages.map((s) => (s.id === 'materials' ? { ...s, deadline: '2020-04-30' } : s)) }
    const due = async () => [...(await cloud.store.readFigures('enterprise:'))].filter(([k]) => k.includes('|d|materials|')).map(([k]) => k.split('|')[3])
    expect(new Set(await due())).toEqual(new Set(['2019-11-30']))
    const { refreshed } = await refreshSummaries(cloud.store, later)
    expect(refreshed).toBeGreaterThan(0)
    expect(new Set(await due())).toEqual(new Set(['2020-04-30']))
    cloud.close()
  })

  test('an enterprise marked 另有规定 whose cases were not all re-summarised: the run copies the mark, its financial-enterprise retirees leave the hand-over, the figures follow', async () => {
    const cloud = await seededCloud({ count: 40 })
    const c = (await cloud.store.getCase('case-0001'))!
    const categories = { ...c.categories, employment: 'financialEnterpriseRetiree' as const }
    await cloud.store.commit({ cases: [{ next: { ...c, categories, summary: summarizeCase(erenhot2019, { ...c, categories }), version: c.version + 1 }, expectedVersion: c.version }] })
    expect((await cloud.store.getCase('case-0001'))!.summary.inScope).toBe(true)
    const enterprise = (await cloud.store.getEnterprise(c.enterpriseId))!
    await cloud.store.commit({ enterprises: [{ ...enterprise, ownRules: true }] })
    const nonCase = (await figuresOf(cloud)).filter(([k]) => /\|(a|ap|x|as)\|/.test(k))
    const { refreshed } = await refreshSummaries(cloud.store, erenhot2019)
    expect(refreshed).toBe((await allCases(cloud.store)).filter((x) => x.enterpriseId === c.enterpriseId).length)
    expect(await cloud.store.getCase('case-0001')).toMatchObject({ categories: { enterpriseOwnRules: true }, summary: { inScope: false } })
    const cases = await allCases(cloud.store)
    expect(await figuresOf(cloud)).toEqual([...countFigures(cases.map((value) => ({ kind: 'case' as const, value }))), ...nonCase].sort())
    expect(await refreshSummaries(cloud.store, erenhot2019)).toEqual({ read: 40, refreshed: 0 })
    cloud.close()
  })
})

describe('the community’s signature as a step of each case (issue 11)', () => {
  test('cases of agreements the community signed before it was a step get it, in place; the board follows; a second run adds none', async () => {
    const cloud = await seededCloud({ count: 40 })
    // As the code before issue 11 left a store: countersigned cases without the community's step …
    const signed = (await allCases(cloud.store)).filter((c) => c.actions.some((a) => a.type === 'agreementSigned'))
    expect(signed.length).toBeGreaterThan(0)
    for (const c of signed) {
      const actions = c.actions.filter((a) => a.type !== 'agreementCommunitySigned')
      cloud.store.db.prepare('UPDATE cases SET doc = ? WHERE id = ?').run(JSON.stringify({ ...c, actions }), c.id)
    }
    // … and an agreement the community signed, waiting for the countersignature, its cases without the step.
    const waiting = (await allCases(cloud.store)).filter((c) => c.summary.currentStage === 'agreement' && c.summary.receivingCommunityId === 'com-wulan' && c.enterpriseId === 'ent-water').slice(0, 2)
    expect(waiting).toHaveLength(2)
    const agreement = { id: 'agr-old', version: 2, enterpriseId: 'ent-water', communityId: 'com-wulan', caseIds: waiting.map((c) => c.id), status: 'communitySigned' as const, deadline: '2020-03-31', communitySignedAt: '2020-03-10T02:00:00.000Z', enterpriseSignedAt: null, createdAt: '2020-03-01T02:00:00.000Z' }
    await cloud.store.commit({ agreements: [{ next: agreement, expectedVersion: null }] })
    cloud.store.db.exec('DELETE FROM figures')
    await cloud.store.recountFigures()
    const waitingBefore = await cloud.store.readFigures('community:com-wulan|p|agreement|')

    const report = await recordCommunitySignatures(cloud.store, erenhot2019)
    expect(report.rewritten).toBe(signed.length + 2)
    for (const c of signed) {
      const after = (await cloud.store.getCase(c.id))!
      const types = after.actions.map((a) => a.type)
      // Placed just before the countersignature, at the community's signing time; nothing else changed.
      expect(types.indexOf('agreementCommunitySigned')).toBe(types.indexOf('agreementSigned') - 1)
      expect(after.actions.filter((a) => a.type !== 'agreementCommunitySigned')).toEqual(c.actions.filter((a) => a.type !== 'agreementCommunitySigned'))
      expect(after.summary.stages.agreement).toEqual(c.summary.stages.agreement)
    }
    for (const c of waiting) {
      const after = (await cloud.store.getCase(c.id))!
      expect(after.actions.find((a) => a.type === 'agreementCommunitySigned')).toMatchObject({ agreementId: 'agr-old', at: '2020-03-10T02:00:00.000Z', by: { userId: 'migration', role: 'communityAdmin' } })
      expect(after.summary.stages.agreement).toMatchObject({ state: 'open', party: 'enterprise' })
    }
    // The board: the two now wait on the enterprise, no longer on the community.
    const waitingAfter = await cloud.store.readFigures('community:com-wulan|p|agreement|')
    expect((waitingAfter.get('community:com-wulan|p|agreement|enterprise') ?? 0) - (waitingBefore.get('community:com-wulan|p|agreement|enterprise') ?? 0)).toBe(2)
    expect((waitingBefore.get('community:com-wulan|p|agreement|community') ?? 0) - (waitingAfter.get('community:com-wulan|p|agreement|community') ?? 0)).toBe(2)
    expect([...(await cloud.store.readFigures(''))].sort()).toEqual([...(await recounted(cloud))].sort())
    expect((await recordCommunitySignatures(cloud.store, erenhot2019)).rewritten).toBe(0)
    // Each case it changed has its audit entry: the system's, naming the agreement.
    for (const c of [...signed, ...waiting]) {
      const trail = (await cloud.store.listAudit(c.id)).filter((e) => e.action === 'migrate.agreementSteps')
      expect(trail).toEqual([expect.objectContaining({ actor: { userId: 'system', role: 'system' }, changes: [{ field: 'actions', before: null, after: expect.stringMatching(/^agreementCommunitySigned \(agr-/) }] })])
    }
    cloud.close()
  })
})

/** The figures counted again from the records, without touching the store's. */
async function recounted(cloud: Awaited<ReturnType<typeof seededCloud>>) {
  const cases = await allCases(cloud.store)
  const agreements = (await cloud.store.listAgreements({ limit: 1000 })).items
  return countFigures([...cases.map((value) => ({ kind: 'case' as const, value })), ...agreements.map((value) => ({ kind: 'agreement' as const, value }))]).entries()
}
