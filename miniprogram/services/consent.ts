import Taro from '@tarojs/taro'
import { templateIdsFor, type ConsentMoment } from '../../shared/SubscribeTemplates'
import { callCloud } from './cloud'

/**
 * Asks, at a moment that makes sense (after binding, after confirming), whether WeChat may send
 * reminders, and records the answer. Only the WeChat app can ask; elsewhere nothing happens.
 * Never blocks: the in-app inbox works whatever the answer.
 */
export async function askForReminders(moment: ConsentMoment): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIdsFor(moment), entityIds: [] })) as unknown as Record<string, string>
    const results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'> = {}
    for (const id of templateIdsFor(moment)) {
      const answer = res[id]
      if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') results[id] = answer
    }
    await callCloud('consent.record', { moment, results })
  } catch {
    // The person closed the dialog or the platform refused: reminders still reach the inbox.
  }
}
