import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../../routes'
import { Button } from '@tarojs/components'
import type { BatchResult } from '../../../../shared/Views'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { batchNotice } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { OwnStandingCard } from '../../../components/Standing'

/** The archives officer records the personnel-file hand-over in batches, per enterprise (the enterprises the store holds). */
export default function ArchivesPage() {
  const [picked, setPicked] = useState<string | null>(null)
  const [result, setResult] = useState<BatchResult | null>(null)
  const loadEnterprises = useCallback(() => callCloud('archives.enterprises', {}), [])
  const { data: enterprises, error: enterprisesError, reload: reloadEnterprises } = useCloudData(loadEnterprises)
  // The first enterprise with files to hand over, unless the officer picked one.
  const enterpriseId = picked ?? enterprises?.items.find((e) => e.waiting > 0)?.enterpriseId ?? enterprises?.items[0]?.enterpriseId ?? null
  const load = useCallback(async () => (enterpriseId === null ? null : callCloud('case.list', { stage: 'personnelFile', enterpriseId, limit: 100 })), [enterpriseId])
  const { data, error, reload: reloadList } = useCloudData(load)
  const reload = () => (reloadList(), reloadEnterprises())
  const { notice, say, act } = useAction(reload)

  const batch = () =>
    data &&
    enterpriseId !== null &&
    act(async () => {
      const r = await callCloud('archives.batch', { enterpriseId, caseIds: data.items.map((c) => c.id) })
      setResult(r)
      return r
    }, batchNotice)

  return (
    <Screen error={error || enterprisesError} loading={!enterprises} homeButton={false}>
      <OwnStandingCard />
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffMessages })}>工作消息</Button>
      <Card title='选择企业'>
        {enterprises?.items.length === 0 && <Line>还没有企业。</Line>}
        {enterprises?.items.map(({ enterpriseId: id, name, waiting }) => (
          <Button key={id} className={id === enterpriseId ? 'pick picked' : 'pick'} aria-pressed={id === enterpriseId} onClick={() => { setPicked(id); setResult(null); say(null) }}>
            {id === enterpriseId ? '✓ ' : ''}{name}（待移交 {waiting} 人）
          </Button>
        ))}
      </Card>
      <NoticeLine notice={notice} id='archives-message' />
      {data && (
        <Card title={`待移交档案：${data.items.length} 人`}>
          {data.items.map((c) => (
            <Line key={c.id}>{c.name} {c.idNumberMasked}</Line>
          ))}
          {data.items.length > 0 && <Button className='big-button' onClick={batch}>这批档案已全部移交，登记</Button>}
        </Card>
      )}
      {result?.skipped.map((s) => (
        <Line key={s.caseId} tone='soft'>{s.name}：{s.reason}</Line>
      ))}
    </Screen>
  )
}
