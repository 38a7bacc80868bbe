/**
 * 亲情代办: relatives invited by the retiree. The places (≤ MAX_RELATIVES, open invitations
 * included) are held in one versioned FamilyRoster per case, written with its version guard in
 * every commit that changes them, so parallel invitations and acceptances cannot exceed the cap.
 */
import { AppError } from '../../../shared/AppError'
import { INVITE_VALID_HOURS, MAX_RELATIVES, type FamilyInvite, type FamilyRoster } from '../../../shared/FamilyInvite'
import type { VersionedDoc } from '../../../shared/ports/Store'
import type { FamilyView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, Deps, Handlers } from '../router'
import { eightDigits, ownCase, unusedCode } from './common'

/** The case's roster as stored, or (for a case from before rosters) built from its relatives and open invitations. */
export async function loadRoster(ctx: Deps & { now: Date }, caseId: string): Promise<{ roster: FamilyRoster; expectedVersion: number | null }> {
  const stored = await ctx.store.getDoc('familyRoster', caseId)
  const at = ctx.now.toISOString()
  if (stored) return { roster: { ...stored, openInvites: stored.openInvites.filter((i) => i.expiresAt > at) }, expectedVersion: stored.version }
  const relatives = await ctx.store.listUsers({ caseId, role: 'relative' })
  const invites = (await ctx.store.listDocs('familyInvite', { caseId }, { limit: 100 })).items
  const open = invites.filter((i) => !i.revoked && !i.usedBy && i.expiresAt > at)
  return { roster: { id: caseId, version: 0, relatives: relatives.map((r) => r.id), openInvites: open.map((i) => ({ code: i.id, expiresAt: i.expiresAt })) }, expectedVersion: null }
}

/** The roster write, guarded by the version read. */
export function rosterWrite(loaded: { roster: FamilyRoster; expectedVersion: number | null }, next: Pick<FamilyRoster, 'relatives' | 'openInvites'>): VersionedDoc {
  return { kind: 'familyRoster', next: { ...loaded.roster, ...next, version: loaded.roster.version + 1 }, expectedVersion: loaded.expectedVersion }
}

export function placesLeft(roster: FamilyRoster): number {
  return Math.max(0, MAX_RELATIVES - roster.relatives.length - roster.openInvites.length)
}

/** Who issued an invitation, in the words staff read on the card. */
async function issuerName(ctx: Ctx, userId: string): Promise<string> {
  const u = await ctx.store.getUser(userId)
  if (u?.role === 'retiree') return '老人本人'
  return u ? `社区工作人员 ${u.name}` : '社区工作人员'
}

/**
 * The case's relatives and open invitations. The retiree sees every open code; a member of staff
 * (`staffId`) only the codes they issued, the others as who issued them: a code is a key that
 * binds whoever types it as the retiree's relative.
 */
export async function familyView(ctx: Ctx, caseId: string, staffId?: string): Promise<FamilyView> {
  const { roster } = await loadRoster(ctx, caseId)
  const relatives = await ctx.store.listUsers({ caseId, role: 'relative' })
  const invites = (await Promise.all(roster.openInvites.map((i) => ctx.store.getDoc('familyInvite', i.code)))).filter((i): i is FamilyInvite => i !== null)
  const shown = staffId === undefined ? invites : invites.filter((i) => i.createdBy === staffId)
  const others = staffId === undefined ? [] : invites.filter((i) => i.createdBy !== staffId)
  return {
    relatives: relatives.map((r) => ({ userId: r.id, name: r.name, mayConfirm: r.mayConfirm === true })),
    openInvites: shown.map((i) => ({ code: i.id, mayConfirm: i.mayConfirm, expiresAt: i.expiresAt })),
    othersOpen: await Promise.all(others.map(async (i) => ({ issuedBy: await issuerName(ctx, i.createdBy), expiresAt: i.expiresAt }))),
    remaining: placesLeft(roster),
  }
}

export const familyHandlers: Pick<Handlers, 'family.list' | 'family.invite' | 'family.remove' | 'family.revokeInvite'> = {
  async 'family.list'(ctx) {
    const c = await ownCase(ctx, 'family.list')
    return familyView(ctx, c.id)
  },

  async 'family.invite'(ctx, input) {
    const c = await ownCase(ctx, 'family.invite')
    const loaded = await loadRoster(ctx, c.id)
    if (placesLeft(loaded.roster) <= 0) throw new AppError('CONFLICT', `最多可以请 ${MAX_RELATIVES} 位亲属代办。`, { caseId: c.id })
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
      docs: [
        { kind: 'familyInvite', next: invite, expectedVersion: null },
        rosterWrite(loaded, { relatives: loaded.roster.relatives, openInvites: [...loaded.roster.openInvites, { code, expiresAt: invite.expiresAt }] }),
      ],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'family.invite', caseId: c.id, outcome: 'done', changes: [{ field: 'invite.mayConfirm', before: null, after: String(input.mayConfirm) }] })],
    })
    return familyView(ctx, c.id)
  },

  async 'family.revokeInvite'(ctx, input) {
    const c = await ownCase(ctx, 'family.revokeInvite')
    const invite = await ctx.store.getDoc('familyInvite', input.code)
    if (!invite || invite.caseId !== c.id) throw new AppError('NOT_FOUND', '没有找到这个邀请码。', { caseId: c.id })
    if (invite.usedBy) throw new AppError('CONFLICT', '这个邀请码已经有亲属用过了。如不想让他代办，请在下面「不再代办」。', { caseId: c.id })
    const loaded = await loadRoster(ctx, c.id)
    await ctx.store.commit({
      docs: [
        { kind: 'familyInvite', next: { ...invite, version: invite.version + 1, revoked: true }, expectedVersion: invite.version },
        rosterWrite(loaded, { relatives: loaded.roster.relatives, openInvites: loaded.roster.openInvites.filter((i) => i.code !== invite.id) }),
      ],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'family.revokeInvite', caseId: c.id, outcome: 'done', changes: [{ field: 'invite', before: 'open', after: 'revoked' }] })],
    })
    return familyView(ctx, c.id)
  },

  async 'family.remove'(ctx, input) {
    const c = await ownCase(ctx, 'family.remove')
    const relative = (await ctx.store.listUsers({ caseId: c.id, role: 'relative' })).find((u) => u.id === input.userId)
    if (!relative) throw new AppError('NOT_FOUND', '没有找到这位亲属。', { caseId: c.id })
    const loaded = await loadRoster(ctx, c.id)
    await ctx.store.commit({
      removeUsers: [relative.id],
      removeDocs: [{ kind: 'wechatLink', id: relative.id }],
      docs: [rosterWrite(loaded, { relatives: loaded.roster.relatives.filter((id) => id !== relative.id), openInvites: loaded.roster.openInvites })],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'family.remove', caseId: c.id, outcome: 'done', changes: [{ field: 'relatives', before: relative.name, after: null }] })],
    })
    return familyView(ctx, c.id)
  },
}
