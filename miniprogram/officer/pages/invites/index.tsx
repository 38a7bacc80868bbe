import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../../routes'
import { Button, View } from '@tarojs/components'
import { ROLE_NAMES } from '../../../../shared/Role'
import { callCloud } from '../../../services/cloud'
import { errorNotice } from '../../../services/notice'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

const ROLES = ['gridWorker', 'communityAdmin', 'enterpriseOperator', 'archivesOfficer', 'partyOfficer', 'communityPartySecretary', 'socialSecurityOfficer', 'supervisor'] as const
type InviteRole = (typeof ROLES)[number]
const STATUS = { open: '可用', used: '已使用', revoked: '已停用', expired: '已过期' } as const

/**
 * Staff invites and removal. The supervisor invites any member of staff to an organisation picked
 * from a list; a community admin invites and removes its own community's grid workers and party
 * secretary; the organisation department any community's party secretary (shared/StaffInvite.ts INVITES_OF).
 */
export default function InvitesPage() {
  const load = useCallback(async () => {
    const [me, invites, members] = await Promise.all([callCloud('session.me', {}), callCloud('staff.invites', {}), callCloud('staff.members', {})])
    return { me, invites, members }
  }, [])
  const { data, error, reload } = useCloudData(load)
  const roles: readonly InviteRole[] = data?.me.role === 'communityAdmin' ? ['gridWorker', 'communityPartySecretary'] : data?.me.role === 'partyOfficer' ? ['communityPartySecretary'] : ROLES
  const [picked, setRole] = useState<InviteRole>('gridWorker')
  const role = roles.includes(picked) ? picked : roles[0]
  const signedIn = data !== undefined
  // The organisations of the role, once the caller's own roles are known.
  const orgs = useCloudData(useCallback(() => (signedIn ? callCloud('staff.orgs', { role }) : Promise.resolve({ items: [] })), [role, signedIn]))
  const [orgId, setOrgId] = useState('')
  const [removing, setRemoving] = useState<string | null>(null)
  const { notice, say, act } = useAction(reload)

  const pickRole = (r: InviteRole) => {
    setRole(r)
    setOrgId('')
  }
  // A single organisation (a bureau, or the admin's own community) needs no picking.
  const only = orgs.data?.items.length === 1 ? orgs.data.items[0].orgId : null
  const chosen = only ?? orgId

  const issue = () => {
    if (!chosen) return say(errorNotice('请先在上面选一个单位。'))
    return act(
      () => callCloud('staff.invite', { role, orgId: chosen }),
      (invite) => `邀请码 ${invite.code}（${invite.roleName}，${invite.orgName}），7天内有效。`,
    )
  }
  const revoke = (code: string) => act(() => callCloud('staff.revokeInvite', { code }), `邀请码 ${code} 已停用。`)
  const remove = (userId: string, name: string) =>
    act(
      async () => {
        await callCloud('staff.remove', { userId })
        setRemoving(null)
      },
      `已移除${name}。`,
    )

  return (
    <Screen error={error || orgs.error} loading={!data} homeButton={data?.me.role === 'communityAdmin' || data?.me.role === 'partyOfficer'}>
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffMessages })}>工作消息</Button>
      {data?.me.role === 'supervisor' && <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.supervisorAudit })}>工作人员的操作记录</Button>}
      <Card title='发一个邀请码'>
        {roles.length > 1 && <Line tone='soft'>1. 选岗位</Line>}
        {roles.map((r) => (
          <Button key={r} className={r === role ? 'pick picked' : 'pick'} aria-pressed={r === role} onClick={() => pickRole(r)}>{r === role ? '✓ ' : ''}{ROLE_NAMES[r]}</Button>
        ))}
        <Line tone='soft'>{roles.length > 1 ? '2. 选单位' : '单位'}</Line>
        <View role='group' aria-label='单位'>
          {orgs.data?.items.map((o) => (
            <Button key={o.orgId} className={o.orgId === chosen ? 'pick picked' : 'pick'} aria-pressed={o.orgId === chosen} onClick={() => setOrgId(o.orgId)}>{o.orgId === chosen ? '✓ ' : ''}{o.name}</Button>
          ))}
        </View>
        <Button className='big-button' onClick={issue}>生成邀请码</Button>
      </Card>
      <NoticeLine notice={notice} id='invites-message' />
      <Card title='发出的邀请码'>
        {data?.invites.items.length === 0 && <Line>还没有发过邀请码。</Line>}
        {data?.invites.items.map((i) => (
          <View key={i.code}>
            <Line>{i.code} {i.roleName} {i.orgName} {STATUS[i.status]}</Line>
            {i.status === 'open' && <Button className='pick' onClick={() => revoke(i.code)}>停用 {i.code}</Button>}
          </View>
        ))}
      </Card>
      <Card title='现有工作人员'>
        {data?.members.items.length === 0 && <Line>没有可以移除的工作人员。</Line>}
        {data?.members.items.map((m) => (
          <View key={m.userId}>
            <Line>{m.name} · {m.roleName} · {m.orgName}{m.isSelf ? '（本人）' : ''}</Line>
            {!m.isSelf && removing !== m.userId && <Button className='pick' onClick={() => setRemoving(m.userId)}>移除 {m.name}</Button>}
            {removing === m.userId && (
              <View>
                <Line tone='alert'>移除后，{m.name}就不能再用这个微信办理工作了。确定吗？</Line>
                <Button className='big-button' onClick={() => remove(m.userId, m.name)}>确定移除{m.name}</Button>
                <Button className='big-button plain-button' onClick={() => setRemoving(null)}>不移除</Button>
              </View>
            )}
          </View>
        ))}
      </Card>
    </Screen>
  )
}
