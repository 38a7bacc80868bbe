import * as z from 'zod/mini'

/** The short numeric fallback for a retiree's QR code, for workers whose camera fails. */
export const VisitCode = z.object({
  id: z.string().check(z.describe('the 8-digit code')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  expiresAt: z.iso.datetime(),
})
export type VisitCode = z.infer<typeof VisitCode>

/**
 * Proof that a worker opened a case with the retiree's fresh pass or fallback code: visit.open
 * writes it, and visit.record with identityChecked consumes it (same case, same worker, once).
 */
export const VisitProof = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  workerId: z.string(),
  expiresAt: z.iso.datetime(),
})
export type VisitProof = z.infer<typeof VisitProof>

export const VISIT_PROOF_MINUTES = 30
