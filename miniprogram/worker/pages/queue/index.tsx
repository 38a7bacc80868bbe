import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { ROLE_NAMES } from '../../../../shared/Role'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { failure, warning, type Notice } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'

type Filter = 'all' | 'overdue' | 'unverified'
const FILTERS: Array<[Filter, string]> = [
  ['all', '全部'],
  ['overdue', '已逾期'],
  ['unverified', '还没当面核对'],
]

/** A grid worker's work queue: their community's incoming retirees; scan or type a code to open one. */
export default function QueuePage() {
  const [filter, setFilter] = useState<Filter>('all')
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [notice, setNotice] = useState<Notice | null>(null)
  const load = useCallback(async () => {
    const [me, page] = await Promise.all([
      callCloud('session.me', {}),
      callCloud('case.list', { limit: 50, ...(filter === 'overdue' ? { overdue: true } : {}), ...(filter === 'unverified' ? { unverified: true } : {}), ...(name ? { name } : {}) }),
    ])
    return { me, page }
  }, [filter, name])
  const { data, error, reload } = useCloudData(load)

  async function open(input: { token: string } | { code: string }) {
    try {
      const detail = await callCloud('visit.open', input)
      Taro.navigateTo({ url: `${ROUTES.workerCase}?id=${detail.case.id}&proof=${detail.visitProofId}` })
    } catch (e) {
      setNotice(failure(e))
    }
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await open({ token: res.result })
    } catch {
      setNotice(warning('没有扫到二维码。可以请老人念出二维码下面的8位数字，填在上面。'))
    }
  }

  return (
    <Screen error={error} loading={!data} homeButton={false}>
      {data && (
        <>
          <Card title={data.me.name}>
            <Line tone='soft'>{ROLE_NAMES[data.me.role]} · {data.me.orgName} · 今天 {formatChinaDate(data.me.today)}</Line>
          </Card>
          <Card title='上门核对：扫码或输数字码'>
            {process.env.TARO_ENV === 'weapp' && <Button className='big-button' onClick={scan}>扫老人的二维码</Button>}
            <Input className='input' aria-label='8位数字码' placeholder='二维码下面的8位数字' type='number' maxlength={9} value={code} onInput={(e) => setCode(e.detail.value)} />
            <Button className='big-button plain-button' onClick={() => open({ code: code.replace(/\s/g, '') })}>用数字码打开</Button>
            <NoticeLine notice={notice} id='queue-message' />
          </Card>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffMessages })}>工作消息</Button>
          {data.me.role === 'communityAdmin' && (
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.communityAgreements })}>移交协议（社区签字）</Button>
          )}
          <View className='tiles'>
            {FILTERS.map(([f, label]) => (
              <Button key={f} className={filter === f ? 'big-button tile' : 'big-button plain-button tile'} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {label}
              </Button>
            ))}
          </View>
          <Input className='input' aria-label='按姓名找' placeholder='按姓名找' value={name} onConfirm={reload} onInput={(e) => setName(e.detail.value)} />
          {data.page.items.length === 0 && <Line>没有符合条件的人员。</Line>}
          {data.page.items.map((c) => (
            <Button key={c.id} className='pick' onClick={() => Taro.navigateTo({ url: `${ROUTES.workerCase}?id=${c.id}` })}>
              {c.name}　{c.currentStageName}
              {c.nextDeadline ? `　截止 ${formatChinaDate(c.nextDeadline)}` : ''}
              {c.overdue ? '（已逾期）' : ''}
            </Button>
          ))}
        </>
      )}
    </Screen>
  )
}
