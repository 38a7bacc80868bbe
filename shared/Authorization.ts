/**
 * Who may do what, as pure tables and one function: the client uses them to hide buttons,
 * the server to refuse.
 */
import type { RetireeCase } from './Case'
import type { CaseStepType } from './CaseAction'
import { assertNever } from './CaseState'
import type { Role } from './Role'
import type { User } from './User'

/** Which roles may record each step (DOMAIN.md, who does what). */
export const STEP_ROLES = {
  rosterConfirmed: ['enterpriseOperator'],
  materialsSubmitted: ['enterpriseOperator'],
  // Recorded by the enterprise's countersignature of the agreement (agreement.countersign), never alone.
  agreementSigned: ['enterpriseOperator'],
  personnelFileTransferred: ['archivesOfficer'],
  classifiedFileHandled: ['archivesOfficer'],
  partyRelationTransferred: ['partyOfficer'],
  partyBranchAssigned: ['partyOfficer'],
  // Recorded by the community after the benefit checks.
  socialSecurityHandedOver: ['communityAdmin', 'gridWorker'],
  takenIn: ['gridWorker', 'communityAdmin'],
} as const satisfies Record<CaseStepType, readonly Role[]>

export function mayRecordStep(role: Role, type: CaseStepType): boolean {
  return (STEP_ROLES[type] as readonly Role[]).includes(role)
}

/** The cases a user may see, as a store query scope. */
export type CaseScope = { kind: 'case'; caseId: string } | { kind: 'community'; communityId: string } | { kind: 'enterprise'; enterpriseId: string } | { kind: 'city' }

export function caseScope(user: User): CaseScope {
  switch (user.role) {
    case 'retiree':
    case 'relative':
      return { kind: 'case', caseId: user.caseId ?? '' }
    case 'gridWorker':
    case 'communityAdmin':
      return { kind: 'community', communityId: user.orgId }
    case 'enterpriseOperator':
      return { kind: 'enterprise', enterpriseId: user.orgId }
    // The archives bureau, the organisation department and the leading-group office work city-wide.
    case 'archivesOfficer':
    case 'partyOfficer':
    case 'supervisor':
      return { kind: 'city' }
    default:
      return assertNever(user.role)
  }
}

/** Whether a case lies in the user's jurisdiction. */
export function canAccessCase(user: User, c: Pick<RetireeCase, 'id' | 'enterpriseId' | 'summary'>): boolean {
  const scope = caseScope(user)
  switch (scope.kind) {
    case 'case':
      return scope.caseId !== '' && scope.caseId === c.id
    case 'community':
      return c.summary.receivingCommunityId === scope.communityId
    case 'enterprise':
      return c.enterpriseId === scope.enterpriseId
    case 'city':
      return true
    default:
      return assertNever(scope)
  }
}

/**
 * Whether the user's community serves this person without managing them (plan 四（六）: a retiree
 * living long-term away from their hukou community 可在长期居住地享受社区面向社会提供的公共服务).
 * Its grid workers and admin see the person in their own list and record visits, services and
 * the in-person identity check; hand-over steps stay with the receiving community (canAccessCase).
 */
export function servesAsResidence(user: User, c: Pick<RetireeCase, 'residenceCommunityId' | 'summary'>): boolean {
  if (user.role !== 'gridWorker' && user.role !== 'communityAdmin') return false
  return c.residenceCommunityId !== null && c.residenceCommunityId === user.orgId && c.summary.receivingCommunityId !== user.orgId
}

/** Roles whose work needs the retiree's full phone number (they call the person). */
export const SEES_FULL_PHONE = {
  retiree: true,
  // A relative acts for the retiree but does not need their number.
  relative: false,
  gridWorker: true,
  communityAdmin: true,
  enterpriseOperator: true,
  archivesOfficer: false,
  partyOfficer: false,
  supervisor: false,
} as const satisfies Record<Role, boolean>

/**
 * Roles shown the retiree's full birth date (details.get), derived from the sealed ID number when
 * asked. Everyone else sees the month: the month, the gender and the area code leave at least
 * 28 × 500 possible ID numbers, the full date only 500 (shared/IdRebuild.ts). No role receives
 * the full ID number through the API.
 */
export const SEES_BIRTH_DATE = {
  // The retiree's own details, which they confirm (基本信息确认).
  retiree: true,
  // A relative confirms on the retiree's behalf at most; the month is enough to recognise the record.
  relative: false,
  // Staff identify the person by name, month, address and the ID card shown in person.
  gridWorker: false,
  communityAdmin: false,
  enterpriseOperator: false,
  archivesOfficer: false,
  partyOfficer: false,
  supervisor: false,
} as const satisfies Record<Role, boolean>

/** Steps recorded only through their own workflow, never through case.recordStep. */
export const WORKFLOW_STEPS: Partial<Record<CaseStepType, string>> = {
  agreementSigned: '移交协议要在「移交协议」里由社区签字、企业会签，签完自动登记。',
  materialsSubmitted: '移交材料要在「移交材料」里上传齐全后提交。',
}
