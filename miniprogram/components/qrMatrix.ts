import qrcode from 'qrcode-generator'

/** The modules of a QR code (error correction M), with the 4-module quiet zone around it. */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const n = qr.getModuleCount()
  const quiet = 4
  return Array.from({ length: n + 2 * quiet }, (_, r) =>
    Array.from({ length: n + 2 * quiet }, (_, c) => r >= quiet && c >= quiet && r < n + quiet && c < n + quiet && qr.isDark(r - quiet, c - quiet)),
  )
}
