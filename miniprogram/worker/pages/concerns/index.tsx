import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { CONCERN_ANSWER_MAX, type ConcernItem, type ConcernQueueView } from '../../../../shared/Concern'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

/** Retirees' concerns for the unit, and those escalated to this member of staff: answer each in writing. */
export default function StaffConcernsPage() {
  const [queue, setQueue] = useState<string | undefined>(undefined)
  const [more, setMore] = useState<ConcernItem[]>([])
  const load = useCallback(() => callCloud('concern.list', queue ? { queue } : {}), [queue])
  const { data, setData, error, reload } = useCloudData(load)
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const { notice, act } = useAction(() => (setMore([]), reload()))
  // Paging adds to the list without reloading it.
  const paging = useAction()

  const answer = (c: ConcernItem) => act(() => callCloud('concern.answer', { id: c.id, expectedVersion: c.version, answer: answers[c.id] ?? '' }), '已答复，退休人员会在小程序里看到。')
  const next = (view: ConcernQueueView) =>
    paging.act(async () => {
      const page = await callCloud('concern.list', { queue: view.queue ?? undefined, after: view.nextCursor ?? undefined })
      setMore([...more, ...view.items])
      setData(page)
    }, null)
  const items = [...more, ...(data?.items ?? [])]

  return (
    <Screen error={error} loading={!data}>
      {data && data.queues.length > 1 && (
        <View>
          {data.queues.map((q) => (
            <Button key={q.key} className={q.key === data.queue ? 'pick picked' : 'pick'} aria-pressed={q.key === data.queue} onClick={() => (setMore([]), setQueue(q.key))}>
              {q.key === data.queue ? `✓ ${q.name}` : q.name}
            </Button>
          ))}
        </View>
      )}
      <NoticeLine notice={notice ?? paging.notice} id='concerns-message' />
      {data && items.length === 0 && <Line>这里没有诉求。</Line>}
      {items.map((c) => (
        <Card key={c.id} title={`${c.name}：${c.categoryName}`}>
          <Line tone='soft'>{`${c.raisedAt} 提出，应在${formatChinaDate(c.answerDue)}前答复`}</Line>
          <Text className='line'>{c.text}</Text>
          {c.photoUrl && (
            <Button className='big-button plain-button' onClick={() => void Taro.previewImage({ urls: [c.photoUrl!] })}>
              查看照片
            </Button>
          )}
          <Line tone={c.overdue ? 'alert' : undefined}>{c.overdue ? `已逾期，已报${c.levelName}` : c.statusText}</Line>
          {c.answer !== null && <Line>{`答复：${c.answer}`}</Line>}
          {c.mayAnswer && (
            <>
              <Textarea className='input textarea' aria-label={`答复${c.name}`} placeholder='写明怎么解决、谁来办、什么时候办好' maxlength={CONCERN_ANSWER_MAX} value={answers[c.id] ?? ''} onInput={(e) => setAnswers({ ...answers, [c.id]: e.detail.value })} />
              <Button className='big-button' onClick={() => answer(c)}>
                答复
              </Button>
            </>
          )}
        </Card>
      ))}
      {data?.nextCursor && (
        <Button className='big-button plain-button' onClick={() => next(data)}>
          再看 50 条
        </Button>
      )}
    </Screen>
  )
}
