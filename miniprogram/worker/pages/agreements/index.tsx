import { useCallback, useState } from 'react'
import { Button, Text } from '@tarojs/components'
import { callCloud } from '../../../services/cloud'
import { messageOf, useCloudData } from '../../../services/useCloudData'
import { AgreementCard } from '../../../components/AgreementCard'
import { Screen } from '../../../components/Screen'

/** The community admin reviews the enterprises' agreements and signs them. */
export default function CommunityAgreementsPage() {
  const { data, error, reload } = useCloudData(useCallback(() => callCloud('agreement.list', {}), []))
  const [message, setMessage] = useState('')
  async function sign(id: string, version: number) {
    try {
      await callCloud('agreement.sign', { id, expectedVersion: version })
      setMessage('已签字，等企业会签。')
      reload()
    } catch (e) {
      setMessage(messageOf(e))
    }
  }
  return (
    <Screen error={error} loading={!data}>
      {message ? <Text className='line alert' aria-live='polite'>{message}</Text> : null}
      {data?.items.length === 0 && <Text className='line'>还没有企业提交的协议。</Text>}
      {data?.items.map((a) => (
        <AgreementCard key={a.id} agreement={a}>
          {a.status === 'draft' && <Button className='big-button' onClick={() => sign(a.id, a.version)}>审核无误，社区签字</Button>}
        </AgreementCard>
      ))}
    </Screen>
  )
}
