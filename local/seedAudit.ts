/**
 * The audit trail of the demo data: every seeded case action as the entry the app would have
 * written when staff (or the retiree) recorded it, so the supervisor's trail of a seeded case
 * holds what its log says.
 */
import type { ActionName } from '../shared/Api'
import type { AuditEntry } from '../shared/AuditEntry'
import type { CaseActionType } from '../shared/CaseAction'
import type { RetireeCase } from '../shared/Case'

/** The action through which each kind of case action is recorded in the app. */
const RECORDED_BY = {
  wechatBound: 'binding.bind',
  wechatUnbound: 'binding.unbind',
  detailsConfirmed: 'details.confirm',
  detailsDisputed: 'details.dispute',
  visitRecorded: 'visit.record',
  correctionAnswered: 'correction.answer',
  rosterConfirmed: 'roster.confirm',
  materialsSubmitted: 'materials.submit',
  agreementCommunitySigned: 'agreement.sign',
  agreementSigned: 'agreement.countersign',
  personnelFileTransferred: 'archives.batch',
  classifiedFileHandled: 'archives.batch',
  partyRelationTransferred: 'case.recordStep',
  partyBranchAssigned: 'case.recordStep',
  socialSecurityHandedOver: 'case.recordStep',
  pensionHandedOver: 'case.recordStep',
  medicalInsuranceHandedOver: 'case.recordStep',
  takenIn: 'case.recordStep',
  serviceRecorded: 'residence.recordService',
  careRecorded: 'care.record',
  caseClosed: 'case.close',
  caseTransferred: 'case.transfer',
  qualificationSet: 'qualification.set',
} as const satisfies Record<CaseActionType, ActionName>

const SEEDED = 'seed-'

/** Whether an audit entry is one of the demo data's (tests read what they wrote themselves apart). */
export function isSeededEntry(e: AuditEntry): boolean {
  return e.id.startsWith(SEEDED)
}

/** One entry per action of the case, at its time, by whoever recorded it. */
export function seededAudit(c: RetireeCase): AuditEntry[] {
  return c.actions.map((a, i) => ({
    id: `${SEEDED}${c.id}-${String(i).padStart(3, '0')}`,
    at: a.at,
    actor: { userId: a.by.userId, role: a.by.role },
    action: RECORDED_BY[a.type],
    caseId: c.id,
    outcome: 'done',
    changes: [{ field: 'actions', before: null, after: a.type }],
  }))
}
