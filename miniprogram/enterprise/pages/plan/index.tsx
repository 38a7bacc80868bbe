import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { PLAN_STEPS_MAX, PLAN_TEXT_MAX } from '../../../../shared/HandoverPlans'
import type { EnterprisePlan } from '../../../../shared/Workstreams'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'

type Texts = Record<'scope' | 'basics' | 'content' | 'partyMembers' | 'venues' | 'assessment' | 'contingency' | 'transferPlanOn' | 'stabilityPlanOn' | 'noticePublishedOn' | 'feedbackClosedOn' | 'contactName' | 'contactPhone', string>

const formOf = (p: EnterprisePlan | null): { texts: Texts; steps: Array<{ step: string; by: string }> } => ({
  texts: {
    scope: p?.transferPlan?.scope ?? '',
    basics: p?.transferPlan?.basics ?? '',
    content: p?.transferPlan?.content ?? '',
    partyMembers: p?.transferPlan?.partyMembers ?? '',
    venues: p?.transferPlan?.venues ?? '',
    assessment: p?.stabilityPlan?.assessment ?? '',
    contingency: p?.stabilityPlan?.contingency ?? '',
    transferPlanOn: p?.transferPlanOn ?? '',
    stabilityPlanOn: p?.stabilityPlanOn ?? '',
    noticePublishedOn: p?.noticePublishedOn ?? '',
    feedbackClosedOn: p?.feedbackClosedOn ?? '',
    contactName: p?.stabilityContact?.name ?? '',
    contactPhone: p?.stabilityContact?.phone ?? '',
  },
  steps: p?.transferPlan?.steps.length ? p.transferPlan.steps : [{ step: '', by: '' }],
})

const orNull = (s: string) => (s.trim() ? s.trim() : null)

/**
 * The enterprise writes its 移交方案 (scope, situation, content, steps and timetable, party members,
 * venues) and its 维稳方案 (assessment, contact person, contingency plan): plan 五（一）1（3）.
 * The office reads them from the board.
 */
export default function EnterprisePlanPage() {
  const { data, error, reload } = useCloudData(useCallback(async () => ({ plan: await callCloud('plan.get', {}) }), []))
  const { notice, act } = useAction(reload)
  const [form, setForm] = useState(formOf(null))
  useEffect(() => setForm(formOf(data?.plan ?? null)), [data])
  const t = form.texts
  const set = (patch: Partial<Texts>) => setForm({ ...form, texts: { ...t, ...patch } })
  // Each field keeps its name above it: a filled field shows no placeholder.
  const text = (key: keyof Texts, label: string) => (
    <View>
      <Line tone='soft'>{label}</Line>
      <Textarea className='input textarea' aria-label={label} placeholder={label} maxlength={PLAN_TEXT_MAX} value={t[key]} onInput={(e) => set({ [key]: e.detail.value })} />
    </View>
  )
  const line = (key: keyof Texts, label: string) => (
    <View>
      <Line tone='soft'>{label}</Line>
      <Input className='input' aria-label={label} placeholder={label} value={t[key]} onInput={(e) => set({ [key]: e.detail.value })} />
    </View>
  )
  const setStep = (i: number, patch: Partial<{ step: string; by: string }>) => setForm({ ...form, steps: form.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const steps = form.steps.filter((s) => s.step.trim() || s.by.trim())
  const transferWritten = [t.scope, t.basics, t.content, t.partyMembers, t.venues].some((x) => x.trim()) || steps.length > 0
  const stabilityWritten = Boolean(t.assessment.trim() || t.contingency.trim())
  const save = () =>
    act(
      () =>
        callCloud('plan.save', {
          ...(data?.plan ? { expectedVersion: data.plan.version } : {}),
          plan: {
            transferPlanOn: orNull(t.transferPlanOn),
            stabilityPlanOn: orNull(t.stabilityPlanOn),
            stabilityContact: t.contactName.trim() || t.contactPhone.trim() ? { name: t.contactName.trim(), phone: t.contactPhone.trim() } : null,
            noticePublishedOn: orNull(t.noticePublishedOn),
            feedbackClosedOn: orNull(t.feedbackClosedOn),
            transferPlan: transferWritten ? { scope: t.scope, basics: t.basics, content: t.content, steps: steps.map((s) => ({ step: s.step, by: s.by.trim() })), partyMembers: t.partyMembers, venues: t.venues } : null,
            stabilityPlan: stabilityWritten ? { assessment: t.assessment, contingency: t.contingency } : null,
          },
        }),
      (saved) => `方案已保存（第 ${saved.version} 版）。`,
    )
  return (
    <Screen error={error} loading={!data}>
      {data && (
        <>
          <Card title='移交方案' id='transfer-plan-form'>
            {line('transferPlanOn', '移交方案制定日期')}
            {text('scope', '移交退休人员的范围')}
            {text('basics', '退休人员的基本情况')}
            {text('content', '移交内容')}
            <Line>移交步骤和时间安排（按时间先后）：</Line>
            {form.steps.map((s, i) => (
              <View key={i}>
                <Input className='input' aria-label={`第${i + 1}步做什么`} placeholder={`第${i + 1}步做什么`} value={s.step} onInput={(e) => setStep(i, { step: e.detail.value })} />
                <Input className='input' aria-label={`第${i + 1}步完成日期`} placeholder={`第${i + 1}步完成日期，如 2020-03-31`} value={s.by} onInput={(e) => setStep(i, { by: e.detail.value })} />
              </View>
            ))}
            {form.steps.length < PLAN_STEPS_MAX && (
              <Button className='big-button plain-button' onClick={() => setForm({ ...form, steps: [...form.steps, { step: '', by: '' }] })}>再加一步</Button>
            )}
            {text('partyMembers', '退休人员中的党员情况')}
            {text('venues', '活动场地移交情况')}
            {/* Set by publishing the 公示 (its own page): kept here as stored. */}
            <Line>公告公示：{t.noticePublishedOn ? `${t.noticePublishedOn}，意见反馈截止 ${t.feedbackClosedOn}` : '还没有公示'}</Line>
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.enterpriseNotice })}>公示给退休人员、看意见</Button>
          </Card>
          <Card title='维稳方案' id='stability-plan-form'>
            {line('stabilityPlanOn', '维稳方案制定日期')}
            {text('assessment', '情况预判')}
            {line('contactName', '维稳联系人')}
            {line('contactPhone', '联系人电话')}
            {text('contingency', '维稳预案')}
          </Card>
          <NoticeLine notice={notice} id='plan-message' />
          <Button className='big-button' onClick={() => void save()}>保存两个方案</Button>
        </>
      )}
    </Screen>
  )
}
