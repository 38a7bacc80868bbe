/**
 * The progress board of the leading-group office (督导检查), read from the maintained figures
 * (shared/Figures.ts). Who answers for a stage is read from the policy each time, so a change of
 * responsibility shows on the board by itself.
 */
import * as z from 'zod/mini'
import { communityUnit, CONCERN_FIGURES, enterpriseUnit, type Figures } from './Figures'
import { CONCERN_CATEGORIES, CONCERN_STATUSES, type ConcernCategory, type ConcernStatus } from './Concern'
import type { Policy } from './Policy'
import { RESPONSIBLE_PARTIES, ResponsibleParty, stageParties, stageResponsibleName, type StageId, type ResponsibleParty as Party } from './Stage'

/**
 * One unit that answers for stages: an enterprise, a community, a community's party organisation
 * (orgId the community), or a city-wide bureau (orgId null).
 */
export const UnitRef = z.object({
  kind: ResponsibleParty,
  orgId: z.nullable(z.string()),
})
export type UnitRef = z.infer<typeof UnitRef>

/** The unit's key: `enterprise:<id>`, `community:<id>`, `communityParty:<id>`, `archives`, `party`, `hrss`, …. */
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

/** Each unit's stage counts for one day, read from the figures in one pass (`<stage>|<party>`: open items by who answers). */
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
    else if (kind === 'p') cell(unit, `${stage}|${a}`).open += n
    else if (kind === 'pd' && b < today) cell(unit, `${stage}|${a}`).overdue += n
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

/** The figures range of one side's unit: enterprise:<id> or community:<id>. */
export const sideUnit = (side: 'enterprise' | 'community', id: string) => (side === 'enterprise' ? enterpriseUnit(id) : communityUnit(id))

/** Stage × org table of one side: every stage of the policy for every enterprise (or community). */
export function stageTable(policy: Policy, figures: Figures, side: 'enterprise' | 'community', today: string): Array<{ orgId: string; stages: Array<{ stage: StageId } & StageCounts> }> {
  return orgIds(figures, side).map((orgId) => ({
    orgId,
    stages: policy.stages.map((s) => ({ stage: s.id, ...stageCounts(figures, sideUnit(side, orgId), s.id, today) })),
  }))
}

/** The stages one kind of unit answers for (for a step of them at least), as the policy says today. */
export function stagesOf(policy: Policy, kind: Party): StageId[] {
  return policy.stages.filter((s) => stageParties(s).includes(kind)).map((s) => s.id)
}

/** Which side's key range holds a party's figures: its own enterprise or community; null for a city-wide bureau. */
export function partySide(kind: Party): 'enterprise' | 'community' | null {
  return kind === 'enterprise' ? 'enterprise' : kind === 'community' || kind === 'communityParty' ? 'community' : null
}

/**
 * One party's counts of one stage in one unit range. A stage only this party answers for counts
 * as it stands; of a stage several parties answer for in turn (the agreement: the community signs,
 * the enterprise countersigns), an open item is the party's own only while it answers now, and
 * waits for the others meanwhile, so the board tells which side is late.
 */
function partyCounts(policy: Policy, figures: Figures, unit: string, stage: StageId, party: Party, today: string): StageCounts {
  const all = stageCounts(figures, unit, stage, today)
  const s = policy.stages.find((x) => x.id === stage)
  if (!s || stageParties(s).length < 2) return all
  const mine = indexOf(figures, today).byUnit.get(unit)?.get(`${stage}|${party}`) ?? ZERO
  return { done: all.done, open: mine.open, waiting: all.waiting + all.open - mine.open, overdue: mine.overdue }
}

/** A unit's counts of one stage: from its own key range, or for a bureau summed over the city (each case once). */
export function unitStageCounts(policy: Policy, figures: Figures, unit: UnitRef, stage: StageId, today: string): StageCounts {
  const side = partySide(unit.kind)
  if (side !== null) return partyCounts(policy, figures, sideUnit(side, unit.orgId ?? ''), stage, unit.kind, today)
  let sum = ZERO
  for (const range of indexOf(figures, today).byUnit.keys()) if (range.startsWith('enterprise:')) sum = addCounts(sum, partyCounts(policy, figures, range, stage, unit.kind, today))
  return sum
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
  for (const kind of RESPONSIBLE_PARTIES) {
    const stages = stagesOf(policy, kind)
    if (stages.length === 0) continue
    const side = partySide(kind)
    const units: UnitRef[] = side === null ? [{ kind, orgId: null }] : orgIds(figures, side).map((orgId) => ({ kind, orgId }))
    for (const unit of units) out.push(standing(unit, stages.map((stage) => ({ stage, ...unitStageCounts(policy, figures, unit, stage, today) }))))
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
      daysAfterOpening: z.nullable(z.int()).check(z.describe('a new retiree’s case: due this many days after it opened (shared/Deadlines.ts)')),
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
    stages: policy.stages.map((s) => ({ id: s.id, name: s.name, deadline: s.deadline, daysAfterOpening: s.daysAfterOpening ?? null, responsible: s.responsible, responsibleName: stageResponsibleName(s), city: cityStageCounts(figures, s.id, today) })),
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
  if (role === 'communityPartySecretary') return { kind: 'communityParty', orgId }
  if (role === 'archivesOfficer') return { kind: 'archives', orgId: null }
  if (role === 'partyOfficer') return { kind: 'party', orgId: null }
  // A social-security officer's organisation is their bureau, 人社局 or 医保局.
  if (role === 'socialSecurityOfficer' && (orgId === 'hrss' || orgId === 'medicalInsurance')) return { kind: orgId, orgId: null }
  return null
}

/** The figures key range of a unit: its own for an enterprise or a community (and its party organisation), the whole city for a bureau. */
export function unitPrefix(u: UnitRef): string {
  const side = partySide(u.kind)
  if (side === 'enterprise') return `${enterpriseUnit(u.orgId ?? '')}|`
  if (side === 'community') return `${communityUnit(u.orgId ?? '')}|`
  return 'enterprise:'
}

/** A unit's own standing, from the figures of its key range. */
export function ownStandingView(policy: Policy, figures: Figures, today: string, unit: UnitRef, name: UnitNamer): OwnStandingView {
  const mine = stagesOf(policy, unit.kind)
  const side = partySide(unit.kind)
  const counts = (stage: StageId) =>
    mine.includes(stage) ? unitStageCounts(policy, figures, unit, stage, today) : side !== null ? stageCounts(figures, sideUnit(side, unit.orgId ?? ''), stage, today) : cityStageCounts(figures, stage, today)
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

/** Concerns of one unit, or of all (issue 13): by category, by status, and those unanswered past their answer day. */
export const ConcernCounts = z.object({
  byCategory: z.record(z.enum(CONCERN_CATEGORIES), z.int()),
  byStatus: z.record(z.enum(CONCERN_STATUSES), z.int()),
  overdue: z.int().check(z.describe('unanswered after their answer day: part of byStatus.submitted')),
})
export type ConcernCounts = z.infer<typeof ConcernCounts>

export const ConcernBoardView = z.object({
  units: z.array(z.object({ unit: UnitRef, name: z.string(), counts: ConcernCounts })),
  total: ConcernCounts,
})
export type ConcernBoardView = z.infer<typeof ConcernBoardView>

const noConcerns = (): ConcernCounts => ({
  byCategory: Object.fromEntries(CONCERN_CATEGORIES.map((c) => [c, 0])) as Record<ConcernCategory, number>,
  byStatus: Object.fromEntries(CONCERN_STATUSES.map((s) => [s, 0])) as Record<ConcernStatus, number>,
  overdue: 0,
})

/** The unit a concern figure's key names: `enterprise:e1` → enterprise e1; `hrss` → the bureau. */
function unitOfKey(key: string): UnitRef | null {
  const [kind, ...rest] = key.split(':')
  const parsed = ResponsibleParty.safeParse(kind)
  if (!parsed.success) return null
  return { kind: parsed.data, orgId: rest.length === 0 ? null : rest.join(':') }
}

/**
 * The concern board, from the maintained figures (the `concern|` range, shared/Figures.ts): one
 * read however many concerns there are. Units with none do not appear; the busiest come first.
 */
export function concernBoard(figures: Figures, today: string, name: (unit: UnitRef) => string): ConcernBoardView {
  const byUnit = new Map<string, ConcernCounts>()
  const total = noConcerns()
  const countsOf = (key: string) => byUnit.get(key) ?? byUnit.set(key, noConcerns()).get(key)!
  for (const [key, n] of figures) {
    if (!key.startsWith(CONCERN_FIGURES)) continue
    const [, part, unit, a, b] = key.split('|')
    if (part === 'n' && (CONCERN_CATEGORIES as readonly string[]).includes(a) && (CONCERN_STATUSES as readonly string[]).includes(b)) {
      for (const counts of [countsOf(unit), total]) {
        counts.byCategory[a as ConcernCategory] += n
        counts.byStatus[b as ConcernStatus] += n
      }
    } else if (part === 'due' && a < today) {
      countsOf(unit).overdue += n
      total.overdue += n
    }
  }
  const units = [...byUnit].flatMap(([key, counts]) => {
    const unit = unitOfKey(key)
    return unit === null ? [] : [{ unit, name: name(unit), counts }]
  })
  const all = (c: ConcernCounts) => Object.values(c.byStatus).reduce((x, y) => x + y, 0)
  units.sort((x, y) => y.counts.overdue - x.counts.overdue || all(y.counts) - all(x.counts) || x.name.localeCompare(y.name))
  return { units, total }
}
