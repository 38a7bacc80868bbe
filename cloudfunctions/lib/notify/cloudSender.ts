/** The subscribe-message port on WeChat: cloud.openapi.subscribeMessage.send (needs the openapi permission in config.json). */
import type { SubscribeMessageSender } from '../../../shared/ports/SubscribeMessageSender'

interface OpenApi {
  subscribeMessage: { send(params: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string }> }
}

export function cloudSubscribeSender(openapi: OpenApi): SubscribeMessageSender {
  return {
    async send(message) {
      const res = await openapi.subscribeMessage.send({ ...message })
      // The cloud call usually rejects on failure; a resolved answer with an error code is a failure too.
      if (res && typeof res.errCode === 'number' && res.errCode !== 0) throw { errCode: res.errCode, errMsg: res.errMsg ?? '' }
    },
  }
}
