import * as z from 'zod/mini'

/** How a message is pushed: a WeChat subscribe message, or an SMS to the roster phone. */
export const DeliveryChannel = z.enum(['wechat', 'sms'])
export type DeliveryChannel = z.infer<typeof DeliveryChannel>

/** The recipient of an SMS delivery: the retiree, at the phone on the roster. */
export const ROSTER_PHONE_RECIPIENT = 'rosterPhone'

/**
 * One message to one person, keyed so that it exists once: case | stage | kind | deadline |
 * recipient. Staff messages land in their in-app inbox at once; WeChat subscribe messages to
 * retirees and relatives are sent by the dispatcher, outside quiet hours, at most once.
 */
export const Delivery = z.object({
  id: z.string().check(z.describe('the idempotency key')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  recipientUserId: z.string(),
  templateKey: z.enum(['stageChanged', 'deadlineReminder', 'correctionAnswered']),
  data: z.record(z.string(), z.string()).check(z.describe('template field → value (already within WeChat’s length limits)')),
  page: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped', 'uncertain']),
  attempts: z.int().check(z.gte(0)),
  notBefore: z.iso.datetime().check(z.describe('not pushed before (quiet hours: 21:00–08:00 China time)')),
  claimedAt: z.nullable(z.iso.datetime()),
  lastError: z.nullable(z.string()),
  sentAt: z.nullable(z.iso.datetime()),
  channel: z.optional(DeliveryChannel.check(z.describe('how it is sent; records written before SMS have none and are WeChat subscribe messages'))),
  smsText: z.optional(z.string().check(z.describe('an SMS: the text of the template\'s variable {1}'))),
})
export type Delivery = z.infer<typeof Delivery>

/** The channel a delivery went by (absent on older records: WeChat). */
export function channelOf(d: Delivery): DeliveryChannel {
  return d.channel ?? 'wechat'
}

/** A message in a member of staff's in-app inbox. */
export const StaffMessage = z.object({
  id: z.string().check(z.describe('the idempotency key')),
  version: z.int().check(z.gte(1)),
  recipientUserId: z.string(),
  caseId: z.nullable(z.string()),
  title: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  read: z.boolean(),
  link: z.optional(z.string().check(z.describe('the page with the list behind the message (a route in miniprogram/routes.ts)'))),
})
export type StaffMessage = z.infer<typeof StaffMessage>

/** 21:00–08:00 China time: nothing is pushed; queued messages wait for 08:00. */
export function quietUntil(now: Date): Date | null {
  const china = new Date(now.getTime() + 8 * 3600_000)
  const hour = china.getUTCHours()
  if (hour >= 8 && hour < 21) return null
  const next8 = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + (hour >= 21 ? 1 : 0), 8) - 8 * 3600_000
  return new Date(next8)
}

/** WeChat subscribeMessage.send errors that will not go away by trying again. */
export const PERMANENT_SEND_ERRORS: Record<number, string> = {
  40003: 'openid 无效',
  40037: '模板 id 无效',
  47003: '模板参数不正确',
  41030: '跳转页面不正确',
}
/** The user refused, or used up their one-time consent. */
export const CONSENT_REFUSED = 43101

/** Backoff for transient errors: 1 min, 5 min, 30 min, 2 h; then it is given up. */
export const RETRY_BACKOFF_MS = [60_000, 300_000, 1_800_000, 7_200_000]
/** A claim older than this whose outcome was never recorded is not sent again. */
export const SENDING_LEASE_MS = 10 * 60_000

/** Where a day's reminder pass has got to, so a run cut off by the function timeout goes on from there. */
export const PassCursor = z.object({
  id: z.string().check(z.describe('reminders:<China date>')),
  version: z.int().check(z.gte(1)),
  dayIndex: z.int().check(z.describe('which of the reminder days (14, 7, 1) is being worked through')),
  after: z.nullable(z.string()),
  digestsDone: z.boolean(),
  done: z.boolean(),
  tallies: z.optional(z.record(z.string(), z.int()).check(z.describe('open items counted so far per unit | stage | deadline; the unit reminders are written from these when the day is done'))),
  updatedAt: z.iso.datetime(),
})
export type PassCursor = z.infer<typeof PassCursor>

/**
 * SMS (issue 14): at most this many SMS per person per China day; more wait for the next day's
 * 08:00. Notification SMS cost money and an elderly person should not get a stream of them.
 */
export const SMS_DAILY_CAP = 3

/**
 * Per-number codes of sendSmsV2's send_status_list (Tencent Cloud SMS error codes) and what each
 * means here. A number that cannot receive SMS bounces: it is marked bad until corrected.
 */
export const SMS_BOUNCE_CODES: Record<string, string> = {
  'InvalidParameterValue.IncorrectPhoneNumber': '手机号格式错误或不是有效号码',
}
/** The person unsubscribed (replied T) or is on a carrier's do-not-disturb list: not sent again for this message. */
export const SMS_REFUSED_CODES: Record<string, string> = {
  'FailedOperation.PhoneNumberInBlacklist': '手机号在免打扰名单中（可能已回复退订）',
}
/** Limits that pass: tried again with the backoff. */
export const SMS_TRANSIENT_CODES: Record<string, string> = {
  'LimitExceeded.PhoneNumberThirtySecondLimit': '同一手机号 30 秒内条数超限',
  'LimitExceeded.PhoneNumberOneHourLimit': '同一手机号 1 小时内条数超限',
  'LimitExceeded.PhoneNumberDailyLimit': '同一手机号当日条数超限',
  'LimitExceeded.DeliveryFrequencyLimit': '命中频率限制',
  'InternalError.Timeout': '下发超时',
}
/** Request-level errors (errCode) that do not pass by trying again: sendSmsV2 documents -501007, bad parameters. */
export const PERMANENT_SMS_REQUEST_ERRORS: Record<number, string> = {
  [-501007]: '参数有误',
}

/** The SMS text (template variable {1}, at most 30 characters). */
export function fitSmsText(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}
