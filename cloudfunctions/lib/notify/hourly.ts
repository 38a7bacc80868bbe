/**
 * What the hourly `notify` function does, in WeChat and on the local host alike: today's unit
 * snapshots (once a day), today's reminder pass and asset reminders (each resumed or skipped by its
 * own keys), the yearly pension qualification reminders, then the dispatcher (notification events → messages; subscribe messages outside quiet hours),
 * then roster import jobs left running (a stopped function, or an operator who left the screen) go on.
 */
import type { Deps } from '../router'
import type { SubscribeMessageSender } from '../../../shared/ports/SubscribeMessageSender'
import { dispatch } from './dispatcher'
import { reminderPass } from './reminders'
import { assetReminderPass } from './assetReminders'
import { snapshotPass } from './snapshots'
import { qualificationReminderPass } from './qualificationReminders'
import { IMPORT_RUN_MS, resumeImportJobs, timeBudget } from '../roster/importService'

export async function hourlyNotify(deps: Deps, sender: SubscribeMessageSender) {
  const now = deps.clock.now()
  // A failed snapshot or asset reminder must not hold up the rest: it is reported, and the next hour tries again.
  const reported = (what: string) => (e: unknown) => (deps.logError?.(`notify: ${what} failed`, e), null)
  const snapshots = await snapshotPass(deps, now).catch(reported('unit snapshots'))
  const reminders = await reminderPass(deps, now)
  const assetReminders = await assetReminderPass(deps, now).catch(reported('asset reminders'))
  const qualificationReminders = await qualificationReminderPass(deps, now).catch(reported('qualification reminders'))
  const dispatched = await dispatch(deps, sender)
  const importedRows = await resumeImportJobs(deps, timeBudget(IMPORT_RUN_MS)).catch(reported('roster import jobs'))
  return { snapshots, reminders, assetReminders, qualificationReminders, dispatched, importedRows }
}
