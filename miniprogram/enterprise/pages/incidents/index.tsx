import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { INCIDENT_KINDS, INCIDENT_KIND_NAMES, INCIDENT_SUMMARY_MAX, type IncidentKind } from '../../../../shared/IncidentLog'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

/**
 * The enterprise's incident log (维稳方案): stability events, visits, group complaints. The office
 * opens the same screen with ?enterpriseId= and reads it. The enterprise names its stability contact here.
 */
export default function IncidentsPage() {
  const enterpriseId = Taro.getCurrentInstance().router?.params.enterpriseId
  const load = useCallback(async () => {
    const me = await callCloud('session.me', {})
    const office = me.role === 'supervisor'
    const [log, plan] = await Promise.all([callCloud('incident.list', office ? { enterpriseId } : {}), office ? null : callCloud('plan.get', {})])
    return { log, me, office, contactIsMe: plan?.stabilityContactUserId === me.userId, contactSet: Boolean(plan?.stabilityContactUserId) }
  }, [enterpriseId])
  const { data, error, reload } = useCloudData(load)
  const [kind, setKind] = useState<IncidentKind>('visit')
  const [happenedOn, setHappenedOn] = useState('')
  const [people, setPeople] = useState('1')
  const [summary, setSummary] = useState('')
  const { notice, act } = useAction(reload)

  const add = () =>
    act(async () => {
      await callCloud('incident.add', { kind, happenedOn: happenedOn.trim() || (data?.me.today ?? ''), people: Number(people) || 0, summary })
      setSummary('')
    }, '已记下。')

  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='incidents-message' />
      {data && !data.office && (
        <>
          <Card title='维稳联系人'>
            <Line>{data.contactIsMe ? '您是本企业的维稳联系人：逾期未答复的诉求会报给您。' : data.contactSet ? '本企业已指定维稳联系人。' : '还没有指定维稳联系人：逾期的诉求会报给本企业所有经办人。'}</Line>
            {!data.contactIsMe && (
              <Button className='big-button plain-button' onClick={() => act(() => callCloud('plan.setStabilityContact', { userId: data.me.userId }), '已指定您为维稳联系人。')}>
                由我担任维稳联系人
              </Button>
            )}
          </Card>
          <Card title='记一件事'>
            <View>
              {INCIDENT_KINDS.map((k) => (
                <Button key={k} className={kind === k ? 'pick picked' : 'pick'} aria-pressed={kind === k} onClick={() => setKind(k)}>
                  {kind === k ? `✓ ${INCIDENT_KIND_NAMES[k]}` : INCIDENT_KIND_NAMES[k]}
                </Button>
              ))}
            </View>
            <Line tone='soft'>哪天发生的（不填就是今天）</Line>
            <Input className='input' aria-label='发生日期' placeholder={data.me.today} value={happenedOn} onInput={(e) => setHappenedOn(e.detail.value)} />
            <Line tone='soft'>涉及几人</Line>
            <Input className='input' type='number' aria-label='涉及人数' value={people} onInput={(e) => setPeople(e.detail.value)} />
            <Line tone='soft'>发生了什么，怎么处理的</Line>
            <Textarea className='input textarea' aria-label='发生了什么，怎么处理的' maxlength={INCIDENT_SUMMARY_MAX} value={summary} onInput={(e) => setSummary(e.detail.value)} />
            <Button className='big-button' onClick={add}>
              记下
            </Button>
          </Card>
        </>
      )}
      {data && data.log.items.length === 0 && <Line>还没有记录。</Line>}
      {data?.log.items.map((e) => (
        <Card key={e.id} title={`${formatChinaDate(e.happenedOn)} ${e.kindName}（${e.people}人）`}>
          <Line>{e.summary}</Line>
          <Line tone='soft'>{`记录于 ${e.recordedAt}`}</Line>
        </Card>
      ))}
    </Screen>
  )
}
