import { useCallback, useState } from 'react'
import { Button, Text } from '@tarojs/components'
import { formatChinaDateTime } from '../../shared/ChinaTime'
import type { CaseBindingView } from '../../shared/WechatLink'
import { callCloud } from '../services/cloud'
import { useAction, useCloudData } from '../services/useCloudData'
import { warning } from '../services/notice'
import { Card, Line, Notice, NoticeLine } from './Screen'

/**
 * 帮老人绑定微信 (community staff, on the case card): after checking the retiree's ID card in
 * person, issue a binding code, or unbind a lost or hijacked WeChat.
 */
export function BindingCard({ caseId }: { caseId: string }) {
  const { data, setData, error } = useCloudData(useCallback(() => callCloud('binding.people', { caseId }), [caseId]))
  const [checked, setChecked] = useState(false)
  const { notice, say, act: acted } = useAction()
  const act = (run: () => Promise<CaseBindingView>, done: string) => acted(async () => setData(await run()), done)
  const checkFirst = () => say(warning('请先当面核对老人的身份证，再点上面一行。'))

  const people = data ? [...(data.retiree ? [{ ...data.retiree, who: '本人' }] : []), ...data.relatives.map((r) => ({ ...r, who: '亲属' }))] : []
  return (
    <Card title='帮老人绑定微信' id='binding-card'>
      {error ? <Notice tone='error'>{error}</Notice> : null}
      <Line tone='soft'>老人绑定不上、或微信丢了被别人占用时，请先当面核对老人的身份证。</Line>
      <Button className={checked ? 'pick picked' : 'pick'} aria-pressed={checked} onClick={() => setChecked(!checked)}>
        {checked ? '✓ ' : ''}已当面核对老人的身份证
      </Button>
      <NoticeLine notice={notice} id='binding-message' />
      {data?.code ? (
        <>
          <Line>请老人在「绑定」页最下面的「社区工作人员给的绑定码」里输入：</Line>
          <Text className='line fallback-code' id='bind-code'>{data.code.code.replace(/(\d{4})(\d{4})/, '$1 $2')}</Text>
          <Line tone='soft'>有效到 {formatChinaDateTime(data.code.expiresAt)}，只能用一次。用它绑定的微信会替换原来的。</Line>
        </>
      ) : null}
      <Button className='big-button' onClick={() => (checked ? act(() => callCloud('binding.assist', { caseId, identityChecked: true }), '绑定码已生成。') : checkFirst())}>
        生成绑定码（30分钟内有效）
      </Button>
      {data && !data.retiree ? <Line>本人还没有绑定微信。</Line> : null}
      {people.map((p) => (
        <Button
          key={p.userId}
          className='big-button plain-button'
          onClick={() => (checked ? act(() => callCloud('binding.unbind', { caseId, userId: p.userId, identityChecked: true }), `已解除「${p.name}」的微信绑定。`) : checkFirst())}
        >
          解除绑定：{p.who} {p.name}
        </Button>
      ))}
    </Card>
  )
}
