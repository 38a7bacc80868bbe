import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { Card, Line } from './Screen'

/** Whom to call when the community cannot help: the leading-group office (the policy's `bureaus.office`). */
export function OfficeCard({ office }: { office: { name: string; phone: string } }) {
  return (
    <Card title='社区解决不了的事'>
      <Line>
        可以打{office.name}的电话：{office.phone}
      </Line>
      <Button className='big-button plain-button' onClick={() => Taro.makePhoneCall({ phoneNumber: office.phone }).catch(() => undefined)}>
        打领导小组办公室电话
      </Button>
    </Card>
  )
}
