/**
 * The progress board of the leading-group office (督导检查), read from the maintained figures
 * (shared/Figures.ts). Who answers for a stage is read from the policy each time, so a change of
 * responsibility shows on the board by itself.
 */
import * as z from 'zod/mini'
import { communityUnit, enterpriseUnit, type Figures } from './Figures'
import type { Policy } from './Policy'
import { RESPONSIBLE_PARTY_NAMES, ResponsibleParty, type StageId, type ResponsibleParty as Party } from './Stage'

/** One unit that answers for stages: an enterprise, a community, or a city-wide bureau (orgId null). */
export const UnitRef = z.object({
  kind: ResponsibleParty,
  orgId: z.nullable(z.string()),
})
export type UnitRef = z.infer<typeof UnitRef>

/** The unit's key: `enterprise:<id>`, `community:<id>`, `archives`, `party`. */
export function unitKey(u: UnitRef): string {
  return u.orgId === null ? u.kind : `${u.kind}:${u.orgId}`
}

export const StageCounts = z.object({
  done: z.int(),
  open: z.int(),
  waiting: z.int(),
  overdue: z.int().check(z.describe('open past the deadline: part of open')),
})
export type StageCounts = z.infer<typeof StageCounts>

export const ZERO: StageCounts = { done: 0, open: 0, waiting: 0, overdue: 0 }

export function addCounts(a: StageCounts, b: StageCounts): StageCounts {
  return { done: a.done + b.done, open: a.open + b.open, waiting: a.waiting + b.waiting, overdue: a.overdue + b.overdue }
}

/** The share of a unit's items done, 0 to 1; null when it has none. */
export function completionRate(c: StageCounts): number | null {
  const all = c.done + c.open + c.waiting
  return all === 0 ? null : c.done / all
}

/** Each unit's stage counts for one day, read from the figures in one pass. */
interface FigureIndex {
  today: string
  byUnit: Map<string, Map<string, StageCounts>>
}

// Figures read from a store are not changed afterwards, so one index per figures and day serves every look-up.
const indexes = new WeakMap<Figures, FigureIndex>()

function indexOf(figures: Figures, today: string): FigureIndex {
  const cached = indexes.get(figures)
  if (cached && cached.today === today) return cached
  const byUnit = new Map<string, Map<string, StageCounts>>()
  const cell = (unit: string, stage: string) => {
    let stages = byUnit.get(unit)
    if (!stages) byUnit.set(unit, (stages = new Map()))
    let c = stages.get(stage)
    if (!c) stages.set(stage, (c = { ...ZERO }))
    return c
  }
  for (const [key, n] of figures) {
    const [unit, kind, stage, a, b] = key.split('|')
    if (kind === 's' && (a === 'done' || a === 'open' || a === 'waiting')) cell(unit, stage)[a] += n
    else if (kind === 'd' && b === 'open' && a < today) cell(unit, stage).overdue += n
    else if (kind === 'cases') cell(unit, '')
  }
  const index = { today, byUnit }
  indexes.set(figures, index)
  return index
}

/** Where one stage stands in one unit's figures (an enterprise's or a community's key range). */
export function stageCounts(figures: Figures, unit: string, stage: StageId, today: string): StageCounts {
  return { ...(indexOf(figures, today).byUnit.get(unit)?.get(stage) ?? ZERO) }
}

/** The org ids of one side that have any figure, in order. */
export function orgIds(figures: Figures, side: 'enterprise' | 'community'): string[] {
  const ids = new Set<string>()
  const prefix = `${side}:`
  for (const key of figures.keys()) if (key.startsWith(prefix)) ids.add(key.slice(prefix.length, key.indexOf('|')))
  return [...ids].sort()
}

const sideUnit = (side: 'enterprise' | 'community', id: string) => (side === 'enterprise' ? enterpriseUnit(id) : communityUnit(id))

/** Stage × org table of one side: every stage of the policy for every enterprise (or community). */
export function stageTable(policy: Policy, figures: Figures, side: 'enterprise' | 'community', today: string): Array<{ orgId: string; stages: Array<{ stage: StageId } & StageCounts> }> {
  return orgIds(figures, side).map((orgId) => ({
    orgId,
    stages: policy.stages.map((s) => ({ stage: s.id, ...stageCounts(figures, sideUnit(side, orgId), s.id, today) })),
  }))
}

/** The stages one kind of unit answers for, as the policy says today. */
export function stagesOf(policy: Policy, kind: Party): StageId[] {
  return policy.stages.filter((s) => s.responsible === kind).map((s) => s.id)
}

/** City-wide counts of one stage (every case counts once on the enterprise side). */
export function cityStageCounts(figures: Figures, stage: StageId, today: string): StageCounts {
  let sum = ZERO
  for (const [unit, stages] of indexOf(figures, today).byUnit) if (unit.startsWith('enterprise:')) sum = addCounts(sum, stages.get(stage) ?? ZERO)
  return sum
}

export interface UnitStanding {
  unit: UnitRef
  stages: Array<{ stage: StageId } & StageCounts>
  total: StageCounts
  rate: number | null
}

/**
 * Every unit that answers for a stage, with its counts for the stages it answers for: each
 * enterprise and community with cases, and each city-wide bureau the policy names.
 */
export function unitStandings(policy: Policy, figures: Figures, today: string): UnitStanding[] {
  const standing = (unit: UnitRef, stages: Array<{ stage: StageId } & StageCounts>): UnitStanding => {
    const total = stages.reduce<StageCounts>((sum, s) => addCounts(sum, s), ZERO)
    return { unit, stages, total, rate: completionRate(total) }
  }
  const out: UnitStanding[] = []
  for (const side of ['enterprise', 'community'] as const) {
    const stages = stagesOf(policy, side)
    if (stages.length === 0) continue
    for (const orgId of orgIds(figures, side)) {
      out.push(standing({ kind: side, orgId }, stages.map((stage) => ({ stage, ...stageCounts(figures, sideUnit(side, orgId), stage, today) }))))
    }
  }
  for (const kind of ['archives', 'party'] as const) {
    const stages = stagesOf(policy, kind)
    if (stages.length > 0) out.push(standing({ kind, orgId: null }, stages.map((stage) => ({ stage, ...cityStageCounts(figures, stage, today) }))))
  }
  return out
}

/** The figures of one enterprise beyond its stages (plan 四（二）—（五）). */
export const EnterpriseExtras = z.object({
  enterpriseId: z.string(),
  materialsIncomplete: z.int(),
  filesNotTransferred: z.int(),
  partyNotTransferred: z.int(),
  agreementsAwaitingCommunity: z.int().check(z.describe('drafts the community still has to sign')),
  agreementsAwaitingEnterprise: z.int().check(z.describe('signed by the community, to be countersigned')),
  assetsAwaitingApproval: z.int(),
  assetsOpen: z.int(), // not yet handed over or swapped
  assetsOverdue: z.int(), // of those, past the policy's asset deadline: all of them once it has passed (derived)
  expenseItems: z.int(),
  expenseMonthlyFen: z.int(),
  expenseOneTimeFen: z.int(),
})
export type EnterpriseExtras = z.infer<typeof EnterpriseExtras>

/** `assetDeadlinePassed`: China today is after the policy's asset deadline (plan 五（二）4). */
export function enterpriseExtras(figures: Figures, enterpriseId: string, assetDeadlinePassed: boolean): EnterpriseExtras {
  const unit = enterpriseUnit(enterpriseId)
  const get = (key: string) => figures.get(`${unit}|${key}`) ?? 0
  const notDone = (stage: StageId) => get(`s|${stage}|open`) + get(`s|${stage}|waiting`)
  return {
    enterpriseId,
    materialsIncomplete: notDone('materials'),
    filesNotTransferred: notDone('personnelFile'),
    partyNotTransferred: notDone('partyRelation'),
    agreementsAwaitingCommunity: get('a|draft'),
    agreementsAwaitingEnterprise: get('a|communitySigned'),
    assetsAwaitingApproval: get('as|awaiting'),
    assetsOpen: get('as|all') - get('as|done'),
    assetsOverdue: assetDeadlinePassed ? get('as|all') - get('as|done') : 0,
    expenseItems: get('x|items'),
    expenseMonthlyFen: get('x|monthlyFen'),
    expenseOneTimeFen: get('x|oneTimeFen'),
  }
}

const NamedCounts = z.object({ ...StageCounts.shape, rate: z.nullable(z.number()) })

/** One unit's bar: its name, and its counts over the stages it answers for. */
export const UnitBar = z.object({
  key: z.string(),
  unit: UnitRef,
  name: z.string(),
  total: NamedCounts,
  stages: z.array(z.object({ stage: z.string(), stageName: z.string(), ...StageCounts.shape })),
})
export type UnitBar = z.infer<typeof UnitBar>

/** One row of a stage × unit table: an enterprise or a receiving community, every stage of the policy. */
export const StageRow = z.object({
  orgId: z.string(),
  name: z.string(),
  stages: z.array(StageCounts).check(z.describe('in the order of BoardView.stages')),
})
export type StageRow = z.infer<typeof StageRow>

export const BoardView = z.object({
  today: z.string(),
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      deadline: z.nullable(z.string()),
      responsible: ResponsibleParty,
      responsibleName: z.string(),
      city: StageCounts,
    }),
  ),
  /** One bar per unit, the units with the most overdue first. */
  units: z.array(UnitBar),
  byEnterprise: z.array(StageRow),
  byCommunity: z.array(StageRow),
  enterprises: z.array(z.object({ ...EnterpriseExtras.shape, name: z.string() })),
  /** Agreements still to be signed, per community: drafts waiting for the community, and signed ones waiting for the enterprise. */
  communityAgreements: z.array(z.object({ communityId: z.string(), name: z.string(), awaitingCommunity: z.int(), awaitingEnterprise: z.int() })),
})
export type BoardView = z.infer<typeof BoardView>

/** What a unit's own home shows: its bar, its stages and (for an enterprise) the rest of its figures. */
export const OwnStandingView = z.object({
  today: z.string(),
  unit: z.nullable(UnitBar).check(z.describe('null for a role that answers for no stage')),
  stages: z.array(z.object({ id: z.string(), name: z.string(), deadline: z.nullable(z.string()), mine: z.boolean(), ...StageCounts.shape })),
  enterprise: z.nullable(EnterpriseExtras),
})
export type OwnStandingView = z.infer<typeof OwnStandingView>

/** The drill-down behind a figure: the state of one stage in one unit (overdue: open past the deadline). */
export const FigureState = z.enum(['done', 'open', 'waiting', 'overdue'])
export type FigureState = z.infer<typeof FigureState>

/** What a unit is called (shared/UnitNames.ts `unitNamer`: the store's names, the policy's bureaus). */
export type UnitNamer = (unit: UnitRef) => string

export function unitBar(policy: Policy, s: UnitStanding, name: UnitNamer): UnitBar {
  const stageName = (id: StageId) => policy.stages.find((x) => x.id === id)?.name ?? id
  return {
    key: unitKey(s.unit),
    unit: s.unit,
    name: name(s.unit),
    total: { ...s.total, rate: s.rate },
    stages: s.stages.map((x) => ({ ...x, stageName: stageName(x.stage) })),
  }
}

/** The whole board for `today`, from the figures alone. */
export function boardView(policy: Policy, figures: Figures, today: string, name: UnitNamer): BoardView {
  const rows = (side: 'enterprise' | 'community') =>
    stageTable(policy, figures, side, today).map((r) => ({ orgId: r.orgId, name: name({ kind: side, orgId: r.orgId }), stages: r.stages.map(({ stage, ...counts }) => (void stage, counts)) }))
  const units = unitStandings(policy, figures, today)
    .map((s) => unitBar(policy, s, name))
    .sort((a, b) => b.total.overdue - a.total.overdue || (a.total.rate ?? 1) - (b.total.rate ?? 1) || a.key.localeCompare(b.key))
  return {
    today,
    stages: policy.stages.map((s) => ({ id: s.id, name: s.name, deadline: s.deadline, responsible: s.responsible, responsibleName: RESPONSIBLE_PARTY_NAMES[s.responsible], city: cityStageCounts(figures, s.id, today) })),
    units,
    byEnterprise: rows('enterprise'),
    byCommunity: rows('community'),
    enterprises: orgIds(figures, 'enterprise').map((id) => ({ ...enterpriseExtras(figures, id, today > policy.assetDeadline), name: name({ kind: 'enterprise', orgId: id }) })),
    communityAgreements: orgIds(figures, 'community').map((id) => {
      const get = (key: string) => figures.get(`${communityUnit(id)}|${key}`) ?? 0
      return { communityId: id, name: name({ kind: 'community', orgId: id }), awaitingCommunity: get('a|draft'), awaitingEnterprise: get('a|communitySigned') }
    }),
  }
}

/** The unit a member of staff answers for: their enterprise, community or bureau; null for the office. */
export function ownUnit(role: string, orgId: string): UnitRef | null {
  if (role === 'enterpriseOperator') return { kind: 'enterprise', orgId }
  if (role === 'communityAdmin' || role === 'gridWorker') return { kind: 'community', orgId }
  if (role === 'archivesOfficer') return { kind: 'archives', orgId: null }
  if (role === 'partyOfficer') return { kind: 'party', orgId: null }
  return null
}

/** The figures key range of a unit: its own for an enterprise or a community, the whole city for a bureau. */
export function unitPrefix(u: UnitRef): string {
  if (u.kind === 'enterprise') return `${enterpriseUnit(u.orgId ?? '')}|`
  if (u.kind === 'community') return `${communityUnit(u.orgId ?? '')}|`
  return 'enterprise:'
}

/** A unit's own standing, from the figures of its key range. */
export function ownStandingView(policy: Policy, figures: Figures, today: string, unit: UnitRef, name: UnitNamer): OwnStandingView {
  const mine = stagesOf(policy, unit.kind)
  const counts = (stage: StageId) =>
    unit.kind === 'enterprise' ? stageCounts(figures, enterpriseUnit(unit.orgId ?? ''), stage, today) : unit.kind === 'community' ? stageCounts(figures, communityUnit(unit.orgId ?? ''), stage, today) : cityStageCounts(figures, stage, today)
  const stages = policy.stages.map((s) => ({ id: s.id, name: s.name, deadline: s.deadline, mine: mine.includes(s.id), ...counts(s.id) }))
  const own = stages.filter((s) => s.mine).map(({ id, done, open, waiting, overdue }) => ({ stage: id, done, open, waiting, overdue }))
  const total = own.reduce<StageCounts>((sum, s) => addCounts(sum, s), ZERO)
  return {
    today,
    unit: own.length === 0 ? null : unitBar(policy, { unit, stages: own, total, rate: completionRate(total) }, name),
    stages,
    enterprise: unit.kind === 'enterprise' ? enterpriseExtras(figures, unit.orgId ?? '', today > policy.assetDeadline) : null,
  }
}
