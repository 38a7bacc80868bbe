/** Pure builders of the views the cloud actions return. */
import type { RetireeCase } from './Case'
import { CASE_ACTION_NAMES, CASE_STEP_TYPES, type CaseStepType } from './CaseAction'
import { assertNever, checkStep, deriveStatus, type StageProgress } from './CaseState'
import { chinaDateOf, chinaDaysBetween, type ChinaDate } from './ChinaTime'
import { careHistory, CLOSE_REASON_NAMES } from './AfterTakeIn'
import { CARE_TITLES } from './Notifications'
import type { Policy } from './Policy'
import { answeringParty, stageParties, stageResponsibleName } from './Stage'
import type { CaseListItem, MyCaseView, StageView } from './Views'
import { mayRecordStep, stepRefusal } from './Authorization'
import type { Role } from './Role'
import type { ResponsibleParty } from './Stage'

type Contact = { name: string; phone: string }

/** Who to ask about each responsible party's stages for this case, and the enterprise's party body. */
export type StageContacts = Record<ResponsibleParty, Contact | null> & { enterpriseParty: Contact | null }

/** Whom to ask about a stage: whoever answers now (an open stage's next step), and the others. */
function stageContactsOf(p: StageProgress, contacts: StageContacts): { contact: Contact | null; moreContacts: Contact[] } {
  const now = p.status === 'open' ? answeringParty(p.stage, p.stepsDone) : p.stage.responsible
  const others = stageParties(p.stage).filter((x) => x !== now).flatMap((x) => (contacts[x] ? [contacts[x]] : []))
  // The enterprise's party body is responsible for its party members until their transfer (plan 四（三）).
  const held = p.stage.id === 'partyRelation' && p.status !== 'notApplicable' && p.status !== 'done' && p.stepsDone === 0 && contacts.enterpriseParty ? [contacts.enterpriseParty] : []
  return { contact: contacts[now], moreContacts: [...others, ...held] }
}

function stageView(p: StageProgress, today: ChinaDate, contacts: StageContacts): StageView {
  const base = {
    id: p.stage.id,
    name: p.stage.name,
    deadline: p.stage.deadline,
    responsible: p.stage.responsible,
    responsibleName: stageResponsibleName(p.stage),
    retireeTodo: p.stage.retireeTodo,
    ...stageContactsOf(p, contacts),
  }
  switch (p.status) {
    case 'notApplicable':
      return { ...base, status: p.status, overdue: false, note: p.reason, completedAt: null, deadline: null }
    case 'done':
    case 'open':
    case 'waiting':
      return {
        ...base,
        status: p.status,
        overdue: p.status !== 'done' && p.stage.deadline !== null && p.stage.deadline < today,
        note: p.routeReason,
        completedAt: p.completedAt,
      }
    default:
      return assertNever(p)
  }
}

export function stageViews(policy: Policy, c: RetireeCase, today: ChinaDate, contacts: StageContacts): StageView[] {
  const status = deriveStatus(policy, c)
  return status.inScope ? status.stages.map((s) => stageView(s, today, contacts)) : []
}

export function myCaseView(policy: Policy, c: RetireeCase, today: ChinaDate, contacts: StageContacts): MyCaseView {
  const status = deriveStatus(policy, c)
  const stages = stageViews(policy, c, today, contacts)
  const open = stages.filter((s) => s.status === 'open')
  const withDeadline = open.filter((s) => s.deadline !== null).sort((a, b) => (a.deadline! < b.deadline! ? -1 : 1))
  const next = withDeadline[0]
  return {
    caseId: c.id,
    name: c.person.name,
    today,
    inScope: status.inScope,
    outOfScopeReason: status.inScope ? null : status.reason,
    done: status.inScope && status.done,
    currentStage: open[0] ?? null,
    nextDeadline: next ? { date: next.deadline!, stageName: next.name, daysLeft: chinaDaysBetween(today, next.deadline!) } : null,
    stages,
    office: policy.bureaus.office,
    receivingRule: policy.receivingRule,
    care: careHistory(c)
      .slice(0, MY_CARE_MAX)
      .map((h) => ({ on: chinaDateOf(h.at), title: CARE_TITLES[h.kind], text: h.text })),
  }
}

/** How many of the community's visits and help the retiree's timeline shows (newest first). */
export const MY_CARE_MAX = 20

export function stageName(policy: Policy, c: RetireeCase): string {
  if (!c.summary.inScope) return '不在移交范围'
  // Closed cases stay in the community's 已接收 list, named for what closed them.
  if (c.summary.closed) return `已办结（${CLOSE_REASON_NAMES[c.summary.closed.reason]}）`
  if (c.summary.done) return '已纳入社区管理'
  return policy.stages.find((s) => s.id === c.summary.currentStage)?.name ?? '—'
}

export function caseListItem(policy: Policy, c: RetireeCase, today: ChinaDate): CaseListItem {
  return {
    id: c.id,
    version: c.version,
    name: c.person.name,
    idNumberMasked: c.person.idNumber.masked,
    inScope: c.summary.inScope,
    currentStage: c.summary.currentStage,
    currentStageName: stageName(policy, c),
    nextDeadline: c.summary.nextDeadline,
    overdue: c.summary.nextDeadline !== null && c.summary.nextDeadline < today,
  }
}

/** The steps a member of staff may record on this case right now (a bureau its own; the organisation department with its reason). */
export function allowedSteps(policy: Policy, c: RetireeCase, user: { role: Role; orgId: string }): CaseStepType[] {
  return CASE_STEP_TYPES.filter((t) => mayRecordStep(user.role, t) && stepRefusal(user, { type: t, note: '—' }) === null && checkStep(policy, c, t).ok)
}

export function caseHistory(c: RetireeCase) {
  return c.actions.map((a) => ({ type: a.type, name: CASE_ACTION_NAMES[a.type], at: a.at, role: a.by.role }))
}
