import { View } from '@tarojs/components'
import { formatChinaDate } from '../../shared/ChinaTime'
import type { EnterprisePlan } from '../../shared/Workstreams'
import { Card, Line } from './Screen'

const day = (d: string | null) => (d ? formatChinaDate(d) : '未填')

/** An enterprise's 移交方案 and 维稳方案 in words, for reading (plan 五（一）1（3））. */
export function PlanCards({ plan }: { plan: EnterprisePlan | null }) {
  if (!plan) return <Card title='移交方案和维稳方案'><Line>这家企业还没有填写。</Line></Card>
  const t = plan.transferPlan
  const s = plan.stabilityPlan
  return (
    <View>
      <Card title='移交方案' id='transfer-plan'>
        <Line tone='soft'>制定日期：{day(plan.transferPlanOn)} · 第 {plan.version} 版</Line>
        {t ? (
          <>
            <Line>移交范围：{t.scope}</Line>
            <Line>基本情况：{t.basics}</Line>
            <Line>移交内容：{t.content}</Line>
            <Line>移交步骤和时间安排：</Line>
            {t.steps.map((x, i) => <Line key={i}>{i + 1}. {x.step}（{formatChinaDate(x.by)}前）</Line>)}
            <Line>党员情况：{t.partyMembers}</Line>
            <Line>活动场地移交：{t.venues}</Line>
          </>
        ) : (
          <Line>内容还没有填写。</Line>
        )}
        <Line tone='soft'>公告公示：{day(plan.noticePublishedOn)}；意见反馈截止：{day(plan.feedbackClosedOn)}</Line>
      </Card>
      <Card title='维稳方案' id='stability-plan'>
        <Line tone='soft'>制定日期：{day(plan.stabilityPlanOn)}</Line>
        <Line>维稳联系人：{plan.stabilityContact ? `${plan.stabilityContact.name} ${plan.stabilityContact.phone}` : '未填'}</Line>
        {s ? (
          <>
            <Line>情况预判：{s.assessment}</Line>
            <Line>维稳预案：{s.contingency}</Line>
          </>
        ) : (
          <Line>情况预判和维稳预案还没有填写。</Line>
        )}
      </Card>
    </View>
  )
}
