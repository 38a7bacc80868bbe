import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { Card, Line, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'
import { OwnStandingCard } from '../../../components/Standing'

export default function EnterpriseHome() {
  const load = useCallback(async () => Promise.all([callCloud('session.me', {}), callCloud('case.list', { limit: 50 })]), [])
  const { data, error } = useCloudData(load)
  const menu = [
    ['工作消息', ROUTES.staffMessages],
    ['名册导入（摸底造册）', ROUTES.enterpriseImport],
    ['移交协议', ROUTES.enterpriseAgreements],
    ['更正申请', ROUTES.enterpriseCorrections],
    ['统筹外费用', ROUTES.enterpriseLedger],
    ['资产划转', ROUTES.enterpriseAssets],
    ['移交方案和维稳方案', ROUTES.enterprisePlan],
    ['兼职、出国（境）审批（军工、涉密人员出国）', ROUTES.staffApprovals],
    ['移交方案公示和意见', ROUTES.enterpriseNotice],
    ['诉求答复', ROUTES.workerConcerns],
    ['维稳情况记录', ROUTES.enterpriseIncidents],
  ] as const
  return (
    <Screen error={error} loading={!data} homeButton={false}>
      {data && (
        <>
          <Card title={data[0].name}>
            <Line tone='soft'>{data[0].orgName} · 今天 {formatChinaDate(data[0].today)}</Line>
          </Card>
          <OwnStandingCard />
          {menu.map(([label, url]) => (
            <Button key={url} className='big-button' onClick={() => Taro.navigateTo({ url })}>{label}</Button>
          ))}
          <Card title='本企业的退休人员'>
            {data[1].items.map((c) => (
              <Button key={c.id} className='pick' onClick={() => Taro.navigateTo({ url: `${ROUTES.workerCase}?id=${c.id}` })}>
                {c.name}　{c.currentStageName}{c.overdue ? '（已逾期）' : ''}
              </Button>
            ))}
          </Card>
        </>
      )}
    </Screen>
  )
}
