import { useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import { MAX_BATCH_CASES, type ActionInput } from '../../../../shared/Api'
import { EXCLUSION_REASON_MAX } from '../../../../shared/TransferAgreement'
import type { AgreementCandidatesView } from '../../../../shared/Views'
import { Card, Line } from '../../../components/Screen'

/**
 * Everyone ready for an agreement with one community, all chosen; the operator may leave someone
 * out with a reason. A group over MAX_BATCH_CASES is drafted a hundred at a time: this draft holds
 * the first hundred, and the screen says how many remain for the next one.
 */
export function DraftCard({ candidates: c, onDraft }: { candidates: AgreementCandidatesView; onDraft: (input: ActionInput<'agreement.draft'>, done: string) => void }) {
  const [left, setLeft] = useState<Record<string, string>>({})
  const isLeft = (id: string) => id in left
  const included = c.cases.filter((p) => !isLeft(p.id))
  const excluded = Object.entries(left).map(([caseId, reason]) => ({ caseId, reason: reason.trim() }))
  const missingReason = excluded.some((e) => !e.reason)
  const remaining = c.total - c.cases.length
  const leaveOut = (id: string) => setLeft({ ...left, [id]: '' })
  const putBack = (id: string) => {
    const { [id]: _, ...rest } = left
    setLeft(rest)
  }

  return (
    <Card title={`${c.communityName}：可以签协议的人员`} id='agreement-draft'>
      {c.total === 0 ? (
        <Line>{c.communityName}目前没有可以签协议的人员（要先提交移交材料）。</Line>
      ) : (
        <>
          <Line>可以签协议的共 {c.total} 人。已全部选上 {included.length} 人{excluded.length ? `，不放进 ${excluded.length} 人` : ''}。</Line>
          {remaining > 0 && (
            <Line>
              一份协议最多 {MAX_BATCH_CASES} 人，这份放前 {c.cases.length} 人。还有 {remaining} 人，请起草这份后再起草一份。
            </Line>
          )}
          <Line tone='soft'>有人这次不能签，请点「不放进这份协议」并写明原因，社区签字时会看到。</Line>
          {c.cases.map((p) => (
            <View key={p.id} className='card'>
              <Line>
                {isLeft(p.id) ? '不放进：' : '✓ '}
                {p.name}（{p.idNumberMasked}）
              </Line>
              {isLeft(p.id) ? (
                <>
                  <Input
                    className='input'
                    aria-label={`不放进${p.name}的原因`}
                    placeholder={`写明原因（必填，${EXCLUSION_REASON_MAX}字以内）`}
                    maxlength={EXCLUSION_REASON_MAX}
                    value={left[p.id]}
                    onInput={(e) => setLeft({ ...left, [p.id]: e.detail.value })}
                  />
                  <Button className='big-button plain-button' onClick={() => putBack(p.id)}>
                    放回协议：{p.name}
                  </Button>
                </>
              ) : (
                <Button className='big-button plain-button' onClick={() => leaveOut(p.id)}>
                  不放进这份协议：{p.name}
                </Button>
              )}
            </View>
          ))}
          {missingReason && <Line tone='alert'>请写明每位不放进的人的原因，再起草。</Line>}
          {included.length > 0 && (
            <Button
              className='big-button'
              {...(missingReason ? { disabled: true } : {})}
              onClick={() => onDraft({ communityId: c.communityId, caseIds: included.map((p) => p.id), excluded }, '协议已起草，等社区签字。')}
            >
              和{c.communityName}起草协议（{included.length}人）
            </Button>
          )}
        </>
      )}
    </Card>
  )
}
