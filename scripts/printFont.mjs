// The print font (cloudfunctions/lib/print/buildPrintFont.ts, bundled for the build itself):
// Debian's WenQuanYi Micro Hei (fonts-wqy-microhei) cut to printable ASCII, GB 2312 and the
// fixed text of the printed pages and of the policy, written where each bundle reads it.
import { build } from 'esbuild'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(import.meta.url)
export const PRINT_FONT_FILE = 'print-font.ttf'
export const DEBIAN_CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'

/** Writes the font into each folder; returns its size and character count. Fails the build when Debian's font is missing. */
export async function writePrintFont(dirs, policyPath) {
  if (!existsSync(DEBIAN_CJK_FONT)) throw new Error(`打印字体的来源不在：${DEBIAN_CJK_FONT}（apt-get install fonts-wqy-microhei）`)
  const { outputFiles } = await build({ entryPoints: [join(root, 'cloudfunctions/lib/print/buildPrintFont.ts')], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'warning', external: ['harfbuzzjs/*'] })
  const module = { exports: {} }
  new Function('module', 'exports', 'require', '__filename', outputFiles[0].text)(module, module.exports, require, join(root, 'cloudfunctions/lib/print/subsetFont.ts'))
  const { font, characters } = await module.exports.buildPrintFont(readFileSync(policyPath, 'utf8'), DEBIAN_CJK_FONT)
  for (const dir of dirs) writeFileSync(join(dir, PRINT_FONT_FILE), font)
  return { bytes: font.length, characters }
}
