/**
 * Concerns (诉求与信访, plan 五（一）情况收集、意见反馈 and the 维稳方案): a retiree or a permitted
 * relative raises a worry in a category; it goes to the unit that answers for that category at the
 * case's current stage; that unit answers within the policy's time limit, or the concern climbs the
 * escalation ladder (the unit's admin, the enterprise's stability contact, the office). Times are
 * counted in China days and nothing escalates in quiet hours (shared/Delivery.ts quietUntil).
 */
import * as z from 'zod/mini'
import type { UnitRef } from './Board'
import type { CaseSummary } from './Case'
import { addChinaDays, chinaDateOf, endOfChinaDay, formatChinaDateTime } from './ChinaTime'
import { quietUntil } from './Delivery'
import type { Role } from './Role'
import { RESPONSIBLE_PARTY_NAMES, type ResponsibleParty, type StageId } from './Stage'

export const CONCERN_CATEGORIES = ['pension', 'medicalInsurance', 'personnelFile', 'partyRelation', 'communityService', 'outOfPool', 'other'] as const
export const ConcernCategory = z.enum(CONCERN_CATEGORIES)
export type ConcernCategory = z.infer<typeof ConcernCategory>

export const CONCERN_CATEGORY_NAMES: Record<ConcernCategory, string> = {
  pension: '养老金待遇',
  medicalInsurance: '医疗保险',
  personnelFile: '人事档案',
  partyRelation: '党组织关系',
  communityService: '社区服务',
  outOfPool: '统筹外费用',
  other: '其他',
}

/** Where a case is, as far as routing goes: its first open stage, taken in (finished), or not handed over. */
export type RoutingStage = StageId | 'finished' | 'outOfScope'
export const ROUTING_STAGES = ['roster', 'materials', 'agreement', 'personnelFile', 'partyRelation', 'socialSecurity', 'takenIn', 'finished', 'outOfScope'] as const satisfies readonly RoutingStage[]

export function routingStage(summary: Pick<CaseSummary, 'inScope' | 'done' | 'currentStage'>): RoutingStage {
  if (!summary.inScope) return 'outOfScope'
  if (summary.done || summary.currentStage === null) return 'finished'
  return summary.currentStage
}

type Row = Record<RoutingStage, ResponsibleParty>
const all = (p: ResponsibleParty): Row => ({ roster: p, materials: p, agreement: p, personnelFile: p, partyRelation: p, socialSecurity: p, takenIn: p, finished: p, outOfScope: p })
/** Until the community has taken the person in (takenIn done) the enterprise still manages them (plan 四（一）). */
const enterpriseUntilTakenIn = (after: ResponsibleParty): Row => ({ ...all('enterprise'), finished: after })

/**
 * Who answers a concern, by category and the case's routing stage (DOMAIN.md, who does what).
 * Pension and medical insurance are the bureaus' at every stage (plan 三（二）3: 人社局、医保局 guide
 * the benefits, which are paid on time and in full throughout). The personnel file is the
 * enterprise's until the file stage opens, then the archives bureau's (四（二）). The party relation is
 * the enterprise's until its stage opens, then the receiving community's party organisation's (四（三）).
 * Everything else is the enterprise's until the community has taken the person in, then the
 * community's; a person not handed over (离休, 另有规定) stays with the enterprise.
 */
export const CONCERN_ROUTES = {
  pension: all('hrss'),
  medicalInsurance: all('medicalInsurance'),
  personnelFile: { ...all('archives'), roster: 'enterprise', materials: 'enterprise', agreement: 'enterprise', outOfScope: 'enterprise' },
  partyRelation: { ...all('communityParty'), roster: 'enterprise', materials: 'enterprise', agreement: 'enterprise', personnelFile: 'enterprise', outOfScope: 'enterprise' },
  communityService: enterpriseUntilTakenIn('community'),
  // 四（五）: the enterprise keeps paying and answering for its out-of-pool items.
  outOfPool: all('enterprise'),
  other: enterpriseUntilTakenIn('community'),
} as const satisfies Record<ConcernCategory, Row>

/** The unit a concern goes to: the party of the route, bound to the case's enterprise or receiving community. */
export function routeConcern(category: ConcernCategory, c: { enterpriseId: string; summary: Pick<CaseSummary, 'inScope' | 'done' | 'currentStage' | 'receivingCommunityId'> }): UnitRef {
  const kind: ResponsibleParty = CONCERN_ROUTES[category][routingStage(c.summary)]
  switch (kind) {
    case 'enterprise':
      return { kind, orgId: c.enterpriseId }
    case 'community':
    case 'communityParty':
      return { kind, orgId: c.summary.receivingCommunityId }
    case 'archives':
    case 'party':
    case 'hrss':
    case 'medicalInsurance':
      return { kind, orgId: null }
  }
}

/** The staff who work for a unit (role, and whether their orgId must be the unit's org or the bureau). */
export const UNIT_STAFF = {
  enterprise: ['enterpriseOperator'],
  community: ['gridWorker', 'communityAdmin'],
  communityParty: ['communityPartySecretary'],
  archives: ['archivesOfficer'],
  party: ['partyOfficer'],
  // The bureau is the officer's orgId (shared/Authorization.ts SOCIAL_SECURITY_BUREAUS).
  hrss: ['socialSecurityOfficer'],
  medicalInsurance: ['socialSecurityOfficer'],
} as const satisfies Record<ResponsibleParty, readonly Role[]>

/**
 * The unit's admin, first step of the ladder: whoever manages the unit's staff accounts. A
 * community's admin invites its grid workers and its party secretary (shared/StaffInvite.ts
 * INVITES_OF). An enterprise and the bureaus have no admin role of their own (the office invites
 * their staff), so their first step goes to their own staff again, marked overdue.
 */
export const UNIT_ADMINS = {
  enterprise: ['enterpriseOperator'],
  community: ['communityAdmin'],
  communityParty: ['communityAdmin'],
  archives: ['archivesOfficer'],
  party: ['partyOfficer'],
  hrss: ['socialSecurityOfficer'],
  medicalInsurance: ['socialSecurityOfficer'],
} as const satisfies Record<ResponsibleParty, readonly Role[]>

/** The unit keys a member of staff answers for ('community:c1', 'hrss', …); none for the retiree side and the office. */
export function unitsOfStaff(user: { role: Role; orgId: string }): string[] {
  const keys: string[] = []
  for (const kind of Object.keys(UNIT_STAFF) as ResponsibleParty[]) {
    if (!(UNIT_STAFF[kind] as readonly Role[]).includes(user.role)) continue
    if (kind === 'hrss' || kind === 'medicalInsurance') {
      if (user.orgId === kind) keys.push(kind)
    } else if (kind === 'archives' || kind === 'party') keys.push(kind)
    else keys.push(`${kind}:${user.orgId}`)
  }
  return keys
}

/** 0: with the unit; 1: the unit's admin; 2: the enterprise's stability contact (维稳联系人); 3: the office. */
export const ESCALATION_LEVELS = [0, 1, 2, 3] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]
export const ESCALATION_LEVEL_NAMES: Record<EscalationLevel, string> = {
  0: '承办单位',
  1: '承办单位负责人',
  2: '企业维稳联系人',
  3: '领导小组办公室',
}

export const CONCERN_STATUSES = ['submitted', 'answered', 'resolved', 'notResolved'] as const
export const ConcernStatus = z.enum(CONCERN_STATUSES)
export type ConcernStatus = z.infer<typeof ConcernStatus>

export const CONCERN_TEXT_MAX = 300

/**
 * Concerns one case may have waiting for an answer at once (our choice, not a document's): a
 * retiree rarely has more than a couple of questions open, and five unanswered ones are enough to
 * say everything while keeping a unit's list from being flooded. Counted before a concern is
 * written (concernOpenKey), given back when it is answered.
 */
export const MAX_UNANSWERED_CONCERNS = 5

/** The counter of a case's unanswered concerns. */
export function concernOpenKey(caseId: string): string {
  return `concern-open:${caseId}`
}

/** Said when a case already has MAX_UNANSWERED_CONCERNS waiting. */
export const TOO_MANY_UNANSWERED = `您已有${MAX_UNANSWERED_CONCERNS}条诉求在等待答复，请等有了答复再提新的。`
export const CONCERN_ANSWER_MAX = 500

export const Concern = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  enterpriseId: z.string().check(z.describe('the case’s enterprise: its stability contact is the second step of the ladder')),
  unit: z.string().check(z.describe('the answering unit’s key (shared/Board.ts unitKey), fixed when raised')),
  unitKind: z.enum(['enterprise', 'community', 'communityParty', 'archives', 'party', 'hrss', 'medicalInsurance']),
  unitOrgId: z.nullable(z.string()),
  category: ConcernCategory,
  text: z.string().check(z.maxLength(CONCERN_TEXT_MAX)),
  raisedBy: z.object({ userId: z.string(), role: z.string() }),
  raisedAt: z.iso.datetime(),
  answerDue: z.string().check(z.describe('the China day by the end of which the unit must answer, fixed from the policy when raised')),
  status: ConcernStatus,
  level: z.int().check(z.gte(0), z.lte(3), z.describe('how far up the ladder it has gone')),
  holder: z.string().check(z.describe('who holds it at its level (ladderKey): the staff list it is on besides its unit’s')),
  escalatedAt: z.nullable(z.iso.datetime()),
  answer: z.nullable(z.string().check(z.maxLength(CONCERN_ANSWER_MAX))),
  answeredBy: z.nullable(z.object({ userId: z.string(), role: z.string() })),
  answeredAt: z.nullable(z.iso.datetime()),
  ratedAt: z.nullable(z.iso.datetime()),
  photoFileId: z.optional(z.string().check(z.minLength(1), z.maxLength(300), z.describe('the optional photo, kept by the server under concerns/<case>/<concern>/ (keptConcernPhotoPath); concerns raised before photos have none'))),
})
export type Concern = z.infer<typeof Concern>

/**
 * Where the server keeps a concern's photo: `concerns/<case>/<concern>/<id>.<ext>`, outside
 * `materials/` (where clients upload), so no client may overwrite or delete it.
 */
export function keptConcernPhotoPath(caseId: string, concernId: string, id: string, ext: string): string {
  return `concerns/${caseId}/${concernId}/${id}.${ext}`
}

/** The policy's time limits (shared/Policy.ts ConcernRules). */
export interface ConcernTimes {
  answerDays: number
  escalateEveryDays: number
}

/** The China day by the end of which the unit must answer. */
export function answerDueDay(raisedAt: string, times: ConcernTimes): string {
  return addChinaDays(chinaDateOf(raisedAt), times.answerDays)
}

/**
 * When an unanswered concern reaches a level: just after the end of its China due day (for level
 * 1) or of each escalateEveryDays after it, moved past quiet hours to 08:00 China time.
 */
export function escalationAt(answerDue: string, level: 1 | 2 | 3, times: Pick<ConcernTimes, 'escalateEveryDays'>): Date {
  const day = addChinaDays(answerDue, (level - 1) * times.escalateEveryDays)
  const after = new Date(endOfChinaDay(day).getTime() + 1)
  return quietUntil(after) ?? after
}

/** The level an unanswered concern should be at by `now`; an answered one stays where it was. */
export function dueLevel(c: Pick<Concern, 'answerDue' | 'status' | 'level'>, now: Date, times: Pick<ConcernTimes, 'escalateEveryDays'>): EscalationLevel {
  if (c.status !== 'submitted') return c.level as EscalationLevel
  let level: EscalationLevel = 0
  for (const l of [1, 2, 3] as const) if (escalationAt(c.answerDue, l, times).getTime() <= now.getTime()) level = l
  return Math.max(level, c.level) as EscalationLevel
}

/** Whether an unanswered concern is past its answer day. */
export function isOverdue(c: Pick<Concern, 'answerDue' | 'status'>, now: Date): boolean {
  return c.status === 'submitted' && chinaDateOf(now) > c.answerDue
}

export type ConcernAct = 'answer' | 'rate'
/** Which acts each status allows (the retiree rates an answer once; a rated concern is closed). */
export const CONCERN_ACTS = {
  submitted: ['answer'],
  answered: ['rate'],
  resolved: [],
  notResolved: [],
} as const satisfies Record<ConcernStatus, readonly ConcernAct[]>

export function concernAllows(status: ConcernStatus, act: ConcernAct): boolean {
  return (CONCERN_ACTS[status] as readonly ConcernAct[]).includes(act)
}

/** What the unit is called to the retiree: 原企业, 接收社区, 市人社局…. */
export function unitPlainName(kind: ResponsibleParty): string {
  return RESPONSIBLE_PARTY_NAMES[kind]
}

/**
 * The key of whoever holds a concern at a level: the unit itself, `admin:<unit>`, the enterprise's
 * stability contact `stability:<enterprise>`, or `office`. Stored on the concern (holder) and indexed.
 */
export function ladderKey(c: Pick<Concern, 'unit' | 'enterpriseId'>, level: EscalationLevel): string {
  switch (level) {
    case 0:
      return c.unit
    case 1:
      return `admin:${c.unit}`
    case 2:
      return `stability:${c.enterpriseId}`
    case 3:
      return 'office'
  }
}

/**
 * The lists a member of staff may work from, in order: their unit's, the admin lists of the units
 * they are admin of, the enterprise's stability list for its stability contact, the office's.
 */
export function concernQueues(user: { role: Role; orgId: string }, isStabilityContact: boolean): string[] {
  const keys = unitsOfStaff(user)
  for (const kind of Object.keys(UNIT_ADMINS) as ResponsibleParty[]) {
    if (!(UNIT_ADMINS[kind] as readonly Role[]).includes(user.role)) continue
    if (kind === 'hrss' || kind === 'medicalInsurance') {
      if (user.orgId === kind) keys.push(`admin:${kind}`)
    } else if (kind === 'archives' || kind === 'party') keys.push(`admin:${kind}`)
    else keys.push(`admin:${kind}:${user.orgId}`)
  }
  if (isStabilityContact && user.role === 'enterpriseOperator') keys.push(`stability:${user.orgId}`)
  if (user.role === 'supervisor') keys.push('office')
  return keys
}

/** Whether a member of staff (with these queues) may answer: the unit, or anyone the concern has reached on the ladder. */
export function mayAnswerConcern(queues: readonly string[], c: Pick<Concern, 'unit' | 'enterpriseId' | 'level'>): boolean {
  return ESCALATION_LEVELS.some((l) => l <= c.level && queues.includes(ladderKey(c, l)))
}

/** What a queue is called on the staff screen. */
export function concernQueueName(key: string): string {
  if (key === 'office') return '报到办公室的诉求'
  if (key.startsWith('stability:')) return '报到维稳联系人的诉求'
  if (key.startsWith('admin:')) return key.startsWith('admin:communityParty:') ? '社区党组织逾期未答复的诉求' : '逾期未答复的诉求'
  return '本单位的诉求'
}

/** The state in plain words, for the retiree. */
export function concernStatusText(c: Pick<Concern, 'status' | 'unitKind' | 'level'>): string {
  switch (c.status) {
    case 'submitted':
      return c.level === 0 ? `已转给${unitPlainName(c.unitKind)}，等待答复` : `还没有答复，已报给${ESCALATION_LEVEL_NAMES[c.level as EscalationLevel]}督办`
    case 'answered':
      return '已经答复，请告诉我们问题解决了没有'
    case 'resolved':
      return '您说问题已经解决'
    case 'notResolved':
      return '您说问题还没有解决，已报领导小组办公室'
  }
}

/** A concern as a screen shows it; the raiser's identity is not shown, the case is named to staff only. */
export const ConcernItem = z.object({
  id: z.string(),
  version: z.int(),
  category: ConcernCategory,
  categoryName: z.string(),
  text: z.string(),
  unitName: z.string(),
  status: ConcernStatus,
  statusText: z.string(),
  level: z.int(),
  levelName: z.string(),
  raisedAt: z.string(),
  answerDue: z.string(),
  overdue: z.boolean(),
  answer: z.nullable(z.string()),
  answeredAt: z.nullable(z.string()),
  /** For staff: the retiree's name, to call them back; empty for the retiree side. */
  name: z.string(),
  mayAnswer: z.boolean(),
  /** A short-lived link to the concern's photo, lent only to the retiree side and staff who may answer it. */
  photoUrl: z.optional(z.string()),
})
export type ConcernItem = z.infer<typeof ConcernItem>

export function concernItem(c: Concern, now: Date, extra: { name: string; mayAnswer: boolean; photoUrl?: string }): ConcernItem {
  return {
    id: c.id,
    version: c.version,
    category: c.category,
    categoryName: CONCERN_CATEGORY_NAMES[c.category],
    text: c.text,
    unitName: unitPlainName(c.unitKind),
    status: c.status,
    statusText: concernStatusText(c),
    level: c.level,
    levelName: ESCALATION_LEVEL_NAMES[c.level as EscalationLevel],
    raisedAt: formatChinaDateTime(c.raisedAt),
    answerDue: c.answerDue,
    overdue: isOverdue(c, now),
    answer: c.answer,
    answeredAt: c.answeredAt === null ? null : formatChinaDateTime(c.answeredAt),
    ...extra,
  }
}

export const ConcernListView = z.object({ items: z.array(ConcernItem), nextCursor: z.nullable(z.string()) })
export type ConcernListView = z.infer<typeof ConcernListView>

/** A list a member of staff works from: their unit's concerns, or those escalated to them. */
export const ConcernQueue = z.object({ key: z.string(), name: z.string() })
export type ConcernQueue = z.infer<typeof ConcernQueue>
export const ConcernQueueView = z.object({ queues: z.array(ConcernQueue), queue: z.nullable(z.string()), items: z.array(ConcernItem), nextCursor: z.nullable(z.string()) })
export type ConcernQueueView = z.infer<typeof ConcernQueueView>
