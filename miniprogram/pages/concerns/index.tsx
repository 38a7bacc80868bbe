import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { CONCERN_CATEGORIES, CONCERN_CATEGORY_NAMES, CONCERN_TEXT_MAX, type ConcernCategory, type ConcernItem } from '../../../shared/Concern'
import { formatChinaDate } from '../../../shared/ChinaTime'
import { callCloud } from '../../services/cloud'
import { useAction, useCloudData } from '../../services/useCloudData'
import { errorNotice } from '../../services/notice'
import { choosePhoto, uploadPhoto, type ChosenPhoto } from '../../services/upload'
import { Card, Line, NoticeLine, Screen } from '../../components/Screen'

/** 诉求与信访: raise a concern in a few taps, and follow the answer; say whether it solved the matter. */
export default function ConcernsPage() {
  const { data, setData, error } = useCloudData(useCallback(() => callCloud('concern.mine', {}), []))
  const [category, setCategory] = useState<ConcernCategory | null>(null)
  const [text, setText] = useState('')
  const [photo, setPhoto] = useState<ChosenPhoto | null>(null)
  const { notice, say, act } = useAction()

  const raise = () => {
    if (category === null) return say(errorNotice('请先选是哪方面的事。'))
    if (text.trim() === '') return say(errorNotice('请写几句是什么事。'))
    return act(async () => {
      // The photo is uploaded under the retiree's own case, the only place concern.raise takes it from.
      const fileId = photo ? await uploadPhoto((await callCloud('case.myStatus', {})).caseId, photo) : undefined
      setData(await callCloud('concern.raise', fileId ? { category, text, fileId } : { category, text }))
      setCategory(null)
      setText('')
      setPhoto(null)
    }, '已经交给负责的单位，答复后会在这里看到。')
  }
  const pickPhoto = () => act(async () => setPhoto((await choosePhoto()) ?? photo), null)
  const rate = (c: ConcernItem, solved: boolean) =>
    act(async () => setData(await callCloud('concern.rate', { id: c.id, expectedVersion: c.version, solved })), solved ? '谢谢您告诉我们。' : '已报领导小组办公室，他们会督促办理。')

  return (
    <Screen error={error} loading={!data}>
      <Card title='有什么事想反映？' id='raise-concern'>
        <Line>先选是哪方面的事：</Line>
        <View>
          {CONCERN_CATEGORIES.map((c) => (
            <Button key={c} className={category === c ? 'pick picked' : 'pick'} aria-pressed={category === c} onClick={() => setCategory(c)}>
              {category === c ? `✓ ${CONCERN_CATEGORY_NAMES[c]}` : CONCERN_CATEGORY_NAMES[c]}
            </Button>
          ))}
        </View>
        <Line>再写几句是什么事：</Line>
        <Textarea className='input textarea' aria-label='是什么事' placeholder='比如：养老金这个月晚发了' maxlength={CONCERN_TEXT_MAX} value={text} onInput={(e) => setText(e.detail.value)} />
        <Line tone='soft'>不方便打字，可以点手机键盘上的话筒，说话输入。</Line>
        {photo ? (
          <>
            <Line tone='ok'>已加一张照片。</Line>
            <Button className='big-button plain-button' id='drop-concern-photo' onClick={() => setPhoto(null)}>
              不加照片了
            </Button>
          </>
        ) : (
          <Button className='big-button plain-button' id='add-concern-photo' onClick={pickPhoto}>
            加一张照片（可不加）
          </Button>
        )}
        <Button className='big-button' id='send-concern' onClick={raise}>
          交给负责的单位
        </Button>
      </Card>
      <NoticeLine notice={notice} id='concern-message' />
      {data?.items.map((c) => (
        <Card key={c.id} title={`${c.categoryName}（${c.raisedAt}）`}>
          <Text className='line'>{c.text}</Text>
          {c.photoUrl && (
            <Button className='big-button plain-button' onClick={() => void Taro.previewImage({ urls: [c.photoUrl!] })}>
              查看照片
            </Button>
          )}
          <Line tone={c.status === 'resolved' ? 'ok' : c.overdue ? 'alert' : undefined}>{c.statusText}</Line>
          {c.status === 'submitted' && <Line tone='soft'>{`由${c.unitName}在${formatChinaDate(c.answerDue)}前答复`}</Line>}
          {c.answer !== null && <Line>{`${c.unitName}的答复：${c.answer}`}</Line>}
          {c.status === 'answered' && (
            <>
              <Button className='big-button' onClick={() => rate(c, true)}>
                问题解决了
              </Button>
              <Button className='big-button plain-button' onClick={() => rate(c, false)}>
                还没有解决
              </Button>
            </>
          )}
        </Card>
      ))}
    </Screen>
  )
}
