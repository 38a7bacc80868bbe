import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { ROLE_NAMES } from '../../../../shared/Role'
import type { CaseListItem, SessionView } from '../../../../shared/Views'
import { callCloud, CloudError } from '../../../services/cloud'

/** The cases in the signed-in staff member's jurisdiction. */
export default function StaffCases() {
  const [me, setMe] = useState<SessionView | null>(null)
  const [items, setItems] = useState<CaseListItem[]>([])
  const [message, setMessage] = useState('正在读取……')

  useDidShow(() => {
    Promise.all([callCloud('session.me', {}), callCloud('case.list', { limit: 50 })])
      .then(([session, page]) => {
        setMe(session)
        setItems(page.items)
        setMessage(page.items.length ? '' : '您的辖区内暂时没有移交案例。')
      })
      .catch((e) => setMessage(e instanceof CloudError ? e.message : '系统暂时出了点问题，请稍后再试。'))
  })

  return (
    <View className='page'>
      {me && (
        <View className='card'>
          <Text className='line title'>{me.name}</Text>
          <Text className='line soft'>{ROLE_NAMES[me.role]} · {me.orgName} · 今天 {formatChinaDate(me.today)}</Text>
        </View>
      )}
      {message && <Text className='line'>{message}</Text>}
      {items.map((c) => (
        <View className='card' key={c.id}>
          <Text className='line title'>{c.name}</Text>
          <Text className='line soft'>身份证 {c.idNumberMasked}</Text>
          <Text className='line'>当前环节：{c.currentStageName}</Text>
          {c.nextDeadline && <Text className={c.overdue ? 'line alert' : 'line'}>截止：{formatChinaDate(c.nextDeadline)}{c.overdue ? '（已逾期）' : ''}</Text>}
        </View>
      ))}
    </View>
  )
}
