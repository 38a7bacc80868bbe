import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { callCloud } from '../services/cloud'
import { useCardData } from './useCardData'
import { ROUTES } from '../routes'
import { Card, Line } from './Screen'

/** The home screen's way in to concerns (诉求与信访): what is waiting for the retiree, and a button. */
export function ConcernCard() {
  const data = useCardData(useCallback(() => callCloud('concern.mine', {}), []))
  const answered = data?.items.filter((c) => c.status === 'answered').length ?? 0
  const waiting = data?.items.filter((c) => c.status === 'submitted').length ?? 0
  return (
    <Card title='有事想反映' id='concern-card'>
      {answered > 0 ? <Line tone='ok'>{`您反映的事有 ${answered} 件已经答复，请去看看。`}</Line> : <Line>养老金、医保、档案、社区服务……有什么担心的，都可以告诉我们。</Line>}
      {waiting > 0 && <Line tone='soft'>{`还有 ${waiting} 件正在办理。`}</Line>}
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.concerns })}>
        我要反映
      </Button>
    </Card>
  )
}
