/**
 * 移交协议: the enterprise drafts an agreement with one community for a chosen set of its
 * retirees; the community signs; the enterprise countersigns, which moves every included case
 * past the agreement stage in one atomic change (or, on any conflict, none of them).
 */
import { AppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { checkStep, recordStep } from '../../../shared/CaseState'
import type { TransferAgreement } from '../../../shared/TransferAgreement'
import type { AgreementView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { auditRefusal, commitCases, loadCase } from './common'

/**
 * Agreements per agreement.list page. Each is shown with its cases (up to MAX_BATCH_CASES reads),
 * so a page reads at most 20 × 100 cases. Our own named limit: WeChat documents none for this.
 */
export const AGREEMENT_PAGE = 20

const STATUS_NAMES: Record<TransferAgreement['status'], string> = { draft: '待社区签字', communitySigned: '社区已签字，待企业会签', signed: '已签订' }

async function view(ctx: Ctx, a: TransferAgreement): Promise<AgreementView> {
  const [enterprise, community, cases] = await Promise.all([
    ctx.store.getEnterprise(a.enterpriseId),
    ctx.store.getCommunity(a.communityId),
    Promise.all(a.caseIds.map((id) => ctx.store.getCase(id))),
  ])
  return {
    id: a.id,
    version: a.version,
    enterpriseName: enterprise?.name ?? '',
    communityName: community?.name ?? '',
    status: a.status,
    statusName: STATUS_NAMES[a.status],
    deadline: a.deadline,
    overdue: a.status !== 'signed' && a.deadline < ctx.today,
    cases: cases.filter((c): c is RetireeCase => c !== null).map((c) => ({ id: c.id, name: c.person.name, idNumberMasked: c.person.idNumber.masked })),
    communitySignedAt: a.communitySignedAt,
    enterpriseSignedAt: a.enterpriseSignedAt,
  }
}

/** Loads an agreement the caller is a party to (or supervises); refusals are audited. */
async function loadAgreement(ctx: Ctx, id: string, action: 'agreement.sign' | 'agreement.countersign'): Promise<TransferAgreement> {
  const a = await ctx.store.getAgreement(id)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这份移交协议。')
  const party = ctx.user.role === 'communityAdmin' ? a.communityId : a.enterpriseId
  if (party !== ctx.user.orgId) {
    await auditRefusal(ctx, action, null)
    throw new AppError('FORBIDDEN', '您不是这份协议的签约方。')
  }
  return a
}

function agreementAudit(ctx: Ctx, action: 'agreement.draft' | 'agreement.sign' | 'agreement.countersign', before: TransferAgreement | null, after: TransferAgreement) {
  return auditEntry(ctx, {
    user: ctx.user,
    now: ctx.now,
    action,
    caseId: null,
    outcome: 'done',
    changes: [{ field: `agreement:${after.id}.status`, before: before?.status ?? null, after: after.status }],
  })
}

export const agreementHandlers: Pick<Handlers, 'agreement.draft' | 'agreement.list' | 'agreement.sign' | 'agreement.countersign'> = {
  async 'agreement.draft'(ctx, input) {
    const community = await ctx.store.getCommunity(input.communityId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到这个社区。')
    for (const caseId of new Set(input.caseIds)) {
      const c = await loadCase(ctx, caseId, 'agreement.draft')
      if (c.summary.receivingCommunityId !== community.id) throw new AppError('BAD_REQUEST', `${c.person.name}的接收社区不是${community.name}，不能放进这份协议。`, { caseId })
      const check = checkStep(ctx.policy, c, 'agreementSigned')
      if (!check.ok) throw new AppError('CONFLICT', `${c.person.name}：${check.message}`, { caseId, stage: check.stage })
    }
    const agreement: TransferAgreement = {
      id: `agr-${ctx.newId()}`,
      version: 1,
      enterpriseId: ctx.user.orgId,
      communityId: community.id,
      caseIds: [...new Set(input.caseIds)],
      status: 'draft',
      deadline: ctx.policy.stages.find((s) => s.id === 'agreement')?.deadline ?? '',
      communitySignedAt: null,
      enterpriseSignedAt: null,
      createdAt: ctx.now.toISOString(),
    }
    await ctx.store.commit({ agreements: [{ next: agreement, expectedVersion: null }], audit: [agreementAudit(ctx, 'agreement.draft', null, agreement)] })
    return view(ctx, agreement)
  },

  /** A page of AGREEMENT_PAGE agreements (each read with its cases), and the cursor to the next. */
  async 'agreement.list'(ctx, input) {
    const party = ctx.user.role === 'communityAdmin' ? { communityId: ctx.user.orgId } : ctx.user.role === 'enterpriseOperator' ? { enterpriseId: ctx.user.orgId } : {}
    const page = await ctx.store.listAgreements({ ...party, limit: AGREEMENT_PAGE, after: input.after })
    return { items: await Promise.all(page.items.map((a) => view(ctx, a))), nextCursor: page.nextCursor }
  },

  async 'agreement.sign'(ctx, input) {
    const a = await loadAgreement(ctx, input.id, 'agreement.sign')
    if (a.version !== input.expectedVersion) throw new AppError('CONFLICT')
    if (a.status !== 'draft') throw new AppError('CONFLICT', '这份协议社区已经签过字了。')
    const next: TransferAgreement = { ...a, version: a.version + 1, status: 'communitySigned', communitySignedAt: ctx.now.toISOString() }
    await ctx.store.commit({ agreements: [{ next, expectedVersion: a.version }], audit: [agreementAudit(ctx, 'agreement.sign', a, next)] })
    return view(ctx, next)
  },

  async 'agreement.countersign'(ctx, input) {
    const a = await loadAgreement(ctx, input.id, 'agreement.countersign')
    if (a.version !== input.expectedVersion) throw new AppError('CONFLICT')
    if (a.status !== 'communitySigned') throw new AppError('CONFLICT', a.status === 'draft' ? '要等社区先签字，企业再会签。' : '这份协议已经签订了。')
    const changes: Array<[RetireeCase, RetireeCase]> = []
    for (const caseId of a.caseIds) {
      const c = await loadCase(ctx, caseId, 'agreement.countersign')
      changes.push([c, recordStep(ctx.policy, c, { type: 'agreementSigned', agreementId: a.id }, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())])
    }
    const next: TransferAgreement = { ...a, version: a.version + 1, status: 'signed', enterpriseSignedAt: ctx.now.toISOString() }
    // One atomic change: the agreement and every included case, or nothing.
    await commitCases(ctx, 'agreement.countersign', changes, { agreements: [{ next, expectedVersion: a.version }], audit: [agreementAudit(ctx, 'agreement.countersign', a, next)] })
    return view(ctx, next)
  },
}
