import { useEffect, useRef, useState, type ReactNode } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { FigureState, OwnStandingView, StageCounts, UnitBar } from '../../shared/Board'
import { formatChinaDate } from '../../shared/ChinaTime'
import type { UnitForecast } from '../../shared/UnitForecasts'
import { callCloud } from '../services/cloud'
import { messageOf } from '../services/useCloudData'
import { drillUrl, sideOf, STATE_NAMES, type Drill } from '../services/drill'
import { Card, Line } from './Screen'

const percent = (n: number, all: number) => `${all === 0 ? 0 : Math.round((n / all) * 1000) / 10}%`

/** A unit's counts in words, so the bar never speaks in colour alone. */
export function countsText(c: StageCounts): string {
  const all = c.done + c.open + c.waiting
  const rate = all === 0 ? '没有事项' : `完成 ${Math.round((c.done / all) * 100)}%`
  return `办完 ${c.done} · 在办 ${c.open}（逾期 ${c.overdue}）· 等前一环节 ${c.waiting} · ${rate}`
}

/**
 * One bar: done (green), open and on time (blue), overdue (red, striped), waiting (grey), as
 * widths of plain views; the same numbers follow in words.
 */
export function CountsBar({ counts }: { counts: StageCounts }) {
  const all = counts.done + counts.open + counts.waiting
  const parts: Array<[string, number]> = [
    ['bar-done', counts.done],
    ['bar-open', counts.open - counts.overdue],
    ['bar-overdue', counts.overdue],
    ['bar-waiting', counts.waiting],
  ]
  return (
    <View className='bar-block'>
      <View className='bar' aria-hidden>
        {parts.filter(([, n]) => n > 0).map(([cls, n]) => (
          <View key={cls} className={`bar-part ${cls}`} style={{ width: percent(n, all) }} />
        ))}
      </View>
      <Line>{countsText(counts)}</Line>
    </View>
  )
}

/** The four figures of one stage in one unit, each a button to the cases behind it. */
export function FigureButtons({ counts, drill, own = false }: { counts: StageCounts; drill: Omit<Drill, 'state'>; own?: boolean }) {
  const states: FigureState[] = ['overdue', 'open', 'waiting', 'done']
  return (
    <View className='tiles figures'>
      {states.map((state) => (
        <Button
          key={state}
          className={state === 'overdue' && counts.overdue > 0 ? 'pick figure figure-overdue' : 'pick figure'}
          aria-label={`${drill.label} ${STATE_NAMES[state]} ${counts[state]} 人，看名单`}
          onClick={() => Taro.navigateTo({ url: drillUrl({ ...drill, state }, own) })}
        >
          {STATE_NAMES[state]} {counts[state]}
        </Button>
      ))}
    </View>
  )
}

/** A unit's bar with its stages folded under it; opening it shows each stage's four figures. */
export function UnitBarCard({ bar, own = false, extra, forecast }: { bar: UnitBar; own?: boolean; extra?: ReactNode; forecast?: UnitForecast }) {
  const [open, setOpen] = useState(false)
  return (
    <View className='unit'>
      <Line>{bar.name}</Line>
      <CountsBar counts={bar.total} />
      {forecast?.headline && <Line tone='alert'>进度预警：{forecast.headline}</Line>}
      {extra}
      <Button className='big-button plain-button' aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? `收起 ${bar.name} 的各环节` : `看 ${bar.name} 的各环节`}
      </Button>
      {open &&
        bar.stages.map((s) => (
          <View key={s.stage} className='unit-stage'>
            <Line tone={s.overdue > 0 ? 'alert' : undefined}>{s.stageName}</Line>
            {forecast && <StageForecastLine forecast={forecast} stage={s.stage} />}
            <FigureButtons counts={s} own={own} drill={{ side: sideOf(bar.unit.kind), orgId: bar.unit.orgId ?? undefined, stage: s.stage, label: `${bar.name} · ${s.stageName}` }} />
          </View>
        ))}
    </View>
  )
}

/** The forecast of one stage in one sentence, with its pace over the last four weeks. */
function StageForecastLine({ forecast, stage }: { forecast: UnitForecast; stage: string }) {
  const f = forecast.stages.find((x) => x.stage === stage)?.forecast
  if (!f) return null
  const pace = f.perWeek === null ? '' : `近四周平均每周办完 ${Math.round(f.perWeek * 10) / 10} 项。`
  return <Line tone={f.status === 'late' || f.status === 'stalled' ? 'alert' : 'soft'}>{f.sentence}{pace}</Line>
}

/** Where a unit stood in the latest bulletin: its number and date, the unit's rank and rate. */
interface BulletinRank {
  number: number
  date: string
  rank: number
  of: number
  rate: number | null
}

/** The unit's standing, its forecast (when its role may read it) and its rank in the latest bulletin naming it. */
async function loadStanding(withForecast: boolean): Promise<{ standing: OwnStandingView; forecast: UnitForecast | undefined; rank: BulletinRank | null }> {
  const [standing, forecasts, latest] = await Promise.all([
    callCloud('board.mine', {}),
    withForecast ? callCloud('forecast.units', {}) : Promise.resolve(null),
    callCloud('bulletin.list', { limit: 1 }),
  ])
  const key = standing.unit?.key
  const forecast = forecasts?.items.find((f) => f.key === key)
  const summary = latest.items[0]
  const bulletin = summary && key ? await callCloud('bulletin.get', { number: summary.number }) : null
  const line = bulletin?.content.units.find((u) => u.unitKey === key)
  const rank = bulletin && line ? { number: bulletin.number, date: bulletin.date, rank: line.rank, of: bulletin.content.units.length, rate: line.rate } : null
  return { standing, forecast, rank }
}

const ratePercent = (rate: number | null) => (rate === null ? '无待办事项' : `${Math.round(rate * 1000) / 10}%`)

/**
 * A unit's own standing on its home (enterprise, community, bureau): its bar, its forecast, its
 * rank in the latest bulletin, and its stages under a button so the screen's own work stays in
 * view. `forecast` is false for a role that may not read forecasts (grid workers).
 */
export function OwnStandingCard({ forecast = true }: { forecast?: boolean }) {
  const [data, setData] = useState<Awaited<ReturnType<typeof loadStanding>> | null>(null)
  const [error, setError] = useState('')
  const load = () =>
    loadStanding(forecast)
      .then((d) => (setData(d), setError('')))
      .catch((e) => setError(messageOf(e)))
  // The card mounts once its screen has loaded, after the screen's first show: it loads on mount,
  // then again each time the screen comes back.
  const hidden = useRef(false)
  useEffect(() => void load(), [])
  useDidHide(() => (hidden.current = true))
  useDidShow(() => {
    if (hidden.current) void load()
    hidden.current = false
  })
  if (error) return <Line tone='soft'>本单位进度暂时读不出来：{error}</Line>
  const unit = data?.standing.unit
  if (!data || !unit) return null
  const e = data.standing.enterprise
  const r = data.rank
  return (
    <Card title={`本单位进度（${formatChinaDate(data.standing.today)}）`}>
      <UnitBarCard
        bar={unit}
        own
        forecast={data.forecast}
        extra={
          <>
            {r && <Line>第{r.number}期通报（{formatChinaDate(r.date)}）：完成率 {ratePercent(r.rate)}，在 {r.of} 个单位中排第 {r.rank} 名。</Line>}
            {e && <Line>材料未齐 {e.materialsIncomplete} 人 · 档案未移交 {e.filesNotTransferred} 人 · 党组织关系未转 {e.partyNotTransferred} 人</Line>}
            {e && <Line>协议等社区签字 {e.agreementsAwaitingCommunity} 份 · 等本企业盖章 {e.agreementsAwaitingEnterprise} 份</Line>}
          </>
        }
      />
    </Card>
  )
}
