import { useCallback, useState } from 'react'
import { Button } from '@tarojs/components'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { AgreementCard } from '../../../components/AgreementCard'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

/** The enterprise drafts an agreement with one community for the retirees ready for it, and countersigns. */
export default function EnterpriseAgreementsPage() {
  const load = useCallback(async () => {
    const [agreements, ready] = await Promise.all([callCloud('agreement.list', {}), callCloud('case.list', { stage: 'agreement', limit: 100 })])
    const details = await Promise.all(ready.items.map((c) => callCloud('case.get', { caseId: c.id })))
    return { agreements, ready: details }
  }, [])
  const { data, error, reload } = useCloudData(load)
  const [chosen, setChosen] = useState<string[]>([])
  const { notice, act: acted } = useAction(reload)

  const pending = new Set(data?.agreements.items.filter((a) => a.status !== 'signed').flatMap((a) => a.cases.map((c) => c.id)))
  const ready = data?.ready.filter((d) => !pending.has(d.case.id)) ?? []
  const communityOf = (id: string) => ready.find((d) => d.case.id === id)?.receivingCommunityName
  const chosenCommunity = chosen.length ? communityOf(chosen[0]) : null

  const act = (run: () => Promise<unknown>, done: string) => acted(async () => {
    await run()
    setChosen([])
  }, done)


  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='agreement-message' />
      {data && (
        <>
          <Card title='起草协议：选择同一个社区的人员'>
            {ready.length === 0 && <Line>目前没有可以签协议的人员（要先提交移交材料）。</Line>}
            {ready.map((d) => {
              const picked = chosen.includes(d.case.id)
              const other = chosenCommunity !== null && d.receivingCommunityName !== chosenCommunity
              return (
                <Button
                  key={d.case.id}
                  className={picked ? 'pick picked' : 'pick'}
                  aria-pressed={picked}
                  {...(other ? { disabled: true } : {})}
                  onClick={() => setChosen(picked ? chosen.filter((x) => x !== d.case.id) : [...chosen, d.case.id])}
                >
                  {picked ? '✓ ' : ''}{d.case.name}（{d.receivingCommunityName}）
                </Button>
              )
            })}
            {chosen.length > 0 && (
              <Button className='big-button' onClick={() => act(async () => callCloud('agreement.draft', { communityId: ready.find((d) => d.case.id === chosen[0])!.receivingCommunityId, caseIds: chosen }), '协议已起草，等社区签字。')}>
                和{chosenCommunity}起草协议（{chosen.length}人）
              </Button>
            )}
          </Card>
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
