/**
 * 实名绑定: binding a WeChat identity to a case, as the retiree (name + ID number) or as a
 * relative (the retiree's invitation code). Guessing is capped per WeChat, per case, per name +
 * birth date, and city-wide, each counted before the attempt is tried (shared/AttemptLimits.ts).
 * One WeChat holds one case: a WechatLink keyed by the OPENID is written with "must not exist yet".
 */
import { AppError } from '../../../shared/AppError'
import { BIND_ATTEMPTS_PER_DAY, BIND_ATTEMPTS_PER_HOUR_CITY, hourOf, personCounterInput } from '../../../shared/AttemptLimits'
import { normalName } from '../../../shared/PersonName'
import { boundUserId, recordNote } from '../../../shared/CaseState'
import { MAX_RELATIVES } from '../../../shared/FamilyInvite'
import { ID_NUMBER_PROBLEM_MESSAGES, parseIdNumber } from '../../../shared/IdNumber'
import type { InboxMessage } from '../../../shared/InboxMessage'
import { personName } from '../../../shared/PersonName'
import type { User } from '../../../shared/User'
import { auditEntry } from '../audit'
import type { GuestCtx, Handlers } from '../router'
import { assistHandlers } from './assist'
import { spendAttempt } from './attempts'
import { commitCase } from './common'
import { familyHandlers, loadRoster, rosterWrite } from './family'

const TOO_MANY = `今天已经试了${BIND_ATTEMPTS_PER_DAY}次了。请明天再试，或带上身份证到社区，请工作人员帮您绑定。`
const TARGET_LOCKED = '为保护老人的信息，今天不能再用这个身份证号试了。请明天再试，或带上身份证到社区，请工作人员帮您绑定。'
const BUSY = '现在试绑定的人太多了，请过一个小时再试，或带上身份证到社区，请工作人员帮您绑定。'

function triesLeft(left: number): string {
  return left > 0 ? `请核对后再试。今天还可以试 ${left} 次。` : '今天的次数已经用完。请明天再试，或带上身份证到社区，请工作人员帮您绑定。'
}

/** Names compare without spaces, with any middle dot written as ·. */
export function sameName(a: string, b: string): boolean {
  return normalName(a) === normalName(b)
}

/** Counts the attempt against this WeChat user and the city's hourly budget; returns the user's attempts left. */
async function spendCallerAttempt(ctx: GuestCtx): Promise<number> {
  const left = await spendAttempt(ctx, `bind:user:${ctx.callerId}:${ctx.today}`, BIND_ATTEMPTS_PER_DAY, TOO_MANY)
  await spendAttempt(ctx, `bind:city:${hourOf(ctx.now)}`, BIND_ATTEMPTS_PER_HOUR_CITY, BUSY)
  return left
}

export const bindingHandlers: Pick<
  Handlers,
  'binding.bind' | 'binding.acceptInvite' | 'binding.redeem' | 'binding.people' | 'binding.assist' | 'binding.unbind' | 'family.list' | 'family.invite' | 'family.remove' | 'family.revokeInvite'
> = {
  async 'binding.bind'(ctx, input) {
    const id = parseIdNumber(input.idNumber, ctx.today)
    if (!id.ok) throw new AppError('BAD_REQUEST', ID_NUMBER_PROBLEM_MESSAGES[id.problem], { fields: ['idNumber'] })
    const lefts = [await spendCallerAttempt(ctx)]
    // Per name + birth date: guessing the ID numbers around a known person. The key is a keyed hash.
    lefts.push(await spendAttempt(ctx, `bind:person:${ctx.vault.lookupHash(personCounterInput(input.name, id.birthDate))}:${ctx.today}`, BIND_ATTEMPTS_PER_DAY, TARGET_LOCKED))
    const c = await ctx.store.findCaseByIdNumberHash(ctx.vault.lookupHash(id.idNumber))
    if (c) lefts.push(await spendAttempt(ctx, `bind:case:${c.id}:${ctx.today}`, BIND_ATTEMPTS_PER_DAY, TARGET_LOCKED))
    if (!c || !sameName(c.person.name, input.name)) {
      throw new AppError('NOT_FOUND', `姓名和身份证号与移交名册对不上，${triesLeft(Math.min(...lefts))}`, { fields: ['name', 'idNumber'] })
    }
    const user: User = { id: ctx.callerId, role: 'retiree', name: c.person.name, orgId: '', caseId: c.id }
    const bound = boundUserId(c)
    if (bound !== null && bound !== ctx.callerId) {
      await ctx.store.commit({ audit: [auditEntry(ctx, { user, now: ctx.now, action: 'binding.bind', caseId: c.id, outcome: 'refused' })] })
      throw new AppError('FORBIDDEN', '这位老人的信息已经绑定了另一个微信。如需更换，请带上身份证到社区办理。', { caseId: c.id })
    }
    const next = recordNote(ctx.policy, c, { type: 'wechatBound', userId: ctx.callerId }, { userId: ctx.callerId, role: 'retiree' }, ctx.now, ctx.newId())
    await commitCase({ ...ctx, user }, 'binding.bind', c, next, {
      users: [user],
      docs: [{ kind: 'wechatLink', next: { id: ctx.callerId, version: 1, caseId: c.id, role: 'retiree' }, expectedVersion: null }],
    })
    return { role: 'retiree', name: c.person.name, caseId: c.id }
  },

  async 'binding.acceptInvite'(ctx, input) {
    const left = await spendCallerAttempt(ctx)
    const invite = await ctx.store.getDoc('familyInvite', input.code)
    if (!invite || invite.revoked || invite.usedBy !== null || invite.expiresAt <= ctx.now.toISOString()) {
      throw new AppError('NOT_FOUND', `邀请码不对或已经失效，请老人重新生成一个。${left > 0 ? `今天还可以试 ${left} 次。` : '今天的次数已经用完，请明天再试。'}`, { fields: ['code'] })
    }
    const loaded = await loadRoster(ctx, invite.caseId)
    const { relatives, openInvites } = loaded.roster
    // The invitation holds a place; a legacy roster may lack it, so the cap is checked again.
    const others = openInvites.filter((i) => i.code !== invite.id)
    if (relatives.length + others.length >= MAX_RELATIVES) throw new AppError('CONFLICT', `这位老人已经有 ${MAX_RELATIVES} 位亲属代办了。`, { caseId: invite.caseId })
    const user: User = { id: ctx.callerId, role: 'relative', name: personName(input.name), orgId: '', caseId: invite.caseId, mayConfirm: invite.mayConfirm }
    const at = ctx.now.toISOString()
    const message: InboxMessage = {
      id: `${at}~${ctx.newId()}`,
      version: 1,
      caseId: invite.caseId,
      title: '亲属已加入代办',
      body: `「${user.name}」已用邀请码加入，可以查看办理进度、接收提醒${invite.mayConfirm ? '，并可代您确认信息' : ''}。`,
      createdAt: at,
      readBy: [],
    }
    await ctx.store.commit({
      users: [user],
      docs: [
        { kind: 'familyInvite', next: { ...invite, version: invite.version + 1, usedBy: ctx.callerId, usedAt: at }, expectedVersion: invite.version },
        rosterWrite(loaded, { relatives: [...relatives, ctx.callerId], openInvites: others }),
        { kind: 'wechatLink', next: { id: ctx.callerId, version: 1, caseId: invite.caseId, role: 'relative' }, expectedVersion: null },
        { kind: 'inboxMessage', next: message, expectedVersion: null },
      ],
      audit: [auditEntry(ctx, { user, now: ctx.now, action: 'binding.acceptInvite', caseId: invite.caseId, outcome: 'done', changes: [{ field: 'relatives', before: String(relatives.length), after: String(relatives.length + 1) }] })],
    })
    const c = await ctx.store.getCase(invite.caseId)
    return { role: 'relative', name: c?.person.name ?? '', caseId: invite.caseId }
  },

  ...assistHandlers,
  ...familyHandlers,
}
