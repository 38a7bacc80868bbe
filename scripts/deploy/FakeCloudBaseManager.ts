/**
 * FakeCloudBaseManager: a test fake of the CloudBase management calls the deploy command makes
 * (ManagerApi.ts lists each call and the page that documents it). No CloudBase account can be
 * reached from here, so apply, re-apply and verify are tested against this fake; no live run was made.
 *
 * What it models, from the documentation and manager-node 5.6.5's own source (lib/):
 * - A new environment has no collections, no functions, and storage permission PRIVATE (the
 *   console's default, "仅创建者可读写"). A collection made by CreateTable starts PRIVATE too, with
 *   the `_id_` index every collection has.
 * - describeCollection / updateCollection / DescribeDatabaseACL / ModifyDatabaseACL on a missing
 *   collection, creating an index whose name exists, dropping one that does not, an AclTag outside
 *   the documented five: each fails as the API does, with a Tencent Cloud error code
 *   (ResourceNotFound / ResourceInUse / InvalidParameter).
 * - GetFunction of a missing function fails with ResourceNotFound.Function; CreateFunction of an
 *   existing one with ResourceInUse.Function (manager-node checks exactly this code); only timer
 *   triggers are accepted (manager-node refuses any other type); UpdateFunctionConfiguration
 *   replaces the whole environment when variables are given ("覆盖式修改"); a function whose code is
 *   being updated refuses a configuration update (FailedOperation) until it is active again, which
 *   updateFunctionCode waits for only when asked (`isWaitInstall`); the next read finds it active.
 * - setStorageAcl('CUSTOM') needs a rule; getStorageAcl({ withRule: true }) reads it back parsed.
 * - A new environment does not deliver its logs to CLS (`logsToCls`, what checkLogServiceEnabled
 *   reads); turning it on is the city's choice in the console (createLogService), not the deploy's.
 *
 * Every call is recorded with whether it changes the environment, so a test can count mutations.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ACL_TAGS } from './plan'
import type { CreateIndexInput, FunctionDetail, ManagerApi, ManagerFunction, ManagerIndex, StorageRule } from './ManagerApi'

export interface FakeCall {
  readonly method: string
  readonly mutating: boolean
  readonly target: string
}

/** An error shaped as manager-node's CloudBaseError. */
export class FakeCloudBaseError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'CloudBaseError'
  }
}

interface FakeCollection {
  indexes: ManagerIndex[]
  acl: string
}

interface FakeFunction {
  detail: FunctionDetail
  /** sha256 of the index.js last uploaded. */
  codeSha256: string
  /** Still installing a code update that nobody waited for. */
  updating: boolean
}

const ID_INDEX: ManagerIndex = { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }

export class FakeCloudBaseManager implements ManagerApi {
  readonly calls: FakeCall[] = []
  readonly collections = new Map<string, FakeCollection>()
  readonly functionsDeployed = new Map<string, FakeFunction>()
  storageAcl: { acl: string; rule?: StorageRule } = { acl: 'PRIVATE' }
  logsToCls = false

  /** `invoke` stands in for a function's code when the management API invokes it (invokeFunction). */
  constructor(private readonly options: { envId: string; invoke?: (name: string, params: Record<string, unknown> | undefined) => Promise<unknown> }) {}

  /** Mutating calls made so far. */
  mutations(): FakeCall[] {
    return this.calls.filter((c) => c.mutating)
  }

  private record(method: string, mutating: boolean, target: string) {
    this.calls.push({ method, mutating, target })
  }

  private collection(name: string): FakeCollection {
    const c = this.collections.get(name)
    if (!c) throw new FakeCloudBaseError('ResourceNotFound', `[DescribeTable] 集合 ${name} 不存在`)
    return c
  }

  private fn(name: string): FakeFunction {
    const f = this.functionsDeployed.get(name)
    if (!f) throw new FakeCloudBaseError('ResourceNotFound.Function', `[GetFunction] 未找到指定的Function，请创建后再试: ${name}`)
    return f
  }

  readonly database: ManagerApi['database'] = {
    listCollections: async (options = {}) => {
      this.record('database.listCollections', false, '')
      const limit = options.MgoLimit ?? 100
      const offset = options.MgoOffset ?? 0
      const names = [...this.collections.keys()].sort()
      return { Collections: names.slice(offset, offset + limit).map((CollectionName) => ({ CollectionName })), Pager: { Offset: offset, Limit: limit, Total: names.length } }
    },
    createCollection: async (name) => {
      this.record('database.createCollection', true, name)
      if (this.collections.has(name)) throw new FakeCloudBaseError('ResourceInUse', `[CreateTable] 集合 ${name} 已存在`)
      this.collections.set(name, { indexes: [ID_INDEX], acl: 'PRIVATE' })
      return { RequestId: 'fake' }
    },
    describeCollection: async (name) => {
      this.record('database.describeCollection', false, name)
      const c = this.collection(name)
      return { RequestId: 'fake', Indexes: c.indexes.map((i) => ({ ...i, Keys: i.Keys.map((k) => ({ ...k })) })), IndexNum: c.indexes.length }
    },
    updateCollection: async (name, change) => {
      this.record('database.updateCollection', true, name)
      const c = this.collection(name)
      const drops = change.DropIndexes ?? []
      for (const d of drops) {
        if (d.IndexName === '_id_') throw new FakeCloudBaseError('InvalidParameter', '[UpdateTable] 不能删除 _id_ 索引')
        if (!c.indexes.some((i) => i.Name === d.IndexName)) throw new FakeCloudBaseError('ResourceNotFound', `[UpdateTable] 索引 ${d.IndexName} 不存在`)
      }
      const kept = c.indexes.filter((i) => !drops.some((d) => d.IndexName === i.Name))
      for (const create of change.CreateIndexes ?? []) {
        if (kept.some((i) => i.Name === create.IndexName)) throw new FakeCloudBaseError('InvalidParameter', `[UpdateTable] 索引 ${create.IndexName} 已存在`)
        kept.push(toIndex(create))
      }
      c.indexes = kept
      return { RequestId: 'fake' }
    },
  }

  readonly functions: ManagerApi['functions'] = {
    getFunctionDetail: async (name) => {
      this.record('functions.getFunctionDetail', false, name)
      const f = this.fn(name)
      f.updating = false
      return structuredClone(f.detail)
    },
    createFunction: async ({ func, functionRootPath, force }) => {
      this.record('functions.createFunction', true, func.name)
      if (this.functionsDeployed.has(func.name) && !force) throw new FakeCloudBaseError('ResourceInUse.Function', `[${func.name}] 部署失败：函数已存在`)
      const detail: FunctionDetail = {
        FunctionName: func.name,
        Description: func.description ?? '',
        // SCF's defaults for what CreateFunction leaves out.
        Timeout: func.timeout ?? 3,
        MemorySize: func.memorySize ?? 256,
        Runtime: func.runtime ?? 'Nodejs18.15',
        Environment: { Variables: envOf(func) ?? [] },
        Triggers: [],
      }
      this.functionsDeployed.set(func.name, { detail, codeSha256: readCode(functionRootPath, func.name), updating: false })
      for (const t of func.triggers ?? []) addTrigger(detail, func.name, t)
      return { RequestId: 'fake' }
    },
    updateFunctionCode: async ({ func, functionRootPath }) => {
      this.record('functions.updateFunctionCode', true, func.name)
      const f = this.fn(func.name)
      f.codeSha256 = readCode(functionRootPath, func.name)
      f.updating = func.isWaitInstall !== true
      return { RequestId: 'fake' }
    },
    updateFunctionConfig: async (func) => {
      this.record('functions.updateFunctionConfig', true, func.name)
      const f = this.fn(func.name)
      if (f.updating) throw new FakeCloudBaseError('FailedOperation.UpdateFunctionConfiguration', `[${func.name}] 当前函数状态无法进行此操作，请在函数状态正常时重试`)
      const { detail } = f
      if (func.description !== undefined) detail.Description = func.description
      if (func.timeout !== undefined) detail.Timeout = func.timeout
      if (func.memorySize !== undefined) detail.MemorySize = func.memorySize
      const env = envOf(func)
      if (env) detail.Environment = { Variables: env }
      return { RequestId: 'fake' }
    },
    createFunctionTriggers: async (name, triggers = []) => {
      this.record('functions.createFunctionTriggers', true, name)
      const { detail } = this.fn(name)
      for (const t of triggers) addTrigger(detail, name, t)
      return { RequestId: 'fake' }
    },
    deleteFunctionTrigger: async (name, triggerName) => {
      this.record('functions.deleteFunctionTrigger', true, name)
      const { detail } = this.fn(name)
      if (!detail.Triggers.some((t) => t.TriggerName === triggerName)) throw new FakeCloudBaseError('ResourceNotFound.Trigger', `[DeleteTrigger] 触发器 ${triggerName} 不存在`)
      detail.Triggers = detail.Triggers.filter((t) => t.TriggerName !== triggerName)
      return { RequestId: 'fake' }
    },
    invokeFunction: async (name, params) => {
      this.record('functions.invokeFunction', true, name)
      this.fn(name)
      if (!this.options.invoke) throw new FakeCloudBaseError('InternalError', 'the fake was given no function body to invoke')
      try {
        // Invoke returns the function's return value as a JSON string in RetMsg, or its error in ErrMsg.
        return { RetMsg: JSON.stringify(await this.options.invoke(name, params)), ErrMsg: '' }
      } catch (e) {
        return { RetMsg: '', ErrMsg: (e as Error).message }
      }
    },
  }

  readonly storage = {
    getStorageAcl: ((options?: { withRule: true }) => {
      this.record('storage.getStorageAcl', false, '')
      const { acl, rule } = this.storageAcl
      return Promise.resolve(options?.withRule ? (acl === 'CUSTOM' && rule ? { acl, rule: { ...rule } } : { acl }) : acl)
    }) as ManagerApi['storage']['getStorageAcl'],
    setStorageAcl: async (acl: 'CUSTOM', rule: StorageRule) => {
      this.record('storage.setStorageAcl', true, '')
      if (!(ACL_TAGS as readonly string[]).includes(acl)) throw new FakeCloudBaseError('InvalidParameter', `非法的权限类型: "${acl}"`)
      if (acl === 'CUSTOM' && !rule) throw new FakeCloudBaseError('InvalidParameter', '使用 CUSTOM 权限类型时，必须提供 rule 参数')
      this.storageAcl = acl === 'CUSTOM' ? { acl, rule: { ...rule } } : { acl }
      return { RequestId: 'fake' }
    },
  }

  readonly log: ManagerApi['log'] = {
    checkLogServiceEnabled: async () => {
      this.record('log.checkLogServiceEnabled', false, '')
      return this.logsToCls
    },
  }

  commonService(service = 'tcb') {
    return {
      call: async ({ Action, Param }: { Action: string; Param: Record<string, unknown> }) => {
        const name = String(Param.CollectionName)
        if (service !== 'tcb') throw new FakeCloudBaseError('InvalidAction', `the fake models only tcb calls, not ${service}`)
        if (Param.EnvId !== this.options.envId) throw new FakeCloudBaseError('ResourceNotFound', `环境 ${String(Param.EnvId)} 不存在`)
        if (Action === 'DescribeDatabaseACL') {
          this.record('DescribeDatabaseACL', false, name)
          return { RequestId: 'fake', AclTag: this.collection(name).acl }
        }
        if (Action === 'ModifyDatabaseACL') {
          this.record('ModifyDatabaseACL', true, name)
          const c = this.collection(name)
          if (!['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY'].includes(String(Param.AclTag))) throw new FakeCloudBaseError('InvalidParameterValue', `AclTag ${String(Param.AclTag)} 不合法`)
          c.acl = String(Param.AclTag)
          return { RequestId: 'fake' }
        }
        throw new FakeCloudBaseError('InvalidAction', `the fake does not model ${Action}`)
      },
    }
  }
}

function toIndex(create: CreateIndexInput): ManagerIndex {
  return { Name: create.IndexName, Keys: create.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction })), Unique: create.MgoKeySchema.MgoIsUnique }
}

function envOf(func: ManagerFunction): Array<{ Key: string; Value: string }> | null {
  const vars = func.envVariables
  return vars && Object.keys(vars).length > 0 ? Object.entries(vars).map(([Key, v]) => ({ Key, Value: String(v) })) : null
}

function addTrigger(detail: FunctionDetail, name: string, t: { name: string; type: string; config: string }) {
  if (t.type !== 'timer') throw new FakeCloudBaseError('InvalidParameter', `不支持的触发器类型 [${t.type}]，目前仅支持定时触发器（timer）！`)
  if (detail.Triggers.some((x) => x.TriggerName === t.name)) throw new FakeCloudBaseError('ResourceInUse.Trigger', `[${name}] 创建触发器失败：触发器 ${t.name} 已存在`)
  // GetFunction describes a timer trigger by its cron in TriggerDesc (as JSON); apply reads both forms.
  detail.Triggers.push({ TriggerName: t.name, Type: t.type, TriggerDesc: JSON.stringify({ cron: t.config }) })
}

function readCode(root: string | undefined, name: string): string {
  const file = join(root ?? '', name, 'index.js')
  if (!existsSync(file)) throw new FakeCloudBaseError('InvalidParameter', `函数代码 ${file} 不存在`)
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}
