/**
 * Every index a store keeps, declared once, by the stored record's field paths (the cloud
 * database's own names; `_id` is the record's id). The cloud deploy plan creates exactly these
 * indexes, the fake cloud database proves every query it is sent is served by one of them, and
 * the SQLite adapter builds its own indexes from them (mapping each field path to its column).
 *
 * Fields are ascending. A query is served by an index when its equality fields, in any order,
 * are the index's leading fields, followed by its sort or range field (if any).
 */
import { STAGE_STATES_FIELD } from './StageStates'
import { DOC_INDEXES, type DocKind } from './Store'
import type { RecordKind } from './RecordSchemas'

export { STAGE_STATES_FIELD, stageStateKey, stageStatesOf } from './StageStates'

export interface IndexDeclaration {
  /** Unique within its collection; CloudBase index names allow letters, digits and underscores. */
  readonly name: string
  readonly fields: readonly string[]
  readonly unique?: boolean
}

/**
 * The cases collection: the filters of CaseFilter alone and in the combinations the callers and
 * the store contract use, the queue, the reminders' and the overdue sweep, and the board's
 * drill-down (with no unit, an enterprise, a community, or both).
 */
export const CASE_INDEXES: readonly IndexDeclaration[] = [
  { name: 'by_community', fields: ['summary.receivingCommunityId', '_id'] },
  { name: 'by_enterprise', fields: ['enterpriseId', '_id'] },
  { name: 'by_stage', fields: ['summary.currentStage', '_id'] },
  { name: 'by_community_stage', fields: ['summary.receivingCommunityId', 'summary.currentStage', '_id'] },
  { name: 'by_enterprise_stage', fields: ['enterpriseId', 'summary.currentStage', '_id'] },
  { name: 'by_enterprise_community_stage', fields: ['enterpriseId', 'summary.receivingCommunityId', 'summary.currentStage', '_id'] },
  // Paged by _id when look-alikes were planted, so _id follows the hash.
  { name: 'by_id_hash', fields: ['person.idNumber.hash', '_id'] },
  { name: 'by_open_item_deadline', fields: ['summary.openItems.deadline', '_id'] },
  // The overdue sweep: cases whose earliest open deadline is past, in deadline order.
  { name: 'by_next_deadline', fields: ['summary.nextDeadline', '_id'] },
  { name: 'queue', fields: ['summary.receivingCommunityId', 'summary.inScope', 'summary.done', 'summary.nextDeadline', '_id'] },
  { name: 'by_residence', fields: ['residenceCommunityId', '_id'] },
  { name: 'by_residence_enterprise', fields: ['residenceCommunityId', 'enterpriseId', '_id'] },
  { name: 'by_residence_stage', fields: ['residenceCommunityId', 'summary.currentStage', '_id'] },
  { name: 'by_residence_community', fields: ['residenceCommunityId', 'summary.receivingCommunityId', '_id'] },
  { name: 'by_stage_state', fields: [STAGE_STATES_FIELD, '_id'] },
  { name: 'by_enterprise_stage_state', fields: ['enterpriseId', STAGE_STATES_FIELD, '_id'] },
  { name: 'by_community_stage_state', fields: ['summary.receivingCommunityId', STAGE_STATES_FIELD, '_id'] },
  { name: 'by_enterprise_community_stage_state', fields: ['enterpriseId', 'summary.receivingCommunityId', STAGE_STATES_FIELD, '_id'] },
]

const docIndexes = (kind: DocKind): readonly IndexDeclaration[] => (DOC_INDEXES[kind] as readonly string[]).map((field) => ({ name: `by_${field}`, fields: [field, '_id'] }))

/** Every collection (record kind) and its indexes; `_id` alone is always indexed and never declared. */
export const STORE_INDEXES: { readonly [K in RecordKind]: readonly IndexDeclaration[] } = {
  cases: CASE_INDEXES,
  agreements: [
    { name: 'by_enterprise', fields: ['enterpriseId', '_id'] },
    { name: 'by_community', fields: ['communityId', '_id'] },
    { name: 'by_enterprise_community', fields: ['enterpriseId', 'communityId', '_id'] },
  ],
  users: [
    { name: 'by_case', fields: ['caseId', '_id'] },
    { name: 'by_case_role', fields: ['caseId', 'role', '_id'] },
    { name: 'by_role', fields: ['role', '_id'] },
    { name: 'by_org', fields: ['orgId', '_id'] },
    { name: 'by_org_role', fields: ['orgId', 'role', '_id'] },
  ],
  enterprises: [],
  communities: [],
  audit: [
    { name: 'by_case', fields: ['caseId', 'at', '_id'] },
    { name: 'by_actor', fields: ['actor.userId', 'at', '_id'] },
  ],
  counters: [],
  figures: [],
  ...(Object.fromEntries((Object.keys(DOC_INDEXES) as DocKind[]).map((kind) => [kind, docIndexes(kind)])) as { [K in DocKind]: readonly IndexDeclaration[] }),
}
