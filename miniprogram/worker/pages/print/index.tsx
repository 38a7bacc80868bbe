import { useCallback, useState } from 'react'
import { Button, View } from '@tarojs/components'
import { PRINTED_OUTCOME_NAMES, type NoticeBatchView } from '../../../../shared/NoticeLetter'
import { PrintedOutcome } from '../../../../shared/Reachability'
import { callCloud } from '../../../services/cloud'
import { offerDownload } from '../../../services/pickFile'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

type Person = NoticeBatchView['people'][number]

/**
 * 海报和纸质通知: the community's QR poster (community admin); the notice letters for the people
 * no WeChat or SMS reaches, one PDF a batch, and what became of each delivery (grid worker, admin).
 */
export default function PrintPage() {
  const load = useCallback(() => callCloud('session.me', {}), [])
  const { data: me, error } = useCloudData(load)
  const posterAction = useAction()
  const printAction = useAction()
  const deliveryAction = useAction()
  const [batch, setBatch] = useState<NoticeBatchView | null>(null)

  const poster = () =>
    posterAction.act(async () => {
      const f = await callCloud('print.poster', {})
      offerDownload(f.fileName, f.contentBase64, f.mimeType)
    }, '海报已生成，请打印后贴在社区公告栏。')

  const print = (after?: string) =>
    printAction.act(async () => {
      const b = await callCloud('print.notices', after ? { after } : {})
      setBatch(b)
      if (b.file) offerDownload(b.file.fileName, b.file.contentBase64, b.file.mimeType)
      return b
    }, (b) => (b.file ? `已生成 ${b.people.length} 封通知（共 ${b.total} 人需要纸质通知），请打印后上门送达。` : '现在没有需要纸质通知的人。'))

  const record = (p: Person, outcome: PrintedOutcome) =>
    deliveryAction.act(async () => {
      await callCloud('notice.recordDelivery', { caseId: p.caseId, outcome })
      setBatch((b) => b && { ...b, people: b.people.map((x) => (x.caseId === p.caseId ? { ...x, delivery: outcome } : x)) })
    }, `已登记：${p.name}，${PRINTED_OUTCOME_NAMES[outcome]}。`)

  return (
    <Screen error={error} loading={!me}>
      {me?.role === 'communityAdmin' && (
        <Card title='社区二维码海报'>
          <Line>退休人员和家属扫海报上的码，就能看到本社区的地址、电话和办公时间，再去绑定。</Line>
          <Line tone='soft'>海报是一页 A4 的 PDF，上面有社区名称、地址、电话和一句说明。</Line>
          <Button className='big-button' {...(posterAction.busy ? { disabled: true } : {})} onClick={() => poster()}>下载海报（PDF）</Button>
          <NoticeLine notice={posterAction.notice} id='poster-message' />
        </Card>
      )}
      <Card title='纸质通知'>
        <Line>给30天内没用过小程序、短信也没收到的老人打印告知书，一人一页，大字。上面有移交办到哪一步、要做什么、截止日期、网格员和社区的联系方式。</Line>
        <Button className='big-button' {...(printAction.busy ? { disabled: true } : {})} onClick={() => print()}>打印纸质通知（PDF）</Button>
        {batch?.nextAfter && <Button className='big-button plain-button' {...(printAction.busy ? { disabled: true } : {})} onClick={() => print(batch.nextAfter!)}>打印下一批</Button>}
        <NoticeLine notice={printAction.notice} id='notices-message' />
        {batch?.partial && <Line tone='alert'>本社区人数很多，这次只算了前面一部分人。</Line>}
      </Card>
      {batch && batch.people.length > 0 && (
        <Card title='送达登记'>
          <NoticeLine notice={deliveryAction.notice} id='delivery-message' />
          {batch.people.map((p) => (
            <View key={p.caseId} className='card' id={`delivery-${p.caseId}`}>
              <Line>{p.name}</Line>
              <Line tone='soft'>{p.delivery ? `已登记：${PRINTED_OUTCOME_NAMES[p.delivery]}` : '还没有登记'}</Line>
              {PrintedOutcome.options.map((o) => (
                <Button key={o} className='big-button plain-button' {...(deliveryAction.busy ? { disabled: true } : {})} onClick={() => record(p, o)}>
                  {PRINTED_OUTCOME_NAMES[o]}
                </Button>
              ))}
            </View>
          ))}
        </Card>
      )}
    </Screen>
  )
}
