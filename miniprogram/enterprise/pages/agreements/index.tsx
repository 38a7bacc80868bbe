import { useCallback, useState } from 'react'
import { Button } from '@tarojs/components'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { AgreementCard } from '../../../components/AgreementCard'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { DraftCard } from './DraftCard'

/** The enterprise picks a community, drafts an agreement for everyone ready for it (leaving out whom it must, with a reason), and countersigns. */
export default function EnterpriseAgreementsPage() {
  const [communityId, setCommunityId] = useState<string | null>(null)
  const load = useCallback(async () => {
    const [agreements, communities, candidates] = await Promise.all([
      callCloud('agreement.list', {}),
      callCloud('agreement.communities', {}),
      communityId ? callCloud('agreement.candidates', { communityId }) : Promise.resolve(null),
    ])
    return { agreements, communities: communities.communities, candidates }
  }, [communityId])
  const { data, error, reload } = useCloudData(load)
  const { notice, act } = useAction(reload)

  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='agreement-message' />
      {data && (
        <>
          <Card title='起草协议：先选接收社区'>
            {data.communities.length === 0 && <Line>还没有人员分到接收社区。</Line>}
            {data.communities.map((c) => {
              const ready = Math.max(c.atAgreementStage - c.inOpenAgreements, 0)
              const picked = c.id === communityId
              return (
                <Button key={c.id} className={picked ? 'pick picked' : 'pick'} aria-pressed={picked} onClick={() => setCommunityId(c.id)}>
                  {picked ? '✓ ' : ''}{c.name}：可以签协议 {ready} 人{c.inOpenAgreements ? `（另有 ${c.inOpenAgreements} 人在没签完的协议里）` : ''}
                </Button>
              )
            })}
          </Card>
          {data.candidates && data.candidates.communityId === communityId && (
            <DraftCard key={`${data.candidates.communityId}-${data.candidates.total}-${data.candidates.cases[0]?.id ?? ""}`} candidates={data.candidates} onDraft={(input, done) => act(() => callCloud('agreement.draft', input), done)} />
          )}
          {data.agreements.items.map((a) => (
            <AgreementCard key={a.id} agreement={a}>
              {a.status === 'communitySigned' && (
                <Button className='big-button' onClick={() => act(() => callCloud('agreement.countersign', { id: a.id, expectedVersion: a.version }), '协议已签订，所有人员都已进入下一步。')}>
                  企业会签
                </Button>
              )}
            </AgreementCard>
          ))}
        </>
      )}
    </Screen>
  )
}
