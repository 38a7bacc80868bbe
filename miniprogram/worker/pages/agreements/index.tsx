import { useCallback } from 'react'
import { Button, Text } from '@tarojs/components'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { AgreementCard } from '../../../components/AgreementCard'
import { NoticeLine, Screen } from '../../../components/Screen'

/** The community admin reviews the enterprises' agreements and signs them. */
export default function CommunityAgreementsPage() {
  const { data, error, reload } = useCloudData(useCallback(() => callCloud('agreement.list', {}), []))
  const { notice, act } = useAction(reload)
  const sign = (id: string, version: number) => act(() => callCloud('agreement.sign', { id, expectedVersion: version }), '已签字，等企业会签。')
  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='community-agreement-message' />
      {data?.items.length === 0 && <Text className='line'>还没有企业提交的协议。</Text>}
      {data?.items.map((a) => (
        <AgreementCard key={a.id} agreement={a}>
          {a.status === 'draft' && <Button className='big-button' onClick={() => sign(a.id, a.version)}>审核无误，社区签字</Button>}
        </AgreementCard>
      ))}
    </Screen>
  )
}
