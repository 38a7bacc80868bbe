/**
 * 兼职（任职）、因私出国（境）审批 after the hand-over (plan 四（七）, shared/Approval.ts): the retiree's
 * side submits, follows and withdraws; the unit the request is routed to lists and decides it.
 */
import { AppError } from '../../../shared/AppError'
import {
  APPROVAL_KIND_NAMES,
  APPROVAL_KINDS,
  APPROVAL_UNIT_NAMES,
  APPROVALS_STAFF_LINK,
  applyApprovalMove,
  approvalItemView,
  approvalRefusal,
  approvalsOpen,
  approvalUnit,
  approverUnitKey,
  MAX_WAITING_PER_CASE,
  newApprovalRequest,
  retireeSideRefusal,
  unitQueue,
  waitingCounterKey,
  type ApprovalDetails,
  type ApprovalMineView,
  type ApprovalMove,
  type ApprovalQueueView,
  type ApprovalRequest,
} from '../../../shared/Approval'
import type { RetireeCase } from '../../../shared/Case'
import { assertNever } from '../../../shared/CaseState'
import type { InboxMessage } from '../../../shared/InboxMessage'
import { redactPersonalData } from '../../../shared/Mask'
import type { StaffMessage } from '../../../shared/Delivery'
import type { User } from '../../../shared/User'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { refundAttempt, spendAttempt } from './attempts'
import { auditRefusal, ownCase } from './common'

/** Requests per page, on either side. Our own named limit: a unit's page reads each request's case for the name. */
export const APPROVAL_PAGE = 20
export { MAX_WAITING_PER_CASE }

const NOT_FOUND = '没有找到这条申请。'

async function mineView(ctx: Ctx, c: RetireeCase, after?: string): Promise<ApprovalMineView> {
  const open = approvalsOpen(c)
  // Newest first, page after page: the answer the retiree is waiting for is at the top.
  const page = await ctx.store.listDocs('approvalRequest', { caseId: c.id }, { limit: APPROVAL_PAGE, after, newestFirst: true })
  return {
    open: open.open,
    notice: open.open ? null : open.message,
    routes: APPROVAL_KINDS.map((kind) => ({ kind, kindName: APPROVAL_KIND_NAMES[kind], unitName: APPROVAL_UNIT_NAMES[approvalUnit(kind, c.categories)] })),
    items: page.items.map(approvalItemView),
    nextCursor: page.nextCursor,
  }
}

/** The staff who decide for a unit key: the community's admins, the organisation department, the enterprise's operators. */
async function approversOf(ctx: Ctx, r: ApprovalRequest, c: RetireeCase): Promise<User[]> {
  switch (r.unit) {
    case 'community':
      return ctx.store.listUsers({ orgId: c.summary.receivingCommunityId, role: 'communityAdmin' })
    case 'organisationDepartment':
      return ctx.store.listUsers({ role: 'partyOfficer' })
    case 'originalUnit':
      return ctx.store.listUsers({ orgId: c.enterpriseId, role: 'enterpriseOperator' })
    default:
      return assertNever(r.unit)
  }
}

async function unitName(ctx: Ctx, user: User): Promise<string> {
  if (user.role === 'communityAdmin') return (await ctx.store.getCommunity(user.orgId))?.name ?? APPROVAL_UNIT_NAMES.community
  if (user.role === 'enterpriseOperator') return (await ctx.store.getEnterprise(user.orgId))?.name ?? APPROVAL_UNIT_NAMES.originalUnit
  return APPROVAL_UNIT_NAMES.organisationDepartment
}

async function queueView(ctx: Ctx, after?: string): Promise<ApprovalQueueView> {
  const key = approverUnitKey(ctx.user)
  if (key === null) throw new AppError('FORBIDDEN')
  const page = await ctx.store.listDocs('approvalRequest', { unitQueue: unitQueue(key, 'submitted') }, { limit: APPROVAL_PAGE, after })
  const cases = await Promise.all(page.items.map((r) => ctx.store.getCase(r.caseId)))
  return {
    unitName: await unitName(ctx, ctx.user),
    items: page.items.map((r, i) => ({ ...approvalItemView(r), name: cases[i]?.person.name ?? '' })),
    nextCursor: page.nextCursor,
  }
}

/** Free text keeps no ID number, phone or full date (as correction reasons). */
function redactDetails(d: ApprovalDetails): ApprovalDetails {
  return d.kind === 'privateTripAbroad'
    ? { ...d, destination: redactPersonalData(d.destination), purpose: redactPersonalData(d.purpose) }
    : { ...d, organisation: redactPersonalData(d.organisation), post: redactPersonalData(d.post), term: redactPersonalData(d.term) }
}

/** Loads a request for a move and checks it (role, jurisdiction, state, version); refusals of jurisdiction are audited. */
async function requestFor(ctx: Ctx, id: string, expectedVersion: number, move: ApprovalMove, answer?: string): Promise<ApprovalRequest> {
  const action = move === 'withdraw' ? 'approval.withdraw' : 'approval.decide'
  const r = await ctx.store.getDoc('approvalRequest', id)
  if (!r) throw new AppError('NOT_FOUND', NOT_FOUND)
  const refusal = approvalRefusal(ctx.user, r, move, answer)
  if (refusal?.code === 'FORBIDDEN') {
    await auditRefusal(ctx, action, null)
    throw new AppError('FORBIDDEN', refusal.message)
  }
  if (r.version !== expectedVersion) throw new AppError('CONFLICT', undefined, { caseId: r.caseId })
  if (refusal) throw new AppError(refusal.code, refusal.message, { caseId: r.caseId })
  return r
}

const statusChange = (before: ApprovalRequest | null, after: ApprovalRequest) => [
  { field: `approval.${after.details.kind}.status`, before: before?.status ?? null, after: after.status },
  ...(before ? [] : [{ field: `approval.${after.details.kind}.routedTo`, before: null, after: after.unit }]),
  // The decision's note or refusal reason (already redacted) is part of what changed.
  ...(before && after.answer !== before.answer ? [{ field: `approval.${after.details.kind}.answer`, before: before.answer, after: after.answer }] : []),
]

/**
 * Takes one of the case's waiting places before a request is written: the counter is incremented
 * first, so parallel submits cannot race past the cap. A refused attempt holds no place.
 */
async function takeWaitingPlace(ctx: Ctx, caseId: string): Promise<void> {
  const key = waitingCounterKey(caseId)
  try {
    await spendAttempt(ctx, key, MAX_WAITING_PER_CASE, `您已有${MAX_WAITING_PER_CASE}条申请在等待审批，请等有了答复再提新的。`)
  } catch (e) {
    await refundAttempt(ctx, key)
    throw e
  }
}

/**
 * Gives a waiting place back when a request leaves `submitted` (decided or withdrawn), after its
 * commit. A count that would go below zero (requests written before the counter was kept) is
 * brought back to zero, so such a case never gains places beyond the cap.
 */
async function giveWaitingPlaceBack(ctx: Ctx, caseId: string): Promise<void> {
  const key = waitingCounterKey(caseId)
  const left = await ctx.store.incrementCounter(key, -1)
  if (left < 0) await ctx.store.incrementCounter(key, -left)
}

export const approvalHandlers: Pick<Handlers, 'approval.mine' | 'approval.submit' | 'approval.withdraw' | 'approval.pending' | 'approval.decide'> = {
  async 'approval.mine'(ctx, input) {
    return mineView(ctx, await ownCase(ctx, 'approval.mine'), input.after)
  },

  async 'approval.submit'(ctx, input) {
    const c = await ownCase(ctx, 'approval.submit')
    const side = retireeSideRefusal(ctx.user)
    if (side) {
      await auditRefusal(ctx, 'approval.submit', c.id)
      throw new AppError(side.code, side.message, { caseId: c.id })
    }
    const open = approvalsOpen(c)
    if (!open.open) throw new AppError('CONFLICT', open.message, { caseId: c.id, stage: c.summary.currentStage ?? undefined })
    if (input.details.kind === 'privateTripAbroad' && input.details.from < ctx.today) throw new AppError('BAD_REQUEST', '出发日期不能早于今天。', { caseId: c.id, fields: ['from'] })
    const by = { userId: ctx.user.id, role: ctx.user.role }
    const request = newApprovalRequest(c, redactDetails(input.details), by, ctx.now, ctx.newId())
    const kindName = APPROVAL_KIND_NAMES[request.details.kind]
    const messages: StaffMessage[] = (await approversOf(ctx, request, c)).map((u) => ({
      id: `approval|${request.id}|${u.id}`,
      version: 1,
      recipientUserId: u.id,
      caseId: c.id,
      title: `新的${kindName}申请`,
      body: `${c.person.name}提交了${kindName}申请，请在「兼职、出国（境）审批」里答复。`,
      createdAt: ctx.now.toISOString(),
      read: false,
      link: APPROVALS_STAFF_LINK,
    }))
    await takeWaitingPlace(ctx, c.id)
    try {
      await ctx.store.commit({
        docs: [{ kind: 'approvalRequest', next: request, expectedVersion: null }, ...messages.map((next) => ({ kind: 'staffMessage' as const, next, expectedVersion: null }))],
        audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'approval.submit', caseId: c.id, outcome: 'done', changes: statusChange(null, request) })],
      })
    } catch (e) {
      await refundAttempt(ctx, waitingCounterKey(c.id))
      throw e
    }
    return mineView(ctx, c)
  },

  async 'approval.withdraw'(ctx, input) {
    const c = await ownCase(ctx, 'approval.withdraw')
    const r = await requestFor(ctx, input.id, input.expectedVersion, 'withdraw')
    const next = applyApprovalMove(r, 'withdraw', { userId: ctx.user.id, role: ctx.user.role }, ctx.now)
    await ctx.store.commit({
      docs: [{ kind: 'approvalRequest', next, expectedVersion: r.version }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'approval.withdraw', caseId: c.id, outcome: 'done', changes: statusChange(r, next) })],
    })
    await giveWaitingPlaceBack(ctx, r.caseId)
    return mineView(ctx, c)
  },

  async 'approval.pending'(ctx, input) {
    return queueView(ctx, input.after)
  },

  async 'approval.decide'(ctx, input) {
    const move = input.decision.kind
    const answer = redactPersonalData(input.decision.kind === 'refuse' ? input.decision.reason : (input.decision.note ?? ''))
    const r = await requestFor(ctx, input.id, input.expectedVersion, move, answer)
    const next = applyApprovalMove(r, move, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, answer)
    const unit = await unitName(ctx, ctx.user)
    const kindName = APPROVAL_KIND_NAMES[r.details.kind]
    const message: InboxMessage = {
      id: `${ctx.now.toISOString()}~approval~${r.id}`,
      version: 1,
      caseId: r.caseId,
      title: `您的${kindName}申请${move === 'approve' ? '已同意' : '没有同意'}`,
      body: move === 'approve' ? `${unit}同意了您的${kindName}申请。${next.answer ? `意见：${next.answer}` : ''}` : `${unit}没有同意您的${kindName}申请。理由：${next.answer}。有疑问可以联系${unit}。`,
      createdAt: ctx.now.toISOString(),
      readBy: [],
    }
    await ctx.store.commit({
      docs: [
        { kind: 'approvalRequest', next, expectedVersion: r.version },
        { kind: 'inboxMessage', next: message, expectedVersion: null },
      ],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'approval.decide', caseId: r.caseId, outcome: 'done', changes: statusChange(r, next) })],
    })
    await giveWaitingPlaceBack(ctx, r.caseId)
    return queueView(ctx)
  },
}
