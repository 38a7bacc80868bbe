import * as z from 'zod/mini'

/** A transfer agreement (移交协议) between one enterprise and one community for a batch of retirees. */
export const AgreementStatus = z.enum(['draft', 'communitySigned', 'signed'])
export type AgreementStatus = z.infer<typeof AgreementStatus>

export const TransferAgreement = z.object({
  id: z.string().check(z.minLength(1)),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  communityId: z.string(),
  caseIds: z.array(z.string()).check(z.minLength(1, { error: '协议至少要包含一名退休人员' })),
  status: AgreementStatus,
  deadline: z.string().check(z.describe('China date from the policy')),
  communitySignedAt: z.nullable(z.iso.datetime()),
  enterpriseSignedAt: z.nullable(z.iso.datetime()),
  createdAt: z.iso.datetime(),
})
export type TransferAgreement = z.infer<typeof TransferAgreement>
