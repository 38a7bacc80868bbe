import jsQR from 'jsqr'
import { qrMatrix } from './qrMatrix'

/** Paints the matrix as RGBA pixels, as the screen does, and reads it back with a QR decoder. */
function decode(matrix: boolean[][], scale = 4): string | undefined {
  const size = matrix.length * scale
  const data = new Uint8ClampedArray(size * size * 4)
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const v = matrix[Math.floor(y / scale)][Math.floor(x / scale)] ? 0 : 255
      data.set([v, v, v, 255], (y * size + x) * 4)
    }
  return jsQR(data, size, size)?.data
}

describe('QR matrix', () => {
  test('a visit pass token round-trips through the drawn modules', () => {
    const token = 'v1.case-0001.1584666300.q8bX0Yy2cQmKjR3r0wYk3gq2Xo1ZQ0m5yJ0Vb7Qk9cE'
    const m = qrMatrix(token)
    expect(m.length).toBeGreaterThanOrEqual(21 + 8)
    expect(m.every((row) => row.length === m.length)).toBe(true)
    expect(decode(m)).toBe(token)
  })

  test('the quiet zone of 4 modules is white all round', () => {
    const m = qrMatrix('hello')
    const n = m.length
    for (let i = 0; i < n; i++) for (const k of [0, 1, 2, 3, n - 1, n - 4]) expect([m[k][i], m[i][k]]).toEqual([false, false])
  })
})
