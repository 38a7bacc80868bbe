/** The grid worker's in-person visit and the archives officer's batch file hand-over. */
import { AppError } from '../../../shared/AppError'
import { checkStep, recordNote, recordStep } from '../../../shared/CaseState'
import type { RetireeCase } from '../../../shared/Case'
import type { CaseStep } from '../../../shared/CaseAction'
import { enterpriseUnit } from '../../../shared/Figures'
import type { Handlers } from '../router'
import { auditRefusal, caseDetail, commitCase, commitCases, expectVersion, loadCase } from './common'

export const handoverHandlers: Pick<Handlers, 'visit.record' | 'archives.enterprises' | 'archives.batch'> = {
  async 'visit.record'(ctx, input) {
    // The residence community may visit and check the identity of a person it serves; the check names the community.
    const c = await loadCase(ctx, input.caseId, 'visit.record', true)
    expectVersion(c, input.expectedVersion)
    // An identity check opens take-in, so it needs this worker's proof of a fresh pass or code for this case.
    // The proof is read after the case and deleted in the case's guarded commit: two records racing
    // with one proof cannot both commit (the second holds a stale case version or finds no proof).
    const proof = input.identityChecked && input.visitProofId ? await ctx.store.getDoc('visitProof', input.visitProofId) : null
    if (input.identityChecked && (!proof || proof.caseId !== c.id || proof.workerId !== ctx.user.id || proof.expiresAt <= ctx.now.toISOString())) {
      await auditRefusal(ctx, 'visit.record', c.id)
      throw new AppError('FORBIDDEN', '登记「已核对本人身份证」前，请先扫老人的二维码，或输入老人手机上的8位数字码（30分钟内有效）。', { caseId: c.id, fields: ['visitProofId'] })
    }
    const note = { type: 'visitRecorded' as const, identityChecked: input.identityChecked, materialsChecked: input.materialsChecked, communityId: ctx.user.orgId, ...(input.note ? { note: input.note } : {}) }
    const next = recordNote(ctx.policy, c, note, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    await commitCase(ctx, 'visit.record', c, next, proof ? { removeDocs: [{ kind: 'visitProof', id: proof.id }] } : {})
    return caseDetail(ctx, next)
  },

  /** Every enterprise in the store, with how many of its people have their personnel file to hand over now (the board's figures). */
  async 'archives.enterprises'(ctx) {
    const [enterprises, figures] = await Promise.all([ctx.store.listEnterprises(), ctx.store.readFigures('enterprise:')])
    return { items: enterprises.map((e) => ({ enterpriseId: e.id, name: e.name, waiting: figures.get(`${enterpriseUnit(e.id)}|s|personnelFile|open`) ?? 0 })) }
  },

  /**
   * Personnel files handed over in one batch per enterprise: each case takes its own route
   * (standard, or classified under confidentiality rules); a 市委-managed leader's file stays and
   * is skipped with the reason. All recorded cases change together or none do.
   */
  async 'archives.batch'(ctx, input) {
    const changes: Array<[RetireeCase, RetireeCase]> = []
    const skipped: Array<{ caseId: string; name: string; reason: string }> = []
    for (const caseId of [...new Set(input.caseIds)]) {
      const c = await loadCase(ctx, caseId, 'archives.batch')
      if (c.enterpriseId !== input.enterpriseId) {
        skipped.push({ caseId, name: c.person.name, reason: '不是这家企业的退休人员。' })
        continue
      }
      const step: CaseStep['type'] | undefined = (['personnelFileTransferred', 'classifiedFileHandled'] as const).find((t) => checkStep(ctx.policy, c, t).ok)
      if (!step) {
        const why = checkStep(ctx.policy, c, 'personnelFileTransferred')
        skipped.push({ caseId, name: c.person.name, reason: why.ok ? '' : why.message })
        continue
      }
      changes.push([c, recordStep(ctx.policy, c, { type: step }, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())])
    }
    if (changes.length === 0 && skipped.length === 0) throw new AppError('BAD_REQUEST', '请选择要移交档案的人员。')
    if (changes.length) await commitCases(ctx, 'archives.batch', changes)
    return {
      done: changes.map(([, after]) => ({ caseId: after.id, name: after.person.name, step: after.actions[after.actions.length - 1].type })),
      skipped,
    }
  },
}
