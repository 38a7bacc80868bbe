import { useCallback, useEffect, useState } from 'react'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { formatChinaDate } from '../../shared/ChinaTime'
import { ANSWER_TEXT_MAX, OPINION_STATUS_NAMES, PLAN_CHANGE_MAX, type NoticeStaffView, type OpinionItem } from '../../shared/PlanNotice'
import { callCloud } from '../services/cloud'
import { useAction, useCloudData } from '../services/useCloudData'
import { Card, Line, NoticeLine } from './Screen'

/** Read counts and opinion counts of an enterprise's 公示: the enterprise's and the office's view. */
export function NoticeStanding({ view }: { view: NoticeStaffView }) {
  const n = view.notice
  return (
    <Card title='移交方案公示' id='notice-standing'>
      {n ? (
        <>
          <Line>第{n.edition}版，{formatChinaDate(n.publishedOn)}公示，意见反馈截止{formatChinaDate(n.feedbackClosesOn)}</Line>
          <Line>已读：{view.read} / {view.retirees} 人</Line>
          <Line>意见：待答复 {view.opinionsOpen} 条，已答复 {view.opinionsAnswered} 条</Line>
          <Line tone='soft'>{n.delivered ? '每位退休人员都已收到消息。' : '消息正在发给退休人员（夜间21点到早上8点不发）。'}</Line>
        </>
      ) : (
        <Line>还没有公示。</Line>
      )}
    </Card>
  )
}

function AnswerForm({ op, onDone }: { op: OpinionItem; onDone: () => void }) {
  const [text, setText] = useState('')
  const [change, setChange] = useState('')
  const { notice, act, busy } = useAction(onDone)
  // Once answered, the opinion shows its answer in place of this form: that says it went through.
  const send = () => act(() => callCloud('notice.answer', { id: op.id, expectedVersion: op.version, answer: text, ...(change.trim() ? { planChange: change } : {}) }), null)
  return (
    <View>
      <Textarea className='input textarea' aria-label={`答复${op.name}`} placeholder='答复' maxlength={ANSWER_TEXT_MAX} value={text} onInput={(e) => setText(e.detail.value)} />
      <Input className='input' aria-label={`因这条意见修改的方案（没有修改就不填）`} placeholder='因这条意见修改的方案（没有就不填）' maxlength={PLAN_CHANGE_MAX} value={change} onInput={(e) => setChange(e.detail.value)} />
      <NoticeLine notice={notice} />
      <Button className='big-button' onClick={() => busy || void send()}>答复</Button>
    </View>
  )
}

/**
 * The opinions on an enterprise's 公示, oldest first, page by page; the enterprise answers the open
 * ones here (`answering`), the office only reads (names masked by the server).
 */
export function OpinionList({ enterpriseId, answering = false, onAnswered = () => {} }: { enterpriseId?: string; answering?: boolean; onAnswered?: () => void }) {
  const [after, setAfter] = useState<string | undefined>(undefined)
  const load = useCallback(() => callCloud('notice.opinions', { ...(enterpriseId ? { enterpriseId } : {}), ...(after ? { after } : {}) }), [enterpriseId, after])
  const { data, error, reload } = useCloudData(load)
  // Mounted once the page has shown (the office's page mounts it under its data): load now too.
  useEffect(reload, [])
  const answered = () => {
    reload()
    onAnswered()
  }
  return (
    <Card title='退休人员的意见' id='notice-opinions'>
      {error && <Line tone='alert'>{error}</Line>}
      {data && data.items.length === 0 && <Line>{after ? '没有更多了。' : '还没有意见。'}</Line>}
      {data?.items.map((o) => (
        <View key={o.id} className='unit'>
          <Line>
            {o.name}{o.byRelative ? '（亲属代提）' : ''} · 第{o.edition}版 · {formatChinaDate(o.sentOn)} · {OPINION_STATUS_NAMES[o.status]}{o.late ? ' · 截止后提出' : ''}
          </Line>
          <Line>{o.text}</Line>
          {o.answer && <Line tone='ok'>答复（{formatChinaDate(o.answer.answeredOn)}）：{o.answer.text}</Line>}
          {o.answer?.planChange && <Line>修改方案：{o.answer.planChange}</Line>}
          {answering && o.status === 'open' && <AnswerForm op={o} onDone={answered} />}
        </View>
      ))}
      {data?.nextCursor && (
        <Button className='big-button plain-button' onClick={() => setAfter(data.nextCursor ?? undefined)}>下一页</Button>
      )}
    </Card>
  )
}
