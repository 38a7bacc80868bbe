/**
 * The escalation pass (shared/Concern.ts), run hourly by `notify`: every unanswered concern whose
 * next step is due climbs to the level it should be at, and the people of that level get a staff
 * message. Nothing climbs in quiet hours (21:00–08:00 China time); a pass then waits for 08:00.
 * Idempotent: a concern already at its level is left alone, its messages are keyed by concern,
 * level and recipient, and each concern is written under its version (an answer given meanwhile wins).
 */
import { AppError } from '../../../shared/AppError'
import { CONCERN_CATEGORY_NAMES, dueLevel, ESCALATION_LEVEL_NAMES, ladderKey, unitPlainName, type Concern } from '../../../shared/Concern'
import { quietUntil } from '../../../shared/Delivery'
import { auditEntry } from '../audit'
import { concernMessages } from '../actions/concerns'
import { concernRecipients } from '../actions/concernRecipients'
import type { Deps } from '../router'

/** Unanswered concerns read per page. Our own named limit. */
export const ESCALATION_PAGE = 200

export interface EscalationReport {
  quiet: boolean
  read: number
  escalated: number
  messages: number
}

export async function concernEscalationPass(deps: Deps, now: Date, options = { pageSize: ESCALATION_PAGE }): Promise<EscalationReport> {
  const report: EscalationReport = { quiet: quietUntil(now) !== null, read: 0, escalated: 0, messages: 0 }
  if (report.quiet) return report
  for (let after: string | undefined; ; ) {
    const page = await deps.store.listDocs('concern', { status: 'submitted' }, { limit: options.pageSize, after })
    report.read += page.items.length
    for (const c of page.items) {
      const written = await escalate(deps, c, now)
      if (written !== null) {
        report.escalated++
        report.messages += written
      }
    }
    if (page.nextCursor === null) break
    after = page.nextCursor
  }
  return report
}

/** Escalates one concern if its step is due; the number of messages written, or null when it stays. */
async function escalate(deps: Deps, c: Concern, now: Date): Promise<number | null> {
  const level = dueLevel(c, now, deps.policy.concerns)
  if (level <= c.level) return null
  const next: Concern = { ...c, version: c.version + 1, level, holder: ladderKey(c, level), escalatedAt: now.toISOString() }
  const recipients = await concernRecipients(deps, next, level)
  const title = `诉求逾期未答复，已报${ESCALATION_LEVEL_NAMES[level]}（${CONCERN_CATEGORY_NAMES[c.category]}）`
  const body = `${unitPlainName(c.unitKind)}应在${c.answerDue}前答复，至今未答复。请督促答复，或直接答复。`
  const messages = concernMessages(next, `level${level}`, recipients, now, title, body)
  const audit = auditEntry(deps, { user: { id: 'system', role: 'system' }, now, action: 'concern.escalate', caseId: c.caseId, outcome: 'done', changes: [{ field: `concern:${c.id}`, before: `${c.status}/${c.level}`, after: `${next.status}/${level}` }] })
  try {
    await deps.store.commit({ docs: [{ kind: 'concern', next, expectedVersion: c.version }, ...messages.map((m) => ({ kind: 'staffMessage' as const, next: m, expectedVersion: null }))], audit: [audit] })
  } catch (e) {
    // Answered or escalated by another run meanwhile: the next pass reads it again.
    if (e instanceof AppError && e.code === 'CONFLICT') return null
    throw e
  }
  return messages.length
}
