/**
 * The local stand-in for WeChat subscribe messages: what would be pushed goes to the log and to a
 * dev inbox the H5 app shows on the sign-in page (GET /dev/pushes).
 */
import type { SubscribeMessage, SubscribeMessageSender } from '../shared/ports/SubscribeMessageSender'

export class DevSubscribeSender implements SubscribeMessageSender {
  readonly pushes: Array<SubscribeMessage & { at: string }> = []
  constructor(
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  async send(message: SubscribeMessage): Promise<void> {
    this.pushes.unshift({ ...message, at: this.now().toISOString() })
    // The recipient is an id, not personal data; the values are what the template shows.
    this.log(`dev push → ${message.touser} ${message.templateId}: ${Object.values(message.data).map((d) => d.value).join(' / ')}`)
  }
}
