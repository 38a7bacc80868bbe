import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../../routes'
import { Button, Text } from '@tarojs/components'
import type { BatchResult } from '../../../../shared/Views'
import { callCloud } from '../../../services/cloud'
import { messageOf, useCloudData } from '../../../services/useCloudData'
import { Card, Line, Screen } from '../../../components/Screen'

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
  const [message, setMessage] = useState('')
  const load = useCallback(() => callCloud('case.list', { stage: 'personnelFile', enterpriseId, limit: 100 }), [enterpriseId])
  const { data, error, reload } = useCloudData(load)

  async function batch() {
    if (!data) return
    try {
      const r = await callCloud('archives.batch', { enterpriseId, caseIds: data.items.map((c) => c.id) })
      setResult(r)
      setMessage(`已登记 ${r.done.length} 人的档案移交${r.skipped.length ? `，${r.skipped.length} 人不移交或另行办理` : ''}。`)
      reload()
    } catch (e) {
      setMessage(messageOf(e))
    }
  }

  return (
    <Screen error={error} loading={!data} homeButton={false}>
      <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffMessages })}>工作消息</Button>
      <Card title='选择企业'>
        {ENTERPRISES.map(([id, name]) => (
          <Button key={id} className={id === enterpriseId ? 'pick picked' : 'pick'} aria-pressed={id === enterpriseId} onClick={() => { setEnterpriseId(id); setResult(null); setMessage('') }}>
            {id === enterpriseId ? '✓ ' : ''}{name}
          </Button>
        ))}
      </Card>
      {message ? <Text className='line alert' aria-live='polite' id='archives-message'>{message}</Text> : null}
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
