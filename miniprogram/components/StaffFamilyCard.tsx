import { useCallback, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { formatChinaDateTime } from '../../shared/ChinaTime'
import type { FamilyView } from '../../shared/Views'
import { callCloud } from '../services/cloud'
import { useAction, useCloudData } from '../services/useCloudData'
import { warning } from '../services/notice'
import { Card, Line, Notice, NoticeLine } from './Screen'

/**
 * 给亲属开邀请码 (community staff, on the case card): for a retiree without WeChat, after checking
 * the relationship and both ID cards in person, issue the relative's one-time invitation; revoke
 * one not used yet. Relatives who joined are unbound on the card above.
 */
export function StaffFamilyCard({ caseId }: { caseId: string }) {
  const { data, setData, error } = useCloudData(useCallback(() => callCloud('family.ofCase', { caseId }), [caseId]))
  const [checked, setChecked] = useState(false)
  const { notice, say, act: acted } = useAction()
  const act = (run: () => Promise<FamilyView>, done: string) => acted(async () => setData(await run()), done)

  return (
    <Card title='给亲属开邀请码' id='staff-family-card'>
      {error ? <Notice tone='error'>{error}</Notice> : null}
      <Line tone='soft'>老人没有微信时，家人可以代办。请先当面核对亲属关系和双方的身份证。</Line>
      <Button className={checked ? 'pick picked' : 'pick'} aria-pressed={checked} onClick={() => setChecked(!checked)}>
        {checked ? '✓ ' : ''}已当面核对亲属关系和双方身份证
      </Button>
      <NoticeLine notice={notice} id='staff-family-message' />
      <Button
        className='big-button'
        onClick={() => (checked ? act(() => callCloud('family.staffInvite', { caseId, mayConfirm: false, relationChecked: true }), '邀请码已生成，请交给亲属在「绑定」页输入。') : say(warning('请先当面核对亲属关系和双方身份证，再点上面一行。')))}
      >
        生成亲属邀请码（72小时内有效）
      </Button>
      {data && <Line>还可以请 {data.remaining} 位亲属。</Line>}
      {data?.openInvites.map((i) => (
        <View key={i.code} className='unit'>
          <Text className='line fallback-code'>{i.code.replace(/(\d{4})(\d{4})/, '$1 $2')}</Text>
          <Line tone='soft'>有效到 {formatChinaDateTime(i.expiresAt)}，只能用一次。</Line>
          <Button className='big-button plain-button' onClick={() => act(() => callCloud('family.staffRevokeInvite', { caseId, code: i.code }), `邀请码 ${i.code} 已作废。`)}>
            作废邀请码 {i.code}
          </Button>
        </View>
      ))}
      {data?.othersOpen.map((o, n) => (
        <Line key={n} tone='soft'>另有一个邀请码由{o.issuedBy}开出，有效到 {formatChinaDateTime(o.expiresAt)}；号码只给开出的人看。</Line>
      ))}
    </Card>
  )
}
