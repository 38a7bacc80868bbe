/**
 * Forecasts (督导检查): each unit's projected completion per stage from its daily snapshots, and
 * the city-wide burn-down. Today's point is always the live figures; the days before are the
 * snapshots the notify pass wrote. A unit's staff see their own unit only, derived from their
 * role and organisation, never from the input.
 */
import { AppError } from '../../../shared/AppError'
import { ownUnit, stagesOf, unitKey, unitPrefix } from '../../../shared/Board'
import type { ForecastFlag } from '../../../shared/Bulletin'
import { burnDown, programmeStart } from '../../../shared/BurnDown'
import { addChinaDays, chinaDateOf } from '../../../shared/ChinaTime'
import { emptySnapshot, unitForecasts, unitRefOf, type UnitForecast } from '../../../shared/UnitForecasts'
import { storeUnitNamer } from '../../../shared/UnitNames'
import { CITY, takeSnapshots } from '../../../shared/UnitSnapshot'
import { allSnapshots, forecastFrom, unitRangeFigures, unitSnapshots } from '../notify/snapshots'
import type { Deps, Handlers } from '../router'

async function namer(deps: Deps): Promise<(key: string) => string> {
  const name = await storeUnitNamer(deps.store, deps.policy)
  return (key) => name(unitRefOf(key))
}

/** Every unit's forecasts on the China day of `now`, flagged ones first. */
export async function everyUnitForecast(deps: Deps, now: Date): Promise<UnitForecast[]> {
  const today = chinaDateOf(now)
  const [figures, history, nameOf] = await Promise.all([unitRangeFigures(deps.store), allSnapshots(deps.store, forecastFrom(today), addChinaDays(today, -1)), namer(deps)])
  return unitForecasts(deps.policy, today, takeSnapshots(deps.policy, figures, today, now), history, nameOf)
}

/** The forecast flags a bulletin carries: each unit projected to miss, with its worst stage in one sentence. */
export async function forecastFlags(deps: Deps, now: Date): Promise<ForecastFlag[]> {
  return (await everyUnitForecast(deps, now)).flatMap((u) => (u.headline === null ? [] : [{ unitKey: u.key, sentence: u.headline }]))
}

export const forecastHandlers: Pick<Handlers, 'forecast.units' | 'board.burnDown'> = {
  async 'forecast.units'(ctx) {
    if (ctx.user.role === 'supervisor') return { today: ctx.today, items: await everyUnitForecast(ctx, ctx.now) }
    const own = ownUnit(ctx.user.role, ctx.user.orgId)
    if (own === null) throw new AppError('FORBIDDEN')
    // A unit that answers for no stage under the policy (the organisation department, which oversees) has nothing to forecast.
    if (stagesOf(ctx.policy, own.kind).length === 0) return { today: ctx.today, items: [] }
    const key = unitKey(own)
    const [figures, history, nameOf] = await Promise.all([ctx.store.readFigures(unitPrefix(own)), unitSnapshots(ctx.store, key, forecastFrom(ctx.today), addChinaDays(ctx.today, -1)), namer(ctx)])
    const current = takeSnapshots(ctx.policy, figures, ctx.today, ctx.now).find((s) => s.unit === key) ?? emptySnapshot(ctx.policy, key, ctx.today, ctx.now)
    return { today: ctx.today, items: unitForecasts(ctx.policy, ctx.today, [current], history, nameOf) }
  },

  async 'board.burnDown'(ctx) {
    const [stored, figures] = await Promise.all([unitSnapshots(ctx.store, CITY, programmeStart(ctx.policy), addChinaDays(ctx.today, -1)), ctx.store.readFigures('enterprise:')])
    const today = takeSnapshots(ctx.policy, figures, ctx.today, ctx.now).filter((s) => s.unit === CITY)
    return burnDown(ctx.policy, [...stored, ...today])
  },
}
