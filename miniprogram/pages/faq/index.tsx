import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import { callCloud } from '../../services/cloud'
import { useCloudData } from '../../services/useCloudData'
import { Line, Screen } from '../../components/Screen'
import { OfficeCard } from '../../components/OfficeCard'
import { faq } from './faq'

export default function FaqPage() {
  // The office's number, the receiving rule and the dates come with the person's own status; the answers show without them.
  const { data: view } = useCloudData(useCallback(() => callCloud('case.myStatus', {}).catch(() => null), []))
  return (
    <Screen>
      <View className='card'>
        <Line>有不明白的先看这里；还不明白，请打「我的社区」里的电话。</Line>
      </View>
      {faq(view).map((item) => (
        <View key={item.q} className='card'>
          <Text className='line title'>{item.q}</Text>
          <Line>{item.a}</Line>
        </View>
      ))}
      {view && <OfficeCard office={view.office} />}
    </Screen>
  )
}
