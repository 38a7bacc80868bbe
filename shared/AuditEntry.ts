import * as z from 'zod/mini'
import { Role } from './Role'

/** One field's change, with personal data already masked. */
export const FieldChange = z.object({
  field: z.string(),
  before: z.nullable(z.string()),
  after: z.nullable(z.string()),
})
export type FieldChange = z.infer<typeof FieldChange>

/** An append-only record of a write (or a refused attempt). Never holds unmasked personal data. */
export const AuditEntry = z.object({
  id: z.string().check(z.minLength(1)),
  at: z.iso.datetime().check(z.describe('UTC instant')),
  actor: z.object({ userId: z.string(), role: z.union([Role, z.literal('anonymous'), z.literal('system')]) }),
  action: z.string().check(z.describe('the cloud action name')),
  caseId: z.nullable(z.string()),
  outcome: z.enum(['done', 'refused']),
  changes: z.array(FieldChange),
})
export type AuditEntry = z.infer<typeof AuditEntry>
