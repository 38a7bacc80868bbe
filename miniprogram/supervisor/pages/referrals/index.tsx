import { useCallback, useState } from 'react'
import { Button, View } from '@tarojs/components'
import { chinaDateOf, formatChinaDate } from '../../../../shared/ChinaTime'
import type { ReferralItem } from '../../../../shared/Referral'
import { GENDER_NAMES } from '../../../../shared/Person'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { failure } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

const PAGE = 20
type Status = ReferralItem['status']

/**
 * 转出: people on the enterprises' rosters whose hukou is outside the city. The office sends
 * each one to the city of their 户籍地 and marks it sent here.
 */
export default function ReferralsPage() {
  const [status, setStatus] = useState<Status>('open')
  const load = useCallback(() => callCloud('roster.referrals', { status, limit: PAGE }), [status])
  const { data, setData, error, reload } = useCloudData(load)
  const { notice, say, act } = useAction(reload)

  async function more() {
    if (!data?.nextCursor) return
    try {
      const next = await callCloud('roster.referrals', { status, limit: PAGE, after: data.nextCursor })
      setData({ items: [...data.items, ...next.items], nextCursor: next.nextCursor })
    } catch (e) {
      say(failure(e))
    }
  }

  const markSent = (r: ReferralItem) => act(() => callCloud('roster.markReferralSent', { id: r.id, expectedVersion: r.version }), `已标记：${r.name}的信息已转给户籍地。`)

  return (
    <Screen error={error} loading={!data}>
      <Card>
        <Line>企业名册里户籍不在本市的退休人员，不在本市移交。请把他们的信息转给户籍地，转完在这里标记。详细信息可向原企业索取。</Line>
      </Card>
      <View className='tiles'>
        {(['open', 'sent'] as const).map((s) => (
          <Button key={s} className={status === s ? 'big-button tile' : 'big-button plain-button tile'} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s === 'open' ? '待转出' : '已转出'}
          </Button>
        ))}
      </View>
      <NoticeLine notice={notice} id='referrals-message' />
      {data?.items.length === 0 && <Line>{status === 'open' ? '没有待转出的人员。' : '还没有已转出的人员。'}</Line>}
      {data?.items.map((r) => (
        <Card key={r.id} title={r.name}>
          <Line>身份证：{r.idNumberMasked}　{GENDER_NAMES[r.gender]}　出生 {r.birthMonth}</Line>
          <Line>户籍地：{r.hukouAddress}</Line>
          <Line>原企业：{r.enterpriseName}{r.enterprisePhone ? `（${r.enterprisePhone}）` : ''}　退休 {r.retirementMonth}</Line>
          {r.phone ? <Line>本人电话：{r.phone}</Line> : null}
          {r.status === 'open' ? (
            <Button className='big-button' onClick={() => markSent(r)}>已转给户籍地</Button>
          ) : (
            <Line tone='ok'>{r.sentAt ? `${formatChinaDate(chinaDateOf(r.sentAt))} 已转给户籍地` : '已转给户籍地'}</Line>
          )}
        </Card>
      ))}
      {data?.nextCursor && (
        <Button className='big-button plain-button' onClick={more}>
          再看{PAGE}人
        </Button>
      )}
    </Screen>
  )
}
