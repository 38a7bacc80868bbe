/** Staff onboarding: one-time codes bound to a role and an organisation, issued by the supervisor. */
import { randomInt } from 'node:crypto'
import { AppError } from '../../../shared/AppError'
import { ROLE_NAMES } from '../../../shared/Role'
import { ROLE_ORG_KIND, STAFF_INVITE_VALID_DAYS, type StaffInvite } from '../../../shared/StaffInvite'
import type { User } from '../../../shared/User'
import { STAFF_JOIN_ATTEMPTS_PER_DAY } from '../../../shared/AttemptLimits'
import { personName } from '../../../shared/PersonName'
import { auditEntry } from '../audit'
import { auditGuestRefusal, spendAttempt } from './attempts'
import type { Ctx, Deps, Handlers } from '../router'
import { BUREAU_NAMES, unusedCode } from './common'

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O or 1/I to misread

async function orgNameOf(ctx: Deps, kind: (typeof ROLE_ORG_KIND)[keyof typeof ROLE_ORG_KIND], orgId: string): Promise<string | null> {
  if (kind === 'community') return (await ctx.store.getCommunity(orgId))?.name ?? null
  if (kind === 'enterprise') return (await ctx.store.getEnterprise(orgId))?.name ?? null
  return orgId === kind ? BUREAU_NAMES[orgId] : null
}

async function inviteView(ctx: Deps & { now: Date }, i: StaffInvite) {
  const status = i.revoked ? 'revoked' : i.usedBy ? 'used' : i.expiresAt <= ctx.now.toISOString() ? 'expired' : 'open'
  return { code: i.id, role: i.role, roleName: ROLE_NAMES[i.role], orgName: (await orgNameOf(ctx, ROLE_ORG_KIND[i.role as keyof typeof ROLE_ORG_KIND], i.orgId)) ?? '', expiresAt: i.expiresAt, status } as const
}

async function list(ctx: Ctx) {
  const { items } = await ctx.store.listDocs('staffInvite', { createdBy: ctx.user.id }, { limit: 1000 })
  return { items: await Promise.all(items.map((i) => inviteView(ctx, i))) }
}

export const staffHandlers: Pick<Handlers, 'staff.invite' | 'staff.invites' | 'staff.revokeInvite' | 'staff.join'> = {
  async 'staff.invite'(ctx, input) {
    const kind = ROLE_ORG_KIND[input.role]
    if ((await orgNameOf(ctx, kind, input.orgId)) === null) throw new AppError('BAD_REQUEST', `${ROLE_NAMES[input.role]}要对应一个${kind === 'community' ? '社区' : kind === 'enterprise' ? '企业' : '部门'}，没有找到这个单位。`, { fields: ['orgId'] })
    const code = await unusedCode(ctx, 'staffInvite', () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''))
    const invite: StaffInvite = {
      id: code,
      version: 1,
      role: input.role,
      orgId: input.orgId,
      createdBy: ctx.user.id,
      createdAt: ctx.now.toISOString(),
      expiresAt: new Date(ctx.now.getTime() + STAFF_INVITE_VALID_DAYS * 86_400_000).toISOString(),
      usedBy: null,
      revoked: false,
    }
    await ctx.store.commit({
      docs: [{ kind: 'staffInvite', next: invite, expectedVersion: null }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'staff.invite', caseId: null, outcome: 'done', changes: [{ field: 'staffInvite', before: null, after: `${input.role}@${input.orgId}` }] })],
    })
    return inviteView(ctx, invite)
  },

  async 'staff.invites'(ctx) {
    return list(ctx)
  },

  async 'staff.revokeInvite'(ctx, input) {
    const invite = await ctx.store.getDoc('staffInvite', input.code)
    if (!invite || invite.createdBy !== ctx.user.id) throw new AppError('NOT_FOUND', '没有找到这个邀请码。')
    if (invite.usedBy) throw new AppError('CONFLICT', '这个邀请码已经用过了，请在人员管理里停用这个人。')
    await ctx.store.commit({
      docs: [{ kind: 'staffInvite', next: { ...invite, version: invite.version + 1, revoked: true }, expectedVersion: invite.version }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'staff.revokeInvite', caseId: null, outcome: 'done', changes: [{ field: 'staffInvite', before: invite.id, after: 'revoked' }] })],
    })
    return list(ctx)
  },

  async 'staff.join'(ctx, input) {
    // Every attempt counts, before the code is looked up (a wrong one is also audited).
    await spendAttempt(ctx, `staff-join:${ctx.callerId}:${ctx.today}`, STAFF_JOIN_ATTEMPTS_PER_DAY, '今天输邀请码的次数太多了，请明天再试，或请领导小组办公室核对邀请码。')
    const invite = await ctx.store.getDoc('staffInvite', input.code)
    if (!invite || invite.revoked || invite.usedBy || invite.expiresAt <= ctx.now.toISOString()) {
      await auditGuestRefusal(ctx, 'staff.join', null)
      throw new AppError('NOT_FOUND', '邀请码不对、已用过、已停用或已过期，请向领导小组办公室重新要一个。')
    }
    const user: User = { id: ctx.callerId, role: invite.role, name: personName(input.name), orgId: invite.orgId, phone: input.phone }
    await ctx.store.commit({
      users: [user],
      docs: [{ kind: 'staffInvite', next: { ...invite, version: invite.version + 1, usedBy: ctx.callerId }, expectedVersion: invite.version }],
      audit: [auditEntry(ctx, { user, now: ctx.now, action: 'staff.join', caseId: null, outcome: 'done', changes: [{ field: 'role', before: null, after: `${invite.role}@${invite.orgId}` }] })],
    })
    const orgName = (await orgNameOf(ctx, ROLE_ORG_KIND[invite.role as keyof typeof ROLE_ORG_KIND], invite.orgId)) ?? ''
    return { userId: user.id, role: user.role, name: user.name, orgName, today: ctx.today }
  },
}
