import * as z from 'zod/mini'

/** A transfer agreement (移交协议) between one enterprise and one community for a batch of retirees. */
export const AgreementStatus = z.enum(['draft', 'communitySigned', 'signed'])
export type AgreementStatus = z.infer<typeof AgreementStatus>

/** The longest reason for leaving someone out of an agreement. */
export const EXCLUSION_REASON_MAX = 100

/**
 * Someone at the agreement stage for this community whom the enterprise left out of this
 * agreement, and why: shown to the community when it signs. The reason is stored redacted.
 */
export const ExcludedCase = z.object({
  caseId: z.string().check(z.minLength(1)),
  reason: z.string().check(z.minLength(1), z.maxLength(EXCLUSION_REASON_MAX)),
})
export type ExcludedCase = z.infer<typeof ExcludedCase>

export const TransferAgreement = z.object({
  id: z.string().check(z.minLength(1)),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  communityId: z.string(),
  caseIds: z.array(z.string()).check(z.minLength(1, { error: '协议至少要包含一名退休人员' })),
  excluded: z.optional(z.array(ExcludedCase).check(z.describe('left out when drafting, each with its reason; absent on agreements drafted before this was recorded'))),
  status: AgreementStatus,
  deadline: z.string().check(z.describe('China date from the policy')),
  communitySignedAt: z.nullable(z.iso.datetime()),
  enterpriseSignedAt: z.nullable(z.iso.datetime()),
  createdAt: z.iso.datetime(),
})
export type TransferAgreement = z.infer<typeof TransferAgreement>
