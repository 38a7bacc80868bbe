import { View } from '@tarojs/components'
import type { BurnDownView } from '../../../shared/BurnDown'
import { chinaDaysBetween, formatChinaDate } from '../../../shared/ChinaTime'
import { Line } from '../../components/Screen'

/** Days per column: a week, so a year of daily snapshots is about fifty plain views. */
const DAYS_PER_COLUMN = 7

/**
 * The city's open items over time (one column per week, its height the open items on the week's
 * last snapshot) with each stage deadline as a red line at its day; below, the same in words.
 */
export function BurnDownChart({ burnDown }: { burnDown: BurnDownView }) {
  const first = burnDown.points[0]
  const last = burnDown.points.at(-1)
  if (!first || !last) return <Line>还没有每天的记录，明天起开始画。</Line>
  const end = [last.date, ...burnDown.deadlines.map((d) => d.date)].sort().at(-1) ?? last.date
  const span = Math.max(1, chinaDaysBetween(first.date, end) + 1)
  const at = (date: string) => `${(chinaDaysBetween(first.date, date) / span) * 100}%`
  const columns = new Map<number, (typeof burnDown.points)[number]>()
  for (const p of burnDown.points) columns.set(Math.floor(chinaDaysBetween(first.date, p.date) / DAYS_PER_COLUMN), p)
  const top = Math.max(1, burnDown.max)
  return (
    <View>
      <View className='burn' aria-hidden>
        {[...columns].map(([week, p]) => (
          <View key={week} className='burn-column' style={{ left: `${((week * DAYS_PER_COLUMN) / span) * 100}%`, width: `${(DAYS_PER_COLUMN / span) * 100}%`, height: `${(p.open / top) * 100}%` }} />
        ))}
        {burnDown.deadlines
          .filter((d) => d.date >= first.date)
          .map((d) => (
            <View key={d.date} className='burn-deadline' style={{ left: at(d.date) }} />
          ))}
      </View>
      <Line tone='soft'>蓝色柱：每周全市未办完的事项；红线：各环节截止日期。</Line>
      <Line>
        {formatChinaDate(first.date)} 未办完 {first.open} 项；{formatChinaDate(last.date)} 未办完 {last.open} 项，其中逾期 {last.overdue} 项。
      </Line>
      {burnDown.deadlines.map((d) => (
        <Line key={d.date} tone={d.dueOpenNow > 0 && d.date < last.date ? 'alert' : undefined}>
          {formatChinaDate(d.date)}截止（{d.stages.map((s) => s.name).join('、')}）：
          {d.dueOpenAfter === null ? '' : `截止那天还剩 ${d.dueOpenAfter} 项，`}现在还剩 {d.dueOpenNow} 项。
        </Line>
      ))}
    </View>
  )
}
