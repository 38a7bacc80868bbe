// Removes, from package-lock.json, optional dependencies that the lock has no entry for.
// Why: this registry does not serve some platform bindings of @tarojs/binding (darwin, win32,
// linux-arm64), so `npm install` records them as wanted but cannot lock them, and `npm ci` then
// refuses the lock. Run after any `npm install` that touches the lock.
const fs = require('node:fs')
const path = require('node:path')

const file = path.join(__dirname, '..', 'package-lock.json')
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const locked = Object.keys(lock.packages)
const removed = []
for (const [name, entry] of Object.entries(lock.packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    if (!locked.some((p) => p.endsWith(`node_modules/${dep}`))) {
      delete entry.optionalDependencies[dep]
      removed.push(`${name || '(root)'} → ${dep}`)
    }
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(removed.length ? `pruned unlockable optional dependencies:\n${removed.join('\n')}` : 'lock file already clean')
