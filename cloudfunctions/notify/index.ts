/**
 * The `notify` cloud function, triggered every hour (config.json, WeChat's 7-field cron in UTC+8):
 * today's unit snapshots (once a day, by the day's first run), today's reminder pass and asset reminders (resumed from its cursor if an earlier run was cut off), then the
 * dispatcher (notification events → messages; due subscribe messages, never in quiet hours).
 */
import cloud from 'wx-server-sdk'
import { createCloudMain } from '../lib/cloudMain'
import { hourlyNotify } from '../lib/notify/hourly'
import { cloudSubscribeSender } from '../lib/notify/cloudSender'

// The SDK types openapi as Record<string, any>; subscribeMessage.send is the documented call.
export const main = createCloudMain({}, (deps) => hourlyNotify(deps, cloudSubscribeSender(cloud.openapi as Parameters<typeof cloudSubscribeSender>[0])))
