import { View } from '@tarojs/components'
import { bulletinText, formatRate, type BulletinContent } from '../../shared/Bulletin'
import { Card, Line } from './Screen'

/** A bulletin as it reads: its title, its paragraphs, then each unit's rank, rate and overdue items. */
export function BulletinBody({ content }: { content: BulletinContent }) {
  const text = bulletinText(content)
  return (
    <>
      <Card title={text.title}>
        <Line tone='soft'>{text.subtitle}</Line>
        {text.paragraphs.map((p, i) => (
          <Line key={i}>{p}</Line>
        ))}
      </Card>
      <Card title='各单位完成率排名'>
        {content.units.map((u) => (
          <View key={u.unitKey} className='unit'>
            <Line tone={u.overdue > 0 ? 'alert' : undefined}>第 {u.rank} 名　{u.name}</Line>
            <Line tone='soft'>完成率 {formatRate(u.rate)} · 办完 {u.done} · 在办 {u.open} · 逾期 {u.overdue}</Line>
          </View>
        ))}
      </Card>
    </>
  )
}
