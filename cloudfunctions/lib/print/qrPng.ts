/** A plain QR code as a PNG (qrcode-generator for the modules, pngjs for the file), black on white with its quiet zone. */
import qrcode from 'qrcode-generator'
import { PNG } from 'pngjs'

export function qrPng(text: string, pixelsPerModule = 8): Buffer {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const quiet = 4
  const modules = qr.getModuleCount() + 2 * quiet
  const size = modules * pixelsPerModule
  const png = new PNG({ width: size, height: size, colorType: 0, inputColorType: 0, inputHasAlpha: false })
  const gray = Buffer.alloc(size * size, 255)
  for (let r = 0; r < modules - 2 * quiet; r++) {
    for (let c = 0; c < modules - 2 * quiet; c++) {
      if (!qr.isDark(r, c)) continue
      for (let y = 0; y < pixelsPerModule; y++) {
        const row = ((r + quiet) * pixelsPerModule + y) * size
        gray.fill(0, row + (c + quiet) * pixelsPerModule, row + (c + quiet + 1) * pixelsPerModule)
      }
    }
  }
  png.data = gray
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false })
}
