import { useCallback, useState } from 'react'
import { Button, View } from '@tarojs/components'
import { ASSET_STATE_NAMES, type AssetListView, type AssetRow } from '../../shared/AssetTransfer'
import { formatChinaDate } from '../../shared/ChinaTime'
import { callCloud } from '../services/cloud'
import { messageOf, useCloudData } from '../services/useCloudData'
import { Card, Line } from './Screen'

const day = (d: string | null) => (d ? formatChinaDate(d) : '未填')

/** One asset in words: its state (overdue in red), the approvals, the swap and the agreement with the city. */
export function AssetLines({ a }: { a: AssetRow }) {
  return (
    <View className='unit'>
      <Line tone={a.overdue ? 'alert' : a.state === 'completed' ? 'ok' : undefined}>
        {a.item} · {ASSET_STATE_NAMES[a.state]}{a.overdue ? '（已逾期）' : ''}
      </Line>
      <Line tone='soft'>{a.enterpriseName} → {a.communityName}</Line>
      <Line tone='soft'>集团公司批准：{day(a.groupApprovedOn)}；国资委批准：{day(a.sasacApprovedOn)}</Line>
      <Line tone='soft'>{a.disposal === 'swapped' ? `调换：换成 ${a.swappedFor ?? ''}` : '无偿划转'}</Line>
      <Line tone='soft'>与市政府的移交协议：{a.cityAgreement ? `${a.cityAgreement.number}（${formatChinaDate(a.cityAgreement.signedOn)} 签订）` : '未签订'}</Line>
      {a.completedOn && <Line tone='soft'>完成：{formatChinaDate(a.completedOn)}</Line>}
    </View>
  )
}

/**
 * The assets a member of staff may see (the server picks them by role), page by page, read only:
 * the receiving community's and the office's view (issue 11 #7).
 */
export function AssetList({ enterpriseId, title }: { enterpriseId?: string; title: string }) {
  const load = useCallback(() => callCloud('assets.list', enterpriseId ? { enterpriseId } : {}), [enterpriseId])
  const { data, error } = useCloudData(load)
  const [more, setMore] = useState<AssetListView[]>([])
  const last = more.length > 0 ? more[more.length - 1] : data
  const items = [...(data?.items ?? []), ...more.flatMap((p) => p.items)]
  const [pageError, setPageError] = useState('')
  const next = async () => {
    if (!last?.nextCursor) return
    try {
      setMore([...more, await callCloud('assets.list', { ...(enterpriseId ? { enterpriseId } : {}), after: last.nextCursor })])
      setPageError('')
    } catch (e) {
      setPageError(messageOf(e))
    }
  }
  return (
    <Card title={title} id='asset-list'>
      {(error || pageError) && <Line tone='alert'>{error || pageError}</Line>}
      {data && <Line tone='soft'>资产划转截止 {formatChinaDate(data.deadline)}（方案 五（二）4）</Line>}
      {data && items.length === 0 && <Line>还没有登记的资产。</Line>}
      {items.map((a) => <AssetLines key={a.id} a={a} />)}
      {last?.nextCursor && <Button className='big-button plain-button' onClick={() => void next()}>再看下一页</Button>}
    </Card>
  )
}
