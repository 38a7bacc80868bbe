import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { progressText, type ImportProgress } from '../../../../shared/ImportJob'
import type { RosterPreviewView } from '../../../../shared/Views'
import { callCloud } from '../../../services/cloud'
import { offerDownload, pickRosterFile } from '../../../services/pickFile'
import { useAction } from '../../../services/useCloudData'
import { pollRetryMs } from '../../../services/retry'
import { failure, previewNotice } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { OnePersonForm, type OnePerson } from './OnePersonForm'

/**
 * A confirmed roster is written by its import job: while it runs, the screen asks the cloud to go
 * on (each call writes for a while and answers with the progress), until it ends. On opening, the
 * screen also goes on with a job of the enterprise left running (its function timed out or crashed).
 */
function useImportJob(preview: RosterPreviewView | null, setPreview: (p: RosterPreviewView) => void, say: ReturnType<typeof useAction>['say']) {
  const [polls, setPolls] = useState(0)
  // Failures in a row: each makes the next try wait longer (pollRetryMs), so a job that keeps failing is not asked every 3 s.
  const failures = useRef(0)
  useEffect(() => {
    callCloud('roster.continueImport', {})
      .then((p) => p && setPreview(p))
      // A job that cannot go on says why (a row changed since the preview, the network): never silently.
      .catch((e) => say(failure(e)))
  }, [])
  const running = preview?.progress?.status === 'running' ? preview.previewId : null
  useEffect(() => {
    if (!running) return
    let live = true
    callCloud('roster.continueImport', { previewId: running })
      .then((p) => live && p && ((failures.current = 0), setPreview(p), setPolls((n) => n + 1)))
      .catch((e) => live && (say(failure(e)), setTimeout(() => live && setPolls((n) => n + 1), pollRetryMs(++failures.current))))
    return () => {
      live = false
    }
  }, [running, polls])
}

/** n of N rows written, in words and as a bar; announced as it moves. */
function Progress({ progress }: { progress: ImportProgress }) {
  const share = progress.rows ? Math.round((progress.rowsDone / progress.rows) * 100) : 100
  return (
    <Card title='导入进度' id='import-progress'>
      <View role='status' aria-live='polite'>
        <Line tone={progress.status === 'done' ? 'ok' : progress.status === 'failed' ? 'alert' : undefined}>{progressText(progress)}</Line>
      </View>
      <View aria-hidden style={{ height: '16px', border: '2px solid #1d4f91', borderRadius: '8px', overflow: 'hidden', marginTop: '8px' }}>
        <View style={{ height: '100%', width: `${share}%`, background: '#1d4f91' }} />
      </View>
    </Card>
  )
}

/** 摸底造册: download the template, upload the roster, read the preview, confirm, watch it written. */
export default function ImportPage() {
  const [preview, setPreview] = useState<RosterPreviewView | null>(null)
  const [adding, setAdding] = useState(false)
  const { notice, busy, act, say } = useAction()
  useImportJob(preview, setPreview, say)

  const template = () =>
    act(async () => {
      const t = await callCloud('roster.template', {})
      offerDownload(t.fileName, t.xlsxBase64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    }, null)
  // Rows that will not be imported are a warning, so they are not missed.
  const upload = () =>
    act(async () => {
      const file = await pickRosterFile()
      const p = file ? await callCloud('roster.preview', file) : null
      if (p) setPreview(p)
      return p
    }, (p) => (p ? previewNotice(p) : null))
  // 新退休人员: one person at any time, checked and confirmed like a roster of one row.
  const checkOne = (form: OnePerson) =>
    act(async () => {
      const p = await callCloud('roster.previewPerson', form)
      setPreview(p)
      return p
    }, previewNotice)
  const confirm = () =>
    preview &&
    act(
      async () => {
        const p = await callCloud('roster.confirm', { previewId: preview.previewId, expectedVersion: preview.version })
        setPreview(p)
        return p
      },
      (p) => (p.status === 'confirmed' ? '导入完成。' : '已确认，正在分批写入。'),
    )

  return (
    <Screen>
      <Card title='第一步：下载模板，按模板填写'>
        <Button className='big-button plain-button' onClick={template}>下载名册模板</Button>
      </Card>
      <Card title='第二步：上传名册（.xlsx 或 .csv）'>
        <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={upload}>选择文件并检查</Button>
        <Line tone='soft'>上传后先检查，确认前不会保存任何数据。</Line>
      </Card>
      <Card title='或者：只新增一个人（新办理退休的人员）'>
        {adding ? <OnePersonForm busy={busy} onCheck={checkOne} /> : <Button className='big-button plain-button' onClick={() => setAdding(true)}>填写一个人的信息</Button>}
      </Card>
      <NoticeLine notice={notice} id='import-message' />
      {preview?.progress && <Progress progress={preview.progress} />}
      {preview && (
        <>
          <Card title={`检查结果：${preview.fileName}`}>
            <Line>可以导入 {preview.accepted} 人（新增 {preview.newPeople}，更新 {preview.updates}）</Line>
            {preview.outOfScope.length > 0 && <Line>其中参加移交 {preview.handOver} 人，登记但不移交 {preview.accepted - preview.handOver} 人（见下）</Line>}
            {preview.referrals > 0 && <Line>户籍不在本市 {preview.referrals} 人：不在本市移交，导入后由领导小组办公室转给户籍地。</Line>}
            <Line>有问题的行：{preview.rejected}</Line>
          </Card>
          {preview.outOfScope.map((g) => (
            <Card key={g.rows[0]} title={`登记但不移交（${g.label}）：${g.count} 人`}>
              <Line>{g.reason}</Line>
              <Line tone='soft'>第 {g.rows.join('、')} 行{g.count > g.rows.length ? ' 等' : ''}</Line>
            </Card>
          ))}
          {preview.errors.length > 0 && (
            <Card title='要改正的地方'>
              {preview.errors.map((e, i) => (
                <Line key={i}>第 {e.row} 行「{e.column}」：{e.message}</Line>
              ))}
            </Card>
          )}
          <View className='card'>
            <Text className='line title'>前 {preview.sample.length} 人</Text>
            {preview.sample.map((p) => (
              <Line key={p.row}>第{p.row}行 {p.name} {p.idNumberMasked} {p.community} {p.categories}{p.update ? '（更新）' : ''}{p.outOfScope ? '（登记但不移交）' : ''}</Line>
            ))}
          </View>
          {preview.status === 'pending' && preview.accepted > 0 && (
            <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={confirm}>
              确认导入这 {preview.accepted} 人{preview.rejected ? `（有问题的 ${preview.rejected} 行不导入）` : ''}
            </Button>
          )}
          {preview.status === 'confirmed' && <Line tone='ok'>已导入。</Line>}
        </>
      )}
    </Screen>
  )
}
