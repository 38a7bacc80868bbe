/**
 * The SMS port on WeChat: cloud.openapi.cloudbase.sendSmsV2 (发送短信v2), a message whose link
 * opens the mini-program, made by cloud.openapi.urllink.generate. Both need their openapi
 * permission in the notify function's config.json. The template is a notification-type one
 * (granted to the mini-program on request by ticket); its id is configured, never guessed.
 * As documented: phone numbers start with +86, {1} is at most 30 characters, the answer carries
 * one send status per number; a failure of the whole request has a non-zero errCode.
 */
import { SMS_OUTCOME_UNKNOWN, SMS_TEXT_MAX, type SmsSender } from '../../../shared/ports/SmsSender'

export interface SmsSendStatusItem {
  serialNo?: string
  phoneNumber?: string
  code?: string
  message?: string
  isoCode?: string
}

/** The documented subset of wx-server-sdk's openapi that SMS uses (cloud calls take camelCase names). */
export interface SmsOpenApi {
  cloudbase: {
    sendSmsV2(params: { env: string; urlLink: string; templateId: string; templateParamList: string[]; phoneNumberList: string[]; useShortName?: boolean }): Promise<{ errCode?: number; errMsg?: string; sendStatusList?: SmsSendStatusItem[] }>
  }
  urllink: {
    generate(params: { path: string; query?: string; isExpire: boolean; expireType: number; expireInterval: number }): Promise<{ errCode?: number; errMsg?: string; urlLink?: string }>
  }
}

/** URL Links last at most 30 days; the SMS's link is made for that long. */
export const SMS_LINK_DAYS = 30

export interface CloudSmsConfig {
  /** The cloud environment id. */
  env: string
  /** The granted notification template's id. */
  templateId: string
}

function failure(res: { errCode?: number; errMsg?: string } | undefined): { errCode: number; errMsg: string } | null {
  return res && typeof res.errCode === 'number' && res.errCode !== 0 ? { errCode: res.errCode, errMsg: res.errMsg ?? '' } : null
}

export function cloudSmsSender(openapi: SmsOpenApi, config: CloudSmsConfig): SmsSender {
  return {
    async send(message) {
      if (message.text.length > SMS_TEXT_MAX) throw { errCode: -501007, errMsg: 'text longer than the template allows' }
      const path = message.page.replace(/^\//, '')
      const link = await openapi.urllink.generate({ path, isExpire: true, expireType: 1, expireInterval: SMS_LINK_DAYS })
      const linkError = failure(link)
      if (linkError || !link.urlLink) throw linkError ?? { errCode: -1, errMsg: 'no url link' }
      const res = await openapi.cloudbase.sendSmsV2({ env: config.env, urlLink: link.urlLink, templateId: config.templateId, templateParamList: [message.text], phoneNumberList: [`+86${message.phone}`] })
      const error = failure(res)
      if (error) throw error
      const status = res.sendStatusList?.[0]
      // The request went through but says nothing about the number: the SMS may have gone out, so
      // the outcome is unknown and the dispatcher never sends it again (as with a lost push outcome).
      if (!status?.code) return { code: SMS_OUTCOME_UNKNOWN, message: 'no send status' }
      // 'Ok' means the platform accepted the SMS for sending, not that the carrier delivered it.
      return { code: status.code, message: status.message ?? '' }
    },
  }
}
