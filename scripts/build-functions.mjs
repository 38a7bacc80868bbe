// Bundles each cloud function (cloudfunctions/<name>/index.ts) into
// dist/cloudfunctions/<name>/index.js (CommonJS, wx-server-sdk external), next to the
// package.json and config.json that WeChat expects. Prints each bundle's size.
// The deployment names its policy: `POLICY=shared/policies/x.jsonc npm run build:functions` (or
// `-- --policy <file>`), the 二连浩特 2019 plan otherwise; an invalid policy fails the build.
import { build } from 'esbuild'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { chosenPolicyPath, policyFiles, readPolicyFile } from './policyFiles.mjs'
import { writePrintFont } from './printFont.mjs'
import { requireBuilds } from './requireBuilds.mjs'

const root = new URL('..', import.meta.url).pathname
const src = join(root, 'cloudfunctions')
const out = join(root, 'dist', 'cloudfunctions')
const sdkVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies['wx-server-sdk']

const policyPath = chosenPolicyPath()
let policy
try {
  policy = await readPolicyFile(policyPath)
} catch (e) {
  console.error(e.message)
  process.exit(1)
}
console.log(`policy: ${policy.id} (${policy.jurisdiction}) from ${relative(root, policyPath)}`)

const names = readdirSync(src).filter((n) => existsSync(join(src, n, 'index.ts')))
for (const name of names) {
  const dir = join(out, name)
  mkdirSync(dir, { recursive: true })
  await build({
    entryPoints: [join(src, name, 'index.ts')],
    outfile: join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    legalComments: 'none',
    // Chinese text as UTF-8 (3 bytes a character), not \uXXXX escapes (6): Node reads UTF-8 source.
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [policyFiles(policyPath), requireBuilds(['pdfkit'])],
  })
  const configPath = join(src, name, 'config.json')
  const config = existsSync(configPath) ? readFileSync(configPath, 'utf8') : JSON.stringify({ permissions: { openapi: [] } }, null, 2)
  writeFileSync(join(dir, 'config.json'), config)
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js', private: true, dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2) + '\n',
  )
  const kb = (statSync(join(dir, 'index.js')).size / 1024).toFixed(1)
  console.log(`cloud function ${name}: index.js ${kb} KB`)
  // The function that prints ships the CJK font, cut here from Debian's to the printable set.
  if (name === 'print') {
    const font = await writePrintFont([dir], policyPath)
    console.log(`cloud function ${name}: print-font.ttf ${(font.bytes / 1024).toFixed(1)} KB (${font.characters} characters)`)
  }
}
