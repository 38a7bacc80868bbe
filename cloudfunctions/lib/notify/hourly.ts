/**
 * What the hourly `notify` function does, in WeChat and on the local host alike: today's unit
 * snapshots (once a day), today's reminder pass and asset reminders (each resumed or skipped by its
 * own keys), the concerns' escalation, the yearly pension qualification reminders, then the dispatcher (notification events → messages; subscribe messages outside quiet hours),
 * then the inbox messages of a 公示 (outside quiet hours), then roster import jobs left running (a stopped function, or an operator who left the screen) go on.
 */
import type { Deps } from '../router'
import type { SubscribeMessageSender } from '../../../shared/ports/SubscribeMessageSender'
import type { SmsSender } from '../../../shared/ports/SmsSender'
import { dispatch } from './dispatcher'
import { reminderPass } from './reminders'
import { assetReminderPass } from './assetReminders'
import { snapshotPass } from './snapshots'
import { noticeDeliveryPass } from './noticeDelivery'
import { concernEscalationPass } from './concernEscalation'
import { qualificationReminderPass } from './qualificationReminders'
import { IMPORT_RUN_MS, resumeImportJobs, timeBudget } from '../roster/importService'

export async function hourlyNotify(deps: Deps, sender: SubscribeMessageSender, sms?: SmsSender) {
  const now = deps.clock.now()
  // A failed snapshot or asset reminder must not hold up the rest: it is reported, and the next hour tries again.
  const reported = (what: string) => (e: unknown) => (deps.logError?.(`notify: ${what} failed`, e), null)
  const snapshots = await snapshotPass(deps, now).catch(reported('unit snapshots'))
  const reminders = await reminderPass(deps, now, { sms: sms !== undefined })
  const assetReminders = await assetReminderPass(deps, now).catch(reported('asset reminders'))
  const concernEscalations = await concernEscalationPass(deps, now).catch(reported('concern escalation'))
  const qualificationReminders = await qualificationReminderPass(deps, now, { sms: sms !== undefined }).catch(reported('qualification reminders'))
  const dispatched = await dispatch(deps, sender, sms)
  const notices = await noticeDeliveryPass(deps, now).catch(reported('notice messages'))
  const importedRows = await resumeImportJobs(deps, timeBudget(IMPORT_RUN_MS)).catch(reported('roster import jobs'))
  return { snapshots, reminders, assetReminders, concernEscalations, qualificationReminders, dispatched, notices, importedRows }
}
