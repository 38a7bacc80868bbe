/**
 * 移交材料: the per-case checklist, photo/scan attachments, and submission. A file is attached
 * only when it lies under `materials/<the caller>/<this case>/` in storage and its first bytes and
 * size, read by the server, make it a JPG, PNG, HEIC or PDF of at most 10 MB. Exactly the bytes read
 * are kept under `cases/<case>/<item>/`, where no client may write, and the upload is deleted: the
 * uploader can no longer change what staff are lent. Download links are
 * lent only by materials.get, which loads the case in the caller's jurisdiction; retirees and
 * relatives are never lent any (no action of theirs returns materials).
 */
import { AppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { recordStep } from '../../../shared/CaseState'
import { keptMaterialPath, MATERIAL_ITEM_NAMES, MATERIAL_ITEMS, MAX_FILES_PER_ITEM, MAX_MATERIAL_BYTES, missingMaterials, parseMaterialPath, SNIFF_BYTES, sniffMaterialType, type MaterialFile, type MaterialsChecklist } from '../../../shared/Materials'
import type { MaterialsView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { auditRefusal, auditView, caseDetail, commitCase, expectVersion, loadCase } from './common'

/** The checklist; with `urls`, each file carries its short-lived download link. */
function view(c: RetireeCase, m: MaterialsChecklist | null, urls: Map<string, string> = new Map()): MaterialsView {
  return {
    caseId: c.id,
    version: m?.version ?? 0,
    items: MATERIAL_ITEMS.map((item) => ({ item, name: MATERIAL_ITEM_NAMES[item], files: (m?.files[item] ?? []).map((f) => ({ ...f, ...(urls.has(f.fileId) ? { url: urls.get(f.fileId) } : {}) })) })),
    hukouCommunityConfirmed: m?.hukouCommunityConfirmed ?? false,
    missing: missingMaterials(m),
  }
}

async function save(ctx: Ctx, c: RetireeCase, before: MaterialsChecklist | null, next: MaterialsChecklist, change: string): Promise<MaterialsView> {
  await ctx.store.commit({
    docs: [{ kind: 'materials', next, expectedVersion: before?.version ?? null }],
    audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'materials.attach', caseId: c.id, outcome: 'done', changes: [{ field: 'materials', before: null, after: change }] })],
  })
  return view(c, next)
}

function empty(c: RetireeCase): MaterialsChecklist {
  return { id: c.id, version: 0, caseId: c.id, files: {}, hukouCommunityConfirmed: false }
}

export const materialsHandlers: Pick<Handlers, 'materials.get' | 'materials.attach' | 'materials.confirmHukou' | 'materials.submit'> = {
  async 'materials.get'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'materials.get')
    // The files are photos of papers with personal data (户口本, 身份证): each look is a view.
    await auditView(ctx, 'materials.get', c.id)
    const m = await ctx.store.getDoc('materials', c.id)
    // The one place links are lent: the case was loaded in the caller's jurisdiction just above.
    const fileIds = Object.values(m?.files ?? {}).flatMap((files) => files.map((f) => f.fileId))
    return view(c, m, fileIds.length ? await ctx.files.temporaryUrls(fileIds) : new Map())
  },

  async 'materials.attach'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'materials.attach')
    const where = ctx.files.pathOf(input.fileId)
    const path = where === null ? null : parseMaterialPath(where)
    if (!path || path.caseId !== c.id || path.uploaderId !== ctx.user.id) {
      await auditRefusal(ctx, 'materials.attach', c.id)
      throw new AppError('BAD_REQUEST', '这个文件不是为这位退休人员上传的，请在这位退休人员的材料里重新上传。', { caseId: c.id, fields: ['fileId'] })
    }
    const before = await ctx.store.getDoc('materials', c.id)
    const base = before ?? empty(c)
    const files = base.files[input.item] ?? []
    if (Object.values(base.files).some((fs) => fs.some((f) => f.fileId === input.fileId || f.uploadId === input.fileId))) throw new AppError('CONFLICT', '这个文件已经上传过了。', { caseId: c.id })
    if (files.length >= MAX_FILES_PER_ITEM) throw new AppError('BAD_REQUEST', `每项材料最多${MAX_FILES_PER_ITEM}个文件。`, { caseId: c.id })
    // Type and size are what the server read, never what the uploader said, and what is kept is
    // exactly those bytes: the upload is read once, judged, copied out of the client's reach and deleted.
    let mimeType: MaterialFile['mimeType'] = 'image/jpeg'
    let size = 0
    const fileId = await ctx.files.keep(input.fileId, (bytes) => {
      const kind = sniffMaterialType(bytes.subarray(0, SNIFF_BYTES))
      if (!kind) throw new AppError('BAD_REQUEST', '只能上传照片（JPG、PNG、HEIC）或PDF。', { caseId: c.id, fields: ['fileId'] })
      if (bytes.length > MAX_MATERIAL_BYTES) throw new AppError('BAD_REQUEST', '文件太大了（超过10MB），请重新拍一张或压缩后上传。', { caseId: c.id, fields: ['fileId'] })
      ;[mimeType, size] = [kind.mimeType, bytes.length]
      return keptMaterialPath(c.id, input.item, ctx.newId(), kind.ext)
    })
    if (fileId === null) throw new AppError('BAD_REQUEST', '没有找到上传的文件，请重新上传。', { caseId: c.id, fields: ['fileId'] })
    const file = { fileId, uploadId: input.fileId, mimeType, size, uploadedAt: ctx.now.toISOString() }
    const next = { ...base, version: base.version + 1, files: { ...base.files, [input.item]: [...files, file] } }
    return save(ctx, c, before, next, `${MATERIAL_ITEM_NAMES[input.item]} +1`)
  },

  async 'materials.confirmHukou'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'materials.confirmHukou')
    const before = await ctx.store.getDoc('materials', c.id)
    const base = before ?? empty(c)
    return save(ctx, c, before, { ...base, version: base.version + 1, hukouCommunityConfirmed: true }, '户籍所在地社区已核对')
  },

  async 'materials.submit'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'materials.submit')
    expectVersion(c, input.expectedVersion)
    const missing = missingMaterials(await ctx.store.getDoc('materials', c.id))
    if (missing.length) throw new AppError('BAD_REQUEST', `材料还不齐：${missing.join('、')}。`, { caseId: c.id, stage: 'materials' })
    const next = recordStep(ctx.policy, c, { type: 'materialsSubmitted' }, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    await commitCase(ctx, 'materials.submit', c, next)
    return caseDetail(ctx, next)
  },
}
