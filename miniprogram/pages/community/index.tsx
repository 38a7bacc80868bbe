import { useCallback } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { CommunityCard, CommunityView } from '../../../shared/Views'
import { callCloud } from '../../services/cloud'
import { useCloudData } from '../../services/useCloudData'
import { Card, Line, Screen } from '../../components/Screen'
import { ROUTES } from '../../routes'

/**
 * 我的社区. Opened from a community's QR poster (wxacode, community code in `scene`), it shows
 * that community to anyone and offers binding; otherwise it shows the person's own community.
 */
type Data = { kind: 'poster'; card: CommunityCard } | { kind: 'mine'; view: CommunityView }

function openMap(c: CommunityCard) {
  if (c.location) Taro.openLocation({ ...c.location, name: c.name, address: c.address, scale: 16 }).catch(() => undefined)
}

function call(phone: string) {
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
}

function CommunityInfo({ c, heading }: { c: CommunityCard; heading: string }) {
  return (
    <Card title={heading}>
      <Text className='line hero'>{c.name}</Text>
      <Line>地址：{c.address}</Line>
      <Line>办公时间：{c.serviceHours}</Line>
      <Line>电话：{c.phone}</Line>
      {c.activityVenue && <Line>活动场所：{c.activityVenue}</Line>}
      {c.services.length > 0 && <Line>可以办的事：{c.services.join('；')}</Line>}
      {c.location && <Button className='big-button plain-button' onClick={() => openMap(c)}>在地图上看位置</Button>}
      <Button className='big-button plain-button' onClick={() => call(c.phone)}>打社区电话</Button>
    </Card>
  )
}

export default function CommunityPage() {
  const router = useRouter()
  // A wxacode puts its scene in `scene` (URL-encoded); links and H5 may use `code`.
  const posterCode = decodeURIComponent(router.params.scene ?? router.params.code ?? '')
  const load = useCallback(async (): Promise<Data> => {
    if (posterCode) return { kind: 'poster', card: await callCloud('community.byCode', { code: posterCode }) }
    return { kind: 'mine', view: await callCloud('community.mine', {}) }
  }, [posterCode])
  const { data, error } = useCloudData(load)

  return (
    <Screen error={error} loading={!data}>
      {data?.kind === 'poster' && (
        <>
          <CommunityInfo c={data.card} heading='欢迎来到' />
          <Card>
            <Line>企业退休人员移交到社区后，可以用这个小程序查看办理进度、核对信息。</Line>
            <Button className='big-button' onClick={() => Taro.navigateTo({ url: ROUTES.bind })}>我是退休人员，去绑定</Button>
          </Card>
        </>
      )}
      {data?.kind === 'mine' && (
        <>
          <Card>
            <Line>以后有事请找下面的网格员或社区，打个电话就行，不用专门跑一趟。</Line>
          </Card>
          {data.view.contactCard && (
            <View className='card contact-card' id='contact-card'>
              <Text className='line title'>联系卡</Text>
              <Line>{data.view.contactCard.name}，您已由{data.view.contactCard.community}管理服务。</Line>
              <Line>网格员：{data.view.contactCard.gridWorker}，电话 {data.view.contactCard.gridWorkerPhone}</Line>
              <Line>社区电话：{data.view.contactCard.communityPhone}</Line>
              <Line>地址：{data.view.contactCard.address}（{data.view.contactCard.serviceHours}）</Line>
            </View>
          )}
          <CommunityInfo c={data.view.receiving} heading='负责您的社区（户籍所在地）' />
          {data.view.gridWorker && (
            <Card title='您的网格员'>
              <Line>{data.view.gridWorker.name}</Line>
              <Button className='big-button' onClick={() => call(data.view.gridWorker!.phone)}>给网格员打电话</Button>
            </Card>
          )}
          {data.view.partyBranch && (
            <Card title='您的党支部'>
              <Line>{data.view.partyBranch.name}</Line>
              <Line>地点：{data.view.partyBranch.place}</Line>
              <Line>电话：{data.view.partyBranch.phone}</Line>
            </Card>
          )}
          {data.view.residence && (
            <>
              <Card>
                <Line>您长期住在外地，也可以在居住地的社区享受面向居民的各项服务。</Line>
              </Card>
              <CommunityInfo c={data.view.residence} heading='您居住地的社区' />
            </>
          )}
        </>
      )}
    </Screen>
  )
}
