import { useCallback, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { ExpenseLedgerCard } from '../../../components/ExpenseLedgerCard'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

/** The enterprise's asset registry, out-of-pool expense ledger and plan record, on one screen. */
export default function LedgerPage() {
  const load = useCallback(async () => Promise.all([callCloud('assets.list', {}), callCloud('expenses.list', {}), callCloud('plan.get', {})]), [])
  const { data, error, reload } = useCloudData(load)
  const { notice, act } = useAction(reload)
  const [asset, setAsset] = useState({ item: '', communityId: 'com-wulan' })
  const [contact, setContact] = useState({ name: '', phone: '' })

  return (
    <Screen error={error} loading={!data}>
      <NoticeLine notice={notice} id='ledger-message' />
      {data && (
        <>
          <Card title='资产划转'>
            {data[0].items.map((a) => (
              <Line key={a.id}>{a.item}：{a.completedOn ? `已${a.disposal === 'swapped' ? '调换' : '划转'}（${a.completedOn}）` : a.groupApprovedOn && a.sasacApprovedOn ? '已批准，待划转' : '待审批'}</Line>
            ))}
            <Input className='input' aria-label='资产名称' placeholder='资产名称，如 老年活动室' value={asset.item} onInput={(e) => setAsset({ ...asset, item: e.detail.value })} />
            <Input className='input' aria-label='接收社区编号' placeholder='接收社区编号，如 com-wulan' value={asset.communityId} onInput={(e) => setAsset({ ...asset, communityId: e.detail.value })} />
            <Button className='big-button plain-button' onClick={() => act(() => callCloud('assets.save', { asset: { ...asset, groupApprovedOn: null, sasacApprovedOn: null, disposal: 'handedOver', completedOn: null } }), '资产已登记。')}>
              登记资产
            </Button>
          </Card>
          {data[1].ledger && <ExpenseLedgerCard ledger={data[1].ledger} items={data[1].items} plan={data[2]} act={act} />}
          <View className='card'>
            <Text className='line title'>移交方案和维稳方案</Text>
            <Line>{data[2] ? `已记录（第 ${data[2].version} 版），维稳联系人：${data[2].stabilityContact?.name ?? '未填'}` : '还没有记录。'}</Line>
            <Input className='input' aria-label='维稳联系人' placeholder='维稳联系人' value={contact.name} onInput={(e) => setContact({ ...contact, name: e.detail.value })} />
            <Input className='input' aria-label='联系人电话' placeholder='联系人电话' value={contact.phone} onInput={(e) => setContact({ ...contact, phone: e.detail.value })} />
            <Button
              className='big-button plain-button'
              onClick={() =>
                act(
                  () =>
                    callCloud('plan.save', {
                      ...(data[2] ? { expectedVersion: data[2].version } : {}),
                      plan: { transferPlanOn: data[2]?.transferPlanOn ?? null, stabilityPlanOn: data[2]?.stabilityPlanOn ?? null, stabilityContact: contact.name ? contact : null, noticePublishedOn: data[2]?.noticePublishedOn ?? null, feedbackClosedOn: data[2]?.feedbackClosedOn ?? null },
                    }),
                  '方案记录已保存。',
                )
              }
            >
              保存维稳联系人
            </Button>
          </View>
        </>
      )}
    </Screen>
  )
}
