/** The before/after of a case's changed fields, for the audit log, with personal data masked. */
import type { FieldChange } from './AuditEntry'
import type { RetireeCase } from './Case'
import { maskPhone } from './Mask'

type Flat = Record<string, string | null>

function flatCase(c: RetireeCase): Flat {
  const p = c.person
  return {
    'person.name': p.name,
    'person.gender': p.gender,
    'person.birthMonth': p.birthMonth,
    'person.idNumber': p.idNumber.masked,
    'person.phone': p.phone ? maskPhone(p.phone) : '',
    'person.hukouAddress': p.hukouAddress,
    'person.residenceAddress': p.residenceAddress,
    'person.retirementMonth': p.retirementMonth,
    enterpriseId: c.enterpriseId,
    hukouCommunityId: c.hukouCommunityId,
    residenceCommunityId: c.residenceCommunityId,
    categories: JSON.stringify(c.categories),
    'summary.currentStage': c.summary.currentStage,
    'summary.done': String(c.summary.done),
    actions: c.actions.map((a) => a.type).join(','),
  }
}

export function caseChanges(before: RetireeCase | null, after: RetireeCase): FieldChange[] {
  const a = flatCase(after)
  const b = before ? flatCase(before) : null
  const changes: FieldChange[] = []
  for (const field of Object.keys(a)) {
    if (field === 'actions' && b) {
      const added = after.actions.slice(before!.actions.length).map((x) => x.type)
      if (added.length) changes.push({ field: 'actions', before: null, after: added.join(',') })
      continue
    }
    const prev = b ? b[field] : null
    if (prev !== a[field]) changes.push({ field, before: prev, after: a[field] })
  }
  return changes
}
