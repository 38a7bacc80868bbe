/**
 * FAKE of cloud.openapi.subscribeMessage.send, for tests: it records what would be sent and
 * answers as the documented API does — success, or a rejection with { errCode, errMsg }:
 * 43101 (refused / consent used up), 40003 (bad openid), 40037 (bad template), 47003 (bad data),
 * 41030 (bad page), and transient ones such as -1 (system busy) and 45009 (rate limit).
 */
import type { SubscribeMessage, SubscribeMessageSender } from '../../../shared/ports/SubscribeMessageSender'

const MESSAGES: Record<number, string> = {
  43101: 'user refuse to accept the msg',
  40003: 'invalid openid',
  40037: 'invalid template_id',
  47003: 'argument invalid! data.thing1.value invalid',
  41030: 'invalid page',
  45009: 'reach max api daily quota limit',
  [-1]: 'system error',
}

export class FakeSubscribeMessage implements SubscribeMessageSender {
  readonly sent: SubscribeMessage[] = []
  /** Error codes to answer with, one per call, before succeeding again. */
  failWith: number[] = []

  async send(message: SubscribeMessage): Promise<void> {
    const code = this.failWith.shift()
    if (code !== undefined) throw { errCode: code, errMsg: `openapi.subscribeMessage.send:fail ${code} ${MESSAGES[code] ?? 'error'}` }
    this.sent.push(message)
  }
}
