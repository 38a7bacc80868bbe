/**
 * The CJK font printed pages use: Debian's WenQuanYi Micro Hei cut at build time to the
 * characters of shared/PrintCharacters (scripts/build-functions.mjs writes it next to the `print`
 * function's index.js, scripts/build-local.mjs next to the local cloud's). `PRINT_FONT` names
 * another file (tests build one with test/support/printFont.ts).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../shared/AppError'

export const PRINT_FONT_FILE = 'print-font.ttf'

export function printFontPath(): string {
  const path = process.env.PRINT_FONT || join(__dirname, PRINT_FONT_FILE)
  if (!existsSync(path)) throw new AppError('INTERNAL', '打印用的字体没有随程序部署，暂时不能打印。请联系管理员重新部署。')
  return path
}
