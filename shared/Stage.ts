import * as z from 'zod/mini'

/** The stages of one case, in the order DOMAIN.md lists them. */
export const STAGE_IDS = [
  'roster', // 摸底造册
  'materials', // 移交材料
  'agreement', // 签订移交协议
  'personnelFile', // 人事档案移交
  'partyRelation', // 党员组织关系转接
  'socialSecurity', // 社会保障管理服务衔接
  'takenIn', // 纳入社区管理服务
] as const
export const StageId = z.enum(STAGE_IDS)
export type StageId = z.infer<typeof StageId>

/** Who answers for a stage. */
export const RESPONSIBLE_PARTIES = ['enterprise', 'community', 'archives', 'party'] as const
export const ResponsibleParty = z.enum(RESPONSIBLE_PARTIES)
export type ResponsibleParty = z.infer<typeof ResponsibleParty>

export const RESPONSIBLE_PARTY_NAMES: Record<ResponsibleParty, string> = {
  enterprise: '原企业',
  community: '接收社区',
  archives: '市档案局、人社局',
  party: '市委组织部、社区党组织',
}
