import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { formatChinaDate, chinaDateOf } from '../../../../shared/ChinaTime'
import type { ResidentItem } from '../../../../shared/Residence'
import { callCloud } from '../../../services/cloud'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { failure, warning } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'

const PAGE = 20

/**
 * 在本社区居住的外社区人员 (plan 四（六）): people whose hukou community manages and takes them in,
 * served here where they live. Staff record services and the in-person identity check.
 */
export default function ResidentsPage() {
  const load = useCallback(() => callCloud('residence.list', { limit: PAGE }), [])
  const { data, setData, error, reload } = useCloudData(load)
  const { notice, say, act, busy } = useAction(reload)
  const [services, setServices] = useState<Record<string, string>>({})
  const [code, setCode] = useState('')
  const [visit, setVisit] = useState<{ caseId: string; name: string; version: number; proof: string } | null>(null)

  async function more() {
    if (!data?.nextCursor || busy) return
    try {
      const next = await callCloud('residence.list', { limit: PAGE, after: data.nextCursor })
      setData({ items: [...data.items, ...next.items], nextCursor: next.nextCursor })
    } catch (e) {
      say(failure(e))
    }
  }

  async function openVisit(input: { token: string } | { code: string }) {
    try {
      const opened = await callCloud('visit.open', input)
      setVisit({ caseId: opened.case.id, name: opened.case.name, version: opened.case.version, proof: opened.visitProofId })
      say(null)
    } catch (e) {
      say(failure(e))
    }
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await openVisit({ token: res.result })
    } catch {
      say(warning('没有扫到二维码。可以请老人念出二维码下面的8位数字，填在下面。'))
    }
  }

  const recordIdentity = (v: NonNullable<typeof visit>) =>
    act(async () => {
      await callCloud('visit.record', { caseId: v.caseId, expectedVersion: v.version, identityChecked: true, materialsChecked: false, visitProofId: v.proof })
      setVisit(null)
      setCode('')
    }, `已登记：当面核对了${v.name}的身份证。`)

  const recordService = (r: ResidentItem) =>
    act(async () => {
      await callCloud('residence.recordService', { caseId: r.id, expectedVersion: r.version, service: services[r.id] ?? '' })
      setServices({ ...services, [r.id]: '' })
    }, `已登记为${r.name}提供的服务。`)

  return (
    <Screen error={error} loading={!data}>
      <Card>
        <Line>这些老人户籍在别的社区，长期住在本社区。移交和纳入由户籍社区办理；本社区为他们提供服务、上门看望，也可以当面核对身份。</Line>
      </Card>
      <NoticeLine notice={notice} id='residents-message' />
      <Card title='当面核对身份：扫码或输数字码'>
        {process.env.TARO_ENV === 'weapp' && <Button className='big-button' onClick={scan}>扫老人的二维码</Button>}
        <Input className='input' aria-label='8位数字码' placeholder='二维码下面的8位数字' type='number' maxlength={9} value={code} onInput={(e) => setCode(e.detail.value)} />
        <Button className='big-button plain-button' onClick={() => openVisit({ code: code.replace(/\s/g, '') })}>用数字码打开</Button>
        {visit && (
          <Button className='big-button' onClick={() => recordIdentity(visit)}>
            已核对{visit.name}的身份证，登记
          </Button>
        )}
      </Card>
      {data?.items.length === 0 && <Line>没有在本社区居住的外社区人员。</Line>}
      {data?.items.map((r) => (
        <Card key={r.id} title={r.name}>
          <Line>身份证：{r.idNumberMasked}　电话：{r.phone}</Line>
          <Line>户籍社区：{r.hukouCommunityName}{r.hukouCommunityPhone ? `（${r.hukouCommunityPhone}）` : ''}</Line>
          <Line>移交进度：{r.stageName}</Line>
          <Line tone={r.identityCheckedAt ? 'ok' : 'soft'}>
            {r.identityCheckedAt ? `${formatChinaDate(chinaDateOf(r.identityCheckedAt))} 已当面核对身份（${r.identityCheckedHere ? '本社区' : '户籍社区'}）` : '还没有当面核对身份'}
          </Line>
          <Line tone='soft'>{r.lastService ? `最近服务：${formatChinaDate(chinaDateOf(r.lastService.at))} ${r.lastService.service}` : '还没有登记服务'}</Line>
          <View className='field-row'>
            <Input className='input' aria-label={`为${r.name}提供的服务`} placeholder='提供了什么服务，如 上门看望' maxlength={40} value={services[r.id] ?? ''} onInput={(e) => setServices({ ...services, [r.id]: e.detail.value })} />
            <Button className='big-button plain-button' onClick={() => recordService(r)}>登记服务</Button>
          </View>
        </Card>
      ))}
      {data?.nextCursor && (
        <Button className='big-button plain-button' onClick={more}>
          再看{PAGE}人
        </Button>
      )}
    </Screen>
  )
}
