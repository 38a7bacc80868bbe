// Policy files (.jsonc) for the esbuild builds: each is read and validated by the policy schema
// (shared/PolicyFile.ts, bundled for the build itself) and goes into the bundle as plain data,
// so no JSON-with-comments parser ships. An invalid policy fails the build, its problems listed.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, relative, resolve } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(import.meta.url)
// jsonc-parser's CommonJS entry loads its parts with a require esbuild cannot follow: take its ES build.
const JSONC_PARSER_ESM = join(require.resolve('jsonc-parser'), '../../esm/main.js')
export const DEFAULT_POLICY = 'shared/policies/erenhot2019.jsonc'

let reader
/** shared/PolicyFile.ts's readPolicyText, bundled once for this Node process. */
async function policyReader() {
  if (!reader) {
    const { outputFiles } = await build({ entryPoints: [join(root, 'shared/PolicyFile.ts')], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'warning', plugins: [policyFiles()] })
    const module = { exports: {} }
    new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, require)
    reader = module.exports.readPolicyText
  }
  return reader
}

/** The policy file's data, validated; throws an Error listing its problems in Chinese. */
export async function readPolicyFile(path) {
  const read = await policyReader()
  const file = relative(root, path)
  try {
    return read(readFileSync(path, 'utf8'), file)
  } catch (e) {
    if (e?.name !== 'PolicyError') throw e
    throw new Error(`政策文件 ${file} 有误，未能构建：\n${e.problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** The policy file this build deploys: `--policy <file>` or POLICY, else the 二连浩特 2019 plan. */
export function chosenPolicyPath(argv = process.argv, env = process.env) {
  const at = argv.indexOf('--policy')
  const named = at >= 0 ? argv[at + 1] : env.POLICY
  const path = named || DEFAULT_POLICY
  return isAbsolute(path) ? path : resolve(process.cwd(), path)
}

/**
 * Loads every imported .jsonc as its validated data. With `deployed`, the policy that
 * cloudfunctions/lib/deployedPolicy.ts imports is that file instead of the default.
 */
export function policyFiles(deployed) {
  return {
    name: 'policy-files',
    setup(b) {
      b.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: JSONC_PARSER_ESM }))
      if (deployed) b.onResolve({ filter: /\.jsonc$/ }, (args) => (args.importer.endsWith('deployedPolicy.ts') ? { path: deployed } : undefined))
      b.onLoad({ filter: /\.jsonc$/ }, async (args) => ({ contents: JSON.stringify(await readPolicyFile(args.path)), loader: 'json' }))
    },
  }
}
