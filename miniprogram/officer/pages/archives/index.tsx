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

const ENTERPRISES = [
  ['ent-water', '供排水公司'],
  ['ent-heat', '热力公司'],
  ['ent-bus', '公交公司'],
  ['ent-grain', '粮油公司'],
] as const

/** The archives officer records the personnel-file hand-over in batches, per enterprise. */
export default function ArchivesPage() {
  const [enterpriseId, setEnterpriseId] = useState<string>(ENTERPRISES[0][0])
  const [result, setResult] = useState<BatchResult | null>(null)
  const load = useCallback(() => callCloud('case.list', { stage: 'personnelFile', enterpriseId, limit: 100 }), [enterpriseId])
  const { data, error, reload } = useCloudData(load)
  const { notice, say, act } = useAction(reload)

  const batch = () =>
    data &&
    act(async () => {
      const r = await callCloud('archives.batch', { enterpriseId, caseIds: data.items.map((c) => c.id) })
      setResult(r)
      return r
    }, batchNotice)

  return (
    <Screen error={error} loading={!data} homeButton={false}>
      <OwnStandingCard />
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffMessages })}>工作消息</Button>
      <Card title='选择企业'>
        {ENTERPRISES.map(([id, name]) => (
          <Button key={id} className={id === enterpriseId ? 'pick picked' : 'pick'} aria-pressed={id === enterpriseId} onClick={() => { setEnterpriseId(id); setResult(null); say(null) }}>
            {id === enterpriseId ? '✓ ' : ''}{name}
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
