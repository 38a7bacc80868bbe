import { useCallback, useState } from 'react'
import { Button, Text } from '@tarojs/components'
import { formatChinaDateTime } from '../../../shared/ChinaTime'
import { callCloud } from '../../services/cloud'
import { useAction, useCloudData } from '../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../components/Screen'

/** 亲情代办: up to 3 relatives, each invited with a one-time 8-digit code. */
export default function FamilyPage() {
  const { data: family, setData, error } = useCloudData(useCallback(() => callCloud('family.list', {}), []))
  const [mayConfirm, setMayConfirm] = useState(false)
  const { notice, act: acted } = useAction()
  const act = (run: () => ReturnType<typeof callCloud<'family.list'>>, done: string) => acted(async () => setData(await run()), done)

  return (
    <Screen error={error} loading={!family}>
      {family && (
        <>
          <Card>
            <Line>子女或亲属可以帮您查看进度、接收提醒。最多3位。</Line>
          </Card>
          <NoticeLine notice={notice} id='family-message' />
          {family.relatives.map((r) => (
            <Card key={r.userId} title={r.name}>
              <Line>{r.mayConfirm ? '可以代您确认信息' : '只能查看，不能代您确认信息'}</Line>
              <Button className='big-button plain-button' onClick={() => act(() => callCloud('family.remove', { userId: r.userId }), `已取消「${r.name}」的代办。`)}>
                取消他的代办
              </Button>
            </Card>
          ))}
          {family.openInvites.map((i) => (
            <Card key={i.code} title='还没使用的邀请码'>
              <Text className='line fallback-code'>{i.code}</Text>
              <Line tone='soft'>请亲属在小程序里选「我是亲属」，填这个邀请码。有效到 {formatChinaDateTime(i.expiresAt)}。</Line>
              <Button className='big-button plain-button' onClick={() => act(() => callCloud('family.revokeInvite', { code: i.code }), '邀请码已撤销，不能再用了。')}>
                撤销这个邀请码
              </Button>
            </Card>
          ))}
          {family.remaining > 0 && (
            <Card title='邀请一位亲属'>
              <Button className={mayConfirm ? 'pick picked' : 'pick'} aria-pressed={mayConfirm} onClick={() => setMayConfirm(!mayConfirm)}>
                {mayConfirm ? '✓ 允许他代我确认信息' : '允许他代我确认信息（点一下勾选）'}
              </Button>
              <Button className='big-button' onClick={() => act(() => callCloud('family.invite', { mayConfirm }), '邀请码已生成，请告诉您的亲属。')}>
                生成邀请码
              </Button>
            </Card>
          )}
        </>
      )}
    </Screen>
  )
}
