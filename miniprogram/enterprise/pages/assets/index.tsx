import { useCallback, useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import type { AssetRow } from '../../../../shared/AssetTransfer'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { AssetLines } from '../../../components/AssetList'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

type Form = {
  item: string
  communityId: string
  groupApprovedOn: string
  sasacApprovedOn: string
  disposal: 'handedOver' | 'swapped'
  swappedFor: string
  agreementOn: string
  agreementNumber: string
  completedOn: string
}

const EMPTY: Form = { item: '', communityId: '', groupApprovedOn: '', sasacApprovedOn: '', disposal: 'handedOver', swappedFor: '', agreementOn: '', agreementNumber: '', completedOn: '' }

const formOf = (a: AssetRow): Form => ({
  item: a.item,
  communityId: a.communityId,
  groupApprovedOn: a.groupApprovedOn ?? '',
  sasacApprovedOn: a.sasacApprovedOn ?? '',
  disposal: a.disposal,
  swappedFor: a.swappedFor ?? '',
  agreementOn: a.cityAgreement?.signedOn ?? '',
  agreementNumber: a.cityAgreement?.number ?? '',
  completedOn: a.completedOn ?? '',
})

const orNull = (s: string) => (s.trim() ? s.trim() : null)

/**
 * 资产划转 (plan 四（四）): the enterprise registers each venue or facility, records the group
 * company's and the SASAC's approvals, a swap when it cannot be divided, the agreement with the
 * city government, and completion. The server checks the order.
 */
export default function EnterpriseAssetsPage() {
  const load = useCallback(async () => Promise.all([callCloud('assets.list', {}), callCloud('agreement.communities', {})]), [])
  const { data, error, reload } = useCloudData(load)
  const { notice, act } = useAction(reload)
  const [editing, setEditing] = useState<AssetRow | null>(null)
  const [form, setForm] = useState<Form>(EMPTY)
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch })
  // Each field keeps its name above it: a filled field shows no placeholder.
  const field = (key: keyof Form, label: string, placeholder: string) => (
    <View>
      <Line tone='soft'>{label}</Line>
      <Input className='input' aria-label={label} placeholder={placeholder} value={form[key]} onInput={(e) => set({ [key]: e.detail.value })} />
    </View>
  )
  const pick = (a: AssetRow | null) => {
    setEditing(a)
    setForm(a ? formOf(a) : EMPTY)
  }
  const save = () =>
    act(
      () =>
        callCloud('assets.save', {
          ...(editing ? { id: editing.id, expectedVersion: editing.version } : {}),
          asset: {
            item: form.item,
            communityId: form.communityId,
            groupApprovedOn: orNull(form.groupApprovedOn),
            sasacApprovedOn: orNull(form.sasacApprovedOn),
            disposal: form.disposal,
            swappedFor: form.disposal === 'swapped' ? orNull(form.swappedFor) : null,
            cityAgreement: form.agreementOn.trim() || form.agreementNumber.trim() ? { signedOn: form.agreementOn.trim(), number: form.agreementNumber.trim() } : null,
            completedOn: orNull(form.completedOn),
          },
        }),
      (view) => {
        // A completed asset is not changed any more: the form goes back to a new one.
        const updated = view.items.find((a) => a.id === editing?.id)
        pick(updated && updated.state !== 'completed' ? updated : null)
        return '资产记录已保存。'
      },
    )
  return (
    <Screen error={error} loading={!data}>
      {data && (
        <>
          <Card title='本企业的资产'>
            <Line tone='soft'>资产划转截止 {formatChinaDate(data[0].deadline)}（方案 五（二）4）</Line>
            {data[0].items.length === 0 && <Line>还没有登记的资产。</Line>}
            {data[0].items.map((a) => (
              <Button key={a.id} className={editing?.id === a.id ? 'pick picked' : 'pick'} aria-pressed={editing?.id === a.id} disabled={a.state === 'completed'} onClick={() => pick(a)}>
                <AssetLines a={a} />
              </Button>
            ))}
          </Card>
          <Card title={editing ? `办理：${editing.item}` : '登记一项资产'} id='asset-form'>
            <NoticeLine notice={notice} id='asset-message' />
            {field('item', '资产名称', '资产名称，如 老年活动室')}
            <Line tone='soft'>接收社区：</Line>
            {data[1].communities.map((c) => (
              <Button key={c.id} className={form.communityId === c.id ? 'pick picked' : 'pick'} aria-pressed={form.communityId === c.id} onClick={() => set({ communityId: c.id })}>
                {form.communityId === c.id ? '✓ ' : ''}{c.name}
              </Button>
            ))}
            {field('groupApprovedOn', '集团公司批准日期', '集团公司批准日期，如 2020-04-01')}
            {field('sasacApprovedOn', '国资委批准日期', '国资委批准日期，如 2020-04-15')}
            {(['handedOver', 'swapped'] as const).map((d) => (
              <Button key={d} className={form.disposal === d ? 'pick picked' : 'pick'} aria-pressed={form.disposal === d} onClick={() => set({ disposal: d })}>
                {form.disposal === d ? '✓ ' : ''}{d === 'handedOver' ? '无偿划转给社区' : '难以分割，调换'}
              </Button>
            ))}
            {form.disposal === 'swapped' && field('swappedFor', '调换成什么', '调换成什么，如 新建的社区活动中心二楼')}
            {field('agreementOn', '与市政府签订协议的日期', '与市政府签订协议的日期')}
            {field('agreementNumber', '协议编号', '协议编号，如 二政资〔2020〕3号')}
            {field('completedOn', '完成划转日期', '完成划转（或调换）的日期')}
            <Button className='big-button' onClick={() => void save()}>{editing ? '保存这项资产' : '登记资产'}</Button>
            {editing && <Button className='big-button plain-button' onClick={() => pick(null)}>改为登记新的资产</Button>}
          </Card>
        </>
      )}
    </Screen>
  )
}
