import { useCallback, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { formatChinaDateTime } from '../../../../shared/ChinaTime'
import type { CorrectionListView } from '../../../../shared/Views'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Line, NoticeLine, Screen } from '../../../components/Screen'

type Request = CorrectionListView['items'][number]

/** Correction requests raised by retirees: accept (the fields change) or reject with a reason. */
export default function CorrectionsPage() {
  const { data, setData, error } = useCloudData(useCallback(() => callCloud('correction.list', {}), []))
  const [values, setValues] = useState<Record<string, Record<string, string>>>({})
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const { notice, act } = useAction()

  function answer(r: Request, kind: 'accept' | 'reject') {
    const answerText = answers[r.id] ?? ''
    const decision = kind === 'accept' ? { kind, values: values[r.id] ?? {}, answer: answerText } : { kind, answer: answerText }
    return act(async () => setData(await callCloud('correction.answer', { id: r.id, expectedVersion: r.version, decision })), '已答复，退休人员会收到通知。')
  }

  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='corrections-message' />
      {data?.items.length === 0 && <Line>没有更正申请。</Line>}
      {data?.items.map((r) => (
        <View key={r.id} className='card'>
          <Text className='line title'>{r.name}：{r.statusName}</Text>
          <Line tone='soft'>提交于 {formatChinaDateTime(r.createdAt)}</Line>
          {r.fields.map((f) => (
            <View key={f.field}>
              <Line>{f.label}：{f.reason}</Line>
              {r.status === 'open' && (
                <Input className='input' aria-label={`${f.label}改为`} placeholder={`${f.label}改为（不改就空着）`} onInput={(e) => setValues({ ...values, [r.id]: { ...values[r.id], ...(e.detail.value ? { [f.field]: e.detail.value } : {}) } })} />
              )}
            </View>
          ))}
          {r.answer && <Line>答复：{r.answer}</Line>}
          {r.status === 'open' && (
            <>
              <Input className='input' aria-label='答复' placeholder='写一句答复（必填）' onInput={(e) => setAnswers({ ...answers, [r.id]: e.detail.value })} />
              <Button className='big-button' onClick={() => answer(r, 'accept')}>核实无误，按上面更正</Button>
              <Button className='big-button plain-button' onClick={() => answer(r, 'reject')}>不更正，说明理由</Button>
            </>
          )}
        </View>
      ))}
    </Screen>
  )
}
