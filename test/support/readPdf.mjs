// Reads a PDF with pdfjs-dist (ESM, so outside Jest's module system): prints JSON with each
// page's text and the ids of the images it draws, and each image once as RGBA pixels (base64), for test/support/pdf.ts.
import { readFileSync } from 'node:fs'
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'

const data = new Uint8Array(readFileSync(process.argv[2]))
const doc = await getDocument({ data, isOffscreenCanvasSupported: false, verbosity: 0 }).promise
const pages = []
/** Each image once (one image drawn on many pages is one object), by its id. */
const images = {}
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n)
  const content = await page.getTextContent()
  const text = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('')
  const ops = await page.getOperatorList()
  const drawn = []
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== OPS.paintImageXObject) continue
    const id = ops.argsArray[i][0]
    drawn.push(id)
    if (images[id]) continue
    // An image several pages draw is kept among the document's common objects (ids g_…).
    const objs = id.startsWith('g_') ? page.commonObjs : page.objs
    const img = await new Promise((resolve) => objs.get(id, resolve))
    const { width, height, kind, data: raw } = img
    const rgba = new Uint8ClampedArray(width * height * 4)
    for (let p = 0; p < width * height; p++) {
      if (kind === 1) {
        const bit = (raw[Math.floor(p / width) * Math.ceil(width / 8) + ((p % width) >> 3)] >> (7 - ((p % width) & 7))) & 1
        rgba.set([bit * 255, bit * 255, bit * 255, 255], p * 4)
      } else if (kind === 2) rgba.set([raw[p * 3], raw[p * 3 + 1], raw[p * 3 + 2], 255], p * 4)
      else rgba.set([raw[p * 4], raw[p * 4 + 1], raw[p * 4 + 2], 255], p * 4)
    }
    images[id] = { width, height, rgba: Buffer.from(rgba).toString('base64') }
  }
  pages.push({ text, images: drawn })
  page.cleanup()
}
process.stdout.write(JSON.stringify({ pages, images }))
