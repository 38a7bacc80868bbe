#!/usr/bin/env node
/**
 * `npm run test:security`: the security and reliability suite, then its table.
 *
 *   node scripts/security-table.cjs --run   removes the old figures, runs jest on test/security and
 *                                           every *.security.test.ts, then prints the table
 *   node scripts/security-table.cjs         prints the table of the last run
 *
 * Exits non-zero when the jest run failed, when no figure was recorded, or when any figure
 * counts a failure.
 */
const { existsSync, readFileSync, rmSync } = require('node:fs')
const { spawnSync } = require('node:child_process')
const { resolve } = require('node:path')

const ROOT = resolve(__dirname, '..')
const FIGURES_FILE = resolve(ROOT, 'artifacts/security-figures.jsonl')

function runSuite() {
  rmSync(FIGURES_FILE, { force: true })
  const jest = resolve(ROOT, 'node_modules/.bin/jest')
  const result = spawnSync(jest, ['--runInBand', '--testPathPattern', '(test/security/|\\.security\\.test\\.ts$)'], { cwd: ROOT, stdio: 'inherit' })
  return result.status === 0
}

function readFigures() {
  if (!existsSync(FIGURES_FILE)) return []
  return readFileSync(FIGURES_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line))
}

/** Rows in the order the README lists them; figures of other areas follow in the order recorded. */
const ORDER = ['Authorization matrix', 'Fuzzing', 'Concurrency', 'Crash injection', 'Tokens', 'Personal data']
const rank = (f) => {
  const i = ORDER.findIndex((prefix) => f.area.startsWith(prefix))
  return i === -1 ? ORDER.length : i
}

const cell = (s) => String(s).replace(/\|/g, '\\|')

function table(figures) {
  const lines = ['| area | what was tried | failures |', '| --- | --- | --- |']
  const sorted = figures.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
  for (const { f } of sorted) lines.push(`| ${cell(f.area)} | ${cell(f.tried)} | ${f.failures} ${cell(f.failureName)} |`)
  return lines.join('\n')
}

const jestPassed = process.argv.includes('--run') ? runSuite() : true
const figures = readFigures()
console.log('\n## Security and reliability figures\n')
console.log(figures.length ? table(figures) : '(no figures recorded)')
const failed = figures.filter((f) => f.failures > 0)
if (!jestPassed) console.error('\nThe security suite failed (see the jest output above).')
if (failed.length) console.error(`\n${failed.length} figure(s) count failures: ${failed.map((f) => f.area).join(', ')}`)
process.exit(jestPassed && figures.length > 0 && failed.length === 0 ? 0 : 1)
