import { useCallback } from 'react'
import { useRouter } from '@tarojs/taro'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { AssetList } from '../../../components/AssetList'
import { PlanCards } from '../../../components/PlanLines'
import { Card, Line, Screen } from '../../../components/Screen'

/** The office reads one enterprise's 移交方案 and 维稳方案, and the assets it hands over (from the board's enterprise row). */
export default function SupervisorEnterprisePage() {
  const { id = '', name = '' } = useRouter().params
  const { data, error } = useCloudData(useCallback(async () => ({ plan: await callCloud('plan.get', { enterpriseId: id }) }), [id]))
  return (
    <Screen error={error} loading={!data}>
      <Card title={decodeURIComponent(name) || id}>
        <Line tone='soft'>只读：方案由企业填写</Line>
      </Card>
      {data && <PlanCards plan={data.plan} />}
      <AssetList enterpriseId={id} title='这家企业的资产划转' />
    </Screen>
  )
}
