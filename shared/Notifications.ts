/**
 * What the retiree's inbox says about each thing recorded on their case, in plain words.
 * (Delivery to WeChat subscribe messages and to staff is the dispatcher's job.)
 */
import type { CaseAction, CareKind } from './CaseAction'
import { assertNever } from './CaseState'
import { formatChinaDate, chinaDateOf } from './ChinaTime'
import { DETAIL_FIELD_NAMES } from './CorrectionRequest'
import type { ResponsibleParty } from './Stage'

/** How the retiree's timeline names what the community did after taking them in. */
export const CARE_TITLES: Record<CareKind, string> = {
  visit: '社区来看望您了',
  healthCheck: '社区为您做了健康检查',
  help: '社区帮您解决了困难',
}

export interface InboxText {
  title: string
  body: string
}

export function inboxTextFor(action: CaseAction): InboxText {
  const day = formatChinaDate(chinaDateOf(action.at))
  switch (action.type) {
    case 'rosterConfirmed':
      return { title: '原企业已核对您的信息', body: `${day}，原企业已把您列入移交名册。您不用办理什么。` }
    case 'materialsSubmitted':
      return { title: '移交材料已备齐', body: `${day}，原企业已备齐您的移交材料。` }
    case 'agreementCommunitySigned':
      return { title: '社区已签移交协议', body: `${day}，接收社区在移交协议上签了字，等原企业会签。您不用办理什么。` }
    case 'agreementSigned':
      return { title: '移交协议已签订', body: `${day}，原企业和社区签订了移交协议。您的养老金照常发放。` }
    case 'personnelFileTransferred':
      return { title: '人事档案已移交', body: `${day}，您的人事档案已移交档案部门。您不用办理什么。` }
    case 'classifiedFileHandled':
      return { title: '档案已按规定办理', body: `${day}，您的档案已按保密规定办理完毕。` }
    case 'partyRelationTransferred':
      return { title: '党组织关系已转入社区', body: `${day}，您的党组织关系已转入社区党组织。` }
    case 'partyBranchAssigned':
      return { title: '已编入党支部', body: `${day}，您已编入「${action.branchName}」，请留意支部活动通知。` }
    case 'socialSecurityHandedOver':
      return { title: '社保服务已衔接', body: `${day}，社区已接手您的社保服务。养老金照常按时足额发放，医保照常享受。` }
    case 'pensionHandedOver':
      return { title: '人社局已核对养老金', body: `${day}，市人社局核对了您的养老金等待遇：按时足额发放。您不用办理什么。` }
    case 'medicalInsuranceHandedOver':
      return {
        title: '医保关系已接续',
        body: `${day}，市医保局核对了您的医保：照常享受${action.management === 'transferAgreed' ? '，医保关系已由企业和地方商定转移接续' : ''}；大病保险、补充医疗保险等仍按原渠道办理。`,
      }
    case 'takenIn':
      return { title: '您已纳入社区管理', body: `${day}，移交全部办完。社区给您发了联系卡，在「我的社区」里，有事请找社区。` }
    case 'wechatBound':
      return action.assistedBy
        ? { title: '社区已帮您绑定微信', body: `${day}，社区工作人员当面核对了您的身份证，帮您把这个微信和移交信息绑定了。以前绑定的微信不能再查看。` }
        : { title: '实名绑定成功', body: `${day}，您的微信已和移交信息绑定。办理进度会在这里通知您。` }
    case 'wechatUnbound':
      return { title: '原来的微信已解绑', body: `${day}，社区工作人员核对身份证后，解除了原来绑定的微信。请用您自己的微信重新绑定，或请社区工作人员给您绑定码。` }
    case 'detailsConfirmed':
      return { title: '您已确认基本信息', body: `${day}，您确认了登记的基本信息无误。谢谢！` }
    case 'detailsDisputed':
      return {
        title: '已收到您的更正申请',
        body: `${day}，您提出「${action.fields.map((f) => DETAIL_FIELD_NAMES[f]).join('、')}」有误。原企业会核实后答复您。`,
      }
    case 'visitRecorded':
      return { title: '网格员已和您见面', body: `${day}，社区网格员当面核对了您的${action.identityChecked ? '身份' : ''}${action.identityChecked && action.materialsChecked ? '和' : ''}${action.materialsChecked ? '材料' : ''}。` }
    case 'serviceRecorded':
      return { title: '居住地社区为您提供了服务', body: `${day}，您居住地的社区为您提供了「${action.service}」。` }
    case 'careRecorded':
      return { title: CARE_TITLES[action.kind], body: `${day}，${action.text}` }
    case 'caseClosed':
      return action.reason === 'death'
        ? { title: '社区已登记老人去世', body: `社区登记了老人于${formatChinaDate(action.on)}去世。移交档案和办理记录都会保留，家属有事请找社区。` }
        : { title: '社区已登记您迁往外地', body: `社区登记了您于${formatChinaDate(action.on)}迁往外地，这里的管理到此为止。档案和记录都会保留；到了新住地，请联系当地社区。` }
    case 'caseTransferred':
      return { title: '您换了管理社区', body: `${day}，您搬家后，由新住地的社区接着为您服务。以前的办理记录都一起转过去了，有事请找「我的社区」里的新社区。` }
    case 'qualificationSet':
      return action.needed
        ? { title: '请留意每年的养老金资格认证', body: `${day}，人社局登记了您每年要做一次养老金领取资格认证${action.lastDoneOn ? `，上次是${formatChinaDate(action.lastDoneOn)}` : ''}。到时候社区会提醒您。` }
        : { title: '您不用再做养老金资格认证', body: `${day}，人社局登记了您不用每年做养老金领取资格认证。` }
    case 'correctionAnswered':
      return action.accepted
        ? { title: '您的信息已更正', body: `${day}，原企业核实后更正了「${action.fields.map((f) => DETAIL_FIELD_NAMES[f]).join('、')}」。请再核对一遍。` }
        : { title: '更正申请已答复', body: `${day}，原企业核实了您提出的「${action.fields.map((f) => DETAIL_FIELD_NAMES[f]).join('、')}」，答复在「核对我的信息」里。` }
    default:
      return assertNever(action)
  }
}

/** How a unit's own staff speak of their unit in a reminder. */
const OWN_UNIT: Record<ResponsibleParty, string> = {
  enterprise: '本企业',
  community: '本社区',
  communityParty: '本社区党组织',
  archives: '档案部门',
  party: '组织部门',
  hrss: '人社局',
  medicalInsurance: '医保局',
}

/**
 * The one reminder a unit's staff get per stage, deadline and day, instead of one per retiree:
 * 「本企业还有 12 人的「签订移交协议」未办完，2020年3月31日截止」.
 */
export function unitReminderText(party: ResponsibleParty, stageName: string, count: number, deadline: string, daysLeft: number): InboxText {
  return {
    title: `${OWN_UNIT[party]}还有 ${count} 人的「${stageName}」未办完，${formatChinaDate(deadline)}截止`,
    body: `还有 ${daysLeft} 天。名单在下面的页面里，请抓紧办理。`,
  }
}

/** The page with the list behind a unit reminder (routes of miniprogram/routes.ts; a test keeps them in step). */
export function unitReminderLink(party: ResponsibleParty, stageId: string): string {
  switch (party) {
    case 'enterprise':
      return stageId === 'agreement' ? '/enterprise/pages/agreements/index' : '/enterprise/pages/home/index'
    case 'community':
      return stageId === 'agreement' ? '/worker/pages/agreements/index' : '/worker/pages/queue/index'
    case 'archives':
      return '/officer/pages/archives/index'
    case 'party':
    case 'communityParty':
    case 'hrss':
    case 'medicalInsurance':
      return '/worker/pages/queue/index'
    default:
      return assertNever(party)
  }
}
