import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { formatChinaDate } from '../../../shared/ChinaTime'
import type { MyCaseView } from '../../../shared/Views'
import { callCloud } from '../../services/cloud'
import { elderModeOn, setElderMode } from '../../services/elderMode'
import { useCloudData } from '../../services/useCloudData'
import { Card, Line, Notice, Screen } from '../../components/Screen'
import { PlanNoticeCard } from '../../components/PlanNoticeCard'
import { ROUTES, STAFF_HOME } from '../../routes'
import { whatToDoNow } from './whatToDoNow'
import { ApprovalsCard } from '../../components/ApprovalsCard'
import { ConcernCard } from '../../components/ConcernCard'

type Home = { kind: 'retiree'; view: MyCaseView; unread: number; role: 'retiree' | 'relative' }

const TILES = [
  { label: '我的移交进度', url: ROUTES.timeline },
  { label: '核对我的信息', url: ROUTES.details },
  { label: '我的社区', url: ROUTES.community },
  { label: '我的二维码', url: ROUTES.qrcode },
  { label: '消息', url: ROUTES.inbox },
  { label: '常见问题', url: ROUTES.faq },
] as const

export default function HomePage() {
  const [elder, setElder] = useState(elderModeOn())
  const load = useCallback(async (): Promise<Home | null> => {
    const me = await callCloud('session.me', {})
    if (me.role !== 'retiree' && me.role !== 'relative') {
      Taro.redirectTo({ url: STAFF_HOME[me.role] ?? ROUTES.workerQueue })
      return null
    }
    const [view, inbox] = await Promise.all([callCloud('case.myStatus', {}), callCloud('inbox.list', {})])
    return { kind: 'retiree', view, unread: inbox.unread, role: me.role }
  }, [])
  const { data, error } = useCloudData(load)

  function toggleElder(on: boolean) {
    setElderMode(on)
    setElder(on)
    Taro.reLaunch({ url: ROUTES.home })
  }

  const view = data?.view
  const current = view?.currentStage
  return (
    <Screen error={error} loading={!data} homeButton={false}>
      {view && (
        <>
          <Line tone='soft'>今天是 {formatChinaDate(view.today)}</Line>
          <Card>
            <Text className='line hero'>{view.name}，您好</Text>
            {data.role === 'relative' && <Line tone='soft'>您正在以亲属身份代办</Line>}
            <Text className='line' id='what-to-do'>{whatToDoNow(view)}</Text>
          </Card>
          <PlanNoticeCard />
          {current && (
            <Card title={`现在办到：${current.name}`} id='current-stage'>
              {current.deadline && <Line>截止日期：{formatChinaDate(current.deadline)}</Line>}
              {view.nextDeadline && (
                view.nextDeadline.daysLeft < 0 ? <Notice tone='warning'>{`已超过截止日期 ${-view.nextDeadline.daysLeft} 天，负责单位正在加紧办理。`}</Notice> : <Line>{`离截止还有 ${view.nextDeadline.daysLeft} 天`}</Line>
              )}
              <Line>负责办理：{current.responsibleName}</Line>
            </Card>
          )}
          <View className='tiles'>
            {TILES.map((t) => (
              <Button key={t.url} className='big-button tile' onClick={() => Taro.navigateTo({ url: t.url })}>
                {t.label === '消息' && data.unread > 0 ? `消息（${data.unread}条未读）` : t.label}
              </Button>
            ))}
            {data.role === 'retiree' && (
              <Button className='big-button tile' onClick={() => Taro.navigateTo({ url: ROUTES.family })}>
                亲情代办
              </Button>
            )}
          </View>
          {view.done && <ApprovalsCard />}
          <ConcernCard />
          {view.inScope && (
            <Card title='这些不会变'>
              <Line>养老金照常按时足额发放。</Line>
              <Line>医疗保险照常享受。</Line>
            </Card>
          )}
          <Button className='big-button plain-button' id='elder-toggle' aria-pressed={elder} onClick={() => toggleElder(!elder)}>
            {elder ? '长辈模式：已打开（点一下关闭）' : '长辈模式：字再大一些（点一下打开）'}
          </Button>
        </>
      )}
    </Screen>
  )
}
