/**
 * 在本社区居住的外社区人员 (plan 四（六）): a retiree who lives long-term away from their hukou
 * community is managed (and taken in) by the receiving community and served by the community
 * where they live. That community sees them in a list of its own and records what it did for
 * them: visits, the in-person identity check (which names the community that made it) and
 * services. It records no hand-over step.
 */
import * as z from 'zod/mini'
import { AppError } from './AppError'
import { servesAsResidence } from './Authorization'
import type { RetireeCase } from './Case'
import type { CaseAction } from './CaseAction'
import { stageName } from './CaseViews'
import { recordNote } from './CaseState'
import { maskPhone } from './Mask'
import type { Policy } from './Policy'
import type { User } from './User'

/** The last identity-checked visit, by whichever community made it (null: absent on visits recorded before communities were named). */
export function lastIdentityCheck(c: Pick<RetireeCase, 'actions'>): { at: string; communityId: string | null } | null {
  for (let i = c.actions.length - 1; i >= 0; i--) {
    const a = c.actions[i]
    if (a.type === 'visitRecorded' && a.identityChecked) return { at: a.at, communityId: a.communityId ?? null }
  }
  return null
}

/** The latest service a residence community recorded. */
export function lastService(c: Pick<RetireeCase, 'actions'>): { at: string; service: string } | null {
  for (let i = c.actions.length - 1; i >= 0; i--) {
    const a = c.actions[i]
    if (a.type === 'serviceRecorded') return { at: a.at, service: a.service }
  }
  return null
}

/**
 * A service the user's community gave a person it serves as their place of residence. Refused
 * for anyone else: the receiving community manages its own people through the hand-over steps.
 */
export function recordService(policy: Policy, c: RetireeCase, input: { service: string; note?: string }, user: User, at: Date, id: string): RetireeCase {
  if (!servesAsResidence(user, c)) throw new AppError('FORBIDDEN', '只有这位老人居住地的社区登记为他提供的服务。', { caseId: c.id })
  const by: CaseAction['by'] = { userId: user.id, role: user.role }
  return recordNote(policy, c, { type: 'serviceRecorded', service: input.service, communityId: user.orgId, ...(input.note ? { note: input.note } : {}) }, by, at, id)
}

/** A row of the list. phone: masked (the full number comes with an audited visit, visit.open); hukouCommunity: the one that manages and takes in; identityChecked*: the last in-person check, by either community, and whether it was this one. */
export const ResidentItem = z.object({
  id: z.string(),
  version: z.int(),
  name: z.string(),
  idNumberMasked: z.string(),
  phone: z.string(),
  hukouCommunityName: z.string(),
  hukouCommunityPhone: z.string(),
  stageName: z.string(),
  identityCheckedAt: z.nullable(z.string()),
  identityCheckedHere: z.boolean(),
  lastService: z.nullable(z.object({ at: z.string(), service: z.string() })),
})
export type ResidentItem = z.infer<typeof ResidentItem>

export const ResidentListView = z.object({ items: z.array(ResidentItem), nextCursor: z.nullable(z.string()) })
export type ResidentListView = z.infer<typeof ResidentListView>

/** One row of the residence community's list, masked for its staff. */
export function residentItem(policy: Policy, c: RetireeCase, servingCommunityId: string, receiving: { name: string; phone: string } | null): ResidentItem {
  const check = lastIdentityCheck(c)
  return {
    id: c.id,
    version: c.version,
    name: c.person.name,
    idNumberMasked: c.person.idNumber.masked,
    phone: maskPhone(c.person.phone),
    hukouCommunityName: receiving?.name ?? '',
    hukouCommunityPhone: receiving?.phone ?? '',
    stageName: stageName(policy, c),
    identityCheckedAt: check?.at ?? null,
    identityCheckedHere: check?.communityId === servingCommunityId,
    lastService: lastService(c),
  }
}
