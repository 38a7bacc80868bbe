import { useCallback, useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import { EXAMPLE_WEIGHTS_NOTE, type AssessmentView } from '../../../../shared/Assessment'
import { formatRate } from '../../../../shared/Bulletin'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import type { ExportFormat } from '../../../../shared/ExportFile'
import { callCloud } from '../../../services/cloud'
import { offerDownload } from '../../../services/pickFile'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, Notice, NoticeLine, Screen } from '../../../components/Screen'

const FORMAT_NAMES: Record<ExportFormat, string> = { xlsx: '表格（.xlsx）', docx: '文档（.docx）' }

/** 考核: for a date (the work's last day by default), each unit's items due, done on time, days late and still overdue, scored. */
export default function AssessmentPage() {
  const load = useCallback(() => callCloud('session.me', {}), [])
  const { data: me, error } = useCloudData(load)
  const [date, setDate] = useState('2020-10-31')
  const [view, setView] = useState<AssessmentView | null>(null)
  const { notice, act, busy } = useAction()

  const show = () => act(async () => setView(await callCloud('assessment.preview', { date })), null)
  const download = (format: ExportFormat) =>
    act(async () => {
      const f = await callCloud('export.assessment', { date, format })
      offerDownload(f.fileName, f.contentBase64, f.mimeType)
    }, null)

  return (
    <Screen error={error} loading={!me}>
      <Card title='目标责任考核'>
        <Line tone='soft'>考核截至哪一天（写成 2020-10-31 这样；今天是 {me ? formatChinaDate(me.today) : ''}）：</Line>
        <Input className='input' aria-label='考核截至的日期' placeholder='如 2020-10-31' maxlength={10} value={date} onInput={(e) => (setDate(e.detail.value), setView(null))} />
        <Button className='big-button plain-button' {...(busy ? { disabled: true } : {})} onClick={show}>算一算</Button>
      </Card>
      <NoticeLine notice={notice} id='assessment-message' />
      {view && (
        <>
          {view.weights.example && <Notice tone='warning'>{EXAMPLE_WEIGHTS_NOTE}</Notice>}
          <Card title={`截至${formatChinaDate(view.date)}`}>
            {view.rows.map((r) => (
              <View key={r.unitKey} className='unit'>
                <Line>
                  {r.rank === null ? '—' : `第${r.rank}名`} · {r.name}
                  {r.score === null ? '' : ` · ${r.score} 分`}
                </Line>
                <Line tone='soft'>
                  应办 {r.due} 项，按期办完 {r.onTime} 项（{formatRate(r.onTimeShare)}），逾期办完 {r.lateDone} 项，逾期未办 {r.overdue} 项，共逾期 {r.daysLate} 天
                </Line>
              </View>
            ))}
          </Card>
          {(['xlsx', 'docx'] as const).map((format) => (
            <Button key={format} className='big-button plain-button' {...(busy ? { disabled: true } : {})} onClick={() => download(format)}>
              下载考核{FORMAT_NAMES[format]}
            </Button>
          ))}
        </>
      )}
    </Screen>
  )
}
