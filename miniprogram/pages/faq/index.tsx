import { Text, View } from '@tarojs/components'
import { Line, Screen } from '../../components/Screen'
import { FAQ } from './faq'

export default function FaqPage() {
  return (
    <Screen>
      <View className='card'>
        <Line>有不明白的先看这里；还不明白，请打「我的社区」里的电话。</Line>
      </View>
      {FAQ.map((item) => (
        <View key={item.q} className='card'>
          <Text className='line title'>{item.q}</Text>
          <Line>{item.a}</Line>
        </View>
      ))}
    </Screen>
  )
}
