/**
 * The policy a local command runs: `--policy <file>` (a .jsonc policy file, see
 * shared/policies/), or POLICY, else the 二连浩特 2019 plan. A file with problems stops the
 * command with them listed in Chinese.
 */
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { PolicyError, type Policy } from '../shared/Policy'
import { readPolicyText } from '../shared/PolicyFile'

/** Reads and validates a policy file; throws a PolicyError naming the file. */
export function loadPolicyFile(path: string): Policy {
  const full = resolve(path)
  const shown = relative(process.cwd(), full)
  return readPolicyText(readFileSync(full, 'utf8'), shown.startsWith('..') ? full : shown)
}

/** The policy named by `--policy <file>` in argv or POLICY in env; the default when neither is given. */
export function policyOption(argv: readonly string[], env: Record<string, string | undefined> = process.env): Policy {
  const at = argv.indexOf('--policy')
  if (at >= 0 && !argv[at + 1]) throw new Error('--policy: 缺少政策文件的路径')
  const file = at >= 0 ? argv[at + 1] : env.POLICY
  return file ? loadPolicyFile(file) : erenhot2019
}

/** policyOption for a command: a policy with problems is printed, one problem a line, and the command exits (2). */
export function policyOrExit(argv: readonly string[]): Policy {
  try {
    return policyOption(argv)
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e
    console.error(`政策文件有误，未能启动：\n${e.problems.map((p) => `  - ${p}`).join('\n')}`)
    return process.exit(2)
  }
}
