import * as z from 'zod/mini'
import { CaseCategories } from './Category'
import { exclusionRule } from './CaseState'
import { conditionName, type CategoryRule, type Policy } from './Policy'
import { ROSTER_PERSON_FIELDS, upgradeLegacyDates } from './Person'

/**
 * An uploaded roster, read and checked but not yet stored as cases: the operator sees it and
 * confirms it (all or nothing). ID numbers in it are sealed like everywhere else, and birth and
 * retirement are kept to the month, as on a case.
 */
export const RosterPreview = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  createdBy: z.string(),
  fileName: z.string(),
  status: z.enum(['pending', 'confirming', 'confirmed', 'discarded']).check(z.describe('pending until its import job (shared/ImportJob.ts) ends, then confirmed, or discarded when the job stopped at a row changed meanwhile; confirming: while its job ran, as confirmations stored it before')),
  people: z.array(
    z.pipe(
      z.transform(upgradeLegacyDates),
      z.object({
        row: z.int(),
        ...ROSTER_PERSON_FIELDS,
        hukouCommunityId: z.string(),
        residenceCommunityId: z.nullable(z.string()),
        categories: CaseCategories,
        existingCaseId: z.nullable(z.string()).check(z.describe('the same person already on this enterprise’s roster: updated, not duplicated')),
      }),
    ),
  ),
  // Absent on previews stored before referrals: they had none.
  referrals: z.optional(
    z.array(
      z.object({ row: z.int(), ...ROSTER_PERSON_FIELDS }).check(z.describe('a row whose hukou is outside the city: a referral (转出) on confirmation, no case')),
    ),
  ),
  errors: z.array(z.object({ row: z.int(), column: z.string(), message: z.string() })),
  // Set once its job ended: what the screen shows of all its rows, which the preview then no longer keeps (the cases and referrals hold them).
  tally: z.optional(
    z.object({
      accepted: z.int(),
      newPeople: z.int(),
      updates: z.int(),
      referrals: z.int(),
      outOfScope: z.array(z.object({ label: z.string(), reason: z.string(), count: z.int(), rows: z.array(z.int()) })),
    }),
  ),
  createdAt: z.iso.datetime(),
})
export type RosterPreview = z.infer<typeof RosterPreview>

/** Rows a preview's screen lists by name (and out-of-scope rows by number, per group). */
export const SAMPLE_ROWS = 20

export type PreviewTally = NonNullable<RosterPreview['tally']>

/** What a preview's screen counts: kept on a closed preview, counted from the rows of an open one. */
export function previewTally(policy: Policy, p: RosterPreview): PreviewTally {
  if (p.tally) return p.tally
  const newPeople = p.people.filter((x) => x.existingCaseId === null).length
  return {
    accepted: p.people.length,
    newPeople,
    updates: p.people.length - newPeople,
    referrals: p.referrals?.length ?? 0,
    outOfScope: outOfScopeGroups(policy, p.people).map((g) => ({ ...g, rows: g.rows.slice(0, SAMPLE_ROWS) })),
  }
}

/** Rows the policy keeps out of the hand-over: they are registered (a case is opened) but not handed over. */
export interface OutOfScopeGroup {
  /** Whom the policy's rule names, in a word or two: 离休, 金融企业退休. */
  label: string
  /** The policy's own reason. */
  reason: string
  count: number
  rows: number[]
}

/** Whom the rule that keeps a person of these categories out of the hand-over names (离休), or null when none does. */
export function outOfScopeLabel(policy: Policy, categories: CaseCategories): string | null {
  const rule = exclusionRule(policy, categories)
  return rule ? conditionName(rule.when) : null
}

/** The out-of-scope rows of a preview, one group per rule of the policy that excludes them, in the policy's order. */
export function outOfScopeGroups(policy: Policy, people: ReadonlyArray<Pick<RosterPreview['people'][number], 'row' | 'categories'>>): OutOfScopeGroup[] {
  const groups = new Map<CategoryRule, OutOfScopeGroup>()
  for (const p of people) {
    const rule = exclusionRule(policy, p.categories)
    if (!rule) continue
    const group = groups.get(rule) ?? { label: conditionName(rule.when), reason: rule.effect.reason, count: 0, rows: [] }
    group.count++
    group.rows.push(p.row)
    groups.set(rule, group)
  }
  return policy.categoryRules.flatMap((r) => groups.get(r) ?? [])
}
