import * as z from 'zod/mini'
import { CaseCategories } from './Category'
import { ChinaMonth, Gender, SealedIdNumber, upgradeLegacyDates } from './Person'

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
  status: z.enum(['pending', 'confirmed', 'discarded']),
  people: z.array(
    z.pipe(
      z.transform(upgradeLegacyDates),
      z.object({
        row: z.int(),
        name: z.string(),
        idNumber: SealedIdNumber,
        gender: Gender,
        birthMonth: ChinaMonth,
        retirementMonth: ChinaMonth,
        phone: z.string(),
        hukouAddress: z.string(),
        hukouCommunityId: z.string(),
        residenceCommunityId: z.nullable(z.string()),
        categories: CaseCategories,
        existingCaseId: z.nullable(z.string()).check(z.describe('the same person already on this enterprise’s roster: updated, not duplicated')),
      }),
    ),
  ),
  errors: z.array(z.object({ row: z.int(), column: z.string(), message: z.string() })),
  createdAt: z.iso.datetime(),
})
export type RosterPreview = z.infer<typeof RosterPreview>
