import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { formatChinaDate } from '../../shared/ChinaTime'
import type { AgreementView } from '../../shared/Views'
import { Notice } from './Screen'

export function AgreementCard({ agreement: a, children }: { agreement: AgreementView; children?: ReactNode }) {
  return (
    <View className='card'>
      <Text className='line title'>{a.enterpriseName} → {a.communityName}</Text>
      <Text className='line'>状态：{a.statusName}（截止 {formatChinaDate(a.deadline)}）</Text>
      {a.overdue ? <Notice tone='warning'>已过截止日期 {formatChinaDate(a.deadline)}，请尽快办理。</Notice> : null}
      <Text className='line'>包含 {a.cases.length} 人：{a.cases.map((c) => c.name).join('、')}</Text>
      {children}
    </View>
  )
}
