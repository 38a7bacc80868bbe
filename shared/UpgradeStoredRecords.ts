/**
 * The migration of issue 8, item 3: every stored case, roster preview, correction request, inbox
 * message, outbox event and audit entry is read through its schema (which turns full birth and
 * retirement dates into months and masks older masked ID numbers again) and, where the reading
 * differs from what is stored, written back through the port. Idempotent: a second run rewrites
 * nothing. Runs on the local host's start, as `npm run migrate`, and in production as the
 * `migrate` action of the `ops` path described in the README.
 */
import { isAppError } from './AppError'
import { RetireeCase } from './Case'
import { CorrectionRequest } from './CorrectionRequest'
import { InboxMessage } from './InboxMessage'
import { OutboxEvent } from './OutboxEvent'
import { RosterPreview } from './RosterPreview'
import type * as z from 'zod/mini'
import type { DocKinds, Store, VersionedDoc } from './ports/Store'

/** Records per page; each record is its own commit, so a run cut off resumes where it stopped. */
const PAGE = 200

export interface UpgradeCount {
  read: number
  rewritten: number
  /** Records the schema cannot read: left as they are, for a person to look at. */
  unreadable: number
  /** Records changed by someone else between the read and the write: the next run takes them. */
  conflicts: number
}

export type UpgradeReport = Record<'cases' | 'rosterPreview' | 'correctionRequest' | 'inboxMessage' | 'outboxEvent' | 'audit', UpgradeCount>

const empty = (): UpgradeCount => ({ read: 0, rewritten: 0, unreadable: 0, conflicts: 0 })

/** Writes one record again; a version conflict is counted, not thrown. */
async function rewrite(count: UpgradeCount, write: () => Promise<void>): Promise<void> {
  try {
    await write()
    count.rewritten++
  } catch (e) {
    if (!isAppError(e) || e.code !== 'CONFLICT') throw e
    count.conflicts++
  }
}

async function upgradeDocs<K extends 'rosterPreview' | 'correctionRequest' | 'inboxMessage' | 'outboxEvent'>(
  store: Store,
  kind: K,
  schema: z.ZodMiniType<DocKinds[K]>,
  count: UpgradeCount,
  write: (next: DocKinds[K], expectedVersion: number) => VersionedDoc,
): Promise<void> {
  for (let after: string | undefined; ; ) {
    const page = await store.listDocs(kind, {}, { limit: PAGE, after })
    for (const stored of page.items) {
      count.read++
      const read = schema.safeParse(stored)
      if (!read.success) count.unreadable++
      else if (JSON.stringify(read.data) !== JSON.stringify(stored)) {
        await rewrite(count, () => store.commit({ docs: [write({ ...read.data, version: stored.version + 1 }, stored.version)] }))
      }
    }
    if (page.nextCursor === null) return
    after = page.nextCursor
  }
}

export async function upgradeStoredRecords(store: Store): Promise<UpgradeReport> {
  const report: UpgradeReport = { cases: empty(), rosterPreview: empty(), correctionRequest: empty(), inboxMessage: empty(), outboxEvent: empty(), audit: empty() }

  for (let after: string | undefined; ; ) {
    const page = await store.listCases({ limit: PAGE, after })
    for (const stored of page.items) {
      report.cases.read++
      const read = RetireeCase.safeParse(stored)
      if (!read.success) report.cases.unreadable++
      else if (JSON.stringify(read.data) !== JSON.stringify(stored)) {
        await rewrite(report.cases, () => store.commit({ cases: [{ next: { ...read.data, version: stored.version + 1 }, expectedVersion: stored.version }] }))
      }
    }
    if (page.nextCursor === null) break
    after = page.nextCursor
  }

  await upgradeDocs(store, 'rosterPreview', RosterPreview, report.rosterPreview, (next, v) => ({ kind: 'rosterPreview', next, expectedVersion: v }))
  await upgradeDocs(store, 'correctionRequest', CorrectionRequest, report.correctionRequest, (next, v) => ({ kind: 'correctionRequest', next, expectedVersion: v }))
  await upgradeDocs(store, 'inboxMessage', InboxMessage, report.inboxMessage, (next, v) => ({ kind: 'inboxMessage', next, expectedVersion: v }))
  await upgradeDocs(store, 'outboxEvent', OutboxEvent, report.outboxEvent, (next, v) => ({ kind: 'outboxEvent', next, expectedVersion: v }))

  for (let after: string | undefined; ; ) {
    const page = await store.upgradeAuditPage({ limit: PAGE, after })
    report.audit.read += page.read
    report.audit.rewritten += page.rewritten
    report.audit.unreadable += page.unreadable
    if (page.nextCursor === null) break
    after = page.nextCursor
  }
  return report
}
