/**
 * Cuts a CJK font to a set of characters with harfbuzz's subsetter (harfbuzzjs, WebAssembly), at
 * build time: scripts/build-functions.mjs ships the result with the `print` function. Debian's
 * WenQuanYi Micro Hei is a collection (.ttc); `faceIndex` picks the face (0: the proportional one).
 * Not bundled into any function: the functions only read the file it wrote (noticeFont.ts).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** Debian's fonts-wqy-microhei. */
export const DEBIAN_CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'

const HB_MEMORY_MODE_WRITABLE = 2

interface Harfbuzz {
  memory: WebAssembly.Memory
  _initialize(): void
  malloc(n: number): number
  free(p: number): void
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number
  hb_blob_destroy(blob: number): void
  hb_face_create(blob: number, index: number): number
  hb_face_destroy(face: number): void
  hb_face_reference_blob(face: number): number
  hb_blob_get_data(blob: number, length: number): number
  hb_blob_get_length(blob: number): number
  hb_subset_input_create_or_fail(): number
  hb_subset_input_unicode_set(input: number): number
  hb_subset_input_destroy(input: number): void
  hb_set_add(set: number, value: number): void
  hb_subset_or_fail(face: number, input: number): number
}

let harfbuzz: Promise<Harfbuzz> | undefined

function loadHarfbuzz(): Promise<Harfbuzz> {
  harfbuzz ??= (async () => {
    const wasm = readFileSync(createRequire(__filename).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))
    const { instance } = await WebAssembly.instantiate(wasm)
    const hb = instance.exports as unknown as Harfbuzz
    hb._initialize()
    return hb
  })()
  return harfbuzz
}

/** The font (TrueType, one face) with the glyphs of `characters` and nothing else. */
export async function subsetFont(font: Buffer, characters: string, faceIndex = 0): Promise<Buffer> {
  const hb = await loadHarfbuzz()
  const heap = () => new Uint8Array(hb.memory.buffer)
  const input = hb.hb_subset_input_create_or_fail()
  if (input === 0) throw new Error('harfbuzz: hb_subset_input_create_or_fail failed')
  const data = hb.malloc(font.byteLength)
  heap().set(font, data)
  const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0)
  const face = hb.hb_face_create(blob, faceIndex)
  hb.hb_blob_destroy(blob)
  try {
    const unicodes = hb.hb_subset_input_unicode_set(input)
    for (const c of characters) hb.hb_set_add(unicodes, c.codePointAt(0)!)
    const subset = hb.hb_subset_or_fail(face, input)
    if (subset === 0) throw new Error('harfbuzz: hb_subset_or_fail failed (is the font readable?)')
    const result = hb.hb_face_reference_blob(subset)
    const at = hb.hb_blob_get_data(result, 0)
    const length = hb.hb_blob_get_length(result)
    const out = Buffer.from(heap().subarray(at, at + length))
    hb.hb_blob_destroy(result)
    hb.hb_face_destroy(subset)
    if (length === 0) throw new Error('harfbuzz: the subset is empty')
    return out
  } finally {
    hb.hb_subset_input_destroy(input)
    hb.hb_face_destroy(face)
    hb.free(data)
  }
}
