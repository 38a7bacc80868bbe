/** Reads a PDF back for tests: each page's text (pdfjs-dist, in a child process) and the QR codes of its images (jsqr). */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

export interface PdfPage {
  text: string
  /** What each image's QR code says, or null when the image holds none that can be read. */
  codes: Array<string | null>
}

export function readPdf(bytes: Buffer): PdfPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'))
  try {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    const out = execFileSync(process.execPath, [join(__dirname, 'readPdf.mjs'), file], { maxBuffer: 512 * 1024 * 1024 }).toString()
    const { pages, images } = JSON.parse(out) as { pages: Array<{ text: string; images: string[] }>; images: Record<string, { width: number; height: number; rgba: string }> }
    const codes = new Map(Object.entries(images).map(([id, i]) => [id, jsQR(new Uint8ClampedArray(Buffer.from(i.rgba, 'base64')), i.width, i.height)?.data ?? null]))
    return pages.map((p) => ({ text: p.text, codes: p.images.map((id) => codes.get(id) ?? null) }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A PNG's QR code text (pngjs + jsqr), or null. */
export function readQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null
}
