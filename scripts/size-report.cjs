// Prints what each build weighs: the weapp main package (everything outside subpackage roots),
// each subpackage, the cloud-function bundles, and the H5 JavaScript a first visit loads.
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs')
const { gzipSync } = require('node:zlib')
const { join, relative } = require('node:path')

const root = join(__dirname, '..')

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}

function weappSizes(weappDir = join(root, 'dist/weapp')) {
  const app = JSON.parse(readFileSync(join(weappDir, 'app.json'), 'utf8'))
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const sizes = { main: 0, sub: Object.fromEntries(subRoots.map((r) => [r, 0])) }
  for (const f of files(weappDir)) {
    const rel = relative(weappDir, f)
    if (rel.endsWith('.LICENSE.txt') || rel === 'project.config.json') continue
    const sub = subRoots.find((r) => rel.startsWith(r + '/'))
    const size = statSync(f).size
    if (sub) sizes.sub[sub] += size
    else sizes.main += size
  }
  return sizes
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`

module.exports = { weappSizes }

if (require.main === module) {
  if (existsSync(join(root, 'dist/weapp/app.json'))) {
    const s = weappSizes()
    console.log(`weapp main package: ${kb(s.main)} (limit 2048 KB)`)
    for (const [r, n] of Object.entries(s.sub)) console.log(`weapp subpackage ${r}: ${kb(n)}`)
  }
  const fnDir = join(root, 'dist/cloudfunctions')
  if (existsSync(fnDir)) for (const name of readdirSync(fnDir)) console.log(`cloud function ${name}: ${kb(statSync(join(fnDir, name, 'index.js')).size)}`)
  const h5 = join(root, 'dist/h5')
  if (existsSync(join(h5, 'index.html'))) {
    const html = readFileSync(join(h5, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/src="\/?([^"]+\.js)"/g)].map((m) => join(h5, m[1]))
    const raw = scripts.reduce((a, f) => a + statSync(f).size, 0)
    const gz = scripts.reduce((a, f) => a + gzipSync(readFileSync(f)).length, 0)
    console.log(`H5 entry JS (before page chunks): ${kb(raw)}, ${kb(gz)} gzipped`)
  }
}
