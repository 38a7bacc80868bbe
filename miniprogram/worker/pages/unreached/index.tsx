import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import type { PrintedOutcome } from '../../../../shared/Reachability'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { failure } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { ReachSharesLines } from '../../../components/ReachSharesCard'
import { ROUTES } from '../../../routes'

const PRINTED: Record<PrintedOutcome, string> = { handedOver: '通知已当面交给本人', leftAtDoor: '通知已放在门口', nobodyThere: '上次送通知时家里没人' }

/**
 * 先上门的人 (issue 14): the people of this community whom neither WeChat (theirs or a
 * relative's, in the last 30 days) nor an SMS reaches, and no printed notice has reached yet.
 */
export default function UnreachedPage() {
  const load = useCallback(() => callCloud('reach.unreached', {}), [])
  const { data, setData, error, reload } = useCloudData(load)
  const { notice, say, busy } = useAction(reload)

  async function more() {
    if (!data?.nextCursor || busy) return
    try {
      const next = await callCloud('reach.unreached', { after: data.nextCursor })
      setData({ ...next, items: [...data.items, ...next.items] })
    } catch (e) {
      say(failure(e))
    }
  }

  return (
    <Screen error={error} loading={!data}>
      {data && (
        <>
          <Card title='本社区老人怎么联系得上'>
            <ReachSharesLines name='本社区' shares={data.community} />
          </Card>
          <Card title={`先上门：哪种方式都联系不上的 ${data.community.counts.none} 人`} id='unreached-list'>
            <Line tone='soft'>他们本人和亲属 30 天内都没打开过小程序，短信也没送到过。请上门送纸质通知，或帮家属绑定微信。</Line>
            {data.items.length === 0 && <Line tone='ok'>没有联系不上的人。</Line>}
            {data.items.map((p) => (
              <Button key={p.caseId} className='pick' onClick={() => Taro.navigateTo({ url: `${ROUTES.workerCase}?id=${p.caseId}` })}>
                {p.name}：{p.reason}{p.printed ? `；${PRINTED[p.printed]}` : ''}
              </Button>
            ))}
            {data.nextCursor && <Button className='big-button plain-button' onClick={more}>再看 50 人</Button>}
          </Card>
          <NoticeLine notice={notice} id='unreached-message' />
        </>
      )}
    </Screen>
  )
}
