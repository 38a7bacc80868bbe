/**
 * The states of a case's stages as one stored list, so that one multikey index per unit serves
 * the board's drill-down of every stage (shared/ports/StoreIndexes.ts). Apart from the index
 * declarations so that the cloud functions' bundle carries only this.
 */
import type { RetireeCase, StageSummary } from '../Case'
import type { StageId } from '../Stage'

/** One stage in one state, as the stored case lists it in STAGE_STATES_FIELD (the board's drill-down). */
export const stageStateKey = (stage: StageId, state: StageSummary['state']): string => `${stage}:${state}`

/**
 * A field the cloud store adds to each stored case, derived from its summary on every write and
 * dropped when read: the state of every stage, one array so that one multikey index per unit
 * serves the drill-down of every stage (a field per stage would need an index per stage and
 * unit, more than a collection may have: MAX_INDEXES_PER_COLLECTION). SQLite keeps the same
 * facts in its case_stages table.
 */
export const STAGE_STATES_FIELD = 'stageStates'

/** The value of STAGE_STATES_FIELD for a case. */
export function stageStatesOf(c: RetireeCase): string[] {
  return Object.entries(c.summary.stages).flatMap(([stage, s]) => (s ? [stageStateKey(stage as StageId, s.state)] : []))
}
