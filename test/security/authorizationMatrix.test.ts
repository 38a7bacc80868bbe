/**
 * The authorization matrix: every action × every caller (each role, a guest, an unknown caller)
 * × a target inside and outside the caller's jurisdiction, generated from shared/Api.ts so a new
 * action joins by itself (samples.ts makes it give a sample input first).
 *
 * - A caller whose role the action does not allow gets FORBIDDEN or UNAUTHORIZED, and nothing is
 *   written but the refusal's audit entry.
 * - An allowed caller aimed outside its jurisdiction writes nothing either, and the response holds
 *   none of that case's data (id, name, ID number masked or whole, phone masked or whole). The id
 *   the caller sent itself may be echoed back in `error.caseId`.
 * - No cell answers INTERNAL.
 */
import { ACTION_NAMES, API, GUEST, type Access, type ActionName } from '../../shared/Api'
import { canAccessCase } from '../../shared/Authorization'
import type { RetireeCase } from '../../shared/Case'
import { maskPhone } from '../../shared/Mask'
import { ROLES } from '../../shared/Role'
import type { User } from '../../shared/User'
import { DEMO_RELATIVE, DEMO_STAFF } from '../../local/seed'
import { seededCloud } from '../support/cloudHarness'
import { recordFigure } from './figures'
import { CALLER_OF, SAMPLES, type Target } from './samples'
import { auditIds, auditSince, fingerprint } from './storeTrace'
import { usePrintFont } from '../support/printFont'

// The print actions need the print font the build ships (test/support/printFont builds it).
beforeAll(() => usePrintFont())

type Cloud = Awaited<ReturnType<typeof seededCloud>>

/** The demo user of each role; the retiree is the one whose relative is seeded. */

interface Caller {
  label: Access | 'unknown'
  userId: string | null
  /** The user the in/out targets are chosen for (a guest or an unknown caller borrows the retiree's). */
  scopeUser: User
}

const retireeUser: User = { id: 'dev-retiree-1', role: 'retiree', name: '斯日古楞', orgId: '', caseId: 'case-0001' }
const CALLERS: Caller[] = [
  { label: 'unknown', userId: null, scopeUser: retireeUser },
  { label: GUEST, userId: 'wx-matrix-guest', scopeUser: retireeUser },
  ...ROLES.map((role) => {
    const id = CALLER_OF[role]
    const user = role === 'retiree' ? retireeUser : role === 'relative' ? DEMO_RELATIVE : DEMO_STAFF.find((u) => u.id === id)!
    return { label: role, userId: id, scopeUser: user }
  }),
]

function allowed(action: ActionName, caller: Caller): boolean {
  if (caller.userId === null) return false
  return (API[action].roles as readonly Access[]).includes(caller.label as Access)
}

/** Records the matrix needs around a case: an agreement, a correction, an asset, a relative, a pass. */
async function targetFor(cloud: Cloud, c: RetireeCase): Promise<Target> {
  const { store, deps, clock } = cloud
  const now = clock.now().toISOString()
  const agreementId = `agr-matrix-${c.id}`
  const correctionId = `corr-matrix-${c.id}`
  const assetId = `asset-matrix-${c.id}`
  const previewId = `preview-matrix-${c.enterpriseId}`
  if (!(await store.getAgreement(agreementId))) {
    const relatives = await store.listUsers({ caseId: c.id, role: 'relative' })
    await store.commit({
      agreements: [{ next: { id: agreementId, version: 1, enterpriseId: c.enterpriseId, communityId: c.summary.receivingCommunityId, caseIds: [c.id], status: 'communitySigned', deadline: '2020-06-30', communitySignedAt: now, enterpriseSignedAt: null, createdAt: now }, expectedVersion: null }],
      users: relatives.length ? [] : [{ id: `rel-matrix-${c.id}`, role: 'relative', name: '亲属', orgId: '', caseId: c.id, mayConfirm: false }],
      docs: [
        { kind: 'correctionRequest', next: { id: correctionId, version: 1, caseId: c.id, enterpriseId: c.enterpriseId, fields: [{ field: 'name', reason: '错字' }], raisedBy: { userId: 'x', role: 'retiree' }, status: 'open', answer: null, createdAt: now, answeredAt: null }, expectedVersion: null },
        ...((await store.getDoc('rosterPreview', previewId)) ? [] : [{ kind: 'rosterPreview' as const, next: { id: previewId, version: 1, enterpriseId: c.enterpriseId, createdBy: 'x', fileName: '名册.xlsx', status: 'pending' as const, people: [], errors: [], createdAt: now }, expectedVersion: null }]),
        { kind: 'asset', next: { id: assetId, version: 1, enterpriseId: c.enterpriseId, item: '活动室', communityId: c.summary.receivingCommunityId, groupApprovedOn: null, sasacApprovedOn: null, disposal: 'handedOver', completedOn: null, swappedFor: null, cityAgreement: null }, expectedVersion: null },
      ],
    })
  }
  const fresh = (await store.getCase(c.id))!
  const relative = (await store.listUsers({ caseId: c.id, role: 'relative' }))[0]
  const message = (await store.listDocs('inboxMessage', { caseId: c.id }, { limit: 1 })).items[0]
  return {
    caseId: c.id,
    caseVersion: fresh.version,
    enterpriseId: c.enterpriseId,
    communityId: c.summary.receivingCommunityId,
    agreementId,
    agreementVersion: (await store.getAgreement(agreementId))!.version,
    correctionId,
    correctionVersion: (await store.getDoc('correctionRequest', correctionId))?.version ?? 1,
    assetId,
    previewId,
    relativeUserId: relative?.id ?? 'nobody',
    inboxMessageId: message?.id ?? 'none',
    visitToken: deps.visitTokens.sign(c.id, new Date(clock.now().getTime() + 60_000)),
    visitCode: '00000000',
  }
}

/** Everything in a response that would tell an outsider about the case (masked forms only when no other case shares them). */
async function secretsOf(cloud: Cloud, c: RetireeCase, cases: RetireeCase[]): Promise<string[]> {
  const unique = (f: (x: RetireeCase) => string) => (cases.filter((x) => f(x) === f(c)).length === 1 ? [f(c)] : [])
  return [c.id, c.person.name, await cloud.idNumberOf(c.id), c.person.phone, ...unique((x) => x.person.idNumber.masked), ...unique((x) => maskPhone(x.person.phone))]
}

/** In and out cases for a user: the first case in jurisdiction, and the first outside it with a name no other case has. */
function casesFor(user: User, cases: RetireeCase[]): { inside: RetireeCase; outside: RetireeCase | null } {
  const nameCount = new Map<string, number>()
  for (const c of cases) nameCount.set(c.person.name, (nameCount.get(c.person.name) ?? 0) + 1)
  const inside = cases.find((c) => canAccessCase(user, c))!
  const outside = cases.find((c) => !canAccessCase(user, c) && nameCount.get(c.person.name) === 1 && c.summary.inScope) ?? null
  return { inside, outside }
}

interface Tally {
  cells: number
  refusedWrongly: string[]
  writes: string[]
  leaks: string[]
  internal: string[]
}

async function runAction(action: ActionName, tally: Tally): Promise<void> {
  const cloud = await seededCloud({ count: 24 })
  try {
    const cases = (await cloud.store.listCases({ limit: 1000 })).items
    // Refusals first, then the calls that may change things, the retiree last (it may remove its relative).
    const plan: Array<{ caller: Caller; side: 'in' | 'out'; target: Target; secrets: string[] | null }> = []
    for (const caller of CALLERS) {
      const { inside, outside } = casesFor(caller.scopeUser, cases)
      const inTarget = await targetFor(cloud, inside)
      plan.push({ caller, side: 'in', target: inTarget, secrets: null })
      if (!outside) continue
      const outTarget = await targetFor(cloud, outside)
      // An action whose input names no target (only, say, the version of the caller's own case) has no "outside" cell.
      const sameVersions = { ...outTarget, caseVersion: inTarget.caseVersion, agreementVersion: inTarget.agreementVersion, correctionVersion: inTarget.correctionVersion }
      if (JSON.stringify(SAMPLES[action](inTarget)) === JSON.stringify(SAMPLES[action](sameVersions))) continue
      plan.push({ caller, side: 'out', target: outTarget, secrets: await secretsOf(cloud, outside, cases) })
    }
    const rank = (p: (typeof plan)[number]) => (!allowed(action, p.caller) ? 0 : p.side === 'out' ? 1 : p.caller.label === 'retiree' ? 3 : 2)
    plan.sort((a, b) => rank(a) - rank(b))

    for (const { caller, side, target, secrets } of plan) {
      const cell = `${action} × ${caller.label} × ${side}`
      // Versions move as earlier cells write; aim at the current one.
      const live = side === 'in' ? await targetFor(cloud, (await cloud.store.getCase(target.caseId))!) : target
      const input = (SAMPLES[action] as (t: Target) => unknown)(live)
      const before = fingerprint(cloud.store)
      const knownAudit = auditIds(cloud.store)
      const res = await cloud.call(caller.userId, action, input)
      tally.cells++
      if (!res.ok && res.error.code === 'INTERNAL') tally.internal.push(cell)
      const refusedOnly = auditSince(cloud.store, knownAudit).every((a) => a.outcome === 'refused')
      if (!allowed(action, caller)) {
        if (res.ok || !['FORBIDDEN', 'UNAUTHORIZED'].includes(res.error.code)) tally.refusedWrongly.push(`${cell}: ${res.ok ? 'ok' : res.error.code}`)
        if (fingerprint(cloud.store) !== before || !refusedOnly) tally.writes.push(cell)
        continue
      }
      if (side === 'in' || !secrets) continue
      if (!res.ok && !['FORBIDDEN', 'NOT_FOUND'].includes(res.error.code)) tally.refusedWrongly.push(`${cell}: ${res.error.code}`)
      if (fingerprint(cloud.store) !== before || !refusedOnly) tally.writes.push(cell)
      const shown = res.ok ? JSON.stringify(res.data) : JSON.stringify({ ...res.error, caseId: res.error.caseId === target.caseId ? undefined : res.error.caseId })
      const leaked = secrets.filter((s) => s && shown.includes(s))
      if (leaked.length) tally.leaks.push(`${cell}: ${leaked.length} item(s)`)
    }
  } finally {
    cloud.close()
  }
}

test('every action × every caller × inside and outside its jurisdiction: refusals hold, nothing leaks', async () => {
  const tally: Tally = { cells: 0, refusedWrongly: [], writes: [], leaks: [], internal: [] }
  for (const action of ACTION_NAMES) await runAction(action, tally)
  const failures = tally.refusedWrongly.length + tally.writes.length + tally.leaks.length + tally.internal.length
  recordFigure({
    area: 'Authorization matrix',
    tried: `${tally.cells} cells (${ACTION_NAMES.length} actions × ${CALLERS.length} callers × in/out of jurisdiction)`,
    failures,
    failureName: 'leaks, writes or wrong answers',
  })
  expect(tally).toEqual({ cells: tally.cells, refusedWrongly: [], writes: [], leaks: [], internal: [] })
  expect(tally.cells).toBeGreaterThan(ACTION_NAMES.length * CALLERS.length)
}, 120_000)
