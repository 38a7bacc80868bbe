/** What the cloud actions send to the mini-program. Personal data in them is already masked. */
import * as z from 'zod/mini'
import { ResponsibleParty, StageId } from './Stage'
import { Role } from './Role'
import { CaseActionType } from './CaseAction'

export const SessionView = z.object({
  userId: z.string(),
  role: Role,
  name: z.string(),
  orgName: z.string(),
  today: z.string().check(z.describe('China date of the server clock (set in the local demo)')),
})
export type SessionView = z.infer<typeof SessionView>

export const StageStatus = z.enum(['done', 'open', 'waiting', 'notApplicable'])
export type StageStatus = z.infer<typeof StageStatus>

export const StageView = z.object({
  id: StageId,
  name: z.string(),
  status: StageStatus,
  deadline: z.nullable(z.string()),
  overdue: z.boolean(),
  responsible: ResponsibleParty,
  responsibleName: z.string(),
  retireeTodo: z.string(),
  note: z.nullable(z.string()).check(z.describe('why a stage does not apply, or how it is handled')),
  completedAt: z.nullable(z.string()),
})
export type StageView = z.infer<typeof StageView>

export const MyCaseView = z.object({
  caseId: z.string(),
  name: z.string(),
  today: z.string(),
  inScope: z.boolean(),
  outOfScopeReason: z.nullable(z.string()),
  done: z.boolean(),
  currentStage: z.nullable(StageView),
  nextDeadline: z.nullable(z.object({ date: z.string(), stageName: z.string(), daysLeft: z.int() })),
  stages: z.array(StageView),
})
export type MyCaseView = z.infer<typeof MyCaseView>

export const CaseListItem = z.object({
  id: z.string(),
  version: z.int(),
  name: z.string(),
  idNumberMasked: z.string(),
  inScope: z.boolean(),
  currentStage: z.nullable(StageId),
  currentStageName: z.string(),
  nextDeadline: z.nullable(z.string()),
  overdue: z.boolean(),
})
export type CaseListItem = z.infer<typeof CaseListItem>

export const CaseListView = z.object({ items: z.array(CaseListItem), nextCursor: z.nullable(z.string()) })
export type CaseListView = z.infer<typeof CaseListView>

export const CaseDetailView = z.object({
  case: CaseListItem,
  phone: z.string().check(z.describe('masked unless the role calls the person')),
  enterpriseName: z.string(),
  receivingCommunityName: z.string(),
  stages: z.array(StageView),
  history: z.array(z.object({ type: CaseActionType, name: z.string(), at: z.string(), role: Role })),
  allowedSteps: z.array(CaseActionType).check(z.describe('steps this caller may record now')),
})
export type CaseDetailView = z.infer<typeof CaseDetailView>
