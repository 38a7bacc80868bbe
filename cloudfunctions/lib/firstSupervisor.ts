/**
 * The first member of the leading-group office (领导小组办公室) in a new environment. In the app only
 * a supervisor invites staff, so nobody could invite the first one; a development sign-in page is
 * not an option in production. Instead the deploy command (`npm run deploy -- --env <id>
 * --first-supervisor`) invokes the `migrate` function through the management API, and the function
 * answers with an ordinary staff invitation code for the supervisor role, which the person redeems
 * in the mini-program like any member of staff (staff.join).
 *
 * It is safe because:
 * - the request carries an HMAC, under PII_MASTER_KEY, of the moment it was made (valid five
 *   minutes): only someone holding the production key can make one, and a copy expires;
 * - a request is used once: a copy replayed within its five minutes is refused;
 * - it is refused once any supervisor exists: from then on supervisors invite each other in the app;
 * - a new request revokes the earlier unused first-supervisor codes, so at most one is open;
 * - it is audited (actor `system`, action staff.invite).
 * The function takes this path only for a call that carries no OPENID (cloudMain), which no
 * mini-program client can make.
 */
import { consoleProof, CONSOLE_REQUEST_TTL_MS, spendConsoleRequest, validConsoleProof } from './consoleRequest'
import * as z from 'zod/mini'
import { ROLE_ORG_KIND, STAFF_INVITE_VALID_DAYS, type StaffInvite } from '../../shared/StaffInvite'
import { auditEntry } from './audit'
import { unusedCode } from './actions/common'
import { drawInviteCode } from './actions/staff'
import type { Deps } from './router'

/** Who created a first-supervisor invite (StaffInvite.createdBy). */
export const FIRST_SUPERVISOR_ACTOR = 'system:first-supervisor'

/** How long a signed request stays valid, either side of the function's clock. */
export const FIRST_SUPERVISOR_REQUEST_TTL_MS = CONSOLE_REQUEST_TTL_MS

export const FirstSupervisorRequest = z.object({
  action: z.literal('firstSupervisor'),
  issuedAt: z.iso.datetime(),
  proof: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
})
export type FirstSupervisorRequest = z.infer<typeof FirstSupervisorRequest>

export type FirstSupervisorAnswer = { ok: true; code: string; expiresAt: string } | { ok: false; message: string }

/** The request the deploy command sends, signed with the production key from its shell. */
export function firstSupervisorRequest(masterKey: Buffer, now: Date): FirstSupervisorRequest {
  const issuedAt = now.toISOString()
  return { action: 'firstSupervisor', issuedAt, proof: consoleProof(masterKey, 'first-supervisor', issuedAt) }
}

export async function issueFirstSupervisorInvite(deps: Deps, request: unknown, masterKey: Buffer): Promise<FirstSupervisorAnswer> {
  const parsed = FirstSupervisorRequest.safeParse(request)
  const now = deps.clock.now()
  if (!parsed.success || !validConsoleProof(masterKey, 'first-supervisor', parsed.data, now)) {
    return { ok: false, message: '请求无效或已过期：请用生产环境的 PII_MASTER_KEY 重新运行 npm run deploy -- --env <环境ID> --first-supervisor。' }
  }
  const orgId = ROLE_ORG_KIND.supervisor
  if ((await deps.store.listUsers({ orgId, role: 'supervisor' })).length > 0) {
    return { ok: false, message: '领导小组办公室已经有工作人员了：请他们在小程序「邀请工作人员」里发邀请码，这个命令不再发码。' }
  }
  // A signed request works once: a copy replayed within its five minutes is refused.
  if (!(await spendConsoleRequest(deps.store, 'first-supervisor', parsed.data.issuedAt))) {
    return { ok: false, message: '这个请求已经用过了：请重新运行 npm run deploy -- --env <环境ID> --first-supervisor。' }
  }
  const earlier = (await deps.store.listDocs('staffInvite', { createdBy: FIRST_SUPERVISOR_ACTOR }, { limit: 100 })).items.filter((i) => !i.usedBy && !i.revoked)
  const code = await unusedCode(deps, 'staffInvite', drawInviteCode)
  const invite: StaffInvite = {
    id: code,
    version: 1,
    role: 'supervisor',
    orgId,
    createdBy: FIRST_SUPERVISOR_ACTOR,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + STAFF_INVITE_VALID_DAYS * 86_400_000).toISOString(),
    usedBy: null,
    revoked: false,
  }
  const system = { id: 'system', role: 'system' as const }
  await deps.store.commit({
    docs: [
      ...earlier.map((i) => ({ kind: 'staffInvite' as const, next: { ...i, version: i.version + 1, revoked: true }, expectedVersion: i.version })),
      { kind: 'staffInvite' as const, next: invite, expectedVersion: null },
    ],
    audit: [
      ...earlier.map((i) => auditEntry(deps, { user: system, now, action: 'staff.revokeInvite', caseId: null, outcome: 'done', changes: [{ field: 'staffInvite', before: i.id, after: 'revoked' }] })),
      auditEntry(deps, { user: system, now, action: 'staff.invite', caseId: null, outcome: 'done', changes: [{ field: 'staffInvite', before: null, after: `supervisor@${orgId}` }] }),
    ],
  })
  return { ok: true, code, expiresAt: invite.expiresAt }
}
