/**
 * The inbox messages of a 公示 (shared/PlanNotice.ts): one per retiree of the enterprise in the
 * hand-over, written by the hourly pass outside quiet hours, a chunk of cases per commit. Each
 * commit writes the chunk's messages and moves the notice's cursor past them, guarded by the
 * notice's version: a chunk is written whole or not at all, never twice, and a re-publication
 * meanwhile (a new edition, delivered from the first case again) makes the old chunk a conflict.
 */
import { quietUntil } from '../../../shared/Delivery'
import type { InboxMessage } from '../../../shared/InboxMessage'
import { publishedInboxText, type PlanNotice } from '../../../shared/PlanNotice'
import { AppError } from '../../../shared/AppError'
import type { Deps } from '../router'

/** Cases per commit: their messages and the notice stay inside MAX_TRANSACTION_WRITES (100). */
export const NOTICE_CHUNK = 90
/** Chunks per hourly run, over all notices being delivered: 1,800 retirees an hour. */
export const NOTICE_CHUNKS_PER_RUN = 20

/** The message of one edition for one case; its id is fixed by both, so it is never written twice. */
export function noticeMessage(notice: PlanNotice, caseId: string, enterpriseName: string): InboxMessage {
  return { id: `${notice.publishedAt}~notice-e${notice.edition}~${caseId}`, version: 1, caseId, ...publishedInboxText(notice.edition, enterpriseName), createdAt: notice.publishedAt, readBy: [] }
}

/** Writes one chunk; returns the notice as stored after it, or null when another writer moved it first. */
async function deliverChunk(deps: Deps, notice: PlanNotice, enterpriseName: string): Promise<PlanNotice | null> {
  const page = await deps.store.listCases({ enterpriseId: notice.enterpriseId, limit: NOTICE_CHUNK, after: notice.deliveredAfter ?? undefined })
  const messages = page.items.filter((c) => c.summary.inScope).map((c) => noticeMessage(notice, c.id, enterpriseName))
  const next: PlanNotice = { ...notice, version: notice.version + 1, deliveredAfter: page.items.at(-1)?.id ?? notice.deliveredAfter, deliveryStatus: page.nextCursor === null ? 'done' : 'pending' }
  try {
    await deps.store.commit({ docs: [...messages.map((m) => ({ kind: 'inboxMessage' as const, next: m, expectedVersion: null })), { kind: 'planNotice', next, expectedVersion: notice.version }] })
    return next
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') return null
    throw e
  }
}

export async function noticeDeliveryPass(deps: Deps, now: Date, chunks = NOTICE_CHUNKS_PER_RUN): Promise<{ quiet: boolean; chunks: number; done: number }> {
  if (quietUntil(now) !== null) return { quiet: true, chunks: 0, done: 0 }
  const report = { quiet: false, chunks: 0, done: 0 }
  const pending = await deps.store.listDocs('planNotice', { deliveryStatus: 'pending' }, { limit: chunks })
  for (let notice of pending.items) {
    const enterpriseName = (await deps.store.getEnterprise(notice.enterpriseId))?.name ?? '原企业'
    while (report.chunks < chunks) {
      report.chunks++
      const next = await deliverChunk(deps, notice, enterpriseName)
      if (next === null) break
      if (next.deliveryStatus === 'done') {
        report.done++
        break
      }
      notice = next
    }
  }
  return report
}
