import { useCallback, useState } from 'react'
import { Button, Textarea, View } from '@tarojs/components'
import { formatChinaDate } from '../../../shared/ChinaTime'
import { OPINION_TEXT_MAX } from '../../../shared/PlanNotice'
import { callCloud } from '../../services/cloud'
import { useAction, useCloudData } from '../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../components/Screen'

/** 移交方案公示 in large type: what changes, what does not, when; mark it read or send an opinion, and read the answers. */
export default function NoticePage() {
  const { data, error, reload } = useCloudData(useCallback(() => callCloud('notice.mine', {}), []))
  const { notice: said, act, busy } = useAction(reload)
  const [text, setText] = useState('')
  const n = data?.notice
  const markRead = () => n && act(() => callCloud('notice.markRead', { edition: n.edition }), '已记下您看过了。')
  const send = () =>
    n &&
    act(async () => {
      await callCloud('notice.sendOpinion', { edition: n.edition, text })
      setText('')
    }, '您的意见已交给原企业，答复会显示在这一页，也会发到「消息」里。')
  return (
    <Screen error={error} loading={!data}>
      {data && !n && (
        <Card>
          <Line>原企业还没有公示移交方案。公示后会在首页告诉您。</Line>
        </Card>
      )}
      {n && (
        <>
          <Card title={`${n.enterpriseName}移交方案公示`}>
            <Line tone='soft'>第{n.edition}版，{formatChinaDate(n.publishedOn)}公示</Line>
          </Card>
          <Card title='移交后，这些会变' id='notice-changes'>
            <Line>{n.changes}</Line>
          </Card>
          <Card title='这些不变' id='notice-unchanged'>
            <Line>{n.unchanged}</Line>
          </Card>
          <Card title='什么时候办' id='notice-steps'>
            {n.steps.map((s, i) => (
              <Line key={i}>{formatChinaDate(s.by)}前：{s.step}</Line>
            ))}
          </Card>
          <NoticeLine notice={said} id='notice-message' />
          {data.mayAct ? (
            <Card title='您的意见' id='notice-opinion'>
              <Line>{n.feedbackClosed ? `提意见的截止日期（${formatChinaDate(n.feedbackClosesOn)}）已过，现在提的意见原企业仍会答复。` : `有意见请在${formatChinaDate(n.feedbackClosesOn)}前提出。`}</Line>
              {n.read ? <Line tone='ok'>您已看过这一版。</Line> : <Button className='big-button' onClick={() => busy || void markRead()}>我看过了，没有意见</Button>}
              <View>
                <Line tone='soft'>写下您的意见（{OPINION_TEXT_MAX}字以内）</Line>
                <Textarea className='input textarea' aria-label='写下您的意见' placeholder='写下您的意见' maxlength={OPINION_TEXT_MAX} value={text} onInput={(e) => setText(e.detail.value)} />
              </View>
              <Button className='big-button' onClick={() => busy || void send()}>提交意见</Button>
            </Card>
          ) : (
            <Card>
              <Line>您是亲属，可以看公示。标记看过和提意见，要老人在「亲情代办」里允许您代办确认。</Line>
            </Card>
          )}
        </>
      )}
      {data && data.opinions.length > 0 && (
        <Card title='我提的意见' id='notice-answers'>
          {data.opinions.map((o) => (
            <View key={o.id} className='unit'>
              <Line>{formatChinaDate(o.sentOn)}：{o.text}{o.late ? '（截止后提出）' : ''}</Line>
              {o.answer ? (
                <>
                  <Line tone='ok'>原企业答复：{o.answer.text}</Line>
                  {o.answer.planChange && <Line>方案已修改：{o.answer.planChange}</Line>}
                </>
              ) : (
                <Line tone='soft'>等原企业答复</Line>
              )}
            </View>
          ))}
        </Card>
      )}
    </Screen>
  )
}
