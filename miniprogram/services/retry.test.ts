import fc from 'fast-check'
import { pollRetryMs } from './retry'

test('a failed poll waits 3 s, then twice as long after each failure in a row, never more than a minute', () => {
  expect([1, 2, 3, 4, 5, 6, 7].map(pollRetryMs)).toEqual([3000, 6000, 12_000, 24_000, 48_000, 60_000, 60_000])
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
      expect(pollRetryMs(n + 1)).toBeGreaterThanOrEqual(pollRetryMs(n))
      expect(pollRetryMs(n)).toBeLessThanOrEqual(60_000)
    }),
  )
})
