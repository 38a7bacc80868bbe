import { useCallback } from 'react'
import { Button } from '@tarojs/components'
import { callCloud } from '../../../services/cloud'
import { offerDownload } from '../../../services/pickFile'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

/** 海报和纸质通知: the community's QR poster to print and put up (community admin). */
export default function PrintPage() {
  const load = useCallback(() => callCloud('session.me', {}), [])
  const { data: me, error } = useCloudData(load)
  const { notice, act, busy } = useAction()

  const poster = () =>
    act(async () => {
      const f = await callCloud('print.poster', {})
      offerDownload(f.fileName, f.contentBase64, f.mimeType)
    }, '海报已生成，请打印后贴在社区公告栏。')

  return (
    <Screen error={error} loading={!me}>
      {me?.role === 'communityAdmin' && (
        <Card title='社区二维码海报'>
          <Line>退休人员和家属扫海报上的码，就能看到本社区的地址、电话和办公时间，再去绑定。</Line>
          <Line tone='soft'>海报是一页 A4 的 PDF，上面有社区名称、地址、电话和一句说明。</Line>
          <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={poster}>下载海报（PDF）</Button>
          <NoticeLine notice={notice} id='poster-message' />
        </Card>
      )}
    </Screen>
  )
}
