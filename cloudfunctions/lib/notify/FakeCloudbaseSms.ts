/**
 * FAKE of cloud.openapi.cloudbase.sendSmsV2 and cloud.openapi.urllink.generate, for tests. It
 * records what would be sent and answers as the documented API does:
 * - a request over 1000 numbers, a number without +86, or a {1} over 30 characters: errCode
 *   -501007 (参数有误); `busy` answers -1 (系统繁忙);
 * - otherwise errCode 0 and one send status per number: code "Ok", or the Tencent Cloud SMS code
 *   set for that number (an invalid number, a do-not-disturb list, a frequency limit);
 * - `dropStatus` answers errCode 0 with no status for the number, after sending it: an answer
 *   that does not say whether the SMS went out.
 */
import type { SmsOpenApi, SmsSendStatusItem } from './cloudSms'

const MESSAGES: Record<string, string> = {
  Ok: 'send success',
  'InvalidParameterValue.IncorrectPhoneNumber': 'incorrect phone number',
  'FailedOperation.PhoneNumberInBlacklist': 'phone number in blacklist',
  'LimitExceeded.PhoneNumberDailyLimit': 'the number of sms messages sent from a single mobile number every day exceeds the upper limit',
  'LimitExceeded.PhoneNumberThirtySecondLimit': 'the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit',
}

/** Most numbers one sendSmsV2 request may carry. */
export const SEND_SMS_MAX_NUMBERS = 1000

export class FakeCloudbaseSms implements SmsOpenApi {
  readonly sent: Array<{ phoneNumber: string; text: string; urlLink: string; templateId: string }> = []
  readonly links: Array<{ path: string; expireInterval: number }> = []
  /** Per-number answer codes, by +86 number; each is used once. */
  readonly codeFor = new Map<string, string[]>()
  /** Request-level errCodes to answer with, one per call. */
  failWith: number[] = []
  /** Calls whose answer loses its send status (errCode 0, an empty send_status_list) although the message went out. */
  dropStatus = 0
  private serial = 0

  cloudbase = {
    sendSmsV2: async (params: Parameters<SmsOpenApi['cloudbase']['sendSmsV2']>[0]) => {
      const busy = this.failWith.shift()
      if (busy !== undefined) return { errCode: busy, errMsg: busy === -1 ? 'system error' : 'invalid argument' }
      const badParams = params.phoneNumberList.length === 0 || params.phoneNumberList.length > SEND_SMS_MAX_NUMBERS || params.phoneNumberList.some((n) => !n.startsWith('+86')) || params.templateParamList.some((v) => v.length > 30) || !params.urlLink || !params.templateId
      if (badParams) return { errCode: -501007, errMsg: 'invalid argument' }
      const sendStatusList: SmsSendStatusItem[] = params.phoneNumberList.map((phoneNumber) => {
        const code = this.codeFor.get(phoneNumber)?.shift() ?? (/^\+861[3-9]\d{9}$/.test(phoneNumber) ? 'Ok' : 'InvalidParameterValue.IncorrectPhoneNumber')
        if (code === 'Ok') this.sent.push({ phoneNumber, text: params.templateParamList[0] ?? '', urlLink: params.urlLink, templateId: params.templateId })
        return { serialNo: `fake-${++this.serial}`, phoneNumber, code, message: MESSAGES[code] ?? code, isoCode: 'CN' }
      })
      if (this.dropStatus > 0) {
        this.dropStatus--
        return { errCode: 0, errMsg: 'ok', sendStatusList: [] }
      }
      return { errCode: 0, errMsg: 'ok', sendStatusList }
    },
  }

  urllink = {
    generate: async (params: Parameters<SmsOpenApi['urllink']['generate']>[0]) => {
      // Documented: with expire_type 1, expire_interval is at most 30 days.
      if (params.expireType === 1 && (params.expireInterval < 1 || params.expireInterval > 30)) return { errCode: 40097, errMsg: 'invalid args' }
      this.links.push({ path: params.path, expireInterval: params.expireInterval })
      return { errCode: 0, errMsg: 'ok', urlLink: `https://wxaurl.cn/fake${this.links.length}` }
    },
  }
}
