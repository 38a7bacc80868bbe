import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { BoardView } from '../../../../shared/Board'
import type { ReachShares } from '../../../../shared/Reachability'
import { ReachSharesLines } from '../../../components/ReachSharesCard'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { drillUrl, STATE_NAMES } from '../../../services/drill'
import { CountsBar, FigureButtons, UnitBarCard } from '../../../components/Standing'
import { BurnDownChart } from '../../components/BurnDownChart'
import { Card, Line, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'
import { ConcernBoardCard } from '../../../components/ConcernBoardCard'

type Side = 'enterprise' | 'community'
const SIDE_NAMES: Record<Side, string> = { enterprise: '按企业', community: '按接收社区' }
const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`

/** The office's home (督导检查): the city's stages, one bar per unit, a stage by enterprise or community, and each enterprise's other figures. */
export default function BoardPage() {
  const load = useCallback(async () => {
    const [board, forecasts, burnDown] = await Promise.all([callCloud('board.overview', {}), callCloud('forecast.units', {}), callCloud('board.burnDown', {})])
    return { board, forecasts, burnDown }
  }, [])
  const { data: loaded, error } = useCloudData(load)
  const data = loaded?.board
  const forecastOf = (key: string) => loaded?.forecasts.items.find((f) => f.key === key)
  const flagged = loaded?.forecasts.items.filter((f) => f.flagged) ?? []
  return (
    <Screen error={error} loading={!data} homeButton={false}>
      {data && (
        <>
          <Card title='督导看板'>
            <Line tone='soft'>截至 {formatChinaDate(data.today)}。点任何数字，看它背后的人员名单。</Line>
          </Card>
          <Button className='big-button' onClick={() => Taro.navigateTo({ url: ROUTES.bulletins })}>通报：预览、发布、下载</Button>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.assessment })}>考核：各单位按期办结情况</Button>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.referrals })}>户籍不在本市的转出人员</Button>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.invites })}>邀请工作人员</Button>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.supervisorAudit })}>工作人员的操作记录</Button>
          <ConcernBoardCard />
          <Card title='进度预警'>
            {flagged.length === 0 && <Line>按目前进度，各单位都能按期办完。</Line>}
            {flagged.map((f) => (
              <Line key={f.key} tone='alert'>{f.name}：{f.headline}</Line>
            ))}
          </Card>
          {loaded && (
            <Card title='全市未办完事项的变化'>
              <BurnDownChart burnDown={loaded.burnDown} />
            </Card>
          )}
          <CityStages board={data} />
          <Card title='各单位进度（逾期多的在前）'>
            {data.units.map((u) => (
              <UnitBarCard key={u.key} bar={u} forecast={forecastOf(u.key)} />
            ))}
          </Card>
          <StageBySide board={data} />
          <ReachBySide board={data} />
          <Enterprises board={data} />
          <Card title='各社区的移交协议'>
            {data.communityAgreements.map((c) => (
              <Line key={c.communityId}>{c.name}：等社区签字 {c.awaitingCommunity} 份，等企业盖章 {c.awaitingEnterprise} 份</Line>
            ))}
          </Card>
        </>
      )}
    </Screen>
  )
}

/** Every stage of the plan, city-wide: its deadline, who answers for it, and its four figures. */
function CityStages({ board }: { board: BoardView }) {
  return (
    <Card title='全市各环节'>
      {board.stages.map((s) => (
        <View key={s.id} className='unit'>
          <Line tone={s.city.overdue > 0 ? 'alert' : undefined}>{s.name}</Line>
          <Line tone='soft'>
            {s.responsibleName}负责{s.deadline ? ` · ${formatChinaDate(s.deadline)}截止` : ''}
            {s.daysAfterOpening !== null ? ` · 新退休人员开案后${s.daysAfterOpening}天内` : ''}
          </Line>
          <CountsBar counts={s.city} />
          <FigureButtons counts={s.city} drill={{ side: 'city', stage: s.id, label: `全市 · ${s.name}` }} />
        </View>
      ))}
    </Card>
  )
}

/** The stage × enterprise and stage × community tables, one stage at a time: a list of units with their four figures. */
function StageBySide({ board }: { board: BoardView }) {
  const [side, setSide] = useState<Side>('enterprise')
  const [stageIndex, setStageIndex] = useState(0)
  const stage = board.stages[stageIndex]
  const rows = side === 'enterprise' ? board.byEnterprise : board.byCommunity
  if (!stage) return null
  return (
    <Card title='按环节看各企业、各社区'>
      <View className='tiles'>
        {(['enterprise', 'community'] as const).map((s) => (
          <Button key={s} className={side === s ? 'big-button tile' : 'big-button plain-button tile'} aria-pressed={side === s} onClick={() => setSide(s)}>
            {SIDE_NAMES[s]}
          </Button>
        ))}
      </View>
      <Line tone='soft'>选一个环节：</Line>
      {board.stages.map((s, i) => (
        <Button key={s.id} className={i === stageIndex ? 'pick picked' : 'pick'} aria-pressed={i === stageIndex} onClick={() => setStageIndex(i)}>
          {i === stageIndex ? '✓ ' : ''}{s.name}{s.city.overdue > 0 ? `（逾期 ${s.city.overdue}）` : ''}
        </Button>
      ))}
      {rows.length === 0 && <Line>还没有人员。</Line>}
      {rows.map((r) => {
        const counts = r.stages[stageIndex]
        return counts ? (
          <View key={r.orgId} className='unit'>
            <Line tone={counts.overdue > 0 ? 'alert' : undefined}>{r.name} · {stage.name}</Line>
            <FigureButtons counts={counts} drill={{ side, orgId: r.orgId, stage: stage.id, label: `${r.name} · ${stage.name}` }} />
          </View>
        ) : null
      })}
    </Card>
  )
}

/** Each enterprise's other figures (plan 四（二）—（五）): people still to move, agreements, assets and out-of-pool expenses. */
function Enterprises({ board }: { board: BoardView }) {
  const stageAt = (id: string) => board.stages.findIndex((s) => s.id === id)
  return (
    <Card title='各企业其他情况'>
      {board.enterprises.map((e) => {
        const row = board.byEnterprise.find((r) => r.orgId === e.enterpriseId)
        return (
          <View key={e.enterpriseId} className='unit'>
            <Line>{e.name}</Line>
            <Button className='pick' onClick={() => Taro.navigateTo({ url: `${ROUTES.supervisorEnterprise}?id=${e.enterpriseId}&name=${encodeURIComponent(e.name)}` })}>
              看 {e.name} 的移交方案、维稳方案和资产
            </Button>
            {(
              [
                ['materials', '材料未齐', e.materialsIncomplete],
                ['personnelFile', '档案未移交', e.filesNotTransferred],
                ['partyRelation', '党组织关系未转', e.partyNotTransferred],
              ] as const
            ).map(([stage, words, n]) => {
              const counts = row?.stages[stageAt(stage)]
              const label = `${e.name} · ${board.stages[stageAt(stage)]?.name ?? words}`
              return (
                <View key={stage}>
                  <Line>{words} {n} 人</Line>
                  {counts && n > 0 && (
                    <View className='tiles figures'>
                      {(['open', 'waiting'] as const).map((state) => (
                        <Button key={state} className='pick figure' aria-label={`${label} ${STATE_NAMES[state]} ${counts[state]} 人，看名单`} onClick={() => Taro.navigateTo({ url: drillUrl({ side: 'enterprise', orgId: e.enterpriseId, stage, state, label }) })}>
                          {STATE_NAMES[state]} {counts[state]}
                        </Button>
                      ))}
                    </View>
                  )}
                </View>
              )
            })}
            <Line>协议等社区签字 {e.agreementsAwaitingCommunity} 份，等企业盖章 {e.agreementsAwaitingEnterprise} 份</Line>
            <Line tone={e.assetsOverdue > 0 ? 'alert' : undefined}>资产等审批 {e.assetsAwaitingApproval} 项，未完成划转 {e.assetsOpen} 项{e.assetsOverdue > 0 ? `（已逾期 ${e.assetsOverdue} 项）` : ''}</Line>
            <Line>统筹外费用 {e.expenseItems} 项：每月 {yuan(e.expenseMonthlyFen)}，一次性 {yuan(e.expenseOneTimeFen)}</Line>
          </View>
        )
      })}
    </Card>
  )
}

/** Reachability (issue 14): for each enterprise or each receiving community, how its retirees can be reached. */
function ReachBySide({ board }: { board: BoardView }) {
  const [side, setSide] = useState<Side>('community')
  const [shares, setShares] = useState<Record<string, ReachShares>>({})
  const [failed, setFailed] = useState(false)
  const rows = side === 'enterprise' ? board.byEnterprise : board.byCommunity
  useEffect(() => {
    let live = true
    setShares({})
    setFailed(false)
    // One unit per request: each reads only that unit's retirees.
    Promise.all(rows.map((r) => callCloud('reach.shares', { side, orgId: r.orgId })))
      .then((all) => live && setShares(Object.fromEntries(all.map((x) => [x.orgId, x]))))
      .catch(() => live && setFailed(true))
    return () => {
      live = false
    }
  }, [side, rows])
  return (
    <Card title='联系渠道：本人微信、亲属微信、短信、只能上门' id='reach-shares'>
      <View className='tiles'>
        {(['community', 'enterprise'] as const).map((s) => (
          <Button key={s} className={side === s ? 'big-button tile' : 'big-button plain-button tile'} aria-pressed={side === s} onClick={() => setSide(s)}>
            {SIDE_NAMES[s]}
          </Button>
        ))}
      </View>
      <Line tone='soft'>每人只算一次，按能联系上的最好方式算；微信以 30 天内打开过小程序为准。</Line>
      {failed && <Line tone='alert'>读取联系渠道失败，请稍后再试。</Line>}
      {!failed && rows.length > 0 && Object.keys(shares).length === 0 && <Line tone='soft'>正在统计…</Line>}
      {rows.map((r) => (shares[r.orgId] ? <ReachSharesLines key={r.orgId} name={r.name} shares={shares[r.orgId]} /> : null))}
    </Card>
  )
}
