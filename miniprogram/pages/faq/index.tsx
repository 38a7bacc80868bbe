import { Text, View } from '@tarojs/components'
import { Line, Screen } from '../../components/Screen'
import { FAQ } from './faq'

export default function FaqPage() {
  return (
    <Screen>
      {FAQ.map((item) => (
        <View key={item.q} className='card'>
          <Text className='line title'>{item.q}</Text>
          <Line>{item.a}</Line>
        </View>
      ))}
    </Screen>
  )
}
