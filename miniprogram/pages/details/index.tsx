import { useCallback, useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import type { DetailField } from '../../../shared/CorrectionRequest'
import { formatChinaDateTime } from '../../../shared/ChinaTime'
import { callCloud } from '../../services/cloud'
import { askForReminders } from '../../services/consent'
import { useAction, useCloudData } from '../../services/useCloudData'
import { errorNotice } from '../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../components/Screen'
import { disputeFromDraft, toggleField, type DisputeDraft } from './disputeForm'

export default function DetailsPage() {
  const { data: view, setData, error } = useCloudData(useCallback(() => callCloud('details.get', {}), []))
  const [draft, setDraft] = useState<DisputeDraft | null>(null)
  const { notice, say, act } = useAction()

  const confirm = () =>
    view &&
    act(async () => {
      setData(await callCloud('details.confirm', { expectedVersion: view.version }))
      await askForReminders('afterConfirming')
    }, '已确认，谢谢您！')

  function submitDispute() {
    if (!view || !draft) return
    const result = disputeFromDraft(draft)
    if (!result.ok) return say(errorNotice(result.message))
    return act(async () => {
      setData(await callCloud('details.dispute', { expectedVersion: view.version, fields: result.fields }))
      setDraft(null)
    }, '已提交，原企业核实后会答复您，答复会出现在这里和「消息」里。')
  }

  return (
    <Screen error={error} loading={!view}>
      {view && (
        <>
          <Card>
            <Line>
              {view.status === 'confirmed'
                ? `您已在 ${formatChinaDateTime(view.statusAt!)} 确认信息无误。`
                : view.status === 'disputed'
                  ? '您提出了有误的信息，正在等原企业核实。'
                  : '请看一下下面的信息对不对。都对就点「信息都对」；有不对的，点「有不对的地方」。'}
            </Line>
          </Card>
          <NoticeLine notice={notice} id='details-message' />
          {draft ? <Line>请点一下不对的项目，再写一句哪里不对。</Line> : null}
          <View className='card'>
            {view.fields.map((f) => (
              <View key={f.field} className='field-row'>
                {draft ? (
                  <Button className={draft[f.field as DetailField] !== undefined ? 'pick picked' : 'pick'} onClick={() => setDraft(toggleField(draft, f.field as DetailField))}>
                    {draft[f.field as DetailField] !== undefined ? '✓ ' : ''}
                    {f.label}：{f.value || '（未登记）'}
                  </Button>
                ) : (
                  <Line>
                    {f.label}：{f.value || '（未登记）'}
                  </Line>
                )}
                {draft && draft[f.field as DetailField] !== undefined && (
                  <Input
                    className='input'
                    aria-label={`${f.label}哪里不对`}
                    placeholder={`${f.label}哪里不对？`}
                    value={draft[f.field as DetailField]}
                    maxlength={100}
                    onInput={(e) => setDraft({ ...draft, [f.field]: e.detail.value })}
                  />
                )}
              </View>
            ))}
          </View>
          {!view.mayConfirm && <Line tone='soft'>确认或更正需要老人本人办理，或请老人允许您代为确认。</Line>}
          {view.mayConfirm && !draft && (
            <>
              <Button className='big-button' onClick={confirm}>信息都对</Button>
              <Button className='big-button plain-button' onClick={() => { setDraft({}); say(null) }}>
                有不对的地方
              </Button>
            </>
          )}
          {draft && (
            <>
              <Button className='big-button' onClick={submitDispute}>提交更正</Button>
              <Button className='big-button plain-button' onClick={() => { setDraft(null); say(null) }}>取消</Button>
            </>
          )}
          {view.corrections.map((r) => (
            <Card key={r.id} title={`更正申请：${r.statusName}`}>
              {r.fields.map((f) => (
                <Line key={f.field}>{f.label}：{f.reason}</Line>
              ))}
              <Line tone='soft'>提交时间：{formatChinaDateTime(r.createdAt)}</Line>
              {r.answer && <Line>原企业答复：{r.answer}</Line>}
            </Card>
          ))}
        </>
      )}
    </Screen>
  )
}
