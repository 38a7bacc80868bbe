import { useCallback, useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import type { AuditTrailItem, AuditTrailView } from '../../../../shared/AuditTrail'
import { addChinaDays } from '../../../../shared/ChinaTime'
import { callCloud } from '../../../services/cloud'
import { offerDownload } from '../../../services/pickFile'
import { errorNotice, warning } from '../../../services/notice'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Ranges a supervisor picks with one tap: days back from today, today included. */
const RANGES = [
  { label: '今天', days: 1 },
  { label: '最近7天', days: 7 },
  { label: '最近30天', days: 30 },
] as const

type Which = { caseId: string } | { userId: string; from: string; to: string }

function Entry({ e, showCase }: { e: AuditTrailItem; showCase: boolean }) {
  return (
    <View className='audit-entry'>
      <Line>{e.when} {e.who}（{e.roleName}）</Line>
      <Line tone={e.refused ? 'alert' : undefined}>{e.what} · {e.outcome}{showCase && e.caseId ? ` · 案例 ${e.caseId}` : ''}</Line>
      {e.changes.map((c, i) => (
        <Line key={i} tone='soft'>{c.field}：{c.before ?? '（无）'} → {c.after ?? '（无）'}</Line>
      ))}
    </View>
  )
}

/**
 * 操作记录 (supervisor): opened with ?caseId= it shows every action and view on that case;
 * otherwise the supervisor picks a member of staff and a range of dates. 50 at a time, and a
 * download of the whole trail as .xlsx.
 */
export default function AuditPage() {
  const caseId = useRouter().params.caseId ?? ''
  const load = useCallback(async () => {
    const me = await callCloud('session.me', {})
    if (caseId) return { me, members: null, first: await callCloud('audit.case', { caseId }) }
    return { me, members: await callCloud('staff.members', {}), first: null }
  }, [caseId])
  const { data, error } = useCloudData(load)
  const [trail, setTrail] = useState<AuditTrailView | null>(null)
  const [shown, setShown] = useState<{ which: Which; title: string } | null>(null)
  const [userId, setUserId] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const { notice, say, act, busy } = useAction()

  useEffect(() => {
    if (data?.first) {
      setTrail(data.first)
      setShown({ which: { caseId }, title: `案例 ${caseId} 的操作记录` })
    }
    if (data && !from) pickRange(7)
  }, [data])

  function pickRange(days: number) {
    if (!data) return
    setFrom(addChinaDays(data.me.today, 1 - days))
    setTo(data.me.today)
  }
  const page = (which: Which, after?: string) => ('caseId' in which ? callCloud('audit.case', { ...which, after }) : callCloud('audit.staff', { ...which, after }))

  const showStaff = () => {
    if (!userId) return say(errorNotice('请先在上面选一位工作人员。'))
    const which = { userId, from: from.trim(), to: to.trim() }
    const name = data?.members?.items.find((m) => m.userId === userId)?.name ?? ''
    return act(async () => {
      setTrail(await page(which))
      setShown({ which, title: `${name} 的操作记录（${which.from} 至 ${which.to}）` })
    }, null)
  }
  const more = () => {
    const after = trail?.nextCursor
    if (!trail || !after || !shown) return
    return act(async () => {
      const next = await page(shown.which, after)
      setTrail({ items: [...trail.items, ...next.items], nextCursor: next.nextCursor })
    }, null)
  }
  const download = () =>
    shown &&
    act(
      async () => {
        const f = await callCloud('export.audit', shown.which)
        offerDownload(f.fileName, f.xlsxBase64, XLSX)
        return f
      },
      (f) => (f.capped ? warning(`记录太多，只下载了前 ${f.rows} 条。请缩短日期范围分几次下载。`) : `已下载 ${f.rows} 条记录（${f.fileName}）。`),
    )

  return (
    <Screen error={error} loading={!data}>
      {data?.members && (
        <>
          <Card title='1. 选工作人员'>
            <View role='group' aria-label='工作人员'>
              {data.members.items.map((m) => (
                <Button key={m.userId} className={m.userId === userId ? 'pick picked' : 'pick'} aria-pressed={m.userId === userId} onClick={() => setUserId(m.userId)}>
                  {m.userId === userId ? '✓ ' : ''}{m.name} · {m.roleName} · {m.orgName}
                </Button>
              ))}
            </View>
          </Card>
          <Card title='2. 选日期'>
            <View role='group' aria-label='日期范围'>
              {RANGES.map((r) => (
                <Button key={r.days} className='pick' onClick={() => pickRange(r.days)}>{r.label}</Button>
              ))}
            </View>
            <Line tone='soft'>从（年-月-日）</Line>
            <Input className='input' aria-label='开始日期' placeholder='开始日期，如 2020-03-01' maxlength={10} value={from} onInput={(e) => setFrom(e.detail.value)} />
            <Line tone='soft'>到（含这一天）</Line>
            <Input className='input' aria-label='结束日期' placeholder='结束日期，如 2020-03-31' maxlength={10} value={to} onInput={(e) => setTo(e.detail.value)} />
            <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={showStaff}>查看操作记录</Button>
          </Card>
        </>
      )}
      <NoticeLine notice={notice} id='audit-message' />
      {trail && (
        <Card title={shown?.title} id='audit-trail'>
          {trail.items.length === 0 && <Line>这段时间没有操作记录。</Line>}
          {trail.items.map((e) => (
            <Entry key={e.id} e={e} showCase={!caseId} />
          ))}
          {trail.nextCursor && <Button className='big-button plain-button' {...(busy ? { disabled: true } : {})} onClick={more}>更多</Button>}
          <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={download}>下载这份记录（Excel）</Button>
        </Card>
      )}
    </Screen>
  )
}
