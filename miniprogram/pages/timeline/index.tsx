import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import { callCloud } from '../../services/cloud'
import { useCloudData } from '../../services/useCloudData'
import { Card, Line, Screen } from '../../components/Screen'
import { OfficeCard } from '../../components/OfficeCard'
import { whatToDoNow } from '../home/whatToDoNow'
import { STATUS_LABELS, stageLines } from './timeline'
import { formatChinaDate } from '../../../shared/ChinaTime'

export default function TimelinePage() {
  const { data: view, error } = useCloudData(useCallback(() => callCloud('case.myStatus', {}), []))
  return (
    <Screen error={error} loading={!view}>
      {view && (
        <>
          <Card>
            <Text className='line'>{whatToDoNow(view)}</Text>
          </Card>
          {view.care.length > 0 && (
            <Card title='社区为您做的事' id='care'>
              {view.care.map((h, i) => (
                <Line key={i}>
                  {formatChinaDate(h.on)} {h.title}：{h.text}
                </Line>
              ))}
            </Card>
          )}
          {view.stages.map((s, i) => (
            <View key={s.id} className={`card stage stage-${s.status}`}>
              <Text className='line title'>
                {i + 1}. {s.name}：{STATUS_LABELS[s.status]}
              </Text>
              {stageLines(s).map((line) => (
                <Line key={line}>{line}</Line>
              ))}
            </View>
          ))}
          <Card title='这些不会变'>
            <Line>养老金照常按时足额发放，不会因为移交停发或少发。</Line>
            <Line>已参加的医疗保险照常享受；大病保险、补充医疗等按原来的渠道解决。</Line>
          </Card>
          <OfficeCard office={view.office} />
        </>
      )}
    </Screen>
  )
}
