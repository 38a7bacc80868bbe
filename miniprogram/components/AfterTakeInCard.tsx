import { useState } from 'react'
import { Button, Input, Textarea } from '@tarojs/components'
import { CARE_KIND_NAMES, CLOSE_REASON_NAMES } from '../../shared/AfterTakeIn'
import { CARE_KINDS, CARE_TEXT_MAX, CLOSE_REASONS, type CareKind, type CloseReason } from '../../shared/CaseAction'
import type { Role } from '../../shared/Role'
import Taro from '@tarojs/taro'
import { callCloud } from '../services/cloud'
import { useAction } from '../services/useCloudData'
import { ROUTES } from '../routes'
import { Card, Line, NoticeLine } from './Screen'

type Run = (call: () => Promise<unknown>, done: string) => void

function Pick<T extends string>({ value, picked, label, onPick }: { value: T; picked: T | null; label: string; onPick: (v: T) => void }) {
  return (
    <Button className={picked === value ? 'pick picked' : 'pick'} aria-pressed={picked === value} onClick={() => onPick(value)}>
      {picked === value ? '✓ ' : ''}
      {label}
    </Button>
  )
}

/**
 * After take-in (plan 四（七）): the receiving community records visits, health checks and help,
 * a death or a move away (which closes the case), and a move within the city; the office may
 * move a case too. Shown only on a taken-in case that is not closed.
 */
export function AfterTakeInCard({ caseId, version, role, today, run, reload }: { caseId: string; version: number; role: Role; today: string; run: Run; reload: () => void }) {
  const community = role === 'gridWorker' || role === 'communityAdmin'
  // A community that hands the case on no longer sees it: it stays on what it did, the office reloads.
  const moving = useAction(community ? () => {} : reload)
  const [movedTo, setMovedTo] = useState<string | null>(null)
  const [kind, setKind] = useState<CareKind | null>(null)
  const [text, setText] = useState('')
  const [code, setCode] = useState('')
  const [reason, setReason] = useState<CloseReason | null>(null)
  const [on, setOn] = useState(today)
  const [checked, setChecked] = useState(false)
  if (movedTo) {
    return (
      <Card title='已转到新社区' id='transfer-card'>
        <Line>这位老人已转到{movedTo}管理，以前的办理记录一起转过去了。以后由新社区为老人服务。</Line>
        <Button className='big-button plain-button' onClick={() => void Taro.redirectTo({ url: ROUTES.workerQueue })}>
          回到工作台
        </Button>
      </Card>
    )
  }
  return (
    <>
      {community && (
        <Card title='走访和帮扶' id='care-card'>
          <Line tone='soft'>写给老人自己看的话，老人会在「我的移交进度」里看到。不要写身份证号和电话。</Line>
          {CARE_KINDS.map((k) => (
            <Pick key={k} value={k} picked={kind} label={CARE_KIND_NAMES[k]} onPick={setKind} />
          ))}
          <Textarea className='input textarea' aria-label='看到的情况或帮了什么' placeholder='看到的情况或帮了什么，如：上门看望，老人身体硬朗' maxlength={CARE_TEXT_MAX} value={text} onInput={(e) => setText(e.detail.value)} />
          <Button
            className='big-button'
            onClick={() => run(() => callCloud('care.record', { caseId, expectedVersion: version, kind: kind ?? ('' as CareKind), text }), kind ? `已登记：${CARE_KIND_NAMES[kind]}。` : '已登记。')}
          >
            登记{kind ? CARE_KIND_NAMES[kind] : '走访或帮扶'}
          </Button>
        </Card>
      )}
      <Card title='市内搬家，转到新社区' id='transfer-card'>
        <Line tone='soft'>以前的办理记录会一起转过去，两个社区都会收到消息。</Line>
        <Input className='input' aria-label='新社区的编号' placeholder='新社区的编号（社区海报上有，如 GRL02）' value={code} onInput={(e) => setCode(e.detail.value)} />
        <NoticeLine notice={moving.notice} id='transfer-message' />
        <Button
          className='big-button plain-button'
          onClick={() =>
            void moving.act(
              () => callCloud('case.transfer', { caseId, expectedVersion: version, toCommunityCode: code }),
              (d) => (community ? (setMovedTo(d.receivingCommunityName), null) : `已转到${d.receivingCommunityName}。`),
            )
          }
        >
          转到新社区
        </Button>
      </Card>
      {community && (
        <Card title='去世或迁往外地' id='close-card'>
          <Line tone='soft'>登记后移交办结：记录保留，不再提醒；原企业和人社局会收到消息。</Line>
          {CLOSE_REASONS.map((r) => (
            <Pick key={r} value={r} picked={reason} label={CLOSE_REASON_NAMES[r]} onPick={setReason} />
          ))}
          <Input className='input' aria-label='哪一天' placeholder='哪一天，如 2020-03-18' value={on} onInput={(e) => setOn(e.detail.value)} />
          <Button className={checked ? 'pick picked' : 'pick'} aria-pressed={checked} onClick={() => setChecked(!checked)}>
            {checked ? '✓ ' : ''}已向家属或有关部门核实
          </Button>
          {checked ? (
            <Button
              className='big-button plain-button'
              onClick={() => run(() => callCloud('case.close', { caseId, expectedVersion: version, reason: reason ?? ('' as CloseReason), on }), '已登记，移交案例已办结。')}
            >
              登记并办结
            </Button>
          ) : (
            <Line tone='soft'>核实以后才能登记。</Line>
          )}
        </Card>
      )}
    </>
  )
}

/** 人社局: whether the person must pass the yearly pension qualification check, and when they last did. */
export function QualificationCard({ caseId, version, run }: { caseId: string; version: number; run: Run }) {
  const [needed, setNeeded] = useState<'yes' | 'no' | null>(null)
  const [lastDoneOn, setLastDoneOn] = useState('')
  return (
    <Card title='养老金领取资格认证' id='qualification-card'>
      <Line tone='soft'>需要认证的，社区每年提醒老人一次，告诉他到哪里、怎么认证。</Line>
      <Pick value='yes' picked={needed} label='每年需要认证' onPick={setNeeded} />
      <Pick value='no' picked={needed} label='不需要认证' onPick={setNeeded} />
      <Input className='input' aria-label='上次认证的日期' placeholder='上次认证的日期（不知道可不填），如 2019-04-02' value={lastDoneOn} onInput={(e) => setLastDoneOn(e.detail.value)} />
      {needed && (
        <Button className='big-button' onClick={() => run(() => callCloud('qualification.set', { caseId, expectedVersion: version, needed: needed === 'yes', lastDoneOn: lastDoneOn.trim() || null }), '已登记资格认证信息。')}>
          保存
        </Button>
      )}
    </Card>
  )
}
