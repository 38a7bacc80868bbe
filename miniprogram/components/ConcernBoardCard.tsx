import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { CONCERN_CATEGORIES, CONCERN_CATEGORY_NAMES } from '../../shared/Concern'
import { callCloud } from '../services/cloud'
import { useCardData } from './useCardData'
import { ROUTES } from '../routes'
import { Card, Line } from './Screen'

/** The office's view of concerns (诉求与信访): counts by unit and category, and answers overdue. */
export function ConcernBoardCard() {
  const data = useCardData(useCallback(() => callCloud('board.concerns', {}), []))
  if (!data) return null
  const categories = (counts: (typeof data)['total']) =>
    CONCERN_CATEGORIES.filter((c) => counts.byCategory[c] > 0)
      .map((c) => `${CONCERN_CATEGORY_NAMES[c]} ${counts.byCategory[c]}`)
      .join('，')
  const t = data.total
  return (
    <Card title='诉求与信访' id='concern-board'>
      <Line tone={t.overdue > 0 ? 'alert' : undefined}>{`待答复 ${t.byStatus.submitted} 件，其中逾期 ${t.overdue} 件；已答复 ${t.byStatus.answered} 件，已解决 ${t.byStatus.resolved} 件，未解决 ${t.byStatus.notResolved} 件。`}</Line>
      {data.units.map((u) => (
        <View key={`${u.unit.kind}:${u.unit.orgId ?? ''}`} className='concern-unit'>
          <Text className='line title'>{u.name}</Text>
          <Line tone={u.counts.overdue > 0 ? 'alert' : 'soft'}>{`逾期未答复 ${u.counts.overdue} 件；${categories(u.counts)}`}</Line>
          {u.unit.kind === 'enterprise' && (
            <Button className='pick' onClick={() => Taro.navigateTo({ url: `${ROUTES.enterpriseIncidents}?enterpriseId=${u.unit.orgId ?? ''}` })}>
              {`${u.name}的维稳情况记录`}
            </Button>
          )}
        </View>
      ))}
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.workerConcerns })}>
        报到办公室的诉求
      </Button>
    </Card>
  )
}
