import { useCallback, useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import { formatChinaDateTime } from '../../../shared/ChinaTime'
import type { ApprovalDetails, ApprovalItemView, ApprovalKind, ApprovalMineView } from '../../../shared/Approval'
import { callCloud } from '../../services/cloud'
import { useAction, useCloudData } from '../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../components/Screen'

const ASK: Record<ApprovalKind, string> = {
  privateTripAbroad: '我想因私出国（境）',
  partTimePost: '我想在外单位兼职（任职）',
}

/** The form's fields for each kind: what the box asks, in plain words. */
const FIELDS = {
  privateTripAbroad: [
    ['destination', '去哪个国家或地区'],
    ['from', '哪天出发，如 2020-05-01'],
    ['to', '哪天回来，如 2020-05-10'],
    ['purpose', '去做什么，如 探亲、旅游'],
  ],
  partTimePost: [
    ['organisation', '在哪个单位'],
    ['post', '担任什么职务'],
    ['term', '任期，如 2020年5月至2022年4月'],
  ],
} as const satisfies Record<ApprovalKind, ReadonlyArray<readonly [string, string]>>

const TONE = { submitted: 'soft', approved: 'ok', refused: 'alert', withdrawn: 'soft' } as const

/** 兼职（任职）、因私出国（境）: the retiree (or a relative) asks, follows the answer, or withdraws while it waits. */
export default function ApprovalsPage() {
  const { data, setData, error } = useCloudData(useCallback(() => callCloud('approval.mine', {}), []))
  const [kind, setKind] = useState<ApprovalKind | null>(null)
  const [values, setValues] = useState<Record<string, string>>({})
  const { notice, act } = useAction()

  const submit = (k: ApprovalKind) =>
    act(async () => {
      setData(await callCloud('approval.submit', { details: { kind: k, ...values } as ApprovalDetails }))
      setKind(null)
      setValues({})
    }, '申请已提交。有了答复，会在「消息」里告诉您。')
  const withdraw = (r: ApprovalItemView) => act(async () => setData(await callCloud('approval.withdraw', { id: r.id, expectedVersion: r.version })), '申请已撤回。')
  const more = (view: ApprovalMineView) =>
    act(async () => {
      const next = await callCloud('approval.mine', { after: view.nextCursor ?? undefined })
      setData({ ...next, items: [...view.items, ...next.items] })
    }, null)

  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='approvals-message' />
      {data && !data.open && <Card><Line>{data.notice}</Line></Card>}
      {data?.open && (
        <Card title='先申请，批准了再去'>
          {data.routes.map((r) => <Line key={r.kind}>{r.kindName}：由{r.unitName}审批</Line>)}
          {(Object.keys(ASK) as ApprovalKind[]).map((k) => (
            <Button key={k} className={kind === k ? 'pick picked' : 'pick'} aria-pressed={kind === k} onClick={() => setKind(k)}>
              {kind === k ? `✓ ${ASK[k]}` : ASK[k]}
            </Button>
          ))}
          {kind && (
            <View id='approval-form'>
              {FIELDS[kind].map(([field, label]) => (
                <Input key={field} className='input' aria-label={label} placeholder={label} value={values[field] ?? ''} onInput={(e) => setValues({ ...values, [field]: e.detail.value })} />
              ))}
              <Button className='big-button' onClick={() => submit(kind)}>提交申请</Button>
            </View>
          )}
        </Card>
      )}
      {data && data.items.length > 0 && <Line tone='soft'>我的申请</Line>}
      {data?.items.map((r) => (
        <Card key={r.id} title={r.title}>
          {r.lines.map((l) => <Line key={l}>{l}</Line>)}
          <Line>审批单位：{r.unitName}</Line>
          <Line tone={TONE[r.status]}>{r.statusName}</Line>
          {r.answer && <Line>{r.status === 'refused' ? '理由' : '意见'}：{r.answer}</Line>}
          <Line tone='soft'>提交于 {formatChinaDateTime(r.createdAt)}</Line>
          {r.status === 'submitted' && <Button className='big-button plain-button' onClick={() => withdraw(r)}>撤回这个申请</Button>}
        </Card>
      ))}
      {data?.nextCursor && <Button className='big-button plain-button' onClick={() => more(data)}>看更多申请</Button>}
    </Screen>
  )
}
