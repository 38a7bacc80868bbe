import { useCallback, useState } from 'react'
import { Button, Input } from '@tarojs/components'
import { EXPENSE_METHODS, type ExpenseMethod } from '../../../../shared/Workstreams'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

const yuan = (fen: number) => (fen / 100).toFixed(2)

/** The enterprise's out-of-pool expense ledger (assets and the plans have screens of their own). */
export default function LedgerPage() {
  const load = useCallback(async () => Promise.all([callCloud('expenses.list', {})]), [])
  const { data, error, reload } = useCloudData(load)
  const { notice, act } = useAction(reload)
  const [expense, setExpense] = useState({ caseId: '', item: '', yuan: '', method: 'accrual' as ExpenseMethod, startedOn: '2015-01-01', consent: false })

  const fen = Math.round(Number(expense.yuan) * 100)
  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='ledger-message' />
      {data && (
        <>
          <Card title='统筹外费用'>
            {data[0].items.map((x) => (
              <Line key={x.id}>{x.caseId} {x.item} 每月 {yuan(x.monthlyStandardFen)} 元 · {EXPENSE_METHODS[x.method]}</Line>
            ))}
            <Input className='input' aria-label='人员编号' placeholder='人员编号，如 case-0001' value={expense.caseId} onInput={(e) => setExpense({ ...expense, caseId: e.detail.value })} />
            <Input className='input' aria-label='费用项目' placeholder='费用项目，如 取暖补贴' value={expense.item} onInput={(e) => setExpense({ ...expense, item: e.detail.value })} />
            <Input className='input' aria-label='每月标准（元）' placeholder='每月标准（元）' type='digit' value={expense.yuan} onInput={(e) => setExpense({ ...expense, yuan: e.detail.value })} />
            <Input className='input' aria-label='开始发放日期' placeholder='开始发放日期 2015-01-01' value={expense.startedOn} onInput={(e) => setExpense({ ...expense, startedOn: e.detail.value })} />
            {(Object.keys(EXPENSE_METHODS) as ExpenseMethod[]).map((m) => (
              <Button key={m} className={expense.method === m ? 'pick picked' : 'pick'} aria-pressed={expense.method === m} onClick={() => setExpense({ ...expense, method: m })}>
                {expense.method === m ? '✓ ' : ''}{EXPENSE_METHODS[m]}
              </Button>
            ))}
            {expense.method === 'lifeExpectancy' && (
              <Button className={expense.consent ? 'pick picked' : 'pick'} aria-pressed={expense.consent} onClick={() => setExpense({ ...expense, consent: !expense.consent })}>
                {expense.consent ? '✓ ' : ''}已和本人协商一致
              </Button>
            )}
            <Button
              className='big-button plain-button'
              onClick={() =>
                act(
                  () =>
                    callCloud('expenses.save', {
                      expense: { caseId: expense.caseId, item: expense.item, method: expense.method, monthlyStandardFen: fen, oneTimeAmountFen: expense.method === 'lifeExpectancy' ? fen * 12 * 10 : null, retireeConsent: expense.consent, startedOn: expense.startedOn, transitionEndsOn: null },
                    }),
                  '费用已登记。',
                )
              }
            >
              登记费用
            </Button>
          </Card>
        </>
      )}
    </Screen>
  )
}
