import * as z from 'zod/mini'
import { maskIdNumber } from './Mask'
import { Role } from './Role'

/** Field names of entries written before issue 8, whose values held full dates or the older masked number. */
const LEGACY_FIELDS: Record<string, { field: string; upgrade: (v: string) => string }> = {
  'person.birthDate': { field: 'person.birthMonth', upgrade: (v) => v.slice(0, 7) },
  'person.retirementDate': { field: 'person.retirementMonth', upgrade: (v) => v.slice(0, 7) },
  'person.idNumber': { field: 'person.idNumber', upgrade: maskIdNumber },
}

function upgradeLegacyChange(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || !('field' in v) || typeof v.field !== 'string' || !(v.field in LEGACY_FIELDS)) return v
  const { field, upgrade } = LEGACY_FIELDS[v.field]
  const value = (x: unknown) => (typeof x === 'string' ? upgrade(x) : x)
  return { ...v, field, before: 'before' in v ? value(v.before) : null, after: 'after' in v ? value(v.after) : null }
}

/** One field's change, with personal data already masked (older entries are masked again when read). */
export const FieldChange = z.pipe(
  z.transform(upgradeLegacyChange),
  z.object({
    field: z.string(),
    before: z.nullable(z.string()),
    after: z.nullable(z.string()),
  }),
)
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
