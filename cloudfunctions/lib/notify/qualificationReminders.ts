/**
 * The yearly pension qualification reminder (养老金领取资格认证; shared/AfterTakeIn.ts). Once per
 * person per China year, outside quiet hours, the case's inbox (retiree and relatives) says where
 * and how, from the receiving community's record. A person who does not open the app would miss
 * it, and their pension stops: so the deadline-reminder subscribe message also goes to each reader
 * with a consent left, or else one SMS to the roster phone, as the deadline reminders do.
 *
 * It reads only the check documents due this year (index dueYear) and last year's left over; each
 * reminder moves its document to next year in the same commit, under its version, so running the
 * pass again (or twice at once) reminds nobody twice.
 */
import { chinaYearOf, NOT_DUE, qualificationDueYear, qualificationReminderDue, qualificationReminderText, type QualificationCheck } from '../../../shared/AfterTakeIn'
import { isAppError } from '../../../shared/AppError'
import { quietUntil } from '../../../shared/Delivery'
import type { InboxMessage } from '../../../shared/InboxMessage'
import type { Community } from '../../../shared/Organisation'
import type { Deps } from '../router'
import { formatChinaDate } from '../../../shared/ChinaTime'
import { messageKey, onlyNew } from './dispatcher'
import { reminderPushes } from './reminders'

/** Check documents read per page. */
export const QUALIFICATION_PAGE = 100

export interface QualificationReport {
  year: string
  seen: number
  reminded: number
  quiet: boolean
}

export async function qualificationReminderPass(deps: Deps, now: Date, options: { sms?: boolean } = {}): Promise<QualificationReport> {
  const year = chinaYearOf(now)
  const report: QualificationReport = { year, seen: 0, reminded: 0, quiet: quietUntil(now) !== null }
  if (report.quiet) return report
  const communities = new Map<string, Community | null>()
  const communityOf = async (id: string) => {
    if (!communities.has(id)) communities.set(id, await deps.store.getCommunity(id))
    return communities.get(id)!
  }
  for (const dueYear of [String(Number(year) - 1), year]) {
    let after: string | undefined
    do {
      const page = await deps.store.listDocs('qualificationCheck', { dueYear }, { limit: QUALIFICATION_PAGE, after })
      for (const check of page.items) {
        report.seen++
        const c = await deps.store.getCase(check.caseId)
        if (!c) continue
        const due = qualificationDueYear(c, now)
        const moved = (dueYear: string, remindedYear = check.remindedYear): QualificationCheck => ({ ...check, version: check.version + 1, dueYear, remindedYear, updatedAt: now.toISOString() })
        const community = await communityOf(c.summary.receivingCommunityId)
        try {
          if (qualificationReminderDue(c, check, now) && community) {
            const message: InboxMessage = { id: `${now.toISOString()}~qualification-${year}`, version: 1, caseId: c.id, ...qualificationReminderText(community, year), createdAt: now.toISOString(), readBy: [] }
            const keyOf = (recipient: string) => messageKey({ caseId: c.id, stage: 'qualification', kind: `qualification${year}`, deadline: null, recipient })
            const fields = { item: '养老金领取资格认证', deadline: formatChinaDate(`${year}-12-31`), note: `带身份证到${community.name}办理` }
            const pushes = await reminderPushes(deps, c, now, keyOf, fields, options.sms ? `${year}年养老金资格认证请带身份证到${community.name}办理，行动不便可请社区上门` : null)
            await deps.store.commit({
              docs: [
                { kind: 'inboxMessage', next: message, expectedVersion: null },
                ...(await onlyNew(deps, pushes)),
                { kind: 'qualificationCheck', next: moved(String(Number(year) + 1), year), expectedVersion: check.version },
              ],
            })
            report.reminded++
          } else if (due === NOT_DUE || due > year || check.remindedYear === year) {
            // Not needed any more, closed, done or reminded this year: out of this year's look-up.
            const next = due === NOT_DUE ? NOT_DUE : due > year ? due : String(Number(year) + 1)
            await deps.store.commit({ docs: [{ kind: 'qualificationCheck', next: moved(next), expectedVersion: check.version }] })
          }
          // Else needed but not taken in yet: it stays due and is looked at again.
        } catch (e) {
          // Another run moved this document first: it has been handled.
          if (!(isAppError(e) && e.code === 'CONFLICT')) throw e
        }
      }
      after = page.nextCursor ?? undefined
    } while (after)
  }
  return report
}
