/**
 * Figures of the security and reliability suite (`npm run test:security`). A test records what it
 * measured (cells checked, inputs tried, leaks found); `scripts/security-table.cjs` prints the
 * table from the file after the run. Tests still assert their own limits: a figure is a report,
 * not the check.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

export const FIGURES_FILE = resolve(__dirname, '../../artifacts/security-figures.jsonl')

export interface Figure {
  /** The row of the table, e.g. 'Authorization matrix'. */
  area: string
  /** What was tried, e.g. '2 304 cells (action × role × in/out of jurisdiction)'. */
  tried: string
  /** The count that must be zero (leaks, lost updates, accepted forgeries…). */
  failures: number
  /** What the failures count, e.g. 'leaks'. */
  failureName: string
}

export function recordFigure(figure: Figure): void {
  mkdirSync(dirname(FIGURES_FILE), { recursive: true })
  appendFileSync(FIGURES_FILE, JSON.stringify({ ...figure, at: new Date().toISOString() }) + '\n')
}
