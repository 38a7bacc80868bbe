/**
 * The one way the mini-program calls the cloud. In WeChat it is Taro.cloud.callFunction; in the
 * H5 build it is HTTP to the local cloud. Every response is validated against the shared contract.
 */
import Taro from '@tarojs/taro'
import { API, functionFor, type ActionInput, type ActionName, type ActionOutput, type ApiResponse } from '../../shared/Api'
import { CloudError } from './cloudError'

export { CloudError }

const DEV_SESSION_KEY = 'devSession'

export function setDevSession(token: string | null): void {
  if (token === null) Taro.removeStorageSync(DEV_SESSION_KEY)
  else Taro.setStorageSync(DEV_SESSION_KEY, token)
}

async function send(action: ActionName, input: unknown): Promise<unknown> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.callFunction({ name: functionFor(action), data: { action, input } })
    return res.result
  }
  const res = await Taro.request({
    url: `/api/${functionFor(action)}`,
    method: 'POST',
    data: { action, input },
    header: { 'content-type': 'application/json', 'x-dev-session': Taro.getStorageSync(DEV_SESSION_KEY) || '' },
  })
  return res.data
}

export async function callCloud<A extends ActionName>(action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  let raw: unknown
  try {
    raw = await send(action, input)
  } catch {
    throw new CloudError('INTERNAL', '网络不太顺畅，请稍后再试。')
  }
  const response = raw as ApiResponse<unknown> | undefined
  if (!response || typeof response !== 'object' || !('ok' in response)) throw new CloudError('INTERNAL', '系统暂时出了点问题，请稍后再试。')
  if (!response.ok) throw new CloudError(response.error.code, response.error.message)
  const parsed = API[action].output.safeParse(response.data)
  if (!parsed.success) throw new CloudError('INTERNAL', '系统暂时出了点问题，请稍后再试。')
  return parsed.data as ActionOutput<A>
}
