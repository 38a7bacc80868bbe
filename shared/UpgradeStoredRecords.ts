/**
 * The migration of issue 8, item 3. Every record is read through its schema (shared/ports/
 * RecordSchemas.ts), which turns full birth and retirement dates into months and masks an older
 * masked ID number again, so nothing trusts an old shape. This makes the storage itself stop
 * holding them: every stored case, roster preview, correction request, inbox message, outbox
 * event and audit entry whose stored shape differs from its reading is stored again as read
 * (Store.upgradeStoredPage). Idempotent: a second run rewrites nothing. Runs on the local host's
 * start, as `npm run migrate`, and in production as the nightly `migrate` cloud function.
 */
import type { Store, UpgradableKind } from './ports/Store'

/** Records per page; a run cut off between pages has kept what it rewrote. */
const PAGE = 200

export interface UpgradeCount {
  read: number
  rewritten: number
  /** Records the schema cannot read (or planted by a client): left as they are, for a person to look at. */
  unreadable: number
}

export type UpgradeReport = Record<'cases' | 'rosterPreview' | 'correctionRequest' | 'inboxMessage' | 'outboxEvent' | 'audit', UpgradeCount>

/** JSON with every object's keys in order: two records are stored alike when this is equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )
}

async function upgradeKind(store: Store, kind: UpgradableKind): Promise<UpgradeCount> {
  const count: UpgradeCount = { read: 0, rewritten: 0, unreadable: 0 }
  for (let after: string | undefined; ; ) {
    const page = await store.upgradeStoredPage(kind, { limit: PAGE, after })
    count.read += page.read
    count.rewritten += page.rewritten
    count.unreadable += page.unreadable
    if (page.nextCursor === null) return count
    after = page.nextCursor
  }
}

export async function upgradeStoredRecords(store: Store): Promise<UpgradeReport> {
  return {
    cases: await upgradeKind(store, 'cases'),
    rosterPreview: await upgradeKind(store, 'rosterPreview'),
    correctionRequest: await upgradeKind(store, 'correctionRequest'),
    inboxMessage: await upgradeKind(store, 'inboxMessage'),
    outboxEvent: await upgradeKind(store, 'outboxEvent'),
    audit: await upgradeKind(store, 'audit'),
  }
}
