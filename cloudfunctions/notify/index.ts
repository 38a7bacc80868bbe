/**
 * The `notify` cloud function, triggered every hour (config.json, WeChat's 7-field cron in UTC+8):
 * today's unit snapshots (once a day, by the day's first run), today's reminder pass and asset reminders (resumed from its cursor if an earlier run was cut off), then the
 * dispatcher (notification events → messages; due subscribe messages, never in quiet hours).
 */
import cloud from 'wx-server-sdk'
import { createCloudMain } from '../lib/cloudMain'
import { dispatch } from '../lib/notify/dispatcher'
import { reminderPass } from '../lib/notify/reminders'
import { assetReminderPass } from '../lib/notify/assetReminders'
import { snapshotPass } from '../lib/notify/snapshots'
import { cloudSubscribeSender } from '../lib/notify/cloudSender'

export const main = createCloudMain({}, async (deps) => {
  const now = deps.clock.now()
  // A failed snapshot must not hold up the reminders: it is reported, and the next hour tries again.
  const snapshots = await snapshotPass(deps, now).catch((e: unknown) => (deps.logError?.('notify: unit snapshots failed', e), null))
  const reminders = await reminderPass(deps, now)
  const assetReminders = await assetReminderPass(deps, now)
  // The SDK types openapi as Record<string, any>; subscribeMessage.send is the documented call.
  const dispatched = await dispatch(deps, cloudSubscribeSender(cloud.openapi as Parameters<typeof cloudSubscribeSender>[0]))
  return { snapshots, reminders, assetReminders, dispatched }
})
