/**
 * The local stand-in for SMS: what would be sent goes to the dev inbox the H5 sign-in page shows
 * (GET /dev/pushes) and, with the number masked, to the log. A number that is not a mainland
 * mobile answers as the cloud does (InvalidParameterValue.IncorrectPhoneNumber), so bounced
 * numbers can be shown locally.
 */
import { maskPhone } from '../shared/Mask'
import { isMainlandMobile } from '../shared/PhoneNumber'
import { SMS_OK, type SmsMessage, type SmsSender, type SmsSendStatus } from '../shared/ports/SmsSender'

export interface DevSms {
  phoneMasked: string
  text: string
  page: string
  at: string
}

export class DevSmsSender implements SmsSender {
  readonly messages: DevSms[] = []
  constructor(
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  async send(message: SmsMessage): Promise<SmsSendStatus> {
    if (!isMainlandMobile(message.phone)) return { code: 'InvalidParameterValue.IncorrectPhoneNumber', message: 'incorrect phone number' }
    const phoneMasked = maskPhone(message.phone)
    this.messages.unshift({ phoneMasked, text: message.text, page: message.page, at: this.now().toISOString() })
    this.log(`dev sms → ${phoneMasked}: ${message.text}`)
    return { code: SMS_OK, message: 'send success' }
  }
}
