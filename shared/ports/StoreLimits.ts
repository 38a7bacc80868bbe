/**
 * The limits of the production store (the WeChat cloud database and cloud functions) that code on
 * both adapters must respect, so that what works locally on SQLite also fits the cloud. The fake
 * cloud database (cloudfunctions/lib/FakeCloudDatabase.ts) enforces them. Each value cites its
 * documentation page; where the documentation gives no number the comment says so and names the
 * value chosen.
 */
export { MAX_PAGE as MAX_DOCUMENTS_PER_READ } from './Store'
// MAX_DOCUMENTS_PER_READ (1000): "limit 在小程序端默认及最大上限为 20，在云函数端默认及最大上限为 1000"
// https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.limit.md

/**
 * What a get() without limit() returns at most. The current page above says 1000; the older
 * server API page says 100 (https://developers.weixin.qq.com/miniprogram/en/dev/wxcloud/reference-server-api/database/collection.limit.html),
 * and developers report 100 in practice: the fake uses the smaller, and the store always sets a limit.
 */
export const DEFAULT_DOCUMENTS_PER_READ = 100

/**
 * Most documents one transaction may write. No number is documented: the transaction page says
 * only that a transaction works on single records, never in bulk, and may touch several
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.runTransaction.md,
 * "限制"). Chosen: 100, so that work is chunked well before any server-side limit.
 */
export const MAX_TRANSACTION_WRITES = 100

/**
 * Most values one `command.in` may list. No number is documented
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.in.html
 * gives none). Chosen: 100, so a batched read (Store.getDocs and the like) stays a small query.
 */
export const MAX_IN_VALUES = 100

/**
 * How long a transaction may stay open before the server rolls it back, in milliseconds. Not
 * documented for the WeChat cloud database
 * (https://developers.weixin.qq.com/minigame/dev/wxcloud/guide/database/transaction.md says only
 * that locks are held "直到事务锁释放或者超时"). Chosen: 10 s, the lifetime Alibaba documents for
 * its comparable serverless document database ("事务的有效期为10s", https://help.aliyun.com/document_detail/435862.html).
 */
export const TRANSACTION_LIFETIME_MS = 10_000

/**
 * The largest stored document, in bytes of its JSON. No per-record size is documented; the quota
 * page caps every database response packet at 16 MB ("Database traffic: 16 MB in each packet
 * output", https://developers.weixin.qq.com/miniprogram/en/dev/wxcloud/basis/concepts/quota.html),
 * so no larger document could be read back. Chosen: 16 MiB.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

/**
 * The longest a cloud function may run (its config.json `timeout`, in seconds): "函数超时时间，
 * 取值范围 1-60 秒" (https://docs.cloudbase.net/cli-v1/functions/configs). The open-platform
 * API page allows 1-300 for third-party platforms (https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/cloudbase/common/getFuncConfig.html);
 * the smaller applies to a mini-program's own functions.
 */
export const FUNCTION_TIMEOUT_SECONDS = 60

/**
 * Most indexes one collection may have: "Maximum number of indexes in a single collection in the
 * database: 20" (https://developers.weixin.qq.com/miniprogram/en/dev/wxcloud/basis/concepts/quota.html).
 * Counted here with the built-in `_id` index.
 */
export const MAX_INDEXES_PER_COLLECTION = 20
