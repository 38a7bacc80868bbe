/**
 * Forecasts (督导检查): each unit's projected completion per stage from its daily snapshots, and
 * the city-wide burn-down. Today's point is always the live figures; the days before are the
 * snapshots the notify pass wrote. A unit's staff see their own unit only, derived from their
 * role and organisation, never from the input.
 */
import { AppError } from '../../../shared/AppError'
import { ownUnit, unitKey, unitName, unitPrefix } from '../../../shared/Board'
import { burnDown, programmeStart } from '../../../shared/BurnDown'
import { addChinaDays } from '../../../shared/ChinaTime'
import { emptySnapshot, unitForecasts, unitRefOf } from '../../../shared/UnitForecasts'
import { CITY, takeSnapshots } from '../../../shared/UnitSnapshot'
import { allSnapshots, forecastFrom, unitSnapshots } from '../notify/snapshots'
import type { Handlers } from '../router'
import { unitNames } from './board'

export const forecastHandlers: Pick<Handlers, 'forecast.units' | 'board.burnDown'> = {
  async 'forecast.units'(ctx) {
    const own = ctx.user.role === 'supervisor' ? null : ownUnit(ctx.user.role, ctx.user.orgId)
    if (ctx.user.role !== 'supervisor' && own === null) throw new AppError('FORBIDDEN')
    const from = forecastFrom(ctx.today)
    const yesterday = addChinaDays(ctx.today, -1)
    const [figures, names] = await Promise.all([ctx.store.readFigures(own ? unitPrefix(own) : ''), unitNames(ctx)])
    const live = takeSnapshots(ctx.policy, figures, ctx.today, ctx.now)
    const nameOf = (key: string) => unitName(unitRefOf(key), names)
    if (own === null) return { today: ctx.today, items: unitForecasts(ctx.policy, ctx.today, live, await allSnapshots(ctx.store, from, yesterday), nameOf) }
    const key = unitKey(own)
    const current = live.find((s) => s.unit === key) ?? emptySnapshot(ctx.policy, key, ctx.today, ctx.now)
    return { today: ctx.today, items: unitForecasts(ctx.policy, ctx.today, [current], await unitSnapshots(ctx.store, key, from, yesterday), nameOf) }
  },

  async 'board.burnDown'(ctx) {
    const [stored, figures] = await Promise.all([unitSnapshots(ctx.store, CITY, programmeStart(ctx.policy), addChinaDays(ctx.today, -1)), ctx.store.readFigures('enterprise:')])
    const today = takeSnapshots(ctx.policy, figures, ctx.today, ctx.now).filter((s) => s.unit === CITY)
    return burnDown(ctx.policy, [...stored, ...today])
  },
}
