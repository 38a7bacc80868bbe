/**
 * The limits of the production store (the WeChat cloud database and cloud functions) that code on
 * both adapters must respect, so that what works locally on SQLite also fits the cloud. The fake
 * cloud database (cloudfunctions/lib/FakeCloudDatabase.ts) enforces them. Each value cites its
 * documentation page; where the documentation gives no number the comment says so and names the
 * value chosen. (Values to be confirmed against the documentation by the issue-12 index work.)
 */
export { MAX_PAGE as MAX_DOCUMENTS_PER_READ } from './Store'

/** Most documents one transaction may write (no documented number: chosen; see the comment above). */
export const MAX_TRANSACTION_WRITES = 100

/** How long a transaction may stay open before the server rolls it back, in milliseconds. */
export const TRANSACTION_LIFETIME_MS = 10_000

/** The largest stored document, in bytes of its JSON. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

/** The longest a cloud function may run (its config.json `timeout`, in seconds). */
export const FUNCTION_TIMEOUT_SECONDS = 60
