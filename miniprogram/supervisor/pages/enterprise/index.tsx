import { useCallback } from 'react'
import { useRouter } from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { AssetList } from '../../../components/AssetList'
import { PlanCards } from '../../../components/PlanLines'
import { NoticeStanding, OpinionList } from '../../../components/NoticeOpinions'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

/**
 * The office reads one enterprise's 移交方案 and 维稳方案 and the assets it hands over (from the board's
 * enterprise row) with the read counts and opinions of its 公示, and marks a financial enterprise that has its own rules (另有规定, plan 一（四）).
 */
export default function SupervisorEnterprisePage() {
  const { id = '', name = '' } = useRouter().params
  const load = useCallback(async () => {
    const [plan, rules, notice] = await Promise.all([callCloud('plan.get', { enterpriseId: id }), callCloud('roster.ownRules', { enterpriseId: id }), callCloud('notice.get', { enterpriseId: id })])
    return { plan, rules, notice }
  }, [id])
  const { data, error, reload } = useCloudData(load)
  const { notice, act } = useAction(reload)
  const mark = (ownRules: boolean) =>
    act(
      () => callCloud('roster.markOwnRules', { enterpriseId: id, ownRules }),
      (r) => `${ownRules ? '已标记为另有规定' : '已取消另有规定的标记'}，已按新的标记重新核对 ${r.casesRead} 人的移交范围。`,
    )
  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='enterprise-message' />
      <Card title={data?.rules.name || decodeURIComponent(name) || id}>
        <Line tone='soft'>只读：方案由企业填写</Line>
      </Card>
      {data && (
        <Card title='金融企业退休人员'>
          <Line>{data.rules.ownRules ? '已标记为另有规定：按其规定办理，不参加这次移交。' : '没有标记另有规定：和其他退休人员一样移交。'}</Line>
          <Line tone='soft'>方案一（四）：金融企业退休人员管理工作，另有规定的依其规定执行。</Line>
          <Button className='big-button plain-button' onClick={() => mark(!data.rules.ownRules)}>
            {data.rules.ownRules ? '取消另有规定的标记' : '标记为另有规定'}
          </Button>
        </Card>
      )}
      {data && <PlanCards plan={data.plan} />}
      {data && <NoticeStanding view={data.notice} />}
      {data?.notice.notice && <OpinionList enterpriseId={id} />}
      <AssetList enterpriseId={id} title='这家企业的资产划转' />
    </Screen>
  )
}
