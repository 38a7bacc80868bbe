/**
 * The SMS port: one notification-type SMS to one roster phone. In production it is WeChat
 * cloud's `cloudbase.sendSmsV2` (cloudfunctions/lib/notify/cloudSms.ts); locally a development
 * sender the dev inbox shows (local/DevSmsSender.ts).
 *
 * The answer is the per-number send status of the documented response (send_status_list[0]:
 * code "Ok" when the platform accepted it, otherwise a Tencent Cloud SMS error code such as
 * InvalidParameterValue.IncorrectPhoneNumber). A failure of the whole request rejects with
 * { errCode, errMsg }, as the cloud call does (-1 system busy, -501007 bad parameters).
 */
export interface SmsMessage {
  /** A mainland mobile, 11 digits (the adapter adds +86). */
  phone: string
  /** The template's custom variable {1}: at most SMS_TEXT_MAX characters. */
  text: string
  /** The mini-program page the message's link opens. */
  page: string
}

export interface SmsSendStatus {
  code: string
  message: string
}

export interface SmsSender {
  send(message: SmsMessage): Promise<SmsSendStatus>
}

/** sendSmsV2 documents {1} as at most 30 characters. */
export const SMS_TEXT_MAX = 30
/**
 * The per-number code of an accepted message. Accepted means the platform took the SMS for
 * sending, not that the carrier delivered it to the phone (no delivery receipt is read here).
 */
export const SMS_OK = 'Ok'
/**
 * The code a sender answers when the platform's answer says nothing about the number (no send
 * status): the SMS may have gone out, so it is never sent again.
 */
export const SMS_OUTCOME_UNKNOWN = 'OutcomeUnknown'
