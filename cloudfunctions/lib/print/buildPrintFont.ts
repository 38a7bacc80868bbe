/**
 * Build step (scripts/build-functions.mjs, scripts/build-local.mjs, test/support/printFont.ts):
 * the print font for a policy, cut from Debian's CJK font to the printable set.
 */
import { readFileSync } from 'node:fs'
import { printCharacters } from '../../../shared/PrintCharacters'
import { PRINT_FIXED_TEXT } from './printText'
import { DEBIAN_CJK_FONT, subsetFont } from './subsetFont'

export async function buildPrintFont(policyText: string, source = DEBIAN_CJK_FONT): Promise<{ font: Buffer; characters: number }> {
  const characters = printCharacters(PRINT_FIXED_TEXT + policyText)
  return { font: await subsetFont(readFileSync(source), characters), characters: [...characters].length }
}
