/** 移交材料: the per-case checklist, photo/scan attachments (type and size checked), and submission. */
import { AppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { recordStep } from '../../../shared/CaseState'
import { MATERIAL_ITEM_NAMES, MATERIAL_ITEMS, missingMaterials, type MaterialsChecklist } from '../../../shared/Materials'
import type { MaterialsView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { caseDetail, commitCase, expectVersion, loadCase } from './common'

function view(c: RetireeCase, m: MaterialsChecklist | null): MaterialsView {
  return {
    caseId: c.id,
    version: m?.version ?? 0,
    items: MATERIAL_ITEMS.map((item) => ({ item, name: MATERIAL_ITEM_NAMES[item], files: m?.files[item] ?? [] })),
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
    return view(c, await ctx.store.getDoc('materials', c.id))
  },

  async 'materials.attach'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'materials.attach')
    const before = await ctx.store.getDoc('materials', c.id)
    const base = before ?? empty(c)
    const file = { fileId: input.fileId, mimeType: input.mimeType, size: input.size, uploadedAt: ctx.now.toISOString() }
    const next = { ...base, version: base.version + 1, files: { ...base.files, [input.item]: [...(base.files[input.item] ?? []), file] } }
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
