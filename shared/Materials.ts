import * as z from 'zod/mini'

/** 移交材料: the checklist of DOMAIN.md, per case. */
export const MATERIAL_ITEMS = ['application', 'nameList', 'fileRoster', 'householdRegister', 'idCard'] as const
export const MaterialItem = z.enum(MATERIAL_ITEMS)
export type MaterialItem = z.infer<typeof MaterialItem>

export const MATERIAL_ITEM_NAMES: Record<MaterialItem, string> = {
  application: '移交申请',
  nameList: '移交人员名单',
  fileRoster: '档案移交名册',
  householdRegister: '户口本',
  idCard: '身份证',
}

/** Photos and scans accepted for materials, and how large they may be. */
export const MATERIAL_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'application/pdf'] as const
export const MAX_MATERIAL_BYTES = 10 * 1024 * 1024

export const MaterialFile = z.object({
  fileId: z.string().check(z.minLength(1), z.maxLength(300)),
  mimeType: z.enum(MATERIAL_TYPES, { error: '只能上传照片（JPG、PNG、HEIC）或PDF' }),
  size: z.int().check(z.gte(1, { error: '文件是空的' }), z.lte(MAX_MATERIAL_BYTES, { error: '文件太大了（超过10MB）' })),
  uploadedAt: z.iso.datetime(),
})
export type MaterialFile = z.infer<typeof MaterialFile>

export const MaterialsChecklist = z.object({
  id: z.string().check(z.describe('the case id')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  files: z.partialRecord(MaterialItem, z.array(MaterialFile)),
  hukouCommunityConfirmed: z.boolean().check(z.describe('the 退休户籍所在地的社区 item: confirmed by the enterprise')),
})
export type MaterialsChecklist = z.infer<typeof MaterialsChecklist>

/** What is still missing, by name (empty when the materials are complete). */
export function missingMaterials(m: MaterialsChecklist | null): string[] {
  const missing: string[] = MATERIAL_ITEMS.filter((i) => !(m?.files[i]?.length ?? 0)).map((i) => MATERIAL_ITEM_NAMES[i])
  if (!m?.hukouCommunityConfirmed) missing.push('户籍所在地社区（请核对）')
  return missing
}
