/** 实名绑定 and 亲情代办: binding a WeChat identity to a case, and relatives invited by the retiree. */
import { AppError } from '../../../shared/AppError'
import { boundUserId, recordNote } from '../../../shared/CaseState'
import { INVITE_VALID_HOURS, MAX_RELATIVES, type FamilyInvite } from '../../../shared/FamilyInvite'
import { ID_NUMBER_PROBLEM_MESSAGES, parseIdNumber } from '../../../shared/IdNumber'
import type { InboxMessage } from '../../../shared/InboxMessage'
import type { User } from '../../../shared/User'
import type { FamilyView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, GuestCtx, Handlers } from '../router'
import { commitCase, eightDigits, ownCase, unusedCode } from './common'

/** Wrong attempts allowed per China day, per WeChat user and per case. */
export const BIND_ATTEMPTS_PER_DAY = 5

const TOO_MANY = '今天已经输错5次了。请明天再试，或带上身份证到社区，请工作人员帮您绑定。'

/** Names compare without spaces, with any middle dot written as ·. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]/g, '').replace(/[•・‧.．·]/g, '·')
  return norm(a) === norm(b)
}

async function familyView(ctx: Ctx, caseId: string): Promise<FamilyView> {
  const relatives = await ctx.store.listUsers({ caseId, role: 'relative' })
  const invites = (await ctx.store.listDocs('familyInvite', { caseId }, { limit: 100 })).items
  const open = invites.filter((i) => !i.revoked && !i.usedBy && i.expiresAt > ctx.now.toISOString())
  return {
    relatives: relatives.map((r) => ({ userId: r.id, name: r.name, mayConfirm: r.mayConfirm === true })),
    openInvites: open.map((i) => ({ code: i.id, mayConfirm: i.mayConfirm, expiresAt: i.expiresAt })),
    remaining: Math.max(0, MAX_RELATIVES - relatives.length - open.length),
  }
}

async function failedAttempt(ctx: GuestCtx, caseId: string | null, message: (left: number) => string): Promise<never> {
  const used = await ctx.store.incrementCounter(`bind-fail:user:${ctx.callerId}:${ctx.today}`)
  if (caseId) await ctx.store.incrementCounter(`bind-fail:case:${caseId}:${ctx.today}`)
  const left = BIND_ATTEMPTS_PER_DAY - used
  if (left <= 0) throw new AppError('RATE_LIMITED', TOO_MANY)
  throw new AppError('NOT_FOUND', message(left), { fields: ['name', 'idNumber'] })
}

export const bindingHandlers: Pick<Handlers, 'binding.bind' | 'binding.acceptInvite' | 'family.list' | 'family.invite' | 'family.remove'> = {
  async 'binding.bind'(ctx, input) {
    if ((await ctx.store.getCounter(`bind-fail:user:${ctx.callerId}:${ctx.today}`)) >= BIND_ATTEMPTS_PER_DAY) throw new AppError('RATE_LIMITED', TOO_MANY)
    const id = parseIdNumber(input.idNumber, ctx.today)
    if (!id.ok) throw new AppError('BAD_REQUEST', ID_NUMBER_PROBLEM_MESSAGES[id.problem], { fields: ['idNumber'] })
    const c = await ctx.store.findCaseByIdNumberHash(ctx.vault.lookupHash(id.idNumber))
    if (c && (await ctx.store.getCounter(`bind-fail:case:${c.id}:${ctx.today}`)) >= BIND_ATTEMPTS_PER_DAY) throw new AppError('RATE_LIMITED', TOO_MANY)
    if (!c || !sameName(c.person.name, input.name)) {
      return failedAttempt(ctx, c?.id ?? null, (left) => `姓名和身份证号与移交名册对不上，请核对后再试。今天还可以试 ${left} 次。`)
    }
    const user: User = { id: ctx.callerId, role: 'retiree', name: c.person.name, orgId: '', caseId: c.id }
    const bound = boundUserId(c)
    if (bound !== null && bound !== ctx.callerId) {
      await ctx.store.commit({ audit: [auditEntry(ctx, { user, now: ctx.now, action: 'binding.bind', caseId: c.id, outcome: 'refused' })] })
      throw new AppError('FORBIDDEN', '这位老人的信息已经绑定了另一个微信。如需更换，请带上身份证到社区办理。', { caseId: c.id })
    }
    const next = recordNote(ctx.policy, c, { type: 'wechatBound', userId: ctx.callerId }, { userId: ctx.callerId, role: 'retiree' }, ctx.now, ctx.newId())
    await commitCase({ ...ctx, user }, 'binding.bind', c, next, { users: [user] })
    return { role: 'retiree', name: c.person.name, caseId: c.id }
  },

  async 'binding.acceptInvite'(ctx, input) {
    if ((await ctx.store.getCounter(`bind-fail:user:${ctx.callerId}:${ctx.today}`)) >= BIND_ATTEMPTS_PER_DAY) throw new AppError('RATE_LIMITED', TOO_MANY)
    const invite = await ctx.store.getDoc('familyInvite', input.code)
    if (!invite || invite.revoked || invite.usedBy !== null || invite.expiresAt <= ctx.now.toISOString()) {
      return failedAttempt(ctx, null, (left) => `邀请码不对或已经失效，请老人重新生成一个。今天还可以试 ${left} 次。`)
    }
    const relatives = await ctx.store.listUsers({ caseId: invite.caseId, role: 'relative' })
    if (relatives.length >= MAX_RELATIVES) throw new AppError('CONFLICT', `这位老人已经有 ${MAX_RELATIVES} 位亲属代办了。`, { caseId: invite.caseId })
    const user: User = { id: ctx.callerId, role: 'relative', name: input.name, orgId: '', caseId: invite.caseId, mayConfirm: invite.mayConfirm }
    const at = ctx.now.toISOString()
    const message: InboxMessage = {
      id: `${at}~${ctx.newId()}`,
      version: 1,
      caseId: invite.caseId,
      title: '亲属已加入代办',
      body: `「${input.name}」已用邀请码加入，可以查看办理进度、接收提醒${invite.mayConfirm ? '，并可代您确认信息' : ''}。`,
      createdAt: at,
      readBy: [],
    }
    await ctx.store.commit({
      users: [user],
      docs: [
        { kind: 'familyInvite', next: { ...invite, version: invite.version + 1, usedBy: ctx.callerId, usedAt: at }, expectedVersion: invite.version },
        { kind: 'inboxMessage', next: message, expectedVersion: null },
      ],
      audit: [auditEntry(ctx, { user, now: ctx.now, action: 'binding.acceptInvite', caseId: invite.caseId, outcome: 'done', changes: [{ field: 'relatives', before: String(relatives.length), after: String(relatives.length + 1) }] })],
    })
    const c = await ctx.store.getCase(invite.caseId)
    return { role: 'relative', name: c?.person.name ?? '', caseId: invite.caseId }
  },

  async 'family.list'(ctx) {
    const c = await ownCase(ctx, 'family.list')
    return familyView(ctx, c.id)
  },

  async 'family.invite'(ctx, input) {
    const c = await ownCase(ctx, 'family.invite')
    if ((await familyView(ctx, c.id)).remaining <= 0) throw new AppError('CONFLICT', `最多可以请 ${MAX_RELATIVES} 位亲属代办。`, { caseId: c.id })
    const code = await unusedCode(ctx, 'familyInvite', eightDigits)
    const invite: FamilyInvite = {
      id: code,
      version: 1,
      caseId: c.id,
      createdBy: ctx.user.id,
      mayConfirm: input.mayConfirm,
      expiresAt: new Date(ctx.now.getTime() + INVITE_VALID_HOURS * 3600_000).toISOString(),
      usedBy: null,
      usedAt: null,
      revoked: false,
    }
    await ctx.store.commit({
      docs: [{ kind: 'familyInvite', next: invite, expectedVersion: null }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'family.invite', caseId: c.id, outcome: 'done', changes: [{ field: 'invite.mayConfirm', before: null, after: String(input.mayConfirm) }] })],
    })
    return familyView(ctx, c.id)
  },

  async 'family.remove'(ctx, input) {
    const c = await ownCase(ctx, 'family.remove')
    const relative = (await ctx.store.listUsers({ caseId: c.id, role: 'relative' })).find((u) => u.id === input.userId)
    if (!relative) throw new AppError('NOT_FOUND', '没有找到这位亲属。', { caseId: c.id })
    await ctx.store.commit({
      removeUsers: [relative.id],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'family.remove', caseId: c.id, outcome: 'done', changes: [{ field: 'relatives', before: relative.name, after: null }] })],
    })
    return familyView(ctx, c.id)
  },
}
