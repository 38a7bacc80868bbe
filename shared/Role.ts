import * as z from 'zod/mini'

/** Who uses the system (DOMAIN.md, who does what). */
export const ROLES = [
  'retiree', // 退休人员
  'relative', // 亲属代办: invited by a bound retiree
  'gridWorker', // 网格员
  'communityAdmin', // 社区管理员
  'enterpriseOperator', // 企业经办人
  'archivesOfficer', // 档案局/人社局
  'partyOfficer', // 组织部: guides and oversees city-wide (plan 四（三）)
  'communityPartySecretary', // 社区党组织书记/党务工作者: orgId is the community
  'socialSecurityOfficer', // 社保经办人: orgId is the bureau, 'hrss' (人社局) or 'medicalInsurance' (医保局)
  'supervisor', // 领导小组办公室
] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

export const ROLE_NAMES: Record<Role, string> = {
  retiree: '退休人员',
  relative: '亲属（代办）',
  gridWorker: '网格员',
  communityAdmin: '社区管理员',
  enterpriseOperator: '企业经办人',
  archivesOfficer: '档案局经办人',
  partyOfficer: '组织部经办人',
  communityPartySecretary: '社区党组织书记',
  socialSecurityOfficer: '社保经办人',
  supervisor: '领导小组办公室',
}

/** The retiree and the relatives they invited: they see one case, their own. */
export const RETIREE_SIDE_ROLES = ['retiree', 'relative'] as const satisfies readonly Role[]
export const STAFF_ROLES = ROLES.filter((r) => !(RETIREE_SIDE_ROLES as readonly Role[]).includes(r))
