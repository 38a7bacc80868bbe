import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { FigureState } from '../../../../shared/Board'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { StageId } from '../../../../shared/Stage'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { failure, type Notice } from '../../../services/notice'
import { queryValue, STATE_NAMES, type DrillSide } from '../../../services/drill'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'

const SIDES: readonly DrillSide[] = ['enterprise', 'community', 'city']

/**
 * The cases behind one figure of a board, 20 at a time, personal data masked. The office's cases
 * open read-only; a unit's own (own=1) open on the unit's working case screen.
 */
export default function BoardCasesPage() {
  const params = useRouter().params
  const side = SIDES.find((s) => s === params.side) ?? 'city'
  const state = FigureState.safeParse(params.state).data ?? 'open'
  const stage = StageId.safeParse(params.stage).data ?? 'materials'
  const orgId = queryValue(params.orgId) || undefined
  const label = queryValue(params.label)
  const own = params.own === '1'
  const load = useCallback(() => callCloud('board.cases', { side, stage, state, ...(orgId ? { orgId } : {}) }), [side, stage, state, orgId])
  const { data, setData, error } = useCloudData(load)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<Notice | null>(null)

  async function more() {
    if (!data?.nextCursor || busy) return
    setBusy(true)
    try {
      const next = await callCloud('board.cases', { side, stage, state, after: data.nextCursor, ...(orgId ? { orgId } : {}) })
      setData({ items: [...data.items, ...next.items], nextCursor: next.nextCursor })
    } catch (e) {
      setNotice(failure(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen error={error} loading={!data}>
      <Card title={`${label} · ${STATE_NAMES[state]}`}>
        {data && <Line tone='soft'>已列出 {data.items.length} 人{data.nextCursor ? '，还有更多' : '，已全部列出'}。</Line>}
      </Card>
      {data && data.items.length === 0 && <Line>没有这样的人员。</Line>}
      {data && data.items.length > 0 && (
        <Card>
          {data.items.map((c) => (
            <Button key={c.id} className='pick' onClick={() => Taro.navigateTo({ url: `${own ? ROUTES.workerCase : ROUTES.boardCase}?id=${c.id}` })}>
              {c.name} {c.idNumberMasked}　{c.currentStageName}
              {c.nextDeadline ? `　截止 ${formatChinaDate(c.nextDeadline)}` : ''}
              {c.overdue ? '（已逾期）' : ''}
            </Button>
          ))}
          {data.nextCursor && (
            <Button className='big-button plain-button' onClick={more}>
              {busy ? '正在读取……' : '更多'}
            </Button>
          )}
        </Card>
      )}
      <NoticeLine notice={notice} id='cases-message' />
    </Screen>
  )
}
