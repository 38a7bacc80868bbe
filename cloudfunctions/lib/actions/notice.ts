/** 公告公示 and 意见反馈 of the enterprise's 移交方案 (shared/PlanNotice.ts); the inbox messages of a publication: ../notify/noticeDelivery.ts. */
import { AppError } from '../../../shared/AppError'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { enterpriseUnit } from '../../../shared/Figures'
import type { InboxMessage } from '../../../shared/InboxMessage'
import {
  answer,
  answeredInboxText,
  mayActOnNotice,
  newOpinion,
  noticeProblem,
  opinionFigure,
  publish,
  readFigure,
  receiptId,
  type NoticeReceipt,
  type NoticeStaffView,
  type OpinionItem,
  type PlanNotice,
  type PlanOpinion,
  type RetireeNoticeView,
} from '../../../shared/PlanNotice'
import type { RetireeCase } from '../../../shared/Case'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { ownCase } from './common'

/** Opinions per notice.opinions page: each names its retiree, one case read apiece. Our own named limit. */
export const OPINION_PAGE = 20
/** Opinions one retiree may send on one edition before the enterprise answers: enough to say everything, not a flood. */
export const OPINIONS_PER_EDITION = 5
/** A retiree's own opinions listed with the notice (at most OPINIONS_PER_EDITION per edition). */
const OWN_OPINIONS = 100

type Action = 'notice.publish' | 'notice.markRead' | 'notice.sendOpinion' | 'notice.answer'
function audit(ctx: Ctx, action: Action, caseId: string | null, field: string, after: string) {
  return auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId, outcome: 'done', changes: [{ field, before: null, after }] })
}

/** The enterprise whose notice a member of staff reads: the office names it, an enterprise reads its own. */
function enterpriseOf(ctx: Ctx, named: string | undefined): string {
  if (ctx.user.role !== 'supervisor') return ctx.user.orgId
  if (!named) throw new AppError('BAD_REQUEST', '请选择一家企业。', { fields: ['enterpriseId'] })
  return named
}

async function staffView(ctx: Ctx, enterpriseId: string): Promise<NoticeStaffView> {
  const unit = enterpriseUnit(enterpriseId)
  const [enterprise, notice, figures] = await Promise.all([ctx.store.getEnterprise(enterpriseId), ctx.store.getDoc('planNotice', enterpriseId), ctx.store.readFigures(`${unit}|`)])
  if (!enterprise) throw new AppError('NOT_FOUND', '没有找到这家企业。')
  const figure = (key: string) => figures.get(`${unit}|${key}`) ?? 0
  return {
    enterpriseId,
    enterpriseName: enterprise.name,
    notice: notice && { edition: notice.edition, publishedOn: chinaDateOf(notice.publishedAt), summary: notice.summary, feedbackClosesOn: notice.feedbackClosesOn, delivered: notice.deliveryStatus === 'done' },
    read: notice ? figure(readFigure(notice.edition)) : 0,
    retirees: figure('cases') - figure('out'),
    opinionsOpen: figure(opinionFigure('open')),
    opinionsAnswered: figure(opinionFigure('answered')),
  }
}

const answerView = (op: PlanOpinion) => op.answer && { text: op.answer.text, planChange: op.answer.planChange, answeredOn: chinaDateOf(op.answer.answeredAt) }

/** The notice a retiree sees: their enterprise's, while their case is in the hand-over (the plan changes nothing for the others). */
async function currentNotice(ctx: Ctx, c: RetireeCase): Promise<PlanNotice | null> {
  return c.summary.inScope ? ctx.store.getDoc('planNotice', c.enterpriseId) : null
}

async function retireeView(ctx: Ctx, c: RetireeCase): Promise<RetireeNoticeView> {
  const notice = await currentNotice(ctx, c)
  const [receipt, enterprise, own] = await Promise.all([
    notice ? ctx.store.getDoc('noticeReceipt', receiptId(c.id, notice.edition)) : null,
    notice ? ctx.store.getEnterprise(notice.enterpriseId) : null,
    ctx.store.listDocs('planOpinion', { caseId: c.id }, { limit: OWN_OPINIONS, newestFirst: true }),
  ])
  return {
    notice: notice && {
      edition: notice.edition,
      enterpriseName: enterprise?.name ?? '',
      publishedOn: chinaDateOf(notice.publishedAt),
      changes: notice.summary.changes,
      unchanged: notice.summary.unchanged,
      steps: notice.summary.steps,
      feedbackClosesOn: notice.feedbackClosesOn,
      feedbackClosed: ctx.today > notice.feedbackClosesOn,
      read: receipt !== null,
    },
    mayAct: mayActOnNotice(ctx.user),
    // Newest first: the answer the retiree is waiting for is at the top.
    opinions: own.items.map((op) => ({ id: op.id, edition: op.edition, text: op.text, sentOn: chinaDateOf(op.sentAt), late: op.late, answer: answerView(op) })),
  }
}

/** The current edition, which the retiree must be acting on; refusals for a relative the retiree did not allow to act. */
async function actingOn(ctx: Ctx, c: RetireeCase, edition: number): Promise<PlanNotice> {
  if (!mayActOnNotice(ctx.user)) throw new AppError('FORBIDDEN', '老人没有允许您代他确认或提意见。请老人在「亲情代办」里重新邀请您。')
  const notice = await currentNotice(ctx, c)
  if (!notice) throw new AppError('NOT_FOUND', '原企业还没有公示移交方案。')
  if (notice.edition !== edition) throw new AppError('CONFLICT', '原企业刚刚更新了公示，请先看新的一版。')
  return notice
}

function receipt(ctx: Ctx, c: RetireeCase, notice: PlanNotice): NoticeReceipt {
  return { id: receiptId(c.id, notice.edition), version: 1, caseId: c.id, enterpriseId: notice.enterpriseId, edition: notice.edition, readAt: ctx.now.toISOString(), readBy: ctx.user.id }
}

async function opinionItem(ctx: Ctx, op: PlanOpinion, masked: boolean): Promise<OpinionItem> {
  const name = (await ctx.store.getCase(op.caseId))?.person.name ?? ''
  return {
    id: op.id,
    version: op.version,
    edition: op.edition,
    // The office sees what was said and how it was answered, not who said it.
    name: masked ? `${name.slice(0, 1)}**` : name,
    text: op.text,
    sentOn: chinaDateOf(op.sentAt),
    late: op.late,
    byRelative: op.byRelative,
    status: op.status,
    answer: answerView(op),
  }
}

export const noticeHandlers: Pick<Handlers, 'notice.get' | 'notice.publish' | 'notice.opinions' | 'notice.answer' | 'notice.mine' | 'notice.markRead' | 'notice.sendOpinion'> = {
  'notice.get': (ctx, input) => staffView(ctx, enterpriseOf(ctx, input.enterpriseId)),

  async 'notice.publish'(ctx, input) {
    const enterpriseId = ctx.user.orgId
    const [before, plan] = await Promise.all([ctx.store.getDoc('planNotice', enterpriseId), ctx.store.getDoc('enterprisePlan', enterpriseId)])
    if ((before?.edition ?? undefined) !== input.expectedEdition) throw new AppError('CONFLICT', '公示刚刚有人更新过，请刷新后再发布。')
    const problem = noticeProblem(input.summary, input.feedbackClosesOn, ctx.today)
    if (problem) throw new AppError('BAD_REQUEST', problem.message, { fields: [problem.field] })
    const next = publish(before, enterpriseId, input.summary, input.feedbackClosesOn, ctx.user.id, ctx.now)
    // The plan record's 公告公示 and 意见反馈 dates follow the publication, in the same commit.
    const planDates = plan && { kind: 'enterprisePlan' as const, next: { ...plan, version: plan.version + 1, noticePublishedOn: ctx.today, feedbackClosedOn: input.feedbackClosesOn }, expectedVersion: plan.version }
    await ctx.store.commit({
      docs: [{ kind: 'planNotice', next, expectedVersion: before?.version ?? null }, ...(planDates ? [planDates] : [])],
      audit: [audit(ctx, 'notice.publish', null, 'planNotice', `第${next.edition}版`)],
    })
    return staffView(ctx, enterpriseId)
  },

  async 'notice.opinions'(ctx, input) {
    const enterpriseId = enterpriseOf(ctx, input.enterpriseId)
    const page = await ctx.store.listDocs('planOpinion', { enterpriseId }, { limit: OPINION_PAGE, after: input.after })
    return { items: await Promise.all(page.items.map((op) => opinionItem(ctx, op, ctx.user.role === 'supervisor'))), nextCursor: page.nextCursor }
  },

  async 'notice.answer'(ctx, input) {
    const op = await ctx.store.getDoc('planOpinion', input.id)
    if (!op || op.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这条意见。')
    if (op.version !== input.expectedVersion) throw new AppError('CONFLICT')
    const planChange = input.planChange ? input.planChange : null
    const next = answer(op, input.answer, planChange, ctx.user.id, ctx.now)
    if (!next) throw new AppError('CONFLICT', '这条意见已经答复过了。', { caseId: op.caseId })
    const at = ctx.now.toISOString()
    const message: InboxMessage = { id: `${at}~opinion~${op.id}`, version: 1, caseId: op.caseId, ...answeredInboxText(planChange !== null), createdAt: at, readBy: [] }
    await ctx.store.commit({
      docs: [
        { kind: 'planOpinion', next, expectedVersion: op.version },
        { kind: 'inboxMessage', next: message, expectedVersion: null },
      ],
      audit: [audit(ctx, 'notice.answer', op.caseId, `planOpinion:${op.id}`, planChange ? '已答复并修改方案' : '已答复')],
    })
    return opinionItem(ctx, next, false)
  },

  async 'notice.mine'(ctx) {
    return retireeView(ctx, await ownCase(ctx, 'notice.mine'))
  },

  async 'notice.markRead'(ctx, input) {
    const c = await ownCase(ctx, 'notice.markRead')
    const notice = await actingOn(ctx, c, input.edition)
    // Once per retiree and edition: a second tap, or the relative after the retiree, changes nothing.
    if (!(await ctx.store.getDoc('noticeReceipt', receiptId(c.id, notice.edition)))) {
      await ctx.store.commit({ docs: [{ kind: 'noticeReceipt', next: receipt(ctx, c, notice), expectedVersion: null }], audit: [audit(ctx, 'notice.markRead', c.id, 'planNotice', `第${notice.edition}版已读`)] })
    }
    return retireeView(ctx, c)
  },

  async 'notice.sendOpinion'(ctx, input) {
    const c = await ownCase(ctx, 'notice.sendOpinion')
    const notice = await actingOn(ctx, c, input.edition)
    const [own, read] = await Promise.all([ctx.store.listDocs('planOpinion', { caseId: c.id }, { limit: OWN_OPINIONS }), ctx.store.getDoc('noticeReceipt', receiptId(c.id, notice.edition))])
    const waiting = own.items.filter((op) => op.edition === notice.edition && op.status === 'open').length
    if (waiting >= OPINIONS_PER_EDITION) throw new AppError('RATE_LIMITED', `您已经提了${waiting}条意见，请等原企业答复后再提。`)
    const op = newOpinion(notice, c.id, input.text, ctx.user, `${ctx.now.toISOString()}~${ctx.newId()}`, ctx.now, ctx.today)
    // An opinion on the notice is also a reading of it.
    await ctx.store.commit({
      docs: [{ kind: 'planOpinion', next: op, expectedVersion: null }, ...(read ? [] : [{ kind: 'noticeReceipt' as const, next: receipt(ctx, c, notice), expectedVersion: null }])],
      audit: [audit(ctx, 'notice.sendOpinion', c.id, `planOpinion:${op.id}`, op.late ? '逾期提出' : '已提出')],
    })
    return retireeView(ctx, c)
  },
}
