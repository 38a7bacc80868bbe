/**
 * Every index a store keeps, declared once, by the stored record's field paths (the cloud
 * database's own names; `_id` is the record's id). The cloud deploy plan creates exactly these
 * indexes, the fake cloud database proves every query it is sent is served by one of them, and
 * the SQLite adapter builds its own indexes from them (mapping each field path to its column).
 *
 * Fields are ascending. A query is served by an index when its equality fields, in any order,
 * are the index's leading fields, followed by its sort or range field (if any).
 */
import { STAGE_IDS } from '../Stage'
import { DOC_INDEXES, type DocKind } from './Store'
import type { RecordKind } from './RecordSchemas'

export interface IndexDeclaration {
  /** Unique within its collection; CloudBase index names allow letters, digits and underscores. */
  readonly name: string
  readonly fields: readonly string[]
  readonly unique?: boolean
}

/** The cases collection: the filters of CaseFilter alone and together, the queue, the reminders' sweep and the board's drill-down. */
export const CASE_INDEXES: readonly IndexDeclaration[] = [
  { name: 'by_community', fields: ['summary.receivingCommunityId', '_id'] },
  { name: 'by_enterprise', fields: ['enterpriseId', '_id'] },
  { name: 'by_stage', fields: ['summary.currentStage', '_id'] },
  { name: 'by_enterprise_community_stage', fields: ['enterpriseId', 'summary.receivingCommunityId', 'summary.currentStage', '_id'] },
  { name: 'by_id_hash', fields: ['person.idNumber.hash'] },
  { name: 'by_open_item_deadline', fields: ['summary.openItems.deadline', '_id'] },
  { name: 'queue', fields: ['summary.receivingCommunityId', 'summary.inScope', 'summary.done', 'summary.nextDeadline', '_id'] },
  { name: 'by_residence', fields: ['residenceCommunityId', '_id'] },
  ...STAGE_IDS.flatMap((stage) => [
    { name: `by_enterprise_${stage}`, fields: ['enterpriseId', `summary.stages.${stage}.state`, '_id'] },
    { name: `by_community_${stage}`, fields: ['summary.receivingCommunityId', `summary.stages.${stage}.state`, '_id'] },
  ]),
]

const docIndexes = (kind: DocKind): readonly IndexDeclaration[] => (DOC_INDEXES[kind] as readonly string[]).map((field) => ({ name: `by_${field}`, fields: [field, '_id'] }))

/** Every collection (record kind) and its indexes; `_id` alone is always indexed and never declared. */
export const STORE_INDEXES: { readonly [K in RecordKind]: readonly IndexDeclaration[] } = {
  cases: CASE_INDEXES,
  agreements: [
    { name: 'by_enterprise', fields: ['enterpriseId', '_id'] },
    { name: 'by_community', fields: ['communityId', '_id'] },
  ],
  users: [
    { name: 'by_case', fields: ['caseId', '_id'] },
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
