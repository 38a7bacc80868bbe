import { useCallback, useEffect } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { formatChinaDateTime } from '../../../shared/ChinaTime'
import { callCloud } from '../../services/cloud'
import { useCloudData } from '../../services/useCloudData'
import { Card, Line, Screen } from '../../components/Screen'
import { QrCode } from '../../components/QrCode'

/** Refresh a little before the 5-minute pass runs out. */
const REFRESH_MS = 4 * 60 * 1000

export default function QrCodePage() {
  const { data: pass, error, reload } = useCloudData(useCallback(() => callCloud('visit.issuePass', {}), []))
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])

  return (
    <Screen error={error} loading={!pass}>
      {pass && (
        <>
          <Card>
            <Line>社区工作人员上门或您去社区时，请把这个二维码给工作人员扫一下。</Line>
          </Card>
          <View className='card qr-card'>
            <QrCode text={pass.token} />
            <Text className='line soft'>有效到 {formatChinaDateTime(pass.expiresAt)}，会自动更新</Text>
          </View>
          <Card title='扫不了码时，请念这串数字'>
            <Text className='line fallback-code' id='fallback-code'>{pass.fallbackCode.replace(/(\d{4})(\d{4})/, '$1 $2')}</Text>
          </Card>
          <Button className='big-button' onClick={reload}>刷新二维码</Button>
        </>
      )}
    </Screen>
  )
}
