import { useCallback } from 'react'
import { useRouter } from '@tarojs/taro'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { Screen } from '../../../components/Screen'
import { BulletinBody } from '../../../components/BulletinBody'

/** An issued bulletin, as every member of staff it names reads it from their messages. */
export default function BulletinPage() {
  const number = Number(useRouter().params.number)
  const load = useCallback(() => callCloud('bulletin.get', { number }), [number])
  const { data, error } = useCloudData(load)
  return (
    <Screen error={error} loading={!data}>
      {data && <BulletinBody content={data.content} />}
    </Screen>
  )
}
