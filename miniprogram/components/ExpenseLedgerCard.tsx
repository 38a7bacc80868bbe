import { useState } from 'react'
import { Button, Input } from '@tarojs/components'
import type { ExpenseLedgerView } from '../../shared/ExpenseLedger'
import { EXPENSE_METHODS, type EnterprisePlan, type ExpenseItem, type ExpenseMethod } from '../../shared/Workstreams'
import { callCloud } from '../services/cloud'
import { Card, Line } from './Screen'

const yuan = (fen: number) => (fen / 100).toFixed(2)
const fenOf = (text: string) => Math.round(Number(text) * 100)

type Act = (run: () => Promise<unknown>, done: string) => void

const NO_PLAN = { transferPlanOn: null, stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null, transferPlan: null, stabilityPlan: null }

/** The enterprise's transition (in its 移交方案), the yearly totals of its transition, its accruals and its out-of-pool items (plan 四（五）). */
export function ExpenseLedgerCard({ ledger, items, plan, act }: { ledger: ExpenseLedgerView; items: ExpenseItem[]; plan: EnterprisePlan | null; act: Act }) {
  const { rules, transition } = ledger
  const [dates, setDates] = useState({ startsOn: plan?.transitionStartsOn ?? '', endsOn: plan?.transitionEndsOn ?? '' })
  const [expense, setExpense] = useState({ caseId: '', item: '', yuan: '', oneTimeYuan: '', method: 'accrual' as ExpenseMethod, startedOn: '2019-12-01', consent: false })
  const [accrual, setAccrual] = useState({ on: '', yuan: '', note: '' })
  const savePlan = () => {
    const { id: _id, version, ...kept } = plan ?? { ...NO_PLAN, id: '', version: undefined }
    const next = { ...kept, transitionStartsOn: dates.startsOn || null, transitionEndsOn: dates.endsOn || null }
    act(() => callCloud('plan.save', { ...(version ? { expectedVersion: version } : {}), plan: next }), '过渡期已保存。')
  }
  const saveExpense = () => {
    const { caseId, item, method, startedOn, consent } = expense
    const monthlyStandardFen = method === 'entitlementLumpSum' ? 0 : fenOf(expense.yuan)
    const oneTimeAmountFen = method === 'entitlementLumpSum' ? fenOf(expense.oneTimeYuan) : null
    act(() => callCloud('expenses.save', { expense: { caseId, item, method, monthlyStandardFen, oneTimeAmountFen, retireeConsent: consent, startedOn } }), '费用已登记。')
  }
  return (
    <>
      <Card title='统筹外费用过渡期' id='expense-transition'>
        <Line>{transition ? `本企业过渡期：${transition.startsOn} 至 ${transition.endsOn}` : '还没有填写过渡期的开始日期。'}</Line>
        <Line tone='soft'>方案规定过渡期原则上不超过{rules.transitionYears}年，开始日期由企业在移交方案中确定；结束日期不填就按满{rules.transitionYears}年算。</Line>
        <Input className='input' aria-label='过渡期开始日期' placeholder='过渡期开始日期，如 2020-01-01' value={dates.startsOn} onInput={(e) => setDates({ ...dates, startsOn: e.detail.value })} />
        <Input className='input' aria-label='过渡期结束日期' placeholder='过渡期结束日期（可不填）' value={dates.endsOn} onInput={(e) => setDates({ ...dates, endsOn: e.detail.value })} />
        <Button className='big-button plain-button' onClick={savePlan}>保存过渡期</Button>
      </Card>
      <Card title='过渡期内退休人员的费用（按年合计）' id='expense-years'>
        {ledger.yearlyFen.length === 0 && <Line>还没有登记过渡期内退休人员的费用。</Line>}
        {ledger.yearlyFen.map((fen, i) => (
          <Line key={i}>第{i + 1}年退休的人员：每年合计 {yuan(fen)} 元</Line>
        ))}
        <Line tone='soft'>每一年的合计要比上一年少（逐步减少），否则不能登记。</Line>
      </Card>
      <Card title='一次性计提' id='expense-accruals'>
        {ledger.accruals.map((a) => (
          <Line key={a.id}>{a.on} 计提 {yuan(a.amountFen)} 元 {a.note}</Line>
        ))}
        <Line>合计 {yuan(ledger.accruedFen)} 元</Line>
        <Input className='input' aria-label='计提日期' placeholder='计提日期，如 2019-12-31' value={accrual.on} onInput={(e) => setAccrual({ ...accrual, on: e.detail.value })} />
        <Input className='input' aria-label='计提金额（元）' placeholder='计提金额（元）' type='digit' value={accrual.yuan} onInput={(e) => setAccrual({ ...accrual, yuan: e.detail.value })} />
        <Input className='input' aria-label='计提说明' placeholder='说明，如 取暖费' value={accrual.note} onInput={(e) => setAccrual({ ...accrual, note: e.detail.value })} />
        <Button className='big-button plain-button' onClick={() => act(() => callCloud('expenses.accrue', { accrual: { on: accrual.on, amountFen: fenOf(accrual.yuan), note: accrual.note } }), '计提已登记。')}>
          登记计提
        </Button>
      </Card>
      <Card title='统筹外费用' id='expense-items'>
        {items.map((x) => (
          <Line key={x.id}>
            {x.caseId} {x.item} {x.method === 'entitlementLumpSum' ? '' : `每月 ${yuan(x.monthlyStandardFen)} 元`}{x.oneTimeAmountFen === null ? '' : ` 一次性 ${yuan(x.oneTimeAmountFen)} 元`} · {EXPENSE_METHODS[x.method]}
          </Line>
        ))}
        <Input className='input' aria-label='人员编号' placeholder='人员编号，如 case-0001' value={expense.caseId} onInput={(e) => setExpense({ ...expense, caseId: e.detail.value })} />
        <Input className='input' aria-label='费用项目' placeholder='费用项目，如 取暖补贴' value={expense.item} onInput={(e) => setExpense({ ...expense, item: e.detail.value })} />
        <Input className='input' aria-label='开始发放日期' placeholder='开始发放日期 2019-12-01' value={expense.startedOn} onInput={(e) => setExpense({ ...expense, startedOn: e.detail.value })} />
        {(Object.keys(EXPENSE_METHODS) as ExpenseMethod[]).map((m) => (
          <Button key={m} className={expense.method === m ? 'pick picked' : 'pick'} aria-pressed={expense.method === m} onClick={() => setExpense({ ...expense, method: m })}>
            {expense.method === m ? '✓ ' : ''}{EXPENSE_METHODS[m]}
          </Button>
        ))}
        {expense.method === 'entitlementLumpSum' ? (
          <Input className='input' aria-label='一次性支付金额（元）' placeholder='一次性支付金额（元）' type='digit' value={expense.oneTimeYuan} onInput={(e) => setExpense({ ...expense, oneTimeYuan: e.detail.value })} />
        ) : (
          <Input className='input' aria-label='每月标准（元）' placeholder='每月标准（元）' type='digit' value={expense.yuan} onInput={(e) => setExpense({ ...expense, yuan: e.detail.value })} />
        )}
        {expense.method === 'lifeExpectancy' && (
          <>
            <Line tone='soft'>
              一次性支付金额按每月标准，算到我市人口平均预期寿命 {rules.lifeExpectancy.years} 岁（来源：{rules.lifeExpectancy.source}）。
            </Line>
            <Button className={expense.consent ? 'pick picked' : 'pick'} aria-pressed={expense.consent} onClick={() => setExpense({ ...expense, consent: !expense.consent })}>
              {expense.consent ? '✓ ' : ''}已和本人协商一致
            </Button>
          </>
        )}
        <Button className='big-button plain-button' onClick={saveExpense}>登记费用</Button>
      </Card>
    </>
  )
}
