/**
 * The part of `@cloudbase/manager-node` (5.6.5) the deploy command uses, with only the response
 * fields it reads. The real `CloudBase` object is assigned to this type in cli.ts, so the type
 * checker holds these shapes to the SDK's own typings; FakeCloudBaseManager implements the same.
 *
 * Calls and where they are documented:
 * - database: `listCollections`, `createCollection`, `describeCollection` (Indexes with Keys and
 *   Unique), `updateCollection(name, { CreateIndexes, DropIndexes })` — manager-node's database
 *   page and its typings (types/database, types/interfaces/flexdb.interface.d.ts).
 * - database permission: `commonService().call({ Action: 'DescribeDatabaseACL' | 'ModifyDatabaseACL',
 *   Param: { EnvId, CollectionName, AclTag } })` — manager-node "公共接口" page
 *   (docs.cloudbase.net/api-reference/manager/node/common, whose example is DescribeDatabaseACL)
 *   and the Tencent Cloud API pages of DescribeDatabaseACL (876/34821) and ModifyDatabaseACL
 *   (876/34819), tcb 2018-06-08.
 * - functions: `getFunctionDetail`, `createFunction`, `updateFunctionCode`, `updateFunctionConfig`,
 *   `createFunctionTriggers`, `deleteFunctionTrigger`, `invokeFunction` — manager-node's functions
 *   page and lib/function (SCF GetFunction, CreateFunction, UpdateFunctionCode,
 *   UpdateFunctionConfiguration, BatchCreateTrigger, DeleteTrigger, Invoke).
 * - storage: `getStorageAcl({ withRule: true })`, `setStorageAcl('CUSTOM', rule)` — manager-node's
 *   storage typings (DescribeStorageSafeRule / ModifyStorageSafeRule) and the storage "安全规则"
 *   page (docs.cloudbase.net/storage/security-rules: `read`/`write`, `auth.openid`, `resource.openid`,
 *   `resource.path`, regular-expression literals with `.test(…) == true`).
 * - logs: `log.checkLogServiceEnabled()` — manager-node "日志服务" page
 *   (docs.cloudbase.net/api-reference/manager/node/clsLog) and types/log: true when DescribeEnvInfo
 *   lists a log topic (LogServices with a TopicId), i.e. the environment's logs go to CLS.
 */

export interface ManagerIndexKey {
  Name?: string
  Direction?: string
}

export interface ManagerIndex {
  Name: string
  Keys: ManagerIndexKey[]
  Unique: boolean
}

export interface CreateIndexInput {
  IndexName: string
  MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean }
}

export interface ManagerFunction {
  name: string
  description?: string
  timeout?: number
  memorySize?: number
  runtime?: string
  handler?: string
  installDependency?: boolean | 'TRUE' | 'FALSE'
  /** updateFunctionCode waits until the function is active again (so the config update after it is accepted). */
  isWaitInstall?: boolean
  envVariables?: Record<string, string | number | boolean>
  triggers?: Array<{ name: string; type: string; config: string }>
}

export interface FunctionDetail {
  FunctionName: string
  Description: string
  Timeout: number
  MemorySize: number
  Runtime: string
  Environment: { Variables: Array<{ Key: string; Value: string }> }
  Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
}

/** A storage security rule (IStorageAclRule): `true`/`false` or an expression, for reading and for writing. */
export interface StorageRule {
  read: boolean | string
  write: boolean | string
}

export interface ManagerApi {
  readonly database: {
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: Array<{ CollectionName: string }>; Pager: { Offset: number; Limit: number; Total: number } }>
    createCollection(collectionName: string): Promise<unknown>
    describeCollection(collectionName: string): Promise<{ Indexes?: ManagerIndex[] }>
    updateCollection(collectionName: string, indexes: { CreateIndexes?: CreateIndexInput[]; DropIndexes?: Array<{ IndexName: string }> }): Promise<unknown>
  }
  readonly functions: {
    getFunctionDetail(name: string): Promise<FunctionDetail>
    createFunction(param: { func: ManagerFunction; functionRootPath?: string; force?: boolean }): Promise<unknown>
    updateFunctionCode(param: { func: ManagerFunction; functionRootPath?: string }): Promise<unknown>
    updateFunctionConfig(func: ManagerFunction): Promise<unknown>
    createFunctionTriggers(name: string, triggers?: Array<{ name: string; type: string; config: string }>): Promise<unknown>
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>
    invokeFunction(name: string, params?: Record<string, unknown>): Promise<{ RetMsg: string; ErrMsg: string }>
  }
  readonly storage: {
    getStorageAcl(): Promise<string>
    getStorageAcl(options: { withRule: true }): Promise<{ acl: string; rule?: StorageRule }>
    setStorageAcl(acl: 'CUSTOM', rule: StorageRule): Promise<unknown>
  }
  readonly log: {
    checkLogServiceEnabled(): Promise<boolean>
  }
  commonService(service?: string, version?: string): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown> }
}

/** An error as manager-node raises it (CloudBaseError: the Tencent Cloud API's error code, message, request id). */
export interface ManagerError {
  code?: string
  message: string
}

/** SCF's GetFunction answers a function that does not exist with a ResourceNotFound.* code. */
export const isNotFound = (e: unknown): boolean => typeof (e as ManagerError)?.code === 'string' && (e as ManagerError).code!.startsWith('ResourceNotFound')
