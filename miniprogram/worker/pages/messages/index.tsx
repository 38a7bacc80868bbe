import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { BULLETIN_PAGE } from '../../../../shared/Bulletin'
import { formatChinaDateTime } from '../../../../shared/ChinaTime'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { Line, Screen } from '../../../components/Screen'

/** A member of staff's messages: what changed on their cases, reminders before deadlines, overdue digests. */
export default function StaffMessagesPage() {
  const load = useCallback(async () => {
    const inbox = await callCloud('messages.mine', {})
    const unread = inbox.items.filter((m) => !m.read).map((m) => m.id)
    if (unread.length) await callCloud('messages.markRead', { ids: unread })
    return inbox
  }, [])
  const { data, error } = useCloudData(load)
  return (
    <Screen error={error} loading={!data}>
      {data?.items.length === 0 && <Line>还没有消息。</Line>}
      {data?.items.map((m) => (
        <View key={m.id} className='card message'>
          <Text className='line title'>{m.read ? '' : '【新】'}{m.title}</Text>
          <Line>{m.body}</Line>
          {m.link && <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: m.link! })}>{m.link.startsWith(BULLETIN_PAGE) ? '查看通报' : '查看名单'}</Button>}
          <Line tone='soft'>{formatChinaDateTime(m.createdAt)}</Line>
        </View>
      ))}
    </Screen>
  )
}
