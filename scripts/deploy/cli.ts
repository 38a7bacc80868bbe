/**
 * `npm run deploy -- --env <envId> [--dry-run | --verify | --first-supervisor] [--finish-rotation]`
 *
 * - (default) apply: makes the environment match the plan and prints each change; a second run
 *   prints "nothing changed".
 * - `--dry-run`: prints the plan; needs no credentials and no --env, changes nothing.
 * - `--verify`: reads the environment back and exits 1 on any drift, naming it.
 * - `--first-supervisor`: prints the invitation code of the environment's first supervisor
 *   (cloudfunctions/lib/firstSupervisor.ts); refused once a supervisor exists.
 * - `--finish-rotation` (with apply or --verify): a key rotation is over, so PII_PREVIOUS_KEY is
 *   removed from every function (apply.ts functionSecrets).
 *
 * Credentials come from the shell only: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and
 * TENCENTCLOUD_SESSIONTOKEN for a temporary key); the functions' secrets likewise (FUNCTION_SECRETS).
 * The environment id comes from --env. Nothing of these is read from, or written to, the repository.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { masterKeyFromEnv, parseKey, vaultKeysFromEnv } from '../../cloudfunctions/lib/AesIdNumberVault'
import { firstSupervisorRequest, type FirstSupervisorAnswer } from '../../cloudfunctions/lib/firstSupervisor'
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

const USAGE = 'usage: npm run deploy -- --env <envId> [--dry-run | --verify | --first-supervisor] [--finish-rotation]'

type Mode = 'apply' | 'dry-run' | 'verify' | 'first-supervisor'

function parseArgs(argv: readonly string[]): { mode: Mode; envId: string | null; finishRotation: boolean } | string {
  let envId: string | null = null
  let finishRotation = false
  const modes: Mode[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--env') envId = argv[++i] ?? ''
    else if (a.startsWith('--env=')) envId = a.slice('--env='.length)
    else if (a === '--dry-run') modes.push('dry-run')
    else if (a === '--verify') modes.push('verify')
    else if (a === '--first-supervisor') modes.push('first-supervisor')
    else if (a === '--finish-rotation') finishRotation = true
    else return `unknown argument ${a}\n${USAGE}`
  }
  if (modes.length > 1) return `choose one of --dry-run, --verify, --first-supervisor\n${USAGE}`
  const mode = modes[0] ?? 'apply'
  if (finishRotation && mode !== 'apply' && mode !== 'verify') return `--finish-rotation goes with an apply or --verify\n${USAGE}`
  if (envId !== null && !/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/.test(envId)) return `--env: not an environment id\n${USAGE}`
  if (mode !== 'dry-run' && !envId) return `--env <envId> is needed (the CloudBase console shows it)\n${USAGE}`
  return { mode, envId, finishRotation }
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
  const request = firstSupervisorRequest(masterKeyFromEnv({ PII_MASTER_KEY: key }, false), io.now())
  const res = await api.functions.invokeFunction('migrate', { ...request })
  let answer: FirstSupervisorAnswer
  try {
    answer = JSON.parse(res.RetMsg) as FirstSupervisorAnswer
  } catch {
    io.err(`the migrate function did not answer: ${res.ErrMsg || 'no answer'}; deploy first (npm run deploy -- --env <envId>)`)
    return 1
  }
  if (!answer.ok) {
    io.err(answer.message)
    return 1
  }
  io.out(`首位领导小组办公室工作人员的邀请码：${answer.code}`)
  io.out(`有效期至 ${answer.expiresAt}（UTC），只能用一次。请当面或电话交给本人，不要发到群里。`)
  io.out('本人在微信里打开小程序，在「工作人员加入」处填写这个邀请码、姓名和手机号。加入以后，其他工作人员由他在「邀请工作人员」里邀请；这个命令不再发码。')
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
