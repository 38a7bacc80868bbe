import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { bulletinLink, formatRate, type BulletinContent } from '../../../../shared/Bulletin'
import { formatChinaDate } from '../../../../shared/ChinaTime'
import type { ExportFormat } from '../../../../shared/ExportFile'
import { callCloud } from '../../../services/cloud'
import { offerDownload } from '../../../services/pickFile'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, Notice, NoticeLine, Screen } from '../../../components/Screen'
import { BulletinBody } from '../../../components/BulletinBody'

const FORMAT_NAMES: Record<ExportFormat, string> = { xlsx: '表格（.xlsx）', docx: '文档（.docx）' }

/** 通报: preview the next bulletin for a date, issue it, and read or download the issued ones. */
export default function BulletinsPage() {
  const load = useCallback(async () => {
    const [me, list] = await Promise.all([callCloud('session.me', {}), callCloud('bulletin.list', {})])
    return { me, list }
  }, [])
  const { data, setData, error, reload } = useCloudData(load)
  const [date, setDate] = useState('')
  const [preview, setPreview] = useState<BulletinContent | null>(null)
  const { notice, act, busy } = useAction(reload)
  const day = date || data?.me.today || ''

  const show = () => act(async () => setPreview(await callCloud('bulletin.preview', { date: day })), null)
  const issue = (p: BulletinContent) =>
    act(async () => {
      await callCloud('bulletin.issue', { date: p.date, number: p.number })
      setPreview(null)
    }, `第${p.number}期通报已发布，被点到的单位都会在工作消息里收到。`)
  const download = (number: number, format: ExportFormat) =>
    act(async () => {
      const f = await callCloud('export.bulletin', { number, format })
      offerDownload(f.fileName, f.contentBase64, f.mimeType)
    }, null)
  const more = () =>
    data?.list.nextCursor &&
    act(async () => {
      const next = await callCloud('bulletin.list', { after: data.list.nextCursor ?? undefined })
      setData({ ...data, list: { items: [...data.list.items, ...next.items], nextCursor: next.nextCursor } })
    }, null)

  return (
    <Screen error={error} loading={!data}>
      <Card title='出一期通报'>
        <Line tone='soft'>通报的日期（写成 2020-03-31 这样）：</Line>
        <Input className='input' aria-label='通报的日期' placeholder='如 2020-03-31' maxlength={10} value={day} onInput={(e) => (setDate(e.detail.value), setPreview(null))} />
        <Button className='big-button plain-button' {...(busy ? { disabled: true } : {})} onClick={show}>先预览</Button>
      </Card>
      <NoticeLine notice={notice} id='bulletin-message' />
      {preview && (
        <>
          <Notice tone='warning'>这是预览，还没有发布。</Notice>
          <BulletinBody content={preview} />
          <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={() => issue(preview)}>发布第{preview.number}期通报</Button>
        </>
      )}
      {data && (
        <Card title='已发布的通报'>
          {data.list.items.length === 0 && <Line>还没有发布过通报。</Line>}
          {data.list.items.map((b) => (
            <View key={b.number} className='unit'>
              <Line>第{b.number}期 · {formatChinaDate(b.date)}</Line>
              <Line tone='soft'>完成率 {formatRate(b.rate)} · 逾期 {b.overdue} 项 · {b.units} 个单位</Line>
              <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: bulletinLink(b.number) })}>查看第{b.number}期</Button>
              {(['xlsx', 'docx'] as const).map((format) => (
                <Button key={format} className='big-button plain-button' onClick={() => download(b.number, format)}>下载第{b.number}期{FORMAT_NAMES[format]}</Button>
              ))}
            </View>
          ))}
          {data.list.nextCursor && <Button className='big-button plain-button' onClick={more}>更多</Button>}
        </Card>
      )}
    </Screen>
  )
}
