import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { CASE_ACTION_NAMES, type CaseStep, type CaseStepType } from '../../../../shared/CaseAction'
import { formatChinaDate, formatChinaDateTime } from '../../../../shared/ChinaTime'
import type { MaterialItem } from '../../../../shared/Materials'
import { WORKFLOW_STEPS } from '../../../../shared/Authorization'
import { ROUTES } from '../../../routes'
import { callCloud } from '../../../services/cloud'
import { uploadMaterial } from '../../../services/upload'
import { useAction, useCloudData } from '../../../services/useCloudData'
import { failure, warning } from '../../../services/notice'
import { Card, Line, NoticeLine, Screen } from '../../../components/Screen'
import { BindingCard } from '../../../components/BindingCard'
import { StaffFamilyCard } from '../../../components/StaffFamilyCard'
import { AfterTakeInCard, QualificationCard } from '../../../components/AfterTakeInCard'

/** The links materials.get lent for a material's photos (PDFs are not previewed). */
function photoLinks(files: Array<{ url?: string; mimeType: string }>): string[] {
  return files.flatMap((f) => (f.url && f.mimeType.startsWith('image/') ? [f.url] : []))
}

/** One retiree's card for staff: stages, materials, the in-person check, and the next steps this role may record. */
export default function CasePage() {
  const params = useRouter().params
  const id = params.id ?? ''
  // From visit.open (scan or fallback code): the proof an identity check needs.
  const proof = params.proof
  const load = useCallback(async () => {
    const [detail, me] = await Promise.all([callCloud('case.get', { caseId: id }), callCloud('session.me', {})])
    const materials = me.role === 'enterpriseOperator' || me.role === 'gridWorker' || me.role === 'communityAdmin' ? await callCloud('materials.get', { caseId: id }) : null
    return { detail, me, materials }
  }, [id])
  const { data, error, reload } = useCloudData(load)
  const [identity, setIdentity] = useState(false)
  const [materialsOk, setMaterialsOk] = useState(false)
  const { notice, say, act: run } = useAction(reload)
  const [branch, setBranch] = useState('')
  // 医保局: whether the medical insurance was already locally managed, or its transfer agreed (plan 四（六）).
  const [management, setManagement] = useState<'local' | 'transferAgreed' | null>(null)
  // The organisation department records a party step for a community only with the reason.
  const [standIn, setStandIn] = useState('')

  function stepInput(type: CaseStepType): CaseStep {
    const note = data?.me.role === 'partyOfficer' ? { note: standIn } : {}
    if (type === 'pensionHandedOver') return { type, pensionOnTime: true }
    if (type === 'medicalInsuranceHandedOver') return { type, medicalContinued: true, management: management ?? ('' as 'local'), supplementaryOnChannel: true }
    if (type === 'partyBranchAssigned') return { type, branchName: branch, ...note }
    if (type === 'partyRelationTransferred') return { type, ...note }
    return { type } as CaseStep
  }

  const c = data?.detail.case
  const isCommunity = data?.me.role === 'gridWorker' || data?.me.role === 'communityAdmin'
  // After take-in (plan 四（七）): every stage done; closed once a death or a move away was recorded.
  const takenIn = !!data && data.detail.stages.length > 0 && data.detail.stages.every((s) => s.status === 'done' || s.status === 'notApplicable')
  const closed = !!data && data.detail.history.some((h) => h.type === 'caseClosed')
  return (
    <Screen error={error} loading={!data}>
      {data && c && (
        <>
          <Card title={c.name}>
            <Line>身份证：{c.idNumberMasked}</Line>
            <Line>电话：{data.detail.phone}</Line>
            <Line>原单位：{data.detail.enterpriseName}</Line>
            <Line>接收社区：{data.detail.receivingCommunityName}</Line>
            <Line>当前环节：{c.currentStageName}{c.nextDeadline ? `（截止 ${formatChinaDate(c.nextDeadline)}）` : ''}</Line>
          </Card>
          {data.detail.stages.some((s) => s.status === 'open' || s.status === 'waiting') && (
            <Card title='谁在办'>
              {data.detail.stages
                .filter((s) => s.status === 'open' || s.status === 'waiting')
                .map((s) => (
                  <View key={s.id} className='field-row' id={`who-${s.id}`}>
                    <Line>{s.name}（{s.status === 'open' ? '正在办' : '还没开始'}）：{s.responsibleName}{s.contact ? `，${s.contact.name} ${s.contact.phone}` : ''}</Line>
                    {(s.moreContacts ?? []).map((m) => (
                      <Line key={m.name} tone='soft'>也可联系：{m.name} {m.phone}</Line>
                    ))}
                  </View>
                ))}
            </Card>
          )}
          <NoticeLine notice={notice} id='case-message' />
          {isCommunity && (
            <Card title='当面核对'>
              {proof ? null : <Line tone='soft'>要登记「已核对本人身份证」，请先在「上门核对」里扫老人的二维码或输数字码。</Line>}
              <Button className={identity ? 'pick picked' : 'pick'} aria-pressed={identity} onClick={() => setIdentity(!identity)}>{identity ? '✓ ' : ''}已核对本人身份证</Button>
              <Button className={materialsOk ? 'pick picked' : 'pick'} aria-pressed={materialsOk} onClick={() => setMaterialsOk(!materialsOk)}>{materialsOk ? '✓ ' : ''}已核对材料</Button>
              <Button className='big-button' onClick={() => run(() => callCloud('visit.record', { caseId: c.id, expectedVersion: c.version, identityChecked: identity, materialsChecked: materialsOk, ...(identity && proof ? { visitProofId: proof } : {}) }), '已登记这次上门核对。')}>
                登记上门核对
              </Button>
            </Card>
          )}
          {isCommunity && <BindingCard caseId={c.id} />}
          {isCommunity && <StaffFamilyCard caseId={c.id} />}
          {data.detail.allowedSteps.filter((t) => !WORKFLOW_STEPS[t]).length > 0 && (
            <Card title='可以办理'>
              {data.detail.allowedSteps.includes('partyBranchAssigned') && (
                <Input className='input' aria-label='编入的党支部' placeholder='编入哪个党支部，如 乌兰社区第一党支部' value={branch} onInput={(e) => setBranch(e.detail.value)} />
              )}
              {data.me.role === 'partyOfficer' && data.detail.allowedSteps.some((t) => t === 'partyRelationTransferred' || t === 'partyBranchAssigned') && (
                <Input className='input' aria-label='代社区党组织登记的原因' placeholder='社区党组织为什么不能办理（必填）' value={standIn} onInput={(e) => setStandIn(e.detail.value)} />
              )}
              {data.detail.allowedSteps.includes('pensionHandedOver') && <Line>登记前请核对：养老金等社会保障待遇按时足额发放。</Line>}
              {data.detail.allowedSteps.includes('medicalInsuranceHandedOver') && (
                <>
                  <Line>登记前请核对：医保待遇继续享受；大病保险、补充医疗保险等仍按原渠道解决。</Line>
                  <Button className={management === 'local' ? 'pick picked' : 'pick'} aria-pressed={management === 'local'} onClick={() => setManagement('local')}>{management === 'local' ? '✓ ' : ''}医保已纳入地方管理</Button>
                  <Button className={management === 'transferAgreed' ? 'pick picked' : 'pick'} aria-pressed={management === 'transferAgreed'} onClick={() => setManagement('transferAgreed')}>
                    {management === 'transferAgreed' ? '✓ ' : ''}企业和地方已商定医保关系转移接续
                  </Button>
                </>
              )}
              {data.detail.allowedSteps
                .filter((t) => !WORKFLOW_STEPS[t])
                .map((t) => (
                  <Button key={t} className='big-button' onClick={() => run(() => callCloud('case.recordStep', { caseId: c.id, expectedVersion: c.version, step: stepInput(t) }), `已登记：${CASE_ACTION_NAMES[t]}。`)}>
                    登记：{CASE_ACTION_NAMES[t]}
                    {t === 'takenIn' ? '（并发联系卡）' : t === 'pensionHandedOver' || t === 'medicalInsuranceHandedOver' ? '（已核对）' : ''}
                  </Button>
                ))}
            </Card>
          )}
          {data.materials && (
            <Card title='移交材料'>
              {data.materials.items.map((m) => (
                <View key={m.item} className='field-row'>
                  <Line>{m.name}：{m.files.length ? `已上传 ${m.files.length} 份` : '还没有'}</Line>
                  {photoLinks(m.files).length > 0 && (
                    <Button className='big-button plain-button' onClick={() => void Taro.previewImage({ urls: photoLinks(m.files) })}>
                      查看{m.name}照片
                    </Button>
                  )}
                  {data.me.role === 'enterpriseOperator' && (
                    <Button
                      className='big-button plain-button'
                      onClick={() =>
                        uploadMaterial(c.id, m.item as MaterialItem)
                          .then((uploaded) => (uploaded ? run(async () => undefined, `${m.name}已上传。`) : say(warning('没有选到照片，请再选一次（照片要能打开）。'))))
                          .catch((e) => say(failure(e)))
                      }
                    >
                      拍照或选图片上传
                    </Button>
                  )}
                </View>
              ))}
              <Line>{data.materials.missing.length ? `还缺：${data.materials.missing.join('、')}` : '材料已齐全。'}</Line>
              {data.me.role === 'enterpriseOperator' && !data.materials.hukouCommunityConfirmed && (
                <Button className='big-button plain-button' onClick={() => run(() => callCloud('materials.confirmHukou', { caseId: c.id }), '户籍所在地社区已核对。')}>户籍所在地社区核对无误</Button>
              )}
              {data.me.role === 'enterpriseOperator' && c.currentStage === 'materials' && (
                <Button className='big-button' onClick={() => run(() => callCloud('materials.submit', { caseId: c.id, expectedVersion: c.version }), '材料已提交。')}>提交移交材料</Button>
              )}
            </Card>
          )}
          {closed && <Line tone='soft'>这位老人已销户（去世或迁往外地），移交已办结，记录保留。</Line>}
          {takenIn && !closed && (isCommunity || data.me.role === 'supervisor') && <AfterTakeInCard caseId={c.id} version={c.version} role={data.me.role} today={data.me.today} run={run} reload={reload} />}
          {/* 人社局 only (医保局's officers share the role). */}
          {data.me.role === 'socialSecurityOfficer' && data.me.orgName === '市人社局' && !closed && <QualificationCard caseId={c.id} version={c.version} run={run} />}
          <Card title='办理记录'>
            {data.detail.history.map((h, i) => (
              <Line key={i}>{formatChinaDateTime(h.at)} {h.name}</Line>
            ))}
          </Card>
          {data.me.role === 'supervisor' && (
            <Button className='big-button plain-button' onClick={() => Taro.navigateTo({ url: `${ROUTES.supervisorAudit}?caseId=${encodeURIComponent(c.id)}` })}>操作记录（谁在何时做了什么）</Button>
          )}
        </>
      )}
    </Screen>
  )
}
