/**
 * 移交协议: the enterprise picks a community, sees everyone of its own at the agreement stage for
 * it (the first MAX_BATCH_CASES by case id; a bigger group takes several agreements, each drafted
 * after the one before), leaves out whom it must with a reason, and drafts; the community signs,
 * which records its step on every included case; the enterprise countersigns, which moves every
 * included case past the agreement stage; each in one atomic change (or, on any conflict, none of them).
 */
import { MAX_BATCH_CASES } from '../../../shared/Api'
import { AppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { checkStep, recordStep } from '../../../shared/CaseState'
import { redactPersonalData } from '../../../shared/Mask'
import { MAX_PAGE } from '../../../shared/ports/Store'
import type { ExcludedCase, TransferAgreement } from '../../../shared/TransferAgreement'
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

/** Every case id in an agreement of this enterprise (with this community, if given) not yet signed: such a case waits for that one. */
async function casesInOpenAgreements(ctx: Ctx, enterpriseId: string, communityId?: string): Promise<Map<string, Set<string>>> {
  const open = new Map<string, Set<string>>()
  let after: string | undefined
  do {
    const page = await ctx.store.listAgreements({ enterpriseId, communityId, limit: MAX_PAGE, after })
    for (const a of page.items.filter((x) => x.status !== 'signed')) {
      const ids = open.get(a.communityId) ?? new Set<string>()
      a.caseIds.forEach((id) => ids.add(id))
      open.set(a.communityId, ids)
    }
    after = page.nextCursor ?? undefined
  } while (after !== undefined)
  return open
}

const person = (c: RetireeCase) => ({ id: c.id, name: c.person.name, idNumberMasked: c.person.idNumber.masked })

async function view(ctx: Ctx, a: TransferAgreement): Promise<AgreementView> {
  const excluded = a.excluded ?? []
  const [enterprise, community, cases, left] = await Promise.all([
    ctx.store.getEnterprise(a.enterpriseId),
    ctx.store.getCommunity(a.communityId),
    Promise.all(a.caseIds.map((id) => ctx.store.getCase(id))),
    Promise.all(excluded.map((e) => ctx.store.getCase(e.caseId))),
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
    cases: cases.filter((c): c is RetireeCase => c !== null).map(person),
    excluded: excluded.flatMap((e, i) => {
      const c = left[i]
      return c ? [{ ...person(c), reason: e.reason }] : []
    }),
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

/** One entry per person left out, on that person's own history: which agreement, and why. */
function exclusionAudit(ctx: Ctx, a: TransferAgreement) {
  return (a.excluded ?? []).map((e) =>
    auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'agreement.draft', caseId: e.caseId, outcome: 'done', changes: [{ field: `agreement:${a.id}.excluded`, before: null, after: e.reason }] }),
  )
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

export const agreementHandlers: Pick<Handlers, 'agreement.communities' | 'agreement.candidates' | 'agreement.draft' | 'agreement.list' | 'agreement.sign' | 'agreement.countersign'> = {
  /** The communities that receive this enterprise's people, each counted by the database (no page caps a count). */
  async 'agreement.communities'(ctx) {
    const enterpriseId = ctx.user.orgId
    const [communities, open] = await Promise.all([ctx.store.listCommunities(), casesInOpenAgreements(ctx, enterpriseId)])
    const rows = await Promise.all(
      communities.map(async (c) => {
        const [people, atAgreementStage] = await Promise.all([
          ctx.store.countCases({ enterpriseId, receivingCommunityId: c.id }),
          ctx.store.countCases({ enterpriseId, receivingCommunityId: c.id, currentStage: 'agreement' }),
        ])
        return { id: c.id, name: c.name, people, atAgreementStage, inOpenAgreements: open.get(c.id)?.size ?? 0 }
      }),
    )
    return { communities: rows.filter((r) => r.people > 0) }
  },

  /**
   * This enterprise's people at the agreement stage for one community and in no open agreement:
   * the first MAX_BATCH_CASES by case id, and how many there are in all. Read through the index
   * on (enterprise, community, stage), so other enterprises' and communities' cases are never read.
   */
  async 'agreement.candidates'(ctx, input) {
    const enterpriseId = ctx.user.orgId
    const community = await ctx.store.getCommunity(input.communityId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到这个社区。')
    const filter = { enterpriseId, receivingCommunityId: community.id, currentStage: 'agreement' as const }
    const [open, atStage] = await Promise.all([casesInOpenAgreements(ctx, enterpriseId, community.id).then((m) => m.get(community.id) ?? new Set<string>()), ctx.store.countCases(filter)])
    const cases: RetireeCase[] = []
    let after: string | undefined
    do {
      const page = await ctx.store.listCases({ ...filter, limit: Math.min(MAX_BATCH_CASES + open.size, MAX_PAGE), after })
      cases.push(...page.items.filter((c) => !open.has(c.id) && checkStep(ctx.policy, c, 'agreementCommunitySigned').ok))
      after = page.nextCursor ?? undefined
    } while (after !== undefined && cases.length < MAX_BATCH_CASES)
    // A case in an open agreement stays at the agreement stage until that agreement's countersignature.
    return { communityId: community.id, communityName: community.name, total: Math.max(atStage - open.size, cases.length), cases: cases.slice(0, MAX_BATCH_CASES).map(person) }
  },

  async 'agreement.draft'(ctx, input) {
    const community = await ctx.store.getCommunity(input.communityId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到这个社区。')
    const caseIds = [...new Set(input.caseIds)]
    const excluded = [...new Map((input.excluded ?? []).map((e) => [e.caseId, e])).values()]
    const open = (await casesInOpenAgreements(ctx, ctx.user.orgId, community.id)).get(community.id) ?? new Set<string>()
    // The agreement is due when its earliest case's agreement stage is: the plan's date, or a new retiree's own.
    const deadlines: string[] = []
    for (const caseId of caseIds) {
      const c = await loadCase(ctx, caseId, 'agreement.draft')
      const own = c.summary.stages.agreement?.deadline
      if (own) deadlines.push(own)
      if (c.summary.receivingCommunityId !== community.id) throw new AppError('BAD_REQUEST', `${c.person.name}的接收社区不是${community.name}，不能放进这份协议。`, { caseId })
      const check = checkStep(ctx.policy, c, 'agreementCommunitySigned')
      if (!check.ok) throw new AppError('CONFLICT', `${c.person.name}：${check.message}`, { caseId, stage: check.stage })
      if (open.has(caseId)) throw new AppError('CONFLICT', `${c.person.name}已经在一份还没签订的协议里了，请刷新后再起草。`, { caseId, stage: 'agreement' })
    }
    for (const e of excluded) {
      const c = await loadCase(ctx, e.caseId, 'agreement.draft')
      if (caseIds.includes(c.id)) throw new AppError('BAD_REQUEST', `${c.person.name}不能既放进协议，又写明不放进的原因。`, { caseId: c.id })
      if (c.summary.receivingCommunityId !== community.id || c.summary.currentStage !== 'agreement') {
        throw new AppError('BAD_REQUEST', `${c.person.name}不在${community.name}待签协议的名单上，不用写不放进的原因。`, { caseId: c.id })
      }
    }
    const agreement: TransferAgreement = {
      id: `agr-${ctx.newId()}`,
      version: 1,
      enterpriseId: ctx.user.orgId,
      communityId: community.id,
      caseIds,
      // The reason is free text: an ID or phone number typed into it is stored masked.
      ...(excluded.length ? { excluded: excluded.map((e): ExcludedCase => ({ caseId: e.caseId, reason: redactPersonalData(e.reason) })) } : {}),
      status: 'draft',
      deadline: deadlines.sort()[0] ?? ctx.policy.stages.find((s) => s.id === 'agreement')?.deadline ?? '',
      communitySignedAt: null,
      enterpriseSignedAt: null,
      createdAt: ctx.now.toISOString(),
    }
    await ctx.store.commit({ agreements: [{ next: agreement, expectedVersion: null }], audit: [agreementAudit(ctx, 'agreement.draft', null, agreement), ...exclusionAudit(ctx, agreement)] })
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
    // The community's signature is a step of every included case: from now on the enterprise answers for them.
    const changes: Array<[RetireeCase, RetireeCase]> = []
    for (const caseId of a.caseIds) {
      const c = await loadCase(ctx, caseId, 'agreement.sign')
      changes.push([c, recordStep(ctx.policy, c, { type: 'agreementCommunitySigned', agreementId: a.id }, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())])
    }
    const next: TransferAgreement = { ...a, version: a.version + 1, status: 'communitySigned', communitySignedAt: ctx.now.toISOString() }
    // One atomic change: the agreement and every included case, or nothing.
    await commitCases(ctx, 'agreement.sign', changes, { agreements: [{ next, expectedVersion: a.version }], audit: [agreementAudit(ctx, 'agreement.sign', a, next)] })
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
