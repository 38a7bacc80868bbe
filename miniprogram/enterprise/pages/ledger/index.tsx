import { useCallback } from 'react'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { ExpenseLedgerCard } from '../../../components/ExpenseLedgerCard'
import { NoticeLine, Screen } from '../../../components/Screen'

/** The enterprise's out-of-pool expense ledger and its transition (assets and the plans have screens of their own). */
export default function LedgerPage() {
  const load = useCallback(async () => Promise.all([callCloud('expenses.list', {}), callCloud('plan.get', {})]), [])
  const { data, error, reload } = useCloudData(load)
  const { notice, act } = useAction(reload)

  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='ledger-message' />
      {data?.[0].ledger && <ExpenseLedgerCard ledger={data[0].ledger} items={data[0].items} plan={data[1]} act={act} />}
    </Screen>
  )
}
