/**
 * `npm run deploy -- --env <envId> [--dry-run | --verify | --first-supervisor | --organisations <file>] [--finish-rotation]`
 *
 * - (default) apply: makes the environment match the plan and prints each change; a second run
 *   prints "nothing changed".
 * - `--dry-run`: prints the plan; needs no credentials and no --env, changes nothing.
 * - `--verify`: reads the environment back and exits 1 on any drift, naming it.
 * - `--first-supervisor`: prints the invitation code of the environment's first supervisor
 *   (cloudfunctions/lib/firstSupervisor.ts); refused once a supervisor exists.
 * - `--organisations <file>`: loads the city's list of enterprises and communities (a JSON file,
 *   shared/OrganisationList.ts; config/organisations.example.json shows one), checked whole before
 *   anything is sent, then sent in signed batches to the migrate function
 *   (cloudfunctions/lib/organisations.ts); prints what it added and changed.
 * - `--finish-rotation` (with apply or --verify): a key rotation is over, so PII_PREVIOUS_KEY is
 *   removed from every function (apply.ts functionSecrets).
 *
 * Credentials come from the shell only: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and
 * TENCENTCLOUD_SESSIONTOKEN for a temporary key); the functions' secrets likewise (FUNCTION_SECRETS).
 * The environment id comes from --env. Nothing of these is read from, or written to, the repository.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { masterKeyFromEnv, parseKey, vaultKeysFromEnv } from '../../cloudfunctions/lib/AesIdNumberVault'
import { firstSupervisorRequest, type FirstSupervisorAnswer } from '../../cloudfunctions/lib/firstSupervisor'
import { loadOrganisationsRequest, type LoadOrganisationsAnswer } from '../../cloudfunctions/lib/organisations'
import { listBatches, listIssues } from '../../shared/OrganisationList'
import { applyPlan, codeSha256Of, verifyPlan, type LocalInputs } from './apply'
import type { ManagerApi } from './ManagerApi'
import { buildDeployPlan, describePlan, SECRET_NAMES, type DeployPlan } from './plan'
import { readFunctionConfig, readPlanSources } from './sources'

export interface CliIo {
  readonly root: string
  readonly env: Readonly<Record<string, string | undefined>>
  out(line: string): void
  err(line: string): void
  now(): Date
  /** Opens the management API of one environment (manager-node's CloudBase in production). */
  connect(config: { envId: string; secretId: string; secretKey: string; token?: string }): ManagerApi
}

const USAGE = 'usage: npm run deploy -- --env <envId> [--dry-run | --verify | --first-supervisor | --organisations <file>] [--finish-rotation]'

type Mode = 'apply' | 'dry-run' | 'verify' | 'first-supervisor' | 'organisations'

/**
 * Most bytes of one request to a function: "云函数请求体最大限制：文本类型请求体 100KB"
 * (https://docs.cloudbase.net/error-code/service/EXCEED_MAX_PAYLOAD_SIZE). A batch of the
 * organisations' list stays at 80 KB, leaving room for the request's own fields.
 */
export const MAX_LIST_BATCH_BYTES = 80 * 1024

function parseArgs(argv: readonly string[]): { mode: Mode; envId: string | null; finishRotation: boolean; file: string | null } | string {
  let envId: string | null = null
  let finishRotation = false
  let file: string | null = null
  const modes: Mode[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--env') envId = argv[++i] ?? ''
    else if (a.startsWith('--env=')) envId = a.slice('--env='.length)
    else if (a === '--dry-run') modes.push('dry-run')
    else if (a === '--verify') modes.push('verify')
    else if (a === '--first-supervisor') modes.push('first-supervisor')
    else if (a === '--organisations') {
      modes.push('organisations')
      file = argv[++i] ?? ''
      if (!file || file.startsWith('--')) return `--organisations needs the list's file\n${USAGE}`
    }
    else if (a === '--finish-rotation') finishRotation = true
    else return `unknown argument ${a}\n${USAGE}`
  }
  if (modes.length > 1) return `choose one of --dry-run, --verify, --first-supervisor, --organisations\n${USAGE}`
  const mode = modes[0] ?? 'apply'
  if (finishRotation && mode !== 'apply' && mode !== 'verify') return `--finish-rotation goes with an apply or --verify\n${USAGE}`
  if (envId !== null && !/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/.test(envId)) return `--env: not an environment id\n${USAGE}`
  if (mode !== 'dry-run' && !envId) return `--env <envId> is needed (the CloudBase console shows it)\n${USAGE}`
  return { mode, envId, finishRotation, file }
}

/** The built functions (scripts/build-functions.mjs), refused when missing or built from another config.json. */
function builtFunctions(io: CliIo, plan: DeployPlan): { functionRoot: string; codeSha256: Record<string, string> } | string {
  const functionRoot = join(io.root, 'dist', 'cloudfunctions')
  const codeSha256: Record<string, string> = {}
  for (const f of plan.functions) {
    const dir = join(functionRoot, f.name)
    if (!existsSync(join(dir, 'index.js')) || !existsSync(join(dir, 'config.json'))) return `dist/cloudfunctions/${f.name} is not built: run POLICY=<the city's policy> npm run build:functions first`
    if (!isDeepStrictEqual(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')), readFunctionConfig(io.root, f.name))) return `dist/cloudfunctions/${f.name}/config.json is older than cloudfunctions/${f.name}/config.json: run npm run build:functions again`
    codeSha256[f.name] = codeSha256Of(functionRoot, f.name)
  }
  return { functionRoot, codeSha256 }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv)
  if (typeof args === 'string') {
    io.err(args)
    return 2
  }
  let plan: DeployPlan
  try {
    plan = buildDeployPlan(readPlanSources(io.root))
  } catch (e) {
    io.err(`the plan cannot be built: ${(e as Error).message}`)
    return 1
  }
  if (args.mode === 'dry-run') {
    io.out('deploy plan (dry run: no credentials used, nothing changed)')
    io.out(describePlan(plan).trimEnd())
    return 0
  }
  const envId = args.envId!
  const secretId = io.env.TENCENTCLOUD_SECRETID
  const secretKey = io.env.TENCENTCLOUD_SECRETKEY
  if (!secretId || !secretKey) {
    io.err('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY in the shell (a CAM key of the account that owns the environment; see DEPLOY.md)')
    return 2
  }
  const secrets: Record<string, string | undefined> = Object.fromEntries(SECRET_NAMES.map((s) => [s, io.env[s] || undefined]))
  try {
    // Each key is 32 bytes; a rotation's keys come as the vault reads them (PII_PREVIOUS_KEY needs PII_LOOKUP_KEY).
    for (const name of SECRET_NAMES) if (secrets[name]) parseKey(name, secrets[name])
    if (secrets.PII_MASTER_KEY) vaultKeysFromEnv(secrets, false)
  } catch (e) {
    io.err((e as Error).message)
    return 2
  }
  const api = io.connect({ envId, secretId, secretKey, token: io.env.TENCENTCLOUD_SESSIONTOKEN || undefined })

  if (args.mode === 'first-supervisor') return firstSupervisor(api, io, secrets.PII_MASTER_KEY)
  if (args.mode === 'organisations') return organisations(api, io, secrets.PII_MASTER_KEY, args.file!)

  const built = builtFunctions(io, plan)
  if (typeof built === 'string') {
    io.err(built)
    return 2
  }
  const local: LocalInputs = { envId, ...built, secrets, finishRotation: args.finishRotation }
  try {
    if (args.mode === 'verify') {
      const { drift, notes } = await verifyPlan(api, plan, local)
      for (const n of notes) io.out(`note: ${n}`)
      for (const d of drift) io.out(`drift: ${d}`)
      io.out(drift.length ? `${drift.length} difference${drift.length === 1 ? '' : 's'} from the plan: run npm run deploy -- --env <envId> to repair` : 'no drift: the environment matches the plan')
      return drift.length ? 1 : 0
    }
    const { changed } = await applyPlan(api, plan, local, (line) => io.out(line))
    if (changed.length) io.out(`${changed.length} change${changed.length === 1 ? '' : 's'} made; check with npm run deploy -- --env <envId> --verify`)
    return 0
  } catch (e) {
    io.err(`deploy stopped: ${(e as Error).message}`)
    return 1
  }
}

async function firstSupervisor(api: ManagerApi, io: CliIo, key: string | undefined): Promise<number> {
  if (!key) {
    io.err('set PII_MASTER_KEY in the shell (the same key the functions have): the request is signed with it')
    return 2
  }
  const answer = await askMigrate<FirstSupervisorAnswer>(api, io, firstSupervisorRequest(masterKeyFromEnv({ PII_MASTER_KEY: key }, false), io.now()))
  if (!answer) return 1
  if (!answer.ok) {
    io.err(answer.message)
    return 1
  }
  io.out(`首位领导小组办公室工作人员的邀请码：${answer.code}`)
  io.out(`有效期至 ${answer.expiresAt}（UTC），只能用一次。请当面或电话交给本人，不要发到群里。`)
  io.out('本人在微信里打开小程序，在「工作人员加入」处填写这个邀请码、姓名和手机号。加入以后，其他工作人员由他在「邀请工作人员」里邀请；这个命令不再发码。')
  return 0
}

/** The migrate function's answer to one call, or null when it did not answer (not deployed). */
async function askMigrate<T>(api: ManagerApi, io: CliIo, request: object): Promise<T | null> {
  const res = await api.functions.invokeFunction('migrate', { ...request })
  try {
    return JSON.parse(res.RetMsg) as T
  } catch {
    io.err(`the migrate function did not answer: ${res.ErrMsg || 'no answer'}; deploy first (npm run deploy -- --env <envId>)`)
    return null
  }
}

async function organisations(api: ManagerApi, io: CliIo, key: string | undefined, file: string): Promise<number> {
  let input: unknown
  try {
    input = JSON.parse(readFileSync(resolve(io.root, file), 'utf8'))
  } catch (e) {
    io.err(`${file}：读不出 JSON（${(e as Error).message}）。没有发送任何内容。`)
    return 2
  }
  const checked = listIssues(input)
  if ('issues' in checked) {
    io.err(`${file} 有要改正的地方，没有发送任何内容：`)
    for (const issue of checked.issues) io.err(`  ${issue}`)
    return 2
  }
  if (!key) {
    io.err('set PII_MASTER_KEY in the shell (the same key the functions have): the request is signed with it')
    return 2
  }
  const masterKey = masterKeyFromEnv({ PII_MASTER_KEY: key }, false)
  const total = { enterprises: { added: [] as string[], changed: [] as string[], unchanged: 0 }, communities: { added: [] as string[], changed: [] as string[], unchanged: 0 } }
  const batches = listBatches(checked.list, MAX_LIST_BATCH_BYTES)
  for (const [i, batch] of batches.entries()) {
    const answer = await askMigrate<LoadOrganisationsAnswer>(api, io, loadOrganisationsRequest(masterKey, io.now(), batch))
    if (!answer) return 1
    if (!answer.ok) {
      io.err(answer.message)
      if (i > 0) io.err(`前 ${i} 批已经写入（共 ${batches.length} 批）；改正后再运行一次，写入过的不会重复。`)
      return 1
    }
    for (const kind of ['enterprises', 'communities'] as const) {
      total[kind].added.push(...answer[kind].added)
      total[kind].changed.push(...answer[kind].changed)
      total[kind].unchanged += answer[kind].unchanged
    }
  }
  const line = (label: string, c: typeof total.enterprises) =>
    `${label}：新增 ${c.added.length}${c.added.length ? `（${c.added.join('、')}）` : ''}，更新 ${c.changed.length}${c.changed.length ? `（${c.changed.join('、')}）` : ''}，未变 ${c.unchanged}。`
  io.out(line('企业', total.enterprises))
  io.out(line('社区', total.communities))
  return 0
}

// Runs when the bundle dist/deploy/cli.js is the program (npm run deploy), not when a test imports this file.
if (/[\\/]deploy[\\/]cli\.js$/.test(process.argv[1] ?? '')) {
  // Loaded only when run: the SDK is a dev dependency, kept out of every bundle but this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as typeof import('@cloudbase/manager-node')
  const io: CliIo = {
    root: process.cwd(),
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    now: () => new Date(),
    connect: (config) => new CloudBase(config),
  }
  runCli(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`deploy stopped: ${e instanceof Error ? e.message : String(e)}`)
      process.exit(1)
    },
  )
}
