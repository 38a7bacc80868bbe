import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { ROUTES } from '../routes'
import { Card, Line } from './Screen'

/** The home screen's way in to 兼职（任职）、因私出国（境）审批, shown once the community has taken the person in (plan 四（七）). */
export function ApprovalsCard() {
  return (
    <Card title='兼职、出国（境）审批' id='approvals-card'>
      <Line>想在外单位兼职（任职），或者因私出国（境），先在这里申请。</Line>
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.approvals })}>
        申请和查看审批
      </Button>
    </Card>
  )
}
