import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { masterKeyFromEnv } from '../../cloudfunctions/lib/AesIdNumberVault'
import { createDeps } from '../../cloudfunctions/lib/deps'
import { issueFirstSupervisorInvite } from '../../cloudfunctions/lib/firstSupervisor'
import { answerConsoleCall } from '../../cloudfunctions/lib/consoleCall'
import { openSqliteStore } from '../../local/SqliteStore'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { runCli, type CliIo } from './cli'
import { FakeCloudBaseManager } from './FakeCloudBaseManager'
import { functionNames } from './sources'
import { SECRET_NAMES } from './plan'

const root = join(__dirname, '..', '..')
const GOLDEN = join(__dirname, 'dry-run.golden.txt')
const ENV_ID = 'prod-7f3c9a1b2d4e'
const KEY_HEX = '5e'.repeat(32)
const ARCHIVE_HEX = '3c'.repeat(32)
const SHELL = { TENCENTCLOUD_SECRETID: 'AKIDtestsecretidtestsecretid0000', TENCENTCLOUD_SECRETKEY: 'test-secret-key-value', PII_MASTER_KEY: KEY_HEX, ARCHIVE_KEY: ARCHIVE_HEX }

/** A copy of the repository's declarations with built functions, as `npm run build:functions` leaves them. */
function builtCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'))
  cpSync(join(root, 'cloudfunctions', 'permissions.json'), join(dir, 'cloudfunctions', 'permissions.json'))
  for (const name of functionNames(root)) {
    cpSync(join(root, 'cloudfunctions', name, 'config.json'), join(dir, 'cloudfunctions', name, 'config.json'))
    writeFileSync(join(dir, 'cloudfunctions', name, 'index.ts'), '')
    cpSync(join(root, 'cloudfunctions', name, 'config.json'), join(dir, 'dist', 'cloudfunctions', name, 'config.json'))
    writeFileSync(join(dir, 'dist', 'cloudfunctions', name, 'index.js'), `exports.main = async () => '${name}'\n`)
  }
  return dir
}

function cli(options: { root?: string; env?: Record<string, string>; api?: FakeCloudBaseManager; now?: () => Date } = {}) {
  const out: string[] = []
  const err: string[] = []
  const connected: Array<{ envId: string }> = []
  const api = options.api ?? new FakeCloudBaseManager({ envId: ENV_ID })
  const io: CliIo = {
    root: options.root ?? root,
    env: options.env ?? SHELL,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: options.now ?? (() => new Date('2020-03-20T01:00:00.000Z')),
    connect: (config) => {
      connected.push(config)
      return api
    },
  }
  return { run: (...argv: string[]) => runCli(argv, io), out, err, connected, api }
}

describe('--dry-run', () => {
  test('prints the plan as the golden file pins it, with no credentials and no connection', async () => {
    const c = cli({ env: {} })
    expect(await c.run('--dry-run')).toBe(0)
    const printed = c.out.join('\n') + '\n'
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, printed)
    expect(printed).toBe(readFileSync(GOLDEN, 'utf8'))
    expect(c.connected).toEqual([])
  })
})

describe('apply and verify from the command line', () => {
  test('apply, apply again, verify; drift makes verify exit 1 naming it', async () => {
    const c = cli({ root: builtCheckout() })
    // The city has turned on log delivery to CLS (DEPLOY.md), so no note is printed.
    c.api.logsToCls = true
    expect(await c.run('--env', ENV_ID)).toBe(0)
    expect(c.connected.map((x) => x.envId)).toEqual([ENV_ID])
    expect(c.out.at(-1)).toMatch(/^\d+ changes made/)
    c.out.length = 0
    expect(await c.run('--env', ENV_ID)).toBe(0)
    expect(c.out).toEqual(['nothing changed: the environment matches the plan'])
    c.out.length = 0
    expect(await c.run('--env', ENV_ID, '--verify')).toBe(0)
    expect(c.out).toEqual(['no drift: the environment matches the plan'])
    await c.api.commonService().call({ Action: 'ModifyDatabaseACL', Param: { EnvId: ENV_ID, CollectionName: 'users', AclTag: 'READONLY' } })
    c.out.length = 0
    expect(await c.run('--env', ENV_ID, '--verify')).toBe(1)
    expect(c.out).toEqual(['drift: collection users: permission READONLY → ADMINONLY', '1 difference from the plan: run npm run deploy -- --env <envId> to repair'])
  })

  test.each([
    [['--verify'], {}, /--env <envId> is needed/],
    [['--env', ENV_ID, '--verify', '--dry-run'], {}, /choose one/],
    [['--env', ENV_ID, '--force'], {}, /unknown argument --force/],
    [['--env', ENV_ID], { TENCENTCLOUD_SECRETID: 'x' }, /TENCENTCLOUD_SECRETKEY/],
    [['--env', ENV_ID], { ...SHELL, PII_MASTER_KEY: 'short' }, /PII_MASTER_KEY must be 32 bytes/],
    [['--env', ENV_ID], { ...SHELL, ARCHIVE_KEY: 'short' }, /ARCHIVE_KEY must be 32 bytes/],
    [['--env', ENV_ID], { ...SHELL, PII_MASTER_KEY: '7a'.repeat(32), PII_PREVIOUS_KEY: KEY_HEX }, /PII_PREVIOUS_KEY is set without PII_LOOKUP_KEY/],
    [['--env', ENV_ID, '--first-supervisor', '--finish-rotation'], {}, /--finish-rotation goes with an apply or --verify/],
  ])('%j is refused before anything is touched', async (argv, env, message) => {
    const c = cli({ root: builtCheckout(), env: env as Record<string, string> })
    expect(await c.run(...argv)).toBe(2)
    expect(c.err.join('\n')).toMatch(message)
    expect(c.api.calls).toEqual([])
  })

  test('functions not built, or built from an older config.json, are refused', async () => {
    const dir = builtCheckout()
    writeFileSync(join(dir, 'dist', 'cloudfunctions', 'notify', 'config.json'), '{"permissions":{"openapi":[]}}')
    const c = cli({ root: dir })
    expect(await c.run('--env', ENV_ID)).toBe(2)
    expect(c.err).toEqual(['dist/cloudfunctions/notify/config.json is older than cloudfunctions/notify/config.json: run npm run build:functions again'])
    expect(c.api.mutations()).toEqual([])
  })
})

describe('--first-supervisor', () => {
  test('prints the invite the migrate function issues, and is refused once a supervisor exists', async () => {
    const store = openSqliteStore(':memory:')
    const clock = fixedClock('2020-03-20T01:00:00.000Z')
    const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: Buffer.from(KEY_HEX, 'hex') })
    // The fake's invocation runs the migrate function's console path on a store of its own.
    const api = new FakeCloudBaseManager({ envId: ENV_ID, invoke: (_name, params) => issueFirstSupervisorInvite(deps, params, Buffer.from(KEY_HEX, 'hex')) })
    const c = cli({ root: builtCheckout(), api })
    await c.run('--env', ENV_ID)
    expect(await c.run('--env', ENV_ID, '--first-supervisor')).toBe(0)
    const code = /邀请码：([A-Z2-9]{8})/.exec(c.out.join('\n'))![1]
    const invite = await store.getDoc('staffInvite', code)
    expect(invite).toMatchObject({ role: 'supervisor', orgId: 'office', usedBy: null })
    await store.commit({ users: [{ id: 'o-office', role: 'supervisor', name: '王主任', orgId: 'office', phone: '13900000001' }] })
    expect(await c.run('--env', ENV_ID, '--first-supervisor')).toBe(1)
    expect(c.err.join('\n')).toMatch(/已经有工作人员了/)
  })

  test('after a rotation it is signed with the new key, the one the migrate function now holds; the old key is refused', async () => {
    const store = openSqliteStore(':memory:')
    const clock = fixedClock('2020-03-20T01:00:00.000Z')
    const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: Buffer.from(KEY_HEX, 'hex') })
    // The fake's invocation runs the migrate function's console path with the key deployed on migrate, as the real function reads it.
    const api: FakeCloudBaseManager = new FakeCloudBaseManager({
      envId: ENV_ID,
      invoke: async (_name, params) => {
        const env = Object.fromEntries((await api.functions.getFunctionDetail('migrate')).Environment.Variables.map((v) => [v.Key, v.Value]))
        return issueFirstSupervisorInvite(deps, params, masterKeyFromEnv(env, false))
      },
    })
    const dir = builtCheckout()
    expect(await cli({ root: dir, api }).run('--env', ENV_ID)).toBe(0)
    const NEW_KEY = '7a'.repeat(32)
    const rotating = cli({ root: dir, api, env: { ...SHELL, PII_MASTER_KEY: NEW_KEY, PII_PREVIOUS_KEY: KEY_HEX, PII_LOOKUP_KEY: KEY_HEX } })
    expect(await rotating.run('--env', ENV_ID)).toBe(0)
    expect(rotating.out.filter((l) => l.startsWith('changed:'))).toHaveLength(5)
    const finished = cli({ root: dir, api, env: { ...SHELL, PII_MASTER_KEY: NEW_KEY, PII_LOOKUP_KEY: KEY_HEX } })
    expect(await finished.run('--env', ENV_ID, '--finish-rotation')).toBe(0)
    expect(await finished.run('--env', ENV_ID, '--verify')).toBe(0)

    const stale = cli({ root: dir, api })
    expect(await stale.run('--env', ENV_ID, '--first-supervisor')).toBe(1)
    expect(stale.err.join('\n')).toMatch(/请求无效或已过期/)
    expect(await finished.run('--env', ENV_ID, '--first-supervisor')).toBe(0)
    expect(finished.out.join('\n')).toMatch(/邀请码：[A-Z2-9]{8}/)
    const printed = [...rotating.out, ...rotating.err, ...finished.out, ...finished.err].join('\n')
    for (const value of [KEY_HEX, NEW_KEY]) expect(printed).not.toContain(value)
  })

  test('needs the production key in the shell to sign its request', async () => {
    const c = cli({ env: { TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' } })
    expect(await c.run('--env', ENV_ID, '--first-supervisor')).toBe(2)
    expect(c.err.join('\n')).toMatch(/PII_MASTER_KEY/)
    expect(c.api.calls).toEqual([])
  })
})

describe('--organisations', () => {
  /** The migrate function's console path on a store of its own, behind the fake's invocation; the clock moves a second a call. */
  async function environment(file?: { name: string; text: string }) {
    const store = openSqliteStore(':memory:')
    const clock = fixedClock('2020-03-20T01:00:00.000Z')
    const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: Buffer.from(KEY_HEX, 'hex') })
    const api = new FakeCloudBaseManager({ envId: ENV_ID, invoke: (_name, params) => answerConsoleCall(deps, params, Buffer.from(KEY_HEX, 'hex')) })
    const dir = builtCheckout()
    cpSync(join(root, 'config', 'organisations.example.json'), join(dir, 'config', 'organisations.example.json'))
    if (file) writeFileSync(join(dir, file.name), file.text)
    // Deployed first, as DEPLOY.md orders it.
    expect(await cli({ root: dir, api }).run('--env', ENV_ID)).toBe(0)
    api.calls.length = 0
    const now = () => {
      clock.set(new Date(clock.now().getTime() + 1000))
      return clock.now()
    }
    return { store, api, c: cli({ root: dir, api, now }) }
  }
  const invocations = (api: FakeCloudBaseManager) => api.calls.filter((c) => c.method === 'functions.invokeFunction').length

  test('loads the example list, printing what it added; run again, it prints that nothing changed', async () => {
    const { store, c } = await environment()
    expect(await c.run('--env', ENV_ID, '--organisations', 'config/organisations.example.json')).toBe(0)
    expect(c.out).toEqual([expect.stringMatching(/^企业：新增 4（二连浩特市供排水有限责任公司、.*），更新 0，未变 0。$/), expect.stringMatching(/^社区：新增 6（乌兰社区、.*），更新 0，未变 0。$/)])
    expect((await store.listEnterprises()).map((e) => e.code).sort()).toEqual(['GJ', 'GPS', 'LY', 'RL'])
    c.out.length = 0
    expect(await c.run('--env', ENV_ID, '--organisations', 'config/organisations.example.json')).toBe(0)
    expect(c.out).toEqual(['企业：新增 0，更新 0，未变 4。', '社区：新增 0，更新 0，未变 6。'])
  })

  test('a long list goes in batches that each fit one call, and all of it arrives', async () => {
    const communities = Array.from({ length: 600 }, (_, i) => ({ id: `com-${i}`, code: `C${i}`, name: `第${i}社区居民委员会`, address: `二连浩特市某某路${i}号社区党群服务中心一楼`, serviceHours: '周一至周五 8:30-12:00，14:30-18:00', phone: '0479-7530001', services: ['代办养老保险资格认证', '老年人健康档案和体检'] }))
    const { store, api, c } = await environment({ name: 'orgs.json', text: JSON.stringify({ enterprises: [], communities }) })
    expect(await c.run('--env', ENV_ID, '--organisations', 'orgs.json')).toBe(0)
    expect(invocations(api)).toBeGreaterThan(1)
    expect(await store.listCommunities()).toHaveLength(600)
    expect(c.out[1]).toMatch(/^社区：新增 600（/)
  })

  test.each([
    ['not JSON', '{"enterprises": [', /读不出 JSON/],
    ['an id with a bar', JSON.stringify({ enterprises: [{ id: 'ent|x', code: 'X', name: '某企业', contactName: '', contactPhone: '' }], communities: [] }), /enterprises\.0\.id：/],
    ['one code twice', JSON.stringify({ enterprises: [], communities: [{ id: 'com-a', code: 'A', name: '甲', address: '', serviceHours: '', phone: '' }, { id: 'com-b', code: 'a', name: '乙', address: '', serviceHours: '', phone: '' }] }), /社区的 code「a」出现了不止一次/],
  ])('a file with %s is refused before anything is sent, saying where', async (_what, text, message) => {
    const { api, c } = await environment({ name: 'orgs.json', text })
    expect(await c.run('--env', ENV_ID, '--organisations', 'orgs.json')).toBe(2)
    expect(c.err.join('\n')).toMatch(message)
    expect(c.err.join('\n')).toMatch(/没有发送任何内容/)
    expect(api.calls).toEqual([])
  })

  test('needs the production key in the shell to sign its requests, and a file to load', async () => {
    const c = cli({ env: { TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' } })
    expect(await c.run('--env', ENV_ID, '--organisations', 'config/organisations.example.json')).toBe(2)
    expect(c.err.join('\n')).toMatch(/PII_MASTER_KEY/)
    expect(await c.run('--env', ENV_ID, '--organisations')).toBe(2)
    expect(c.err.join('\n')).toMatch(/--organisations needs the list's file/)
    expect(c.api.calls).toEqual([])
  })
})

describe('no secret, appid or environment id', () => {
  test('in what the command prints', async () => {
    const c = cli({ root: builtCheckout() })
    await c.run('--dry-run', '--env', ENV_ID)
    await c.run('--env', ENV_ID)
    await c.run('--env', ENV_ID, '--verify')
    const printed = [...c.out, ...c.err].join('\n')
    for (const value of [ENV_ID, KEY_HEX, ARCHIVE_HEX, SHELL.TENCENTCLOUD_SECRETID, SHELL.TENCENTCLOUD_SECRETKEY]) expect(printed).not.toContain(value)
  })

  test('in the repository: only placeholders', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(join(root, f)))
    const textFiles = files.filter((f) => !/\.(png|jpe?g|gif|ico|xlsx|docx|pdf|woff2?|ttf|sqlite)$/i.test(f) && f !== 'package-lock.json')
    expect(textFiles.length).toBeGreaterThan(100)
    const patterns: Array<[string, RegExp]> = [
      ['a mini-program appid', /\bwx[0-9a-f]{16}\b/],
      ['a Tencent Cloud SecretId', /\bAKID[0-9A-Za-z]{32}\b/],
      ['a CloudBase environment id in a config', /"(?:envId|env|cloudEnv)"\s*:\s*"(?!<|REPLACE|\$)[^"]+"/],
      ['a cloud environment pinned in code', /cloud\.init\(\{\s*env:\s*['"`]/],
      ['a key assigned in a file', /(?:PII_MASTER_KEY|SECRETKEY|SECRET_KEY|ARCHIVE_KEY)\s*=\s*['"]?[0-9A-Za-z+/]{32,}/],
    ]
    const found: string[] = []
    for (const f of textFiles) {
      const text = readFileSync(join(root, f), 'utf8')
      for (const [what, re] of patterns) if (re.test(text)) found.push(`${f}: ${what}`)
    }
    expect(found).toEqual([])
    expect(JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')).appid).toBe('touristappid')
  })
})

describe('DEPLOY.md', () => {
  const text = readFileSync(join(root, 'DEPLOY.md'), 'utf8')

  test('every deploy command it shows is one the command line accepts', async () => {
    const commands = [...text.matchAll(/npm run deploy -- ([^`\n]*)/g)].map((m) => m[1].trim())
    expect(commands.length).toBeGreaterThan(4)
    for (const command of commands) {
      const argv = command.replace(/<envId>/g, ENV_ID).split(/\s+/)
      const c = cli({ root: builtCheckout(), env: {} })
      await c.run(...argv)
      expect({ command, err: c.err.filter((l) => /unknown argument|choose one|not an environment id|is needed/.test(l)) }).toEqual({ command, err: [] })
    }
  })

  test('it names every function, every secret and the templates the code sends', () => {
    for (const name of functionNames(root)) expect(text).toContain(`\`${name}\``)
    for (const secret of SECRET_NAMES) expect(text).toContain(secret)
    const templates = JSON.parse(readFileSync(join(root, 'config', 'subscribe-templates.json'), 'utf8')) as Record<string, { fields?: Record<string, string> }>
    for (const [key, t] of Object.entries(templates)) {
      if (!t.fields) continue
      expect(text).toContain(`\`${key}\``)
      for (const value of Object.keys(t.fields)) expect(text).toContain(`\`${value}\``)
    }
  })
})
