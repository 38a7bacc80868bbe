import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { formatChinaDate } from '../../../shared/ChinaTime'
import type { MyCaseView } from '../../../shared/Views'
import { callCloud, CloudError } from '../../services/cloud'
import { ROUTES } from '../../routes'
import { whatToDoNow } from './whatToDoNow'

type Screen = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'case'; view: MyCaseView }

export default function Home() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' })

  useDidShow(() => {
    load().catch((e) => setScreen({ kind: 'error', message: e instanceof CloudError ? e.message : '系统暂时出了点问题，请稍后再试。' }))
  })

  async function load() {
    try {
      const me = await callCloud('session.me', {})
      if (me.role !== 'retiree') return void Taro.redirectTo({ url: ROUTES.staffCases })
      setScreen({ kind: 'case', view: await callCloud('case.myStatus', {}) })
    } catch (e) {
      if (e instanceof CloudError && e.code === 'UNAUTHORIZED' && process.env.TARO_ENV === 'h5') return void Taro.redirectTo({ url: ROUTES.devLogin })
      throw e
    }
  }

  if (screen.kind === 'loading') return <View className='page'><Text className='line'>正在读取您的移交进度……</Text></View>
  if (screen.kind === 'error') return <View className='page'><Text className='line alert'>{screen.message}</Text></View>
  const view = screen.view
  const current = view.currentStage
  return (
    <View className='page'>
      <Text className='line soft'>今天是 {formatChinaDate(view.today)}</Text>
      <View className='card'>
        <Text className='line hero'>{view.name}，您好</Text>
        <Text className='line' id='what-to-do'>{whatToDoNow(view)}</Text>
      </View>
      {current && (
        <View className='card' id='current-stage'>
          <Text className='line title'>现在办到：{current.name}</Text>
          {current.deadline && <Text className='line'>截止日期：{formatChinaDate(current.deadline)}</Text>}
          {view.nextDeadline && (
            <Text className={view.nextDeadline.daysLeft < 0 ? 'line alert' : 'line'}>
              {view.nextDeadline.daysLeft < 0 ? `已超过截止日期 ${-view.nextDeadline.daysLeft} 天，负责单位正在加紧办理。` : `离截止还有 ${view.nextDeadline.daysLeft} 天`}
            </Text>
          )}
          <Text className='line'>负责办理：{current.responsibleName}</Text>
        </View>
      )}
      {view.inScope && (
        <View className='card'>
          <Text className='line title'>这些不会变</Text>
          <Text className='line'>养老金照常按时足额发放。</Text>
          <Text className='line'>医疗保险照常享受。</Text>
        </View>
      )}
    </View>
  )
}
