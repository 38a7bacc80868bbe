/** What several handlers share: loading a case in jurisdiction, names, contacts, committing a case change. */
import { randomInt } from 'node:crypto'
import { AppError } from '../../../shared/AppError'
import type { ActionName } from '../../../shared/Api'
import { canAccessCase, seesFullPhone, servesAsResidence } from '../../../shared/Authorization'
import type { RetireeCase } from '../../../shared/Case'
import { caseChanges } from '../../../shared/CaseChanges'
import { allowedSteps, caseHistory, caseListItem, stageViews, type StageContacts } from '../../../shared/CaseViews'
import type { InboxMessage } from '../../../shared/InboxMessage'
import type { OutboxEvent } from '../../../shared/OutboxEvent'
import { maskPhone } from '../../../shared/Mask'
import { inboxTextFor } from '../../../shared/Notifications'
import type { Change, DocKind, VersionedDoc } from '../../../shared/ports/Store'
import { movesReach, reachAfterMove } from '../../../shared/Reachability'
import { STAFF_ROLES } from '../../../shared/Role'
import type { User } from '../../../shared/User'
import type { CaseDetailView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, Deps } from '../router'

type Actor = Deps & { user: User; now: Date }

/** City-wide bodies that are not enterprises or communities. */
export const BUREAU_NAMES: Record<string, string> = {
  archives: '市档案局',
  party: '市委组织部',
  office: '领导小组办公室',
  hrss: '市人社局',
  medicalInsurance: '市医保局',
}

export async function orgName(ctx: Ctx): Promise<string> {
  const { role, orgId } = ctx.user
  if (role === 'enterpriseOperator') return (await ctx.store.getEnterprise(orgId))?.name ?? ''
  if (role === 'gridWorker' || role === 'communityAdmin') return (await ctx.store.getCommunity(orgId))?.name ?? ''
  if (role === 'communityPartySecretary') return `${(await ctx.store.getCommunity(orgId))?.name ?? ''}党组织`
  return BUREAU_NAMES[orgId] ?? ''
}

/** Writes an audit entry for a refused attempt. */
export async function auditRefusal(ctx: Actor, action: ActionName, caseId: string | null): Promise<void> {
  await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId, outcome: 'refused' })] })
}

/**
 * Loads a case the caller may see; refusals are audited. `residenceToo`: the actions a residence
 * community may take for a person it serves (visits, services; shared/Residence.ts) also admit it.
 */
export async function loadCase(ctx: Actor, caseId: string | undefined, action: ActionName, residenceToo = false): Promise<RetireeCase> {
  const c = caseId ? await ctx.store.getCase(caseId) : null
  if (!c) throw new AppError('NOT_FOUND', '没有找到这位退休人员的移交信息。', caseId ? { caseId } : {})
  if (!canAccessCase(ctx.user, c) && !(residenceToo && servesAsResidence(ctx.user, c))) {
    await auditRefusal(ctx, action, c.id)
    throw new AppError('FORBIDDEN', '这位退休人员不在您的管辖范围内。', { caseId: c.id, action })
  }
  return c
}

/** The case of a retiree or relative. */
export function ownCase(ctx: Ctx, action: ActionName): Promise<RetireeCase> {
  return loadCase(ctx, ctx.user.caseId, action)
}

export async function stageContacts(ctx: Deps, c: RetireeCase): Promise<StageContacts> {
  const [enterprise, community] = await Promise.all([ctx.store.getEnterprise(c.enterpriseId), ctx.store.getCommunity(c.summary.receivingCommunityId)])
  return {
    enterprise: enterprise ? { name: `${enterprise.name} ${enterprise.contactName}`.trim(), phone: enterprise.contactPhone } : null,
    community: community ? { name: community.name, phone: community.phone } : null,
    communityParty: community ? { name: community.partyBranch?.name || `${community.name}党组织`, phone: community.partyBranch?.phone || community.phone } : null,
    archives: ctx.policy.bureaus.archives,
    party: ctx.policy.bureaus.party,
    hrss: ctx.policy.bureaus.hrss ?? null,
    medicalInsurance: ctx.policy.bureaus.medicalInsurance ?? null,
    enterpriseParty: enterprise?.partyContact ? { name: `${enterprise.name}党组织 ${enterprise.partyContact.name}`, phone: enterprise.partyContact.phone } : null,
  }
}

/** The audit action of a staff member's read of a full phone number. */
export const PHONE_VIEWED = 'phone.viewed'

/** A member of staff's view of a case's personal data (who, role, when, which case): never the data itself. */
export async function auditView(ctx: Actor, action: string, caseId: string): Promise<void> {
  if (!(STAFF_ROLES as readonly string[]).includes(ctx.user.role)) return
  await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId, outcome: 'done' })] })
}

/**
 * The case card. A member of staff who opens it (`opened`, case.get) leaves a view entry, and so
 * does one who reads the retiree's full number (one entry, phone.viewed, when both); a retiree
 * reading their own does not.
 */
export async function caseDetail(ctx: Ctx, c: RetireeCase, opened = false): Promise<CaseDetailView> {
  const [enterprise, community] = await Promise.all([ctx.store.getEnterprise(c.enterpriseId), ctx.store.getCommunity(c.summary.receivingCommunityId)])
  const fullPhone = seesFullPhone(ctx.user.role, c) && c.person.phone !== ''
  if (fullPhone || opened) await auditView(ctx, fullPhone ? PHONE_VIEWED : 'case.get', c.id)
  return {
    case: caseListItem(ctx.policy, c, ctx.today),
    phone: fullPhone ? c.person.phone : maskPhone(c.person.phone),
    enterpriseName: enterprise?.name ?? '',
    receivingCommunityId: c.summary.receivingCommunityId,
    receivingCommunityName: community?.name ?? '',
    stages: stageViews(ctx.policy, c, ctx.today, await stageContacts(ctx, c)),
    history: caseHistory(c),
    // A residence community serves the person but records no hand-over step.
    allowedSteps: canAccessCase(ctx.user, c) ? allowedSteps(ctx.policy, c, ctx.user) : [],
  }
}

/** The inbox messages for the actions `after` has that `before` had not. */
export function newInboxMessages(before: RetireeCase | null, after: RetireeCase): InboxMessage[] {
  const first = before?.actions.length ?? 0
  return after.actions.slice(first).map((a, i) => ({
    // Sortable: the instant, then the action's place in the case (ties keep their order).
    id: `${a.at}~${String(first + i).padStart(5, '0')}~${a.id}`,
    version: 1,
    caseId: after.id,
    ...inboxTextFor(a),
    createdAt: a.at,
    readBy: [],
  }))
}

/** The notification events of the actions `after` has that `before` had not. */
export function newOutboxEvents(before: RetireeCase, after: RetireeCase): OutboxEvent[] {
  return after.actions.slice(before.actions.length).map((a) => ({ id: `${a.at}~${a.id}`, version: 1, caseId: after.id, actionId: a.id, type: a.type, at: a.at, status: 'pending' }))
}

/** Everything a case change writes besides the case: inbox messages, outbox events, the audit entry. */
export function caseChangeWrites(ctx: Actor, action: ActionName, before: RetireeCase, after: RetireeCase, auditId?: string): Required<Pick<Change, 'docs' | 'audit'>> {
  return {
    docs: [
      ...newInboxMessages(before, after).map((next) => ({ kind: 'inboxMessage' as const, next, expectedVersion: null })),
      ...newOutboxEvents(before, after).map((next) => ({ kind: 'outboxEvent' as const, next, expectedVersion: null })),
    ],
    audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId: after.id, outcome: 'done', changes: caseChanges(before, after), id: auditId })],
  }
}

/**
 * Commits case changes the one way every handler does: version guards, the inbox messages and
 * notification events of the new actions, the audit entries with masked before/after, and
 * anything else given — all in one atomic change.
 */
export async function commitCases(ctx: Actor, action: ActionName, changes: Array<[RetireeCase, RetireeCase]>, extra: Omit<Change, 'cases'> = {}): Promise<void> {
  const writes = changes.map(([before, after]) => caseChangeWrites(ctx, action, before, after))
  await ctx.store.commit({
    ...extra,
    cases: changes.map(([before, after]) => ({ next: after, expectedVersion: before.version })),
    docs: [...(extra.docs ?? []), ...writes.flatMap((w) => w.docs), ...(await movedReaches(ctx, changes))],
    audit: [...(extra.audit ?? []), ...writes.flatMap((w) => w.audit)],
  })
}

/**
 * The reach documents of cases that move to another receiving community or enterprise (a
 * transfer, a correction), moved with them in the same commit: the reachability lists read them
 * by unit (cloudfunctions/lib/reachability.ts), so the new community sees the channels the person has.
 */
async function movedReaches(ctx: Actor, changes: Array<[RetireeCase, RetireeCase]>): Promise<VersionedDoc[]> {
  const moved = changes.filter(([before, after]) => movesReach(before, after)).map(([, after]) => after)
  if (moved.length === 0) return []
  const reaches = await ctx.store.getDocs('caseReach', moved.map((c) => c.id))
  return moved.flatMap((c) => {
    const reach = reaches.get(c.id)
    return reach ? [{ kind: 'caseReach' as const, next: reachAfterMove(reach, c), expectedVersion: reach.version }] : []
  })
}

export function commitCase(ctx: Actor, action: ActionName, before: RetireeCase, after: RetireeCase, extra: Omit<Change, 'cases'> = {}): Promise<void> {
  return commitCases(ctx, action, [[before, after]], extra)
}

/** The expected version must be the stored one: otherwise someone changed the case meanwhile. */
export function expectVersion(c: RetireeCase, expectedVersion: number): void {
  if (c.version !== expectedVersion) throw new AppError('CONFLICT', undefined, { caseId: c.id })
}

/** Eight digits, drawn with node:crypto (a code that opens a case must not be guessable). */
export function eightDigits(): string {
  return String(randomInt(10_000_000, 100_000_000))
}

/** A one-time code that no stored document of the kind holds yet. */
export async function unusedCode(ctx: Deps, kind: DocKind, draw: () => string): Promise<string> {
  for (;;) {
    const code = draw()
    if (!(await ctx.store.getDoc(kind, code))) return code
  }
}
