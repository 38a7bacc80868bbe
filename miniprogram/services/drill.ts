/** The way from a figure on a board to the cases behind it: one stage, one state, one side. */
import type { FigureState } from '../../shared/Board'
import { ROUTES } from '../routes'

export type DrillSide = 'enterprise' | 'community' | 'city'

export interface Drill {
  side: DrillSide
  orgId?: string
  stage: string
  state: FigureState
  /** What the list is of, in words: the unit and the stage. */
  label: string
}

export const STATE_NAMES: Record<FigureState, string> = {
  done: '已办完',
  open: '在办',
  waiting: '等前一环节',
  overdue: '已逾期',
}

/** The drill-down page's address; `own` marks a unit's own list, whose cases open on the unit's working case screen. */
export function drillUrl(d: Drill, own = false): string {
  const q = [`side=${d.side}`, d.orgId ? `orgId=${encodeURIComponent(d.orgId)}` : '', `stage=${d.stage}`, `state=${d.state}`, `label=${encodeURIComponent(d.label)}`, own ? 'own=1' : '']
  return `${ROUTES.boardCases}?${q.filter(Boolean).join('&')}`
}

/** The side a unit's own figures are listed on: its enterprise, its community, or the city for a bureau. */
export function sideOf(kind: string): DrillSide {
  return kind === 'enterprise' || kind === 'community' ? kind : 'city'
}

/** A query value as the page receives it: WeChat passes it encoded; a value already decoded is kept. */
export function queryValue(v: string | undefined): string {
  if (v === undefined) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}
