/**
 * The print font for tests: built once per machine from Debian's CJK font, as the build does
 * (cloudfunctions/lib/print/buildPrintFont), cached in the temp folder, named by PRINT_FONT.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { buildPrintFont } from '../../cloudfunctions/lib/print/buildPrintFont'

export async function usePrintFont(policyText = ''): Promise<string> {
  const key = createHash('sha256').update(readFileSync(join(__dirname, '../../shared/PrintCharacters.ts'))).update(readFileSync(join(__dirname, '../../cloudfunctions/lib/print/printText.ts'))).update(policyText).digest('hex').slice(0, 16)
  const path = join(tmpdir(), `print-font-${key}.ttf`)
  if (!existsSync(path)) {
    const { font } = await buildPrintFont(policyText)
    const partial = `${path}.${process.pid}`
    writeFileSync(partial, font)
    renameSync(partial, path)
  }
  process.env.PRINT_FONT = path
  return path
}
