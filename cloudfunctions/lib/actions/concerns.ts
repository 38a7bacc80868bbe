/**
 * Concerns (诉求与信访, shared/Concern.ts): the retiree side raises one and says whether the answer
 * solved it; the answering unit, and whoever the escalation ladder has reached, answer. Every write
 * is one commit with its staff messages and its audit entry.
 */
import { AppError } from '../../../shared/AppError'
import {
  answerDueDay,
  concernAllows,
  concernItem,
  concernOpenKey,
  concernQueueName,
  concernQueues,
  CONCERN_CATEGORY_NAMES,
  keptConcernPhotoPath,
  ladderKey,
  mayAnswerConcern,
  MAX_UNANSWERED_CONCERNS,
  routeConcern,
  TOO_MANY_UNANSWERED,
  type Concern,
  type ConcernListView,
  type ConcernQueueView,
} from '../../../shared/Concern'
import type { StaffMessage } from '../../../shared/Delivery'
import type { InboxMessage } from '../../../shared/InboxMessage'
import { redactPersonalData } from '../../../shared/Mask'
import { retireeSideRefusal } from '../../../shared/Approval'
import { MAX_MATERIAL_BYTES, parseMaterialPath, SNIFF_BYTES, sniffMaterialType } from '../../../shared/Materials'
import { concernBoard, unitKey } from '../../../shared/Board'
import { CONCERN_FIGURES } from '../../../shared/Figures'
import { storeUnitNamer } from '../../../shared/UnitNames'
import type { ActionName } from '../../../shared/Api'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { refundAttempt, spendAttempt } from './attempts'
import { auditRefusal, ownCase } from './common'
import { concernRecipients } from './concernRecipients'

/** Concerns per page, for the retiree and for staff. Our own named limit. */
export const CONCERN_PAGE = 50

/** The retiree side's route to follow their concerns (miniprogram/routes.ts `concerns`), and the staff's (`workerConcerns`). */
export const CONCERN_STAFF_LINK = '/worker/pages/concerns/index'

/** The audit action of a concern's photo lent to a member of staff (concern.list). */
export const CONCERN_PHOTO_VIEWED = 'concern.photoViewed'

function audit(ctx: Ctx, action: ActionName, c: Concern, before: string | null, note = '') {
  return auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId: c.caseId, outcome: 'done', changes: [{ field: `concern:${c.id}`, before, after: `${c.status}/${c.level}${note}` }] })
}

/** One message per recipient, keyed by concern, step and recipient: written once however often it is tried. */
export function concernMessages(c: Concern, step: string, recipients: readonly string[], now: Date, title: string, body: string): StaffMessage[] {
  return [...new Set(recipients)].map((recipientUserId) => ({
    id: `concern|${c.id}|${step}|${recipientUserId}`,
    version: 1,
    recipientUserId,
    caseId: c.caseId,
    title,
    body,
    createdAt: now.toISOString(),
    read: false,
    link: CONCERN_STAFF_LINK,
  }))
}

/** Short-lived links to the photos of the concerns given (those the caller may see), by kept file id. */
async function photoLinks(ctx: Ctx, concerns: readonly Concern[]): Promise<Map<string, string>> {
  const ids = concerns.flatMap((c) => (c.photoFileId ? [c.photoFileId] : []))
  return ids.length ? ctx.files.temporaryUrls(ids) : new Map()
}

function photoOf(c: Concern, links: Map<string, string>): { photoUrl?: string } {
  const url = c.photoFileId ? links.get(c.photoFileId) : undefined
  return url ? { photoUrl: url } : {}
}

async function mine(ctx: Ctx, after?: string): Promise<ConcernListView> {
  // Newest first, page after page (ids are ordered by time).
  const page = await ctx.store.listDocs('concern', { caseId: ctx.user.caseId ?? '' }, { limit: CONCERN_PAGE, after, newestFirst: true })
  // The retiree side sees the photos of its own case's concerns.
  const links = await photoLinks(ctx, page.items)
  return { items: page.items.map((c) => concernItem(c, ctx.now, { name: '', mayAnswer: false, ...photoOf(c, links) })), nextCursor: page.nextCursor }
}

/**
 * Refuses a photo that was not uploaded by the caller for their own case
 * (`materials/<the caller>/<the case>/`, the only place clients may upload), before any place is taken.
 */
async function checkPhotoUpload(ctx: Ctx, caseId: string, fileId: string): Promise<void> {
  const where = ctx.files.pathOf(fileId)
  const path = where === null ? null : parseMaterialPath(where)
  if (!path || path.caseId !== caseId || path.uploaderId !== ctx.user.id) {
    await auditRefusal(ctx, 'concern.raise', caseId)
    throw new AppError('BAD_REQUEST', '这张照片不是您为自己的诉求上传的，请重新选一张。', { caseId, fields: ['fileId'] })
  }
}

/**
 * Takes the photo into the server's keeping, as materials.attach does: its type and size are what
 * the server read, and exactly those bytes are kept under concerns/<case>/<concern>/; the upload is deleted.
 */
async function keepPhoto(ctx: Ctx, concern: Concern, fileId: string): Promise<string> {
  try {
    return await keptPhoto(ctx, concern, fileId)
  } catch (e) {
    if (e instanceof AppError) await auditRefusal(ctx, 'concern.raise', concern.caseId)
    throw e
  }
}

async function keptPhoto(ctx: Ctx, concern: Concern, fileId: string): Promise<string> {
  const kept = await ctx.files.keep(fileId, (bytes) => {
    const kind = sniffMaterialType(bytes.subarray(0, SNIFF_BYTES))
    if (!kind || !kind.mimeType.startsWith('image/')) throw new AppError('BAD_REQUEST', '只能加照片（JPG、PNG、HEIC）。', { caseId: concern.caseId, fields: ['fileId'] })
    if (bytes.length > MAX_MATERIAL_BYTES) throw new AppError('BAD_REQUEST', '照片太大了（超过10MB），请重新拍一张。', { caseId: concern.caseId, fields: ['fileId'] })
    return keptConcernPhotoPath(concern.caseId, concern.id, ctx.newId(), kind.ext)
  })
  if (kept === null) throw new AppError('BAD_REQUEST', '没有找到上传的照片，请重新选一张。', { caseId: concern.caseId, fields: ['fileId'] })
  return kept
}

/** The retiree's inbox message for an answer: one per concern (a concern is answered once), in the answer's commit. */
export function concernAnsweredMessage(c: Concern, now: Date): InboxMessage {
  const at = now.toISOString()
  return {
    id: `${at}~concern~${c.id}`,
    version: 1,
    caseId: c.caseId,
    title: `您的诉求（${CONCERN_CATEGORY_NAMES[c.category]}）有了答复`,
    body: `答复：${c.answer ?? ''} 问题解决了没有？请在「我的诉求」里告诉我们。`,
    createdAt: at,
    readBy: [],
  }
}

/**
 * Takes one of the case's unanswered places before a concern is written: the counter is
 * incremented first, so parallel raises cannot race past the cap; a refused or failed raise gives it back.
 */
async function takeOpenPlace(ctx: Ctx, caseId: string): Promise<void> {
  const key = concernOpenKey(caseId)
  try {
    await spendAttempt(ctx, key, MAX_UNANSWERED_CONCERNS, TOO_MANY_UNANSWERED)
  } catch (e) {
    await refundAttempt(ctx, key)
    throw e
  }
}

/** Gives the place back once a concern is answered; never below zero (concerns raised before the counter was kept). */
async function giveOpenPlaceBack(ctx: Ctx, caseId: string): Promise<void> {
  const key = concernOpenKey(caseId)
  const left = await ctx.store.incrementCounter(key, -1)
  if (left < 0) await ctx.store.incrementCounter(key, -left)
}

function mayActForCase(ctx: Ctx, caseId: string): void {
  // The same rule as for approvals and the 公示: a relative acts only with the retiree's permission.
  const refusal = retireeSideRefusal(ctx.user)
  if (refusal) throw new AppError(refusal.code, refusal.message, { caseId })
}

/** The member of staff's queues, with whether they are their enterprise's stability contact. */
async function queuesOf(ctx: Ctx): Promise<string[]> {
  const plan = ctx.user.role === 'enterpriseOperator' ? await ctx.store.getDoc('enterprisePlan', ctx.user.orgId) : null
  return concernQueues(ctx.user, plan?.stabilityContactUserId === ctx.user.id)
}

async function staffView(ctx: Ctx, queue: string | undefined, after?: string): Promise<ConcernQueueView> {
  const queues = await queuesOf(ctx)
  const chosen = queue ?? queues[0] ?? null
  if (chosen !== null && !queues.includes(chosen)) throw new AppError('FORBIDDEN', '这份诉求清单不归您处理。')
  const named = queues.map((key) => ({ key, name: concernQueueName(key) }))
  if (chosen === null) return { queues: named, queue: null, items: [], nextCursor: null }
  // The unit's own list holds every concern it was given; a ladder list those the ladder has brought there.
  const filter = chosen.startsWith('admin:') || chosen.startsWith('stability:') || chosen === 'office' ? { holder: chosen } : { unit: chosen }
  const page = await ctx.store.listDocs('concern', filter, { limit: CONCERN_PAGE, after })
  const cases = await Promise.all(page.items.map((c) => ctx.store.getCase(c.caseId)))
  // Photos are lent to staff who may answer the concern (its unit, or whoever the ladder reached), not to every list it is on.
  const lent = page.items.filter((c) => c.photoFileId && mayAnswerConcern(queues, c))
  const links = await photoLinks(ctx, lent)
  // A photo may show the person and their home: each one lent to staff is on the case's record, as a view of its materials is.
  if (lent.length) await ctx.store.commit({ audit: lent.map((c) => auditEntry(ctx, { user: ctx.user, now: ctx.now, action: CONCERN_PHOTO_VIEWED, caseId: c.caseId, outcome: 'done', changes: [{ field: `concern:${c.id}.photo`, before: null, after: 'viewed' }] })) })
  const items = page.items.map((c, i) => concernItem(c, ctx.now, { name: cases[i]?.person.name ?? '', mayAnswer: concernAllows(c.status, 'answer') && mayAnswerConcern(queues, c), ...photoOf(c, links) }))
  return { queues: named, queue: chosen, items, nextCursor: page.nextCursor }
}

export const concernHandlers: Pick<Handlers, 'concern.raise' | 'concern.mine' | 'concern.rate' | 'concern.list' | 'concern.answer' | 'board.concerns'> = {
  /** The office's concern board: counts from the maintained figures, one range read. */
  async 'board.concerns'(ctx) {
    const [figures, name] = await Promise.all([ctx.store.readFigures(CONCERN_FIGURES), storeUnitNamer(ctx.store, ctx.policy)])
    return concernBoard(figures, ctx.today, name)
  },

  async 'concern.raise'(ctx, input) {
    const c = await ownCase(ctx, 'concern.raise')
    mayActForCase(ctx, c.id)
    if (input.fileId !== undefined) await checkPhotoUpload(ctx, c.id, input.fileId)
    const unit = routeConcern(input.category, c)
    const key = unitKey(unit)
    const concern: Concern = {
      id: `concern-${ctx.newId()}`,
      version: 1,
      caseId: c.id,
      enterpriseId: c.enterpriseId,
      unit: key,
      unitKind: unit.kind,
      unitOrgId: unit.orgId,
      category: input.category,
      // Like a correction's reasons: no ID number, phone or full date is kept in the text.
      text: redactPersonalData(input.text),
      raisedBy: { userId: ctx.user.id, role: ctx.user.role },
      raisedAt: ctx.now.toISOString(),
      answerDue: answerDueDay(ctx.now.toISOString(), ctx.policy.concerns),
      status: 'submitted',
      level: 0,
      holder: key,
      escalatedAt: null,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      ratedAt: null,
    }
    const recipients = await concernRecipients(ctx, concern, 0)
    const title = `新的诉求（${CONCERN_CATEGORY_NAMES[concern.category]}）：${c.person.name}`
    const messages = concernMessages(concern, 'raised', recipients, ctx.now, title, `请在${concern.answerDue}前答复。`)
    await takeOpenPlace(ctx, c.id)
    try {
      // Kept only once a place is taken: a refused raise leaves the upload as it was.
      const kept = input.fileId === undefined ? concern : { ...concern, photoFileId: await keepPhoto(ctx, concern, input.fileId) }
      await ctx.store.commit({
        docs: [{ kind: 'concern', next: kept, expectedVersion: null }, ...messages.map((m) => ({ kind: 'staffMessage' as const, next: m, expectedVersion: null }))],
        audit: [audit(ctx, 'concern.raise', kept, null, kept.photoFileId ? ' +照片' : '')],
      })
    } catch (e) {
      await refundAttempt(ctx, concernOpenKey(c.id))
      throw e
    }
    return mine(ctx)
  },

  async 'concern.mine'(ctx, input) {
    await ownCase(ctx, 'concern.mine')
    return mine(ctx, input.after)
  },

  async 'concern.rate'(ctx, input) {
    const c = await ownCase(ctx, 'concern.rate')
    const concern = await ctx.store.getDoc('concern', input.id)
    if (!concern || concern.caseId !== c.id) throw new AppError('NOT_FOUND', '没有找到这条诉求。')
    mayActForCase(ctx, c.id)
    if (concern.version !== input.expectedVersion) throw new AppError('CONFLICT', undefined, { caseId: c.id })
    if (!concernAllows(concern.status, 'rate')) throw new AppError('CONFLICT', concern.status === 'submitted' ? '还没有答复，答复后再告诉我们是否解决。' : '这条诉求已经评价过了。', { caseId: c.id })
    const before = `${concern.status}/${concern.level}`
    // Not solved: the office hears of it (the top of the ladder), whoever answered.
    const next: Concern = { ...concern, version: concern.version + 1, status: input.solved ? 'resolved' : 'notResolved', ratedAt: ctx.now.toISOString(), ...(input.solved ? {} : { level: 3, holder: ladderKey(concern, 3) }) }
    const messages = input.solved
      ? []
      : concernMessages(next, 'notResolved', await concernRecipients(ctx, next, 3), ctx.now, `诉求答复后仍未解决（${CONCERN_CATEGORY_NAMES[next.category]}）：${c.person.name}`, '退休人员表示问题还没有解决，请督办。')
    await ctx.store.commit({
      docs: [{ kind: 'concern', next, expectedVersion: concern.version }, ...messages.map((m) => ({ kind: 'staffMessage' as const, next: m, expectedVersion: null }))],
      audit: [audit(ctx, 'concern.rate', next, before)],
    })
    return mine(ctx)
  },

  async 'concern.list'(ctx, input) {
    return staffView(ctx, input.queue, input.after)
  },

  async 'concern.answer'(ctx, input) {
    const concern = await ctx.store.getDoc('concern', input.id)
    const queues = await queuesOf(ctx)
    if (!concern || !mayAnswerConcern(queues, concern)) throw new AppError('NOT_FOUND', '没有找到这条诉求。')
    if (concern.version !== input.expectedVersion) throw new AppError('CONFLICT', undefined, { caseId: concern.caseId })
    if (!concernAllows(concern.status, 'answer')) throw new AppError('CONFLICT', '这条诉求已经答复过了。', { caseId: concern.caseId })
    const next: Concern = {
      ...concern,
      version: concern.version + 1,
      status: 'answered',
      answer: redactPersonalData(input.answer),
      answeredBy: { userId: ctx.user.id, role: ctx.user.role },
      answeredAt: ctx.now.toISOString(),
    }
    const c = await ctx.store.getCase(concern.caseId)
    await ctx.store.commit({
      docs: [
        { kind: 'concern', next, expectedVersion: concern.version },
        { kind: 'inboxMessage', next: concernAnsweredMessage(next, ctx.now), expectedVersion: null },
      ],
      audit: [audit(ctx, 'concern.answer', next, `${concern.status}/${concern.level}`)],
    })
    await giveOpenPlaceBack(ctx, concern.caseId)
    return concernItem(next, ctx.now, { name: c?.person.name ?? '', mayAnswer: false })
  },
}
