/**
 * The `notify` cloud function, triggered every hour (config.json, WeChat's 7-field cron in UTC+8):
 * today's unit snapshots (once a day, by the day's first run), today's reminder pass and asset reminders (resumed from its cursor if an earlier run was cut off), then the
 * dispatcher (notification events → messages; due subscribe messages, never in quiet hours).
 */
import cloud from 'wx-server-sdk'
import { createCloudMain } from '../lib/cloudMain'
import { hourlyNotify } from '../lib/notify/hourly'
import { cloudSubscribeSender } from '../lib/notify/cloudSender'
import { cloudSmsSender, type SmsOpenApi } from '../lib/notify/cloudSms'

/**
 * SMS are sent once the city has a notification template granted (a ticket to WeChat cloud) and
 * its id is set as SMS_TEMPLATE_ID in the function's environment; until then there is no SMS channel.
 */
const smsSender = () => {
  const templateId = process.env.SMS_TEMPLATE_ID
  const env = cloud.getWXContext().ENV
  return templateId && env ? cloudSmsSender(cloud.openapi as SmsOpenApi, { env, templateId }) : undefined
}

// The SDK types openapi as Record<string, any>; subscribeMessage.send, cloudbase.sendSmsV2 and urllink.generate are the documented calls.
export const main = createCloudMain({}, (deps) => hourlyNotify(deps, cloudSubscribeSender(cloud.openapi as Parameters<typeof cloudSubscribeSender>[0]), smsSender()))
