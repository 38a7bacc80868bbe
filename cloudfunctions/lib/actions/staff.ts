/**
 * Staff onboarding and removal: one-time codes bound to a role and an organisation, issued by the
 * supervisor (any staff role) or by a community admin (grid workers of their own community).
 */
import { randomInt } from 'node:crypto'
import { AppError } from '../../../shared/AppError'
import { ROLE_NAMES, STAFF_ROLES, type Role } from '../../../shared/Role'
import { INVITES_OF, ROLE_ORG_KIND, STAFF_INVITE_VALID_DAYS, type StaffInvite } from '../../../shared/StaffInvite'
import { SOCIAL_SECURITY_BUREAUS } from '../../../shared/Authorization'
import type { User } from '../../../shared/User'
import { STAFF_JOIN_ATTEMPTS_PER_DAY } from '../../../shared/AttemptLimits'
import { personName } from '../../../shared/PersonName'
import { auditEntry } from '../audit'
import { auditGuestRefusal, spendAttempt } from './attempts'
import type { Ctx, Deps, Handlers } from '../router'
import { auditRefusal, BUREAU_NAMES, unusedCode } from './common'

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O or 1/I to misread

/** A fresh 8-character staff invitation code. */
export const drawInviteCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

async function orgNameOf(ctx: Deps, kind: (typeof ROLE_ORG_KIND)[keyof typeof ROLE_ORG_KIND], orgId: string): Promise<string | null> {
  if (kind === 'community') return (await ctx.store.getCommunity(orgId))?.name ?? null
  if (kind === 'enterprise') return (await ctx.store.getEnterprise(orgId))?.name ?? null
  if (kind === 'socialSecurity') return (SOCIAL_SECURITY_BUREAUS as readonly string[]).includes(orgId) ? bureauName(ctx, orgId as 'hrss' | 'medicalInsurance') : null
  return orgId === kind ? BUREAU_NAMES[orgId] : null
}

const bureauName = (ctx: Deps, bureau: 'hrss' | 'medicalInsurance') => ctx.policy.bureaus[bureau]?.name ?? BUREAU_NAMES[bureau]

async function inviteView(ctx: Deps & { now: Date }, i: StaffInvite) {
  const status = i.revoked ? 'revoked' : i.usedBy ? 'used' : i.expiresAt <= ctx.now.toISOString() ? 'expired' : 'open'
  return { code: i.id, role: i.role, roleName: ROLE_NAMES[i.role], orgName: (await orgNameOf(ctx, ROLE_ORG_KIND[i.role as keyof typeof ROLE_ORG_KIND], i.orgId)) ?? '', expiresAt: i.expiresAt, status } as const
}

type InviteRole = keyof typeof ROLE_ORG_KIND

/** The organisations a member of staff with this role can belong to. */
async function orgsFor(ctx: Deps, role: InviteRole): Promise<Array<{ orgId: string; name: string }>> {
  const kind = ROLE_ORG_KIND[role]
  if (kind === 'community') return (await ctx.store.listCommunities()).map((c) => ({ orgId: c.id, name: c.name }))
  if (kind === 'enterprise') return (await ctx.store.listEnterprises()).map((e) => ({ orgId: e.id, name: e.name }))
  if (kind === 'socialSecurity') return SOCIAL_SECURITY_BUREAUS.map((b) => ({ orgId: b, name: bureauName(ctx, b) }))
  return [{ orgId: kind, name: BUREAU_NAMES[kind] }]
}

/**
 * A community admin acts only on its own community's grid workers and party secretary, the
 * organisation department only on party secretaries (INVITES_OF); anything else is refused and audited.
 */
async function refuseOutsideCommunity(ctx: Ctx, action: 'staff.invite' | 'staff.orgs' | 'staff.remove', role: Role, orgId: string | null): Promise<void> {
  const reach = INVITES_OF[ctx.user.role]
  if (!reach) return
  if (reach.roles.includes(role) && (!reach.ownCommunity || orgId === null || orgId === ctx.user.orgId)) return
  await auditRefusal(ctx, action, null)
  throw new AppError('FORBIDDEN', ctx.user.role === 'communityAdmin' ? '社区管理员只能为本社区邀请或移除网格员和社区党组织书记。' : '组织部只能邀请社区党组织书记。', { action })
}

async function list(ctx: Ctx) {
  const reach = INVITES_OF[ctx.user.role]
  const filter = reach?.ownCommunity ? { orgId: ctx.user.orgId } : { createdBy: ctx.user.id }
  const { items } = await ctx.store.listDocs('staffInvite', filter, { limit: 1000 })
  const mine = reach ? items.filter((i) => reach.roles.includes(i.role)) : items
  return { items: await Promise.all(mine.map((i) => inviteView(ctx, i))) }
}

/** Staff the caller may remove: every member of staff for the supervisor, their grid workers and party secretary for a community admin. */
async function staffInReach(ctx: Ctx): Promise<User[]> {
  if (ctx.user.role === 'communityAdmin') return (await Promise.all((['gridWorker', 'communityPartySecretary'] as const).map((role) => ctx.store.listUsers({ orgId: ctx.user.orgId, role })))).flat()
  if (ctx.user.role === 'partyOfficer') return ctx.store.listUsers({ role: 'communityPartySecretary' })
  return (await Promise.all(STAFF_ROLES.map((role) => ctx.store.listUsers({ role })))).flat()
}

async function members(ctx: Ctx) {
  const users = await staffInReach(ctx)
  const items = await Promise.all(
    users.map(async (u) => ({
      userId: u.id,
      name: u.name,
      role: u.role,
      roleName: ROLE_NAMES[u.role],
      orgName: (await orgNameOf(ctx, ROLE_ORG_KIND[u.role as InviteRole], u.orgId)) ?? '',
      isSelf: u.id === ctx.user.id,
    })),
  )
  return { items }
}

export const staffHandlers: Pick<Handlers, 'staff.invite' | 'staff.invites' | 'staff.revokeInvite' | 'staff.join' | 'staff.orgs' | 'staff.members' | 'staff.remove'> = {
  async 'staff.invite'(ctx, input) {
    await refuseOutsideCommunity(ctx, 'staff.invite', input.role, input.orgId)
    const kind = ROLE_ORG_KIND[input.role]
    if ((await orgNameOf(ctx, kind, input.orgId)) === null) {
      await auditRefusal(ctx, 'staff.invite', null)
      throw new AppError('BAD_REQUEST', `${ROLE_NAMES[input.role]}要对应一个${kind === 'community' ? '社区' : kind === 'enterprise' ? '企业' : '部门'}，没有找到这个单位。`, { fields: ['orgId'] })
    }
    const code = await unusedCode(ctx, 'staffInvite', drawInviteCode)
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
    const reach = INVITES_OF[ctx.user.role]
    const mayRevoke = reach?.ownCommunity ? invite?.orgId === ctx.user.orgId && reach.roles.includes(invite.role) : invite?.createdBy === ctx.user.id
    if (!invite || !mayRevoke) {
      await auditRefusal(ctx, 'staff.revokeInvite', null)
      throw new AppError('NOT_FOUND', '没有找到这个邀请码。')
    }
    if (invite.usedBy) throw new AppError('CONFLICT', '这个邀请码已经用过了，请在人员管理里停用这个人。')
    await ctx.store.commit({
      docs: [{ kind: 'staffInvite', next: { ...invite, version: invite.version + 1, revoked: true }, expectedVersion: invite.version }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'staff.revokeInvite', caseId: null, outcome: 'done', changes: [{ field: 'staffInvite', before: invite.id, after: 'revoked' }] })],
    })
    return list(ctx)
  },

  async 'staff.orgs'(ctx, input) {
    await refuseOutsideCommunity(ctx, 'staff.orgs', input.role, null)
    const items = await orgsFor(ctx, input.role)
    return { items: ctx.user.role === 'communityAdmin' ? items.filter((o) => o.orgId === ctx.user.orgId) : items }
  },

  async 'staff.members'(ctx) {
    return members(ctx)
  },

  async 'staff.remove'(ctx, input) {
    const target = await ctx.store.getUser(input.userId)
    if (!target || !(STAFF_ROLES as readonly Role[]).includes(target.role)) {
      await auditRefusal(ctx, 'staff.remove', null)
      throw new AppError('NOT_FOUND', '没有找到这位工作人员。')
    }
    if (target.id === ctx.user.id) {
      await auditRefusal(ctx, 'staff.remove', null)
      throw new AppError('FORBIDDEN', '不能移除自己，请另一位同事操作。')
    }
    await refuseOutsideCommunity(ctx, 'staff.remove', target.role, target.orgId)
    await ctx.store.commit({
      removeUsers: [target.id],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'staff.remove', caseId: null, outcome: 'done', changes: [{ field: 'staff', before: `${target.id} ${target.role}@${target.orgId}`, after: null }] })],
    })
    return members(ctx)
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
