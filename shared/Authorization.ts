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
  // Recorded by the community's signature of the agreement (agreement.sign), never alone.
  agreementCommunitySigned: ['communityAdmin'],
  // Recorded by the enterprise's countersignature of the agreement (agreement.countersign), never alone.
  agreementSigned: ['enterpriseOperator'],
  personnelFileTransferred: ['archivesOfficer'],
  classifiedFileHandled: ['archivesOfficer'],
  // The receiving community's party organisation (plan 四（三）); the organisation department only for a
  // community that cannot, with the reason in the note (stepRefusal).
  partyRelationTransferred: ['communityPartySecretary', 'partyOfficer'],
  partyBranchAssigned: ['communityPartySecretary', 'partyOfficer'],
  // Stored before the bureaus recorded their own steps; no longer recorded (CaseState LEGACY_STEPS).
  socialSecurityHandedOver: [],
  // 人社局 and 医保局 (plan 三（二）3): each bureau its own step (stepRefusal checks the bureau).
  pensionHandedOver: ['socialSecurityOfficer'],
  medicalInsuranceHandedOver: ['socialSecurityOfficer'],
  takenIn: ['gridWorker', 'communityAdmin'],
} as const satisfies Record<CaseStepType, readonly Role[]>

export function mayRecordStep(role: Role, type: CaseStepType): boolean {
  return (STEP_ROLES[type] as readonly Role[]).includes(role)
}

/** The bureau (a socialSecurityOfficer's orgId) that records each social-security step. */
export const SOCIAL_SECURITY_BUREAU_OF: Partial<Record<CaseStepType, 'hrss' | 'medicalInsurance'>> = {
  pensionHandedOver: 'hrss',
  medicalInsuranceHandedOver: 'medicalInsurance',
}

/** The bureaus a socialSecurityOfficer may belong to. */
export const SOCIAL_SECURITY_BUREAUS = ['hrss', 'medicalInsurance'] as const

/**
 * Why this user may not record this step on a case in their jurisdiction, beyond their role, or
 * null: a social-security officer records only their own bureau's step, and the organisation
 * department records a party step only with the reason the community's party organisation cannot.
 */
export function stepRefusal(user: Pick<User, 'role' | 'orgId'>, step: { type: CaseStepType; note?: string }): { code: 'FORBIDDEN' | 'BAD_REQUEST'; message: string } | null {
  const bureau = SOCIAL_SECURITY_BUREAU_OF[step.type]
  if (user.role === 'socialSecurityOfficer' && bureau !== undefined && user.orgId !== bureau) {
    return { code: 'FORBIDDEN', message: bureau === 'hrss' ? '养老金的核对由人社局登记。' : '医保关系接续由医保局登记。' }
  }
  if (user.role === 'partyOfficer' && (step.type === 'partyRelationTransferred' || step.type === 'partyBranchAssigned') && !step.note?.trim()) {
    return { code: 'BAD_REQUEST', message: '组织部代社区党组织登记时，请在备注里写明社区党组织不能办理的原因。' }
  }
  return null
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
    // The community's party organisation: the party members its community receives.
    case 'communityPartySecretary':
      return { kind: 'community', communityId: user.orgId }
    case 'enterpriseOperator':
      return { kind: 'enterprise', enterpriseId: user.orgId }
    // The archives bureau, the organisation department and the leading-group office work city-wide.
    case 'archivesOfficer':
    case 'partyOfficer':
    case 'supervisor':
    // A bureau (人社局 or 医保局) serves every retiree of the city.
    case 'socialSecurityOfficer':
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
  // Calls the party members it receives to place them in a branch: theirs only (seesFullPhone).
  communityPartySecretary: true,
  // Checks payments in the bureau's own systems; the community calls the person.
  socialSecurityOfficer: false,
  supervisor: false,
} as const satisfies Record<Role, boolean>

/** Whether this user is shown this retiree's full phone number: by role, and a party secretary only a party member's. */
export function seesFullPhone(role: Role, c: Pick<RetireeCase, 'categories'>): boolean {
  return SEES_FULL_PHONE[role] && (role !== 'communityPartySecretary' || c.categories.partyMember)
}

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
  // Calls the party members it receives to place them in a branch: theirs only (seesFullPhone).
  communityPartySecretary: true,
  // Checks payments in the bureau's own systems; the community calls the person.
  socialSecurityOfficer: false,
  supervisor: false,
} as const satisfies Record<Role, boolean>

/** Steps recorded only through their own workflow, never through case.recordStep. */
export const WORKFLOW_STEPS: Partial<Record<CaseStepType, string>> = {
  agreementCommunitySigned: '移交协议要在「移交协议」里由社区签字，签字时自动登记。',
  agreementSigned: '移交协议要在「移交协议」里由社区签字、企业会签，签完自动登记。',
  materialsSubmitted: '移交材料要在「移交材料」里上传齐全后提交。',
}
