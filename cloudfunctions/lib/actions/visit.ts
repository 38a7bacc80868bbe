/** 我的二维码: a short-lived signed pass a grid worker scans (or types as 8 digits) to open the case. */
import { AppError } from '../../../shared/AppError'
import { hourOf, VISIT_CODE_ATTEMPTS_PER_DAY, VISIT_PASSES_PER_HOUR } from '../../../shared/AttemptLimits'
import { VISIT_PROOF_MINUTES, type VisitCode, type VisitProof } from '../../../shared/VisitCode'
import { auditEntry } from '../audit'
import type { Handlers } from '../router'
import { VISIT_PASS_SECONDS } from '../VisitToken'
import { refundAttempt, spendAttempt } from './attempts'
import { auditRefusal, caseDetail, eightDigits, loadCase, ownCase, unusedCode } from './common'

/** Expired codes (or proofs) deleted per request: one page, so the work per request stays bounded. */
const CLEANUP_PAGE = 100

const INVALID = '这个二维码不是本系统发出的，或者被改动过，不能使用。请老人重新打开「我的二维码」。'
const EXPIRED = '二维码已经过期（5分钟内有效）。请老人点「刷新二维码」后再扫。'

export const visitHandlers: Pick<Handlers, 'visit.issuePass' | 'visit.open'> = {
  async 'visit.issuePass'(ctx) {
    const c = await ownCase(ctx, 'visit.issuePass')
    await spendAttempt(ctx, `visit-pass:${c.id}:${hourOf(ctx.now)}`, VISIT_PASSES_PER_HOUR, '二维码刷新得太频繁了，请过一会儿再打开。')
    const expiresAt = new Date(ctx.now.getTime() + VISIT_PASS_SECONDS * 1000)
    const code = await unusedCode(ctx, 'visitCode', eightDigits)
    const visitCode: VisitCode = { id: code, version: 1, caseId: c.id, expiresAt: expiresAt.toISOString() }
    const expired = (await ctx.store.listDocs('visitCode', { caseId: c.id }, { limit: CLEANUP_PAGE })).items.filter((v) => v.expiresAt <= ctx.now.toISOString())
    await ctx.store.commit({
      docs: [{ kind: 'visitCode', next: visitCode, expectedVersion: null }],
      removeDocs: expired.map((v) => ({ kind: 'visitCode' as const, id: v.id })),
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'visit.issuePass', caseId: c.id, outcome: 'done' })],
    })
    return { token: ctx.visitTokens.sign(c.id, expiresAt), fallbackCode: code, expiresAt: expiresAt.toISOString(), validSeconds: VISIT_PASS_SECONDS }
  },

  async 'visit.open'(ctx, input) {
    let caseId: string
    if ('token' in input) {
      const check = ctx.visitTokens.verify(input.token, ctx.now)
      if (!check.ok) {
        await auditRefusal(ctx, 'visit.open', null)
        throw new AppError('BAD_REQUEST', check.problem === 'expired' ? EXPIRED : INVALID, { fields: ['token'] })
      }
      caseId = check.caseId
    } else {
      const attempts = `visit-code:${ctx.user.id}:${ctx.today}`
      await spendAttempt(ctx, attempts, VISIT_CODE_ATTEMPTS_PER_DAY, '今天输错数字码的次数太多了，请改用扫码，或明天再试。')
      const code = await ctx.store.getDoc('visitCode', input.code)
      if (!code) {
        await auditRefusal(ctx, 'visit.open', null)
        throw new AppError('NOT_FOUND', '数字码不对，请核对老人手机上的8位数字。', { fields: ['code'] })
      }
      if (code.expiresAt <= ctx.now.toISOString()) throw new AppError('BAD_REQUEST', EXPIRED, { fields: ['code'] })
      await refundAttempt(ctx, attempts)
      caseId = code.caseId
    }
    const c = await loadCase(ctx, caseId, 'visit.open', true)
    const proof: VisitProof = { id: ctx.newId(), version: 1, caseId: c.id, workerId: ctx.user.id, expiresAt: new Date(ctx.now.getTime() + VISIT_PROOF_MINUTES * 60_000).toISOString() }
    const stale = (await ctx.store.listDocs('visitProof', { workerId: ctx.user.id }, { limit: CLEANUP_PAGE })).items.filter((p) => p.expiresAt <= ctx.now.toISOString())
    await ctx.store.commit({
      docs: [{ kind: 'visitProof', next: proof, expectedVersion: null }],
      removeDocs: stale.map((p) => ({ kind: 'visitProof' as const, id: p.id })),
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'visit.open', caseId: c.id, outcome: 'done' })],
    })
    return { ...(await caseDetail(ctx, c)), visitProofId: proof.id }
  },
}
