import { useCallback } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { formatChinaDate, formatChinaDateTime } from '../../../../shared/ChinaTime'
import { ROLE_NAMES } from '../../../../shared/Role'
import type { StageStatus } from '../../../../shared/Views'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { Card, Line, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'

const STATUS_NAMES: Record<StageStatus, string> = { done: '已办完', open: '正在办', waiting: '等前一环节', notApplicable: '不需要办' }

/** One case for the office, read-only: where each stage stands and everything done on it, in time order. */
export default function BoardCasePage() {
  const id = useRouter().params.id ?? ''
  const load = useCallback(() => callCloud('case.get', { caseId: id }), [id])
  const { data, error } = useCloudData(load)
  const c = data?.case
  return (
    <Screen error={error} loading={!data}>
      {data && c && (
        <>
          <Card title={c.name}>
            <Line>身份证：{c.idNumberMasked}</Line>
            <Line>电话：{data.phone}</Line>
            <Line>原单位：{data.enterpriseName}</Line>
            <Line>接收社区：{data.receivingCommunityName}</Line>
            <Line>当前环节：{c.currentStageName}{c.nextDeadline ? `（截止 ${formatChinaDate(c.nextDeadline)}）` : ''}{c.overdue ? '，已逾期' : ''}</Line>
          </Card>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: `${ROUTES.supervisorAudit}?caseId=${c.id}` })}>查看操作记录</Button>
          <Card title='各环节'>
            {data.stages.map((s) => (
              <View key={s.id} className='unit'>
                <Line tone={s.overdue ? 'alert' : s.status === 'done' ? 'ok' : undefined}>{s.name}：{STATUS_NAMES[s.status]}{s.overdue ? '，已逾期' : ''}</Line>
                <Line tone='soft'>
                  {s.responsibleName}负责{s.deadline ? ` · ${formatChinaDate(s.deadline)}截止` : ''}{s.completedAt ? ` · ${formatChinaDateTime(s.completedAt)}办完` : ''}
                </Line>
                {s.note && <Line tone='soft'>{s.note}</Line>}
              </View>
            ))}
          </Card>
          <Card title='办理经过'>
            {data.history.length === 0 && <Line>还没有办理记录。</Line>}
            {data.history.map((h, i) => (
              <View key={i} className='unit'>
                <Line>{h.name}</Line>
                <Line tone='soft'>{formatChinaDateTime(h.at)} · {ROLE_NAMES[h.role]}</Line>
              </View>
            ))}
          </Card>
        </>
      )}
    </Screen>
  )
}
