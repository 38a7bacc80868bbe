/** After hostile traffic, every stored record must still parse with its schema. */
import * as z from 'zod/mini'
import { RetireeCase } from '../../shared/Case'
import { CorrectionRequest } from '../../shared/CorrectionRequest'
import { Delivery, PassCursor, StaffMessage } from '../../shared/Delivery'
import { FamilyInvite } from '../../shared/FamilyInvite'
import { InboxMessage } from '../../shared/InboxMessage'
import { MaterialsChecklist } from '../../shared/Materials'
import { Community, Enterprise } from '../../shared/Organisation'
import { OutboxEvent } from '../../shared/OutboxEvent'
import type { DocKind } from '../../shared/ports/Store'
import { RosterPreview } from '../../shared/RosterPreview'
import { StaffInvite } from '../../shared/StaffInvite'
import { SubscribeConsent } from '../../shared/SubscribeConsent'
import { TransferAgreement } from '../../shared/TransferAgreement'
import { User } from '../../shared/User'
import { VisitCode } from '../../shared/VisitCode'
import { Asset, EnterprisePlan, ExpenseItem } from '../../shared/Workstreams'
import type { SqliteStore } from '../../local/SqliteStore'

const DOC_SCHEMAS = {
  familyInvite: FamilyInvite,
  correctionRequest: CorrectionRequest,
  inboxMessage: InboxMessage,
  subscribeConsent: SubscribeConsent,
  visitCode: VisitCode,
  outboxEvent: OutboxEvent,
  rosterPreview: RosterPreview,
  staffInvite: StaffInvite,
  asset: Asset,
  expenseItem: ExpenseItem,
  enterprisePlan: EnterprisePlan,
  materials: MaterialsChecklist,
  delivery: Delivery,
  staffMessage: StaffMessage,
  passCursor: PassCursor,
} satisfies Record<DocKind, z.ZodMiniType>

const TABLE_SCHEMAS: Record<string, z.ZodMiniType> = { cases: RetireeCase, agreements: TransferAgreement, users: User, enterprises: Enterprise, communities: Community }

/** Every record that does not parse, as `table/id: first issue`; empty when the store is sane. */
export function insaneRecords(store: SqliteStore): string[] {
  const bad: string[] = []
  for (const [table, schema] of Object.entries(TABLE_SCHEMAS)) {
    for (const row of store.db.prepare(`SELECT id, doc FROM ${table}`).all() as Array<{ id: string; doc: string }>) {
      const parsed = schema.safeParse(JSON.parse(row.doc))
      if (!parsed.success) bad.push(`${table}/${row.id}: ${parsed.error.issues[0]?.message}`)
    }
  }
  for (const row of store.db.prepare('SELECT kind, id, doc FROM docs').all() as Array<{ kind: DocKind; id: string; doc: string }>) {
    const parsed = DOC_SCHEMAS[row.kind].safeParse(JSON.parse(row.doc))
    if (!parsed.success) bad.push(`${row.kind}/${row.id}: ${parsed.error.issues[0]?.message}`)
  }
  return bad
}
