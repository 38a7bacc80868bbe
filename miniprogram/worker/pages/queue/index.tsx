import { useCallback, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import { ROLE_NAMES, type Role } from '../../../../shared/Role'
import type { CaseListItem } from '../../../../shared/Views'
import { QUEUE_BAND_NAMES, QUEUE_BANDS, QUEUE_GROUP_NAMES, type QueueBand, type QueueTotals } from '../../../../shared/WorkQueue'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { failure, warning, type Notice } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { ROUTES } from '../../../routes'
import { OwnStandingCard } from '../../../components/Standing'

/** The community's queue views (groups the store indexes, and one scan for "not yet seen in person"); city-wide roles see the older filters. */
type View = 'open' | 'done' | 'outOfScope' | 'unverified' | 'overdue'
const COMMUNITY_VIEWS: View[] = ['open', 'unverified', 'done', 'outOfScope']
const CITY_VIEWS: View[] = ['open', 'overdue', 'unverified']
const VIEW_NAMES: Record<View, string> = { ...QUEUE_GROUP_NAMES, unverified: '还没当面核对', overdue: '已逾期' }
const PAGE = 20

type Item = CaseListItem & { band?: QueueBand | null }
interface Listing {
  /** Totals of the community's queue, when the view comes from it. */
  totals: QueueTotals | null
  items: Item[]
  nextCursor: string | null
}

const hasQueue = (role: Role) => role === 'gridWorker' || role === 'communityAdmin'

/** One page of what the view shows: the queue by index for the community's groups, else a filtered scan. */
async function loadPage(role: Role, view: View, name: string, after?: string): Promise<Listing> {
  const cursor = after ? { after } : {}
  if (hasQueue(role) && !name && (view === 'open' || view === 'done' || view === 'outOfScope')) {
    return callCloud('case.queue', { group: view, limit: PAGE, ...cursor })
  }
  const filters = { ...(view === 'overdue' ? { overdue: true } : {}), ...(view === 'unverified' ? { unverified: true } : {}), ...(name ? { name } : {}) }
  return { totals: null, ...(await callCloud('case.list', { limit: PAGE, ...filters, ...cursor })) }
}

/** A grid worker's work queue: what needs doing in their community, overdue first; scan or type a code to open one. */
export default function QueuePage() {
  const [view, setView] = useState<View>('open')
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [notice, setNotice] = useState<Notice | null>(null)
  const [totals, setTotals] = useState<QueueTotals | null>(null)
  const [busy, setBusy] = useState(false)
  const load = useCallback(async () => {
    const me = await callCloud('session.me', {})
    const page = await loadPage(me.role, view, name)
    if (page.totals) setTotals(page.totals)
    return { me, page }
  }, [view, name])
  const { data, setData, error, reload } = useCloudData(load)

  async function more() {
    if (!data?.page.nextCursor || busy) return
    setBusy(true)
    try {
      const next = await loadPage(data.me.role, view, name, data.page.nextCursor)
      setData({ ...data, page: { ...data.page, items: [...data.page.items, ...next.items], nextCursor: next.nextCursor } })
    } catch (e) {
      setNotice(failure(e))
    } finally {
      setBusy(false)
    }
  }

  function moreButton() {
    return data?.page.nextCursor ? (
      <Button className='big-button plain-button' onClick={more}>
        {busy ? '正在读取……' : `再看${PAGE}人`}
      </Button>
    ) : null
  }

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
          <OwnStandingCard forecast={data.me.role !== 'gridWorker'} />
          <Card title='上门核对：扫码或输数字码'>
            {process.env.TARO_ENV === 'weapp' && <Button className='big-button' onClick={scan}>扫老人的二维码</Button>}
            <Input className='input' aria-label='8位数字码' placeholder='二维码下面的8位数字' type='number' maxlength={9} value={code} onInput={(e) => setCode(e.detail.value)} />
            <Button className='big-button plain-button' onClick={() => open({ code: code.replace(/\s/g, '') })}>用数字码打开</Button>
            <NoticeLine notice={notice} id='queue-message' />
          </Card>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffMessages })}>工作消息</Button>
          <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.workerConcerns })}>退休人员的诉求</Button>
          {hasQueue(data.me.role) && <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.workerResidents })}>在本社区居住的外社区人员</Button>}
          {(data.me.role === 'gridWorker' || data.me.role === 'communityAdmin') && <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.workerUnreached })}>先上门：联系不上的人</Button>}
          {data.me.role === 'communityAdmin' && (
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.communityAgreements })}>移交协议（社区签字）</Button>
          )}
          {data.me.role === 'communityAdmin' && (
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.invites })}>网格员、党组织书记：邀请和移除</Button>
          )}
          {data.me.role === 'partyOfficer' && (
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.invites })}>社区党组织书记：邀请和移除</Button>
          )}
          {data.me.role === 'communityAdmin' && (
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.communityAssets })}>划转给本社区的资产</Button>
          )}
          {(data.me.role === 'communityAdmin' || data.me.role === 'partyOfficer') && <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.staffApprovals })}>兼职、出国（境）审批</Button>}
          {(data.me.role === 'communityAdmin' || data.me.role === 'gridWorker') && (
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: ROUTES.communityPrint })}>{data.me.role === 'communityAdmin' ? '社区二维码海报和纸质通知' : '纸质通知'}</Button>
          )}
          <View className='tiles'>
            {(hasQueue(data.me.role) ? COMMUNITY_VIEWS : CITY_VIEWS).map((v) => (
              <Button key={v} className={view === v ? 'big-button tile' : 'big-button plain-button tile'} aria-pressed={view === v} onClick={() => setView(v)}>
                {hasQueue(data.me.role) ? VIEW_NAMES[v] : v === 'open' ? '全部' : VIEW_NAMES[v]}
                {totals && hasQueue(data.me.role) && v !== 'unverified' ? ` ${totals[v]}人` : ''}
              </Button>
            ))}
          </View>
          <Input className='input' aria-label='按姓名找' placeholder='按姓名找' value={name} onConfirm={reload} onInput={(e) => setName(e.detail.value)} />
          {data.page.items.length === 0 && !data.page.nextCursor && <Line>没有符合条件的人员。</Line>}
          {view === 'open' && data.page.totals ? (
            <Bands totals={data.page.totals} page={data.page} more={moreButton()} />
          ) : data.page.items.length > 0 || data.page.nextCursor ? (
            <Card title={data.page.totals && (view === 'done' || view === 'outOfScope') ? `${VIEW_NAMES[view]} ${data.page.totals[view]} 人` : undefined}>
              {data.page.items.map(row)}
              {moreButton()}
            </Card>
          ) : null}
        </>
      )}
    </Screen>
  )
}

function row(c: Item) {
  return (
    <Button key={c.id} className='pick' onClick={() => Taro.navigateTo({ url: `${ROUTES.workerCase}?id=${c.id}` })}>
      {c.name}　{c.currentStageName}
      {c.nextDeadline ? `　截止 ${formatChinaDate(c.nextDeadline)}` : ''}
      {c.overdue ? '（已逾期）' : ''}
    </Button>
  )
}

/** The open cases in their bands, each with its true total; bands past the loaded ones wait for 「再看」. */
function Bands({ totals, page, more }: { totals: QueueTotals; page: Listing; more: ReactNode }) {
  const last = page.items[page.items.length - 1]?.band ?? null
  const frontier = last === null ? -1 : QUEUE_BANDS.indexOf(last)
  return (
    <>
      {QUEUE_BANDS.filter((b) => totals[b] > 0).map((b) => (
        <Card key={b} title={`${QUEUE_BAND_NAMES[b]} ${totals[b]} 人`}>
          {page.items.filter((c) => c.band === b).map(row)}
          {b === last ? more : null}
          {page.nextCursor && QUEUE_BANDS.indexOf(b) > frontier ? <Line tone='soft'>看完上面的人，再往下显示。</Line> : null}
        </Card>
      ))}
    </>
  )
}
