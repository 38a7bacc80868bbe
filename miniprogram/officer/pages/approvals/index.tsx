import { useCallback, useState } from 'react'
import { Button, Input } from '@tarojs/components'
import { formatChinaDateTime } from '../../../../shared/ChinaTime'
import type { ApprovalQueueView } from '../../../../shared/Approval'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

type Request = ApprovalQueueView['items'][number]

/** The requests routed to this unit (plan 四（七）), oldest first: agree, or refuse with a reason. */
export default function ApprovalQueuePage() {
  const [after, setAfter] = useState<string | undefined>(undefined)
  const { data, setData, error } = useCloudData(useCallback(() => callCloud('approval.pending', after ? { after } : {}), [after]))
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const { notice, act } = useAction()

  const decide = (r: Request, kind: 'approve' | 'refuse') => {
    const text = answers[r.id] ?? ''
    const decision = kind === 'approve' ? { kind, ...(text.trim() ? { note: text } : {}) } : { kind, reason: text }
    return act(async () => setData(await callCloud('approval.decide', { id: r.id, expectedVersion: r.version, decision })), `已答复${r.name}，本人会在消息里收到。`)
  }

  return (
    <Screen error={error} loading={!data}>
      {data && <Line tone='soft'>{data.unitName}：待审批的兼职（任职）、因私出国（境）申请</Line>}
      <NoticeLine notice={notice} id='approval-queue-message' />
      {data?.items.length === 0 && <Card><Line>现在没有等您审批的申请。</Line></Card>}
      {data?.items.map((r) => (
        <Card key={r.id} title={`${r.name}：${r.title}`}>
          {r.lines.map((l) => <Line key={l}>{l}</Line>)}
          <Line tone='soft'>提交于 {formatChinaDateTime(r.createdAt)}</Line>
          <Input className='input' aria-label={`给${r.name}的意见或理由`} placeholder='意见或理由（不同意时必填）' onInput={(e) => setAnswers({ ...answers, [r.id]: e.detail.value })} />
          <Button className='big-button' onClick={() => decide(r, 'approve')}>同意</Button>
          <Button className='big-button plain-button' onClick={() => decide(r, 'refuse')}>不同意（写明理由）</Button>
        </Card>
      ))}
      {data?.nextCursor && <Button className='big-button plain-button' onClick={() => setAfter(data.nextCursor ?? undefined)}>下一页</Button>}
    </Screen>
  )
}
