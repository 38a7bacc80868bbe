/**
 * 亲属邀请（社区发放）: for a retiree who has no WeChat to invite a relative with (the printed
 * notice tells the family how), a grid worker or community admin checks the relationship and
 * both ID cards in person, then issues the same one-time relative invitation the retiree would
 * (shared/FamilyInvite: 72 hours, a place among MAX_RELATIVES, redeemed on the bind page). Staff
 * may revoke an open one; every issue and revocation is audited and told in the case's inbox.
 * Staff read only the codes they issued themselves (family.ts familyView), and the read is audited.
 */
import { AppError } from '../../../shared/AppError'
import { INVITE_VALID_HOURS, MAX_RELATIVES, type FamilyInvite } from '../../../shared/FamilyInvite'
import type { InboxMessage } from '../../../shared/InboxMessage'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { auditView, eightDigits, loadCase, unusedCode } from './common'
import { familyView, loadRoster, placesLeft, rosterWrite } from './family'

function inboxNote(ctx: Ctx, caseId: string, title: string, body: string): InboxMessage {
  const at = ctx.now.toISOString()
  return { id: `${at}~${ctx.newId()}`, version: 1, caseId, title, body, createdAt: at, readBy: [] }
}

export const staffFamilyHandlers: Pick<Handlers, 'family.ofCase' | 'family.staffInvite' | 'family.staffRevokeInvite'> = {
  async 'family.ofCase'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'family.ofCase')
    // Who looked at a case's relatives and invitations is audited, as any staff view of a case's people.
    await auditView(ctx, 'family.ofCase', c.id)
    return familyView(ctx, c.id, ctx.user.id)
  },

  async 'family.staffInvite'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'family.staffInvite')
    const loaded = await loadRoster(ctx, c.id)
    if (placesLeft(loaded.roster) <= 0) throw new AppError('CONFLICT', `最多可以请 ${MAX_RELATIVES} 位亲属代办，名额已满。`, { caseId: c.id })
    const code = await unusedCode(ctx, 'familyInvite', eightDigits)
    const invite: FamilyInvite = { id: code, version: 1, caseId: c.id, createdBy: ctx.user.id, mayConfirm: input.mayConfirm, expiresAt: new Date(ctx.now.getTime() + INVITE_VALID_HOURS * 3600_000).toISOString(), usedBy: null, usedAt: null, revoked: false }
    await ctx.store.commit({
      docs: [
        { kind: 'familyInvite', next: invite, expectedVersion: null },
        rosterWrite(loaded, { relatives: loaded.roster.relatives, openInvites: [...loaded.roster.openInvites, { code, expiresAt: invite.expiresAt }] }),
        { kind: 'inboxMessage', next: inboxNote(ctx, c.id, '社区给您的亲属开了邀请码', '社区工作人员当面核对了您和亲属的关系，给亲属开了一个邀请码（72小时内有效）。如果不是您请亲属办的，请马上联系社区。'), expectedVersion: null },
      ],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'family.staffInvite', caseId: c.id, outcome: 'done', changes: [{ field: 'invite.mayConfirm', before: null, after: `${input.mayConfirm}（当面核对亲属关系后发放）` }] })],
    })
    return familyView(ctx, c.id, ctx.user.id)
  },

  async 'family.staffRevokeInvite'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'family.staffRevokeInvite')
    const invite = await ctx.store.getDoc('familyInvite', input.code)
    if (!invite || invite.caseId !== c.id) throw new AppError('NOT_FOUND', '没有找到这个邀请码。', { caseId: c.id })
    if (invite.usedBy) throw new AppError('CONFLICT', '这个邀请码已经有亲属用过了。要解除他的代办，请用「解除绑定」。', { caseId: c.id })
    if (invite.revoked) return familyView(ctx, c.id, ctx.user.id)
    const loaded = await loadRoster(ctx, c.id)
    await ctx.store.commit({
      docs: [
        { kind: 'familyInvite', next: { ...invite, version: invite.version + 1, revoked: true }, expectedVersion: invite.version },
        rosterWrite(loaded, { relatives: loaded.roster.relatives, openInvites: loaded.roster.openInvites.filter((i) => i.code !== invite.id) }),
      ],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'family.staffRevokeInvite', caseId: c.id, outcome: 'done', changes: [{ field: 'invite', before: 'open', after: 'revoked' }] })],
    })
    return familyView(ctx, c.id, ctx.user.id)
  },
}
