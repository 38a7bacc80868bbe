import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import { formatChinaDateTime } from '../../../shared/ChinaTime'
import { callCloud } from '../../services/cloud'
import { useCloudData } from '../../services/useCloudData'
import { Card, Line, Screen } from '../../components/Screen'

/** Every notification about the case; opening the inbox marks them read. */
export default function InboxPage() {
  const load = useCallback(async () => {
    const inbox = await callCloud('inbox.list', {})
    const unread = inbox.items.filter((m) => !m.read).map((m) => m.id)
    if (unread.length) await callCloud('inbox.markRead', { ids: unread })
    return inbox
  }, [])
  const { data: inbox, error } = useCloudData(load)
  return (
    <Screen error={error} loading={!inbox}>
      <Card>
        <Line>这里是关于您移交的全部通知，看完就好，不用回复。</Line>
      </Card>
      {inbox && inbox.items.length === 0 && (
        <Card>
          <Line>还没有消息。办理有进展时，会在这里告诉您。</Line>
        </Card>
      )}
      {inbox?.items.map((m) => (
        <View key={m.id} className='card message'>
          <Text className='line title'>
            {m.read ? '' : '【新】'}
            {m.title}
          </Text>
          <Line>{m.body}</Line>
          <Line tone='soft'>{formatChinaDateTime(m.createdAt)}</Line>
        </View>
      ))}
    </Screen>
  )
}
