/** 我的二维码: a short-lived signed pass a grid worker scans (or types as 8 digits) to open the case. */
import { AppError } from '../../../shared/AppError'
import type { VisitCode } from '../../../shared/VisitCode'
import { auditEntry } from '../audit'
import type { Handlers } from '../router'
import { VISIT_PASS_SECONDS } from '../VisitToken'
import { auditRefusal, caseDetail, eightDigits, loadCase, ownCase, unusedCode } from './common'

/** Wrong fallback codes a worker may type per China day. */
export const VISIT_CODE_ATTEMPTS_PER_DAY = 20

const INVALID = '这个二维码不是本系统发出的，或者被改动过，不能使用。请老人重新打开「我的二维码」。'
const EXPIRED = '二维码已经过期（5分钟内有效）。请老人点「刷新二维码」后再扫。'

export const visitHandlers: Pick<Handlers, 'visit.issuePass' | 'visit.open'> = {
  async 'visit.issuePass'(ctx) {
    const c = await ownCase(ctx, 'visit.issuePass')
    const expiresAt = new Date(ctx.now.getTime() + VISIT_PASS_SECONDS * 1000)
    const code = await unusedCode(ctx, 'visitCode', eightDigits)
    const visitCode: VisitCode = { id: code, version: 1, caseId: c.id, expiresAt: expiresAt.toISOString() }
    await ctx.store.commit({
      docs: [{ kind: 'visitCode', next: visitCode, expectedVersion: null }],
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
      const failures = `visit-code-fail:${ctx.user.id}:${ctx.today}`
      if ((await ctx.store.getCounter(failures)) >= VISIT_CODE_ATTEMPTS_PER_DAY) throw new AppError('RATE_LIMITED', '今天输错数字码的次数太多了，请改用扫码，或明天再试。')
      const code = await ctx.store.getDoc('visitCode', input.code)
      if (!code) {
        await ctx.store.incrementCounter(failures)
        await auditRefusal(ctx, 'visit.open', null)
        throw new AppError('NOT_FOUND', '数字码不对，请核对老人手机上的8位数字。', { fields: ['code'] })
      }
      if (code.expiresAt <= ctx.now.toISOString()) throw new AppError('BAD_REQUEST', EXPIRED, { fields: ['code'] })
      caseId = code.caseId
    }
    const c = await loadCase(ctx, caseId, 'visit.open')
    await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'visit.open', caseId: c.id, outcome: 'done' })] })
    return caseDetail(ctx, c)
  },
}
