import * as z from 'zod/mini'

/** Who uses the system (DOMAIN.md, who does what). */
export const ROLES = [
  'retiree', // 退休人员
  'gridWorker', // 网格员
  'communityAdmin', // 社区管理员
  'enterpriseOperator', // 企业经办人
  'archivesOfficer', // 档案局/人社局
  'partyOfficer', // 组织部/社区党组织
  'supervisor', // 领导小组办公室
] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

export const ROLE_NAMES: Record<Role, string> = {
  retiree: '退休人员',
  gridWorker: '网格员',
  communityAdmin: '社区管理员',
  enterpriseOperator: '企业经办人',
  archivesOfficer: '档案局经办人',
  partyOfficer: '组织部经办人',
  supervisor: '领导小组办公室',
}

export const STAFF_ROLES = ROLES.filter((r) => r !== 'retiree')
