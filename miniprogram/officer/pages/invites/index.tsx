import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../../routes'
import { Button, Input } from '@tarojs/components'
import { ROLE_NAMES } from '../../../../shared/Role'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

const ROLES = ['gridWorker', 'communityAdmin', 'enterpriseOperator', 'archivesOfficer', 'partyOfficer', 'supervisor'] as const

/** The supervisor issues one-time codes to staff, each bound to a role and an organisation. */
export default function InvitesPage() {
  const { data, setData, error } = useCloudData(useCallback(() => callCloud('staff.invites', {}), []))
  const [role, setRole] = useState<(typeof ROLES)[number]>('gridWorker')
  const [orgId, setOrgId] = useState('')
  const { notice, act } = useAction()

  const issue = () =>
    act(
      async () => {
        const invite = await callCloud('staff.invite', { role, orgId })
        setData(await callCloud('staff.invites', {}))
        return invite
      },
      (invite) => `邀请码 ${invite.code}（${invite.roleName}，${invite.orgName}），7天内有效。`,
    )

  return (
    <Screen error={error} loading={!data} homeButton={false}>
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffMessages })}>工作消息</Button>
      <Card title='发一个邀请码'>
        {ROLES.map((r) => (
          <Button key={r} className={r === role ? 'pick picked' : 'pick'} aria-pressed={r === role} onClick={() => setRole(r)}>{r === role ? '✓ ' : ''}{ROLE_NAMES[r]}</Button>
        ))}
        <Input className='input' aria-label='单位编号' placeholder='单位编号，如 com-wulan、ent-water、archives' value={orgId} onInput={(e) => setOrgId(e.detail.value.trim())} />
        <Button className='big-button' onClick={issue}>生成邀请码</Button>
      </Card>
      <NoticeLine notice={notice} id='invites-message' />
      {data?.items.map((i) => (
        <Line key={i.code}>{i.code} {i.roleName} {i.orgName} {i.status === 'open' ? '可用' : i.status === 'used' ? '已使用' : i.status === 'revoked' ? '已停用' : '已过期'}</Line>
      ))}
    </Screen>
  )
}
