import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { NOTICE_STEPS_MAX, NOTICE_TEXT_MAX, type NoticeSummary } from '../../../../shared/PlanNotice'
import type { EnterprisePlan } from '../../../../shared/Workstreams'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { NoticeStanding } from '../../../components/NoticeOpinions'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'

type Step = { step: string; by: string }

/** The form starts from the edition published last, or else from the 移交方案's own steps. */
const formOf = (last: NoticeSummary | null, plan: EnterprisePlan | null) => ({
  changes: last?.changes ?? '',
  unchanged: last?.unchanged ?? '',
  steps: (last?.steps ?? plan?.transferPlan?.steps ?? [{ step: '', by: '' }]) as Step[],
})

/**
 * 公告公示 (plan 五（一）3): the enterprise publishes to its retirees what changes for them, what
 * does not, and the timetable; publishing again makes a new edition every retiree sees again.
 */
export default function EnterpriseNoticePage() {
  const load = useCallback(async () => {
    const [view, plan] = await Promise.all([callCloud('notice.get', {}), callCloud('plan.get', {})])
    return { view, plan }
  }, [])
  const { data, error, reload } = useCloudData(load)
  const { notice, act, busy } = useAction(reload)
  const [form, setForm] = useState(formOf(null, null))
  const [closesOn, setClosesOn] = useState('')
  useEffect(() => {
    setForm(formOf(data?.view.notice?.summary ?? null, data?.plan ?? null))
    setClosesOn(data?.view.notice?.feedbackClosesOn ?? '')
  }, [data])
  const setStep = (i: number, patch: Partial<Step>) => setForm({ ...form, steps: form.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const current = data?.view.notice
  const publish = () =>
    act(
      () =>
        callCloud('notice.publish', {
          summary: { changes: form.changes, unchanged: form.unchanged, steps: form.steps.filter((s) => s.step.trim() || s.by.trim()).map((s) => ({ step: s.step, by: s.by.trim() })) },
          feedbackClosesOn: closesOn.trim(),
          ...(current ? { expectedEdition: current.edition } : {}),
        }),
      (v) => `已公示第 ${v.notice?.edition ?? 1} 版。每位退休人员会在首页看到，消息随后发出。`,
    )
  return (
    <Screen error={error} loading={!data}>
      {data && (
        <>
          <NoticeStanding view={data.view} />
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.enterpriseOpinions })}>看意见并答复</Button>
          <Card title={current ? `重新公示（将是第${current.edition + 1}版，退休人员要重新看）` : '公示移交方案'} id='notice-form'>
            <Line tone='soft'>移交后，对退休人员有哪些变化</Line>
            <Textarea className='input textarea' aria-label='移交后有哪些变化' placeholder='移交后有哪些变化' maxlength={NOTICE_TEXT_MAX} value={form.changes} onInput={(e) => setForm({ ...form, changes: e.detail.value })} />
            <Line tone='soft'>哪些不变</Line>
            <Textarea className='input textarea' aria-label='哪些不变' placeholder='哪些不变' maxlength={NOTICE_TEXT_MAX} value={form.unchanged} onInput={(e) => setForm({ ...form, unchanged: e.detail.value })} />
            <Line>时间安排（按时间先后）：</Line>
            {form.steps.map((s, i) => (
              <View key={i}>
                <Input className='input' aria-label={`第${i + 1}步做什么`} placeholder={`第${i + 1}步做什么`} value={s.step} onInput={(e) => setStep(i, { step: e.detail.value })} />
                <Input className='input' aria-label={`第${i + 1}步完成日期`} placeholder={`第${i + 1}步完成日期，如 2020-03-31`} value={s.by} onInput={(e) => setStep(i, { by: e.detail.value })} />
              </View>
            ))}
            {form.steps.length < NOTICE_STEPS_MAX && (
              <Button className='big-button plain-button' onClick={() => setForm({ ...form, steps: [...form.steps, { step: '', by: '' }] })}>再加一步</Button>
            )}
            <Line tone='soft'>意见反馈截止日期</Line>
            <Input className='input' aria-label='意见反馈截止日期' placeholder='意见反馈截止日期，如 2020-04-10' value={closesOn} onInput={(e) => setClosesOn(e.detail.value)} />
          </Card>
          <NoticeLine notice={notice} id='notice-publish-message' />
          <Button className='big-button' onClick={() => busy || void publish()}>{current ? '重新公示' : '公示给全体退休人员'}</Button>
        </>
      )}
    </Screen>
  )
}
