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
  fileId: z.string().check(z.minLength(1), z.maxLength(300), z.describe('the kept copy (cases/…); checklists stored before keep name the upload (materials/…)')),
  uploadId: z.optional(z.string().check(z.minLength(1), z.maxLength(300), z.describe('the client upload it was taken from, since deleted: the same upload is attached once'))),
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

/** A file may be attached to at most this many per item (one getTempFileURL call covers a case). */
export const MAX_FILES_PER_ITEM = 10

/** Bytes read from a stored file to tell its real type. */
export const SNIFF_BYTES = 12

/** What a file really is, by its first bytes (the name and the uploader's word are not trusted). */
export function sniffMaterialType(b: Uint8Array): { mimeType: (typeof MATERIAL_TYPES)[number]; ext: string } | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to))
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mimeType: 'image/jpeg', ext: 'jpg' }
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return { mimeType: 'image/png', ext: 'png' }
  if (b.length >= 5 && ascii(0, 5) === '%PDF-') return { mimeType: 'application/pdf', ext: 'pdf' }
  if (b.length >= 12 && ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(ascii(8, 12))) return { mimeType: 'image/heic', ext: 'heic' }
  return null
}

/**
 * Where a client uploads a material's file: `materials/<uploader>/<case>/<name>.<ext>`. The
 * uploader's segment is the client's own OPENID (the storage rule cannot check it; attach does),
 * the case segment ties the file to one case, checked when it is attached and the file is kept
 * (keptMaterialPath).
 */
const SEGMENT = '[A-Za-z0-9_-]{1,64}'
export const MATERIAL_PATH = new RegExp(`^materials/(${SEGMENT})/(${SEGMENT})/(${SEGMENT}\\.[a-z0-9]{1,5})$`)

export function materialPath(uploaderId: string, caseId: string, name: string): string {
  return `materials/${uploaderId}/${caseId}/${name}`
}

export function parseMaterialPath(path: string): { uploaderId: string; caseId: string; name: string } | null {
  const m = MATERIAL_PATH.exec(path)
  return m ? { uploaderId: m[1], caseId: m[2], name: m[3] } : null
}

/**
 * Where the server keeps an attached file: `cases/<case>/<item>/<id>.<ext>`, outside `materials/`,
 * so no client may overwrite or delete it (the storage rule lets clients write only under `materials/`).
 */
export function keptMaterialPath(caseId: string, item: MaterialItem, id: string, ext: string): string {
  return `cases/${caseId}/${item}/${id}.${ext}`
}

/** Whether an id can stand for a case or an uploader in a storage path. */
export function isPathSegment(s: string): boolean {
  return new RegExp(`^${SEGMENT}$`).test(s)
}
