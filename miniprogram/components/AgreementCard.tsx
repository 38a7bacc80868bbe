import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { formatChinaDate } from '../../shared/ChinaTime'
import type { AgreementView } from '../../shared/Views'
import { Notice } from './Screen'

/** A signed agreement names its first few only; one still to sign names everyone (at most MAX_BATCH_CASES), since that is what is signed. */
const SIGNED_NAMES_SHOWN = 10

function names(a: AgreementView): string {
  const all = a.cases.map((c) => c.name)
  return a.status === 'signed' && all.length > SIGNED_NAMES_SHOWN ? `${all.slice(0, SIGNED_NAMES_SHOWN).join('、')}等` : all.join('、')
}

export function AgreementCard({ agreement: a, children }: { agreement: AgreementView; children?: ReactNode }) {
  return (
    <View className='card'>
      <Text className='line title'>{a.enterpriseName} → {a.communityName}</Text>
      <Text className='line'>状态：{a.statusName}（截止 {formatChinaDate(a.deadline)}）</Text>
      {a.overdue ? <Notice tone='warning'>已过截止日期 {formatChinaDate(a.deadline)}，请尽快办理。</Notice> : null}
      <Text className='line'>包含 {a.cases.length} 人：{names(a)}</Text>
      {a.excluded.length > 0 && <Text className='line'>企业没有放进这份协议的 {a.excluded.length} 人：</Text>}
      {a.excluded.map((e) => (
        <Text key={e.id} className='line soft'>
          {e.name}（{e.idNumberMasked}）：{e.reason}
        </Text>
      ))}
      {children}
    </View>
  )
}
