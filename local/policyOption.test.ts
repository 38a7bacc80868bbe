import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PolicyError } from '../shared/Policy'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { qingyuan2020 } from '../shared/policies/qingyuan2020'
import { loadPolicyFile, policyOption } from './policyOption'

const ROOT = resolve(__dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'policy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The second example's file with a prerequisite that comes after its stage. */
function brokenFile(): string {
  const path = join(dir, 'broken.jsonc')
  const text = readFileSync(join(ROOT, 'shared/policies/qingyuan2020.jsonc'), 'utf8').replace('"after": ["roster"]', '"after": ["agreement"]').replace('"deadline": "2020-05-31"', '"deadline": "2020-5-31"')
  writeFileSync(path, text)
  return path
}

describe('--policy', () => {
  test('names the policy file a command runs; POLICY does when there is no flag; the 2019 plan otherwise', () => {
    expect(policyOption(['node', 'main.js', '--policy', join(ROOT, 'shared/policies/qingyuan2020.jsonc')], {})).toEqual(qingyuan2020)
    expect(policyOption([], { POLICY: join(ROOT, 'shared/policies/qingyuan2020.jsonc') })).toEqual(qingyuan2020)
    expect(policyOption(['node', 'main.js'], {})).toBe(erenhot2019)
    expect(() => policyOption(['node', 'main.js', '--policy'], {})).toThrow('缺少政策文件的路径')
  })

  test('a file with problems stops the command, each problem named with the file', () => {
    const path = brokenFile()
    expect(() => loadPolicyFile(path)).toThrow(PolicyError)
    try {
      loadPolicyFile(path)
    } catch (e) {
      expect((e as PolicyError).problems).toEqual([
        expect.stringMatching(/broken\.jsonc：stages\[0\]\.deadline：日期应写成 YYYY-MM-DD 的形式。$/),
        expect.stringMatching(/broken\.jsonc：环节「收集移交材料」的前置环节 agreement 必须排在它前面。$/),
        `${path}：环节「收集移交材料」的截止日期早于它的前置环节「签订移交协议」。`,
        `${path}：环节「收集移交材料」的开案后天数少于它的前置环节「签订移交协议」。`,
      ])
    }
  })

  test('the functions’ build bundles the policy the deployment names into what cloudMain runs (deployedPolicy)', () => {
    // The build's own plugin on cloudfunctions/lib/deployedPolicy.ts, run as build-functions.mjs runs it;
    // the files' comments (such as 户籍所在地社区是接收主体) and the parser stay out of the bundle.
    const script = `
      import { build } from 'esbuild'
      import { chosenPolicyPath, policyFiles } from './scripts/policyFiles.mjs'
      const { outputFiles } = await build({ entryPoints: ['cloudfunctions/lib/deployedPolicy.ts'], bundle: true, write: false, platform: 'node', format: 'cjs', plugins: [policyFiles(chosenPolicyPath())] })
      const text = outputFiles[0].text
      const module = { exports: {} }
      new Function('module', 'exports', 'require', text)(module, module.exports, () => { throw new Error('no require') })
      console.log(JSON.stringify({ id: module.exports.deployedPolicy.id, comments: text.includes('社区是接收主体') || text.includes('常住地社区接收'), parser: text.includes('printParseErrorCode') }))`
    const run = (env: Record<string, string>) => spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, POLICY: '', ...env }, encoding: 'utf8' })
    expect(JSON.parse(run({ POLICY: 'shared/policies/qingyuan2020.jsonc' }).stdout)).toEqual({ id: 'qingyuan-2020', comments: false, parser: false })
    expect(JSON.parse(run({}).stdout)).toEqual({ id: 'erenhot-2019', comments: false, parser: false })
  })

  test('the functions’ build refuses an invalid policy, listing its problems in Chinese, and builds nothing', () => {
    const run = spawnSync(process.execPath, ['scripts/build-functions.mjs'], { cwd: ROOT, env: { ...process.env, POLICY: brokenFile() }, encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('有误，未能构建')
    expect(run.stderr).toContain('stages[0].deadline：日期应写成 YYYY-MM-DD 的形式。')
    expect(run.stderr).toContain('前置环节 agreement 必须排在它前面')
    expect(run.stdout).not.toContain('cloud function')
  })
})
