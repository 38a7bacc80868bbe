// Bundles the local cloud (local/main.ts), the benchmarks (bench/index.ts) and the deploy command
// (scripts/deploy/cli.ts) for Node, so they run without a TypeScript loader. better-sqlite3 stays
// external (native addon), and so does @cloudbase/manager-node (the deploy command loads it from node_modules).
import { build } from 'esbuild'
import { existsSync, mkdirSync } from 'node:fs'
import { chosenPolicyPath, policyFiles } from './policyFiles.mjs'
import { writePrintFont } from './printFont.mjs'
import { requireBuilds } from './requireBuilds.mjs'

const entries = { 'dist/local/main.js': 'local/main.ts', 'dist/local/import.js': 'local/import.ts', 'dist/local/migrate.js': 'local/migrate.ts', 'dist/local/rotateKeys.js': 'local/rotateKeys.ts', 'dist/local/archive.js': 'local/archive.ts', 'dist/bench/index.js': 'bench/index.ts', 'dist/deploy/cli.js': 'scripts/deploy/cli.ts' }
for (const [outfile, entry] of Object.entries(entries)) {
  if (!existsSync(entry)) continue
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3', 'wx-server-sdk', '@cloudbase/manager-node'],
    sourcemap: true,
    logLevel: 'warning',
    plugins: [policyFiles(), requireBuilds(['pdfkit'])],
  })
}
// The local cloud prints (posters, notices) with the same font the `print` function ships.
mkdirSync('dist/local', { recursive: true })
mkdirSync('dist/bench', { recursive: true })
// Without Debian's font the local cloud still starts; printing then says the font is missing.
try {
  await writePrintFont(['dist/local', 'dist/bench'], chosenPolicyPath())
} catch (e) {
  console.warn(`warning: no print font, posters and notices cannot print locally: ${e.message}`)
}
