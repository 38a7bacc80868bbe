/**
 * Every unit's forecast for each stage it answers for, from its snapshots (shared/UnitSnapshot.ts),
 * the units projected to miss first, each with one sentence. The views the forecast actions return.
 */
import * as z from 'zod/mini'
import { UnitRef } from './Board'
import type { ChinaDate } from './ChinaTime'
import { Forecast, forecast, isFlagged } from './Forecast'
import type { Policy } from './Policy'
import { RESPONSIBLE_PARTIES, StageId, stageParties, type ResponsibleParty } from './Stage'
import { CITY, snapshotId, stageHistory, type UnitSnapshot } from './UnitSnapshot'

export const StageForecast = z.object({ stage: StageId, name: z.string(), forecast: Forecast })
export type StageForecast = z.infer<typeof StageForecast>

export const UnitForecast = z.object({
  unit: UnitRef,
  /** Unit key: enterprise:<id>, community:<id>, archives, party. */
  key: z.string(),
  name: z.string(),
  /** A stage will miss its deadline at this pace, or has stalled. */
  flagged: z.boolean(),
  /** The worst flagged stage in one sentence, e.g. 签订移交协议：按目前进度…; null when none is flagged. */
  headline: z.nullable(z.string()),
  stages: z.array(StageForecast),
})
export type UnitForecast = z.infer<typeof UnitForecast>

export const UnitForecastListView = z.object({ today: z.string(), items: z.array(UnitForecast) })
export type UnitForecastListView = z.infer<typeof UnitForecastListView>

/** The unit a key names (the inverse of Board's unitKey). */
export function unitRefOf(key: string): UnitRef {
  const colon = key.indexOf(':')
  const kind = (colon < 0 ? key : key.slice(0, colon)) as ResponsibleParty
  if (!RESPONSIBLE_PARTIES.includes(kind)) throw new RangeError(`not a unit key: ${key}`)
  return { kind, orgId: colon < 0 ? null : key.slice(colon + 1) }
}

/** How bad a flagged forecast is: stalled first, then the most days late. */
function severity(f: Forecast): number {
  return f.status === 'stalled' ? Number.MAX_SAFE_INTEGER : f.status === 'late' ? (f.daysPastDeadline ?? 0) : Number.MIN_SAFE_INTEGER
}

/**
 * The forecasts of the units in `current` (today's snapshots, taken from the live figures: they
 * stand for today over any stored one), from their history. `nameOf` names a unit by its key.
 */
export function unitForecasts(policy: Policy, today: ChinaDate, current: UnitSnapshot[], history: UnitSnapshot[], nameOf: (key: string) => string): UnitForecast[] {
  const byUnit = new Map<string, UnitSnapshot[]>()
  for (const s of history) {
    if (s.date >= today) continue
    const list = byUnit.get(s.unit)
    if (list) list.push(s)
    else byUnit.set(s.unit, [s])
  }
  const items = current
    .filter((now) => now.unit !== CITY)
    .map((now) => {
      const days = [...(byUnit.get(now.unit) ?? []), now]
      const stages = now.stages.map((s) => {
        const stage = policy.stages.find((p) => p.id === s.stage)
        // Measured against the latest deadline of what is left: the policy's date, or a new retiree's own.
        const deadline = s.lastDeadline ?? stage?.deadline ?? null
        return { stage: s.stage, name: stage?.name ?? s.stage, forecast: forecast({ history: stageHistory(days, s.stage), today, deadline }) }
      })
      const worst = stages.filter((s) => isFlagged(s.forecast)).sort((a, b) => severity(b.forecast) - severity(a.forecast))[0]
      return { unit: unitRefOf(now.unit), key: now.unit, name: nameOf(now.unit), flagged: worst !== undefined, headline: worst ? `${worst.name}：${worst.forecast.sentence}` : null, stages }
    })
  // Flagged first, the worst first; the others keep the board's order.
  const worstOf = (u: UnitForecast) => Math.max(...u.stages.map((s) => severity(s.forecast)))
  return items.map((u, i) => ({ u, i })).sort((a, b) => Number(b.u.flagged) - Number(a.u.flagged) || (a.u.flagged ? worstOf(b.u) - worstOf(a.u) : 0) || a.i - b.i).map(({ u }) => u)
}

/** A unit with no cases today: the stages its kind answers for, each with nothing to do. */
export function emptySnapshot(policy: Policy, unit: string, date: ChinaDate, takenAt: Date): UnitSnapshot {
  const kind = unitRefOf(unit).kind
  const stages = policy.stages.filter((s) => stageParties(s).includes(kind)).map((s) => ({ stage: s.id, done: 0, open: 0, waiting: 0, overdue: 0 }))
  return { id: snapshotId(unit, date), version: 1, unit, date, takenAt: takenAt.toISOString(), stages }
}
