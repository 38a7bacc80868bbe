import * as z from 'zod/mini'
import { CaseCategories } from './Category'
import { CaseAction, CloseReason } from './CaseAction'
import { Person } from './Person'
import { ResponsibleParty, StageId } from './Stage'

/** Where one stage of one case stands, as the board counts it (shared/Figures.ts). */
export const StageSummary = z.object({
  state: z.enum(['done', 'open', 'waiting']),
  deadline: z.nullable(z.string()).check(z.describe('China date')),
  completedOn: z.nullable(z.string()).check(z.describe('China date the stage was done')),
  party: z.optional(ResponsibleParty.check(z.describe('open stages: who answers now, the party of the next step; absent before issue 11'))),
})
export type StageSummary = z.infer<typeof StageSummary>

/**
 * A cached copy of what the actions imply, kept only so the stores can index and query it.
 * It is rebuilt by `summarizeCase` on every write and is never the truth.
 */
export const CaseSummary = z.object({
  inScope: z.boolean(),
  receivingCommunityId: z.string(),
  currentStage: z.nullable(StageId).check(z.describe('first open stage in policy order')),
  openStages: z.array(StageId),
  nextDeadline: z.nullable(z.string()).check(z.describe('earliest deadline among open stages (China date)')),
  openItems: z.array(z.object({ stage: StageId, deadline: z.string() })).check(z.describe('open stages that have a deadline: what reminders look for')),
  done: z.boolean(),
  stages: z
    ._default(z.partialRecord(StageId, StageSummary), {})
    .check(z.describe('each stage that applies: its state, deadline and completion day (what the board counts); absent before issue 10')),
  closed: z.optional(
    z.object({ reason: CloseReason, on: z.string().check(z.describe('China date')) }).check(z.describe('terminal: the person died or moved to another city; absent while the case is live')),
  ),
})
export type CaseSummary = z.infer<typeof CaseSummary>

/** One retiree's transfer (移交案例). */
export const RetireeCase = z.object({
  id: z.string().check(z.minLength(1)),
  version: z.int().check(z.gte(1), z.describe('optimistic-concurrency version, +1 on every write')),
  policyId: z.string(),
  enterpriseId: z.string().check(z.describe('the transferor')),
  hukouCommunityId: z.string().check(z.describe('community of the household registration')),
  residenceCommunityId: z.nullable(z.string()).check(z.describe('community where the person lives, if elsewhere')),
  person: Person,
  categories: CaseCategories,
  actions: z.array(CaseAction).check(z.describe('append-only, in time order')),
  summary: CaseSummary,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type RetireeCase = z.infer<typeof RetireeCase>
