/**
 * The WeChat subscribe-message port (cloud.openapi.subscribeMessage.send in production).
 * A failure rejects with { errCode, errMsg }, as the cloud call does.
 */
export interface SubscribeMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState: 'developer' | 'trial' | 'formal'
}

export interface SubscribeMessageSender {
  send(message: SubscribeMessage): Promise<void>
}

export function sendErrorCode(e: unknown): number | null {
  const code = typeof e === 'object' && e !== null ? (e as { errCode?: unknown }).errCode : undefined
  return typeof code === 'number' ? code : null
}
