import { useCallback, useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { formatChinaDate } from '../../shared/ChinaTime'
import { callCloud } from '../services/cloud'
import { useCloudData } from '../services/useCloudData'
import { ROUTES } from '../routes'
import { Card, Line } from './Screen'

/** 移交方案公示 on the retiree's home: shown once per edition, until it is read or an opinion is sent. */
export function PlanNoticeCard() {
  const { data, reload } = useCloudData(useCallback(() => callCloud('notice.mine', {}), []))
  // Mounted after the home page has shown (under its data): load now, and again each time the page shows.
  useEffect(reload, [])
  const notice = data?.notice
  // The server sends no notice to a retiree outside the hand-over (shared/PlanNotice.ts showOnHome).
  if (!notice || notice.read) return null
  return (
    <Card title={notice.edition === 1 ? '原企业公示了移交方案' : `原企业重新公示了移交方案（第${notice.edition}版）`} id='plan-notice-card'>
      <Line>移交后哪些变、哪些不变、什么时候办，都写在这里。</Line>
      <Line>有意见请在{formatChinaDate(notice.feedbackClosesOn)}前提出。</Line>
      <Button className='big-button' onClick={() => Taro.navigateTo({ url: ROUTES.notice })}>看公示、提意见</Button>
    </Card>
  )
}
