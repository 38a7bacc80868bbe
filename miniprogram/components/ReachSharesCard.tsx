import { View } from '@tarojs/components'
import { REACHED_BY, REACHED_BY_NAMES, type ReachShares } from '../../shared/Reachability'
import { Line } from './Screen'

/** One unit's retirees by the best channel that reaches them: a count and a share per channel. */
export function ReachSharesLines({ name, shares }: { name: string; shares: ReachShares }) {
  return (
    <View className='unit reach-shares'>
      <Line>{name}：共 {shares.total} 人{shares.partial ? '（人数太多，只统计了前一部分）' : ''}</Line>
      {REACHED_BY.map((k) => (
        <Line key={k} tone={k === 'none' && shares.counts.none > 0 ? 'alert' : undefined}>
          {REACHED_BY_NAMES[k]}：{shares.counts[k]} 人（{shares.percent[k]}%）
        </Line>
      ))}
    </View>
  )
}
