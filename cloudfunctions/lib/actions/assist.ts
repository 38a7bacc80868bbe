/**
 * 社区帮办绑定: when someone else's wrong tries have locked a retiree out, or their WeChat is lost
 * or hijacked, a grid worker or community admin checks the retiree's ID card in person and then
 * (a) issues a one-time binding code that binds the WeChat the retiree types it on, replacing
 * any earlier binding, or (b) unbinds a WeChat (the retiree's or a relative's). The binding
 * limits do not apply (it needs staff); the code has its own guessing limit. All audited; the
 * retiree's inbox says what happened.
 */
import { AppError } from '../../../shared/AppError'
import { ASSIST_CODE_ATTEMPTS_PER_DAY } from '../../../shared/AttemptLimits'
import type { RetireeCase } from '../../../shared/Case'
import { boundUserId, recordNote } from '../../../shared/CaseState'
import type { InboxMessage } from '../../../shared/InboxMessage'
import type { User } from '../../../shared/User'
import { BIND_CODE_VALID_MINUTES, type BindCode, type CaseBindingView } from '../../../shared/WechatLink'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { auditGuestRefusal, spendAttempt } from './attempts'
import { commitCase, eightDigits, loadCase, unusedCode } from './common'
import { loadRoster, rosterWrite } from './family'

async function bindingView(ctx: Ctx, c: RetireeCase): Promise<CaseBindingView> {
  const bound = boundUserId(c)
  const retiree = bound ? await ctx.store.getUser(bound) : null
  const relatives = await ctx.store.listUsers({ caseId: c.id, role: 'relative' })
  return {
    retiree: retiree && retiree.caseId === c.id ? { userId: retiree.id, name: retiree.name } : null,
    relatives: relatives.map((r) => ({ userId: r.id, name: r.name })),
  }
}

function inboxNote(ctx: Ctx, caseId: string, title: string, body: string): InboxMessage {
  const at = ctx.now.toISOString()
  return { id: `${at}~${ctx.newId()}`, version: 1, caseId, title, body, createdAt: at, readBy: [] }
}

export const assistHandlers: Pick<Handlers, 'binding.redeem' | 'binding.people' | 'binding.assist' | 'binding.unbind'> = {
  async 'binding.people'(ctx, input) {
    return bindingView(ctx, await loadCase(ctx, input.caseId, 'binding.people'))
  },

  async 'binding.assist'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'binding.assist')
    const code = await unusedCode(ctx, 'bindCode', eightDigits)
    const expiresAt = new Date(ctx.now.getTime() + BIND_CODE_VALID_MINUTES * 60_000).toISOString()
    const bindCode: BindCode = { id: code, version: 1, caseId: c.id, issuedBy: ctx.user.id, expiresAt, usedBy: null }
    await ctx.store.commit({
      docs: [
        { kind: 'bindCode', next: bindCode, expectedVersion: null },
        { kind: 'inboxMessage', next: inboxNote(ctx, c.id, '社区开了绑定码', '社区工作人员核对了您的身份证，给了您一个绑定码（30分钟内有效）。用它绑定的微信会替换原来绑定的微信。如果不是您本人去办的，请马上联系社区。'), expectedVersion: null },
      ],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'binding.assist', caseId: c.id, outcome: 'done', changes: [{ field: 'bindCode', before: null, after: 'issued after ID card check' }] })],
    })
    return { ...(await bindingView(ctx, c)), code: { code, expiresAt } }
  },

  async 'binding.unbind'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'binding.unbind')
    const user = await ctx.store.getUser(input.userId)
    if (!user || user.caseId !== c.id || (user.role !== 'retiree' && user.role !== 'relative')) throw new AppError('NOT_FOUND', '这个微信没有绑定这位老人。', { caseId: c.id })
    const extra = { removeUsers: [user.id], removeDocs: [{ kind: 'wechatLink' as const, id: user.id }] }
    if (user.role === 'retiree') {
      const next = recordNote(ctx.policy, c, { type: 'wechatUnbound', userId: user.id }, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
      await commitCase(ctx, 'binding.unbind', c, next, extra)
      return bindingView(ctx, next)
    }
    const loaded = await loadRoster(ctx, c.id)
    await ctx.store.commit({
      ...extra,
      docs: [
        rosterWrite(loaded, { relatives: loaded.roster.relatives.filter((id) => id !== user.id), openInvites: loaded.roster.openInvites }),
        { kind: 'inboxMessage', next: inboxNote(ctx, c.id, '亲属代办已解除', `社区工作人员核对您的身份证后，解除了「${user.name}」的代办。`), expectedVersion: null },
      ],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'binding.unbind', caseId: c.id, outcome: 'done', changes: [{ field: 'relatives', before: user.name, after: null }] })],
    })
    return bindingView(ctx, c)
  },

  async 'binding.redeem'(ctx, input) {
    await spendAttempt(ctx, `bind-code:user:${ctx.callerId}:${ctx.today}`, ASSIST_CODE_ATTEMPTS_PER_DAY, '今天输错绑定码的次数太多了，请明天再试，或请社区工作人员帮您。')
    const code = await ctx.store.getDoc('bindCode', input.code)
    if (!code || code.usedBy !== null || code.expiresAt <= ctx.now.toISOString()) {
      await auditGuestRefusal(ctx, 'binding.redeem', null)
      throw new AppError('NOT_FOUND', '绑定码不对或已经失效（30分钟内有效），请社区工作人员重新给一个。', { fields: ['code'] })
    }
    const c = await ctx.store.getCase(code.caseId)
    if (!c) throw new AppError('NOT_FOUND', '没有找到这位退休人员的移交信息。')
    const user: User = { id: ctx.callerId, role: 'retiree', name: c.person.name, orgId: '', caseId: c.id }
    const earlier = boundUserId(c)
    const next = recordNote(ctx.policy, c, { type: 'wechatBound', userId: ctx.callerId, assistedBy: code.issuedBy }, { userId: ctx.callerId, role: 'retiree' }, ctx.now, ctx.newId())
    await commitCase({ ...ctx, user }, 'binding.redeem', c, next, {
      removeUsers: earlier && earlier !== ctx.callerId ? [earlier] : [],
      removeDocs: earlier && earlier !== ctx.callerId ? [{ kind: 'wechatLink', id: earlier }] : [],
      users: [user],
      docs: [
        { kind: 'bindCode', next: { ...code, version: code.version + 1, usedBy: ctx.callerId }, expectedVersion: code.version },
        { kind: 'wechatLink', next: { id: ctx.callerId, version: 1, caseId: c.id, role: 'retiree' }, expectedVersion: null },
      ],
    })
    return { role: 'retiree', name: c.person.name, caseId: c.id }
  },
}
