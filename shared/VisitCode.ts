import * as z from 'zod/mini'

/** The short numeric fallback for a retiree's QR code, for workers whose camera fails. */
export const VisitCode = z.object({
  id: z.string().check(z.describe('the 8-digit code')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  expiresAt: z.iso.datetime(),
})
export type VisitCode = z.infer<typeof VisitCode>
