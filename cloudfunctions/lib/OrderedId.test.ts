import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import { orderedIds } from './OrderedId'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** A clock that reads the given milliseconds in turn (repeating the last). */
const clockOf = (readings: number[]) => {
  let k = 0
  return () => readings[Math.min(k++, readings.length - 1)]
}

describe('ordered ids (UUID version 7)', () => {
  test('for any clock readings, even repeated or stepping back, each id is a version-7 UUID after the one before', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 1, maxLength: 300 }), (readings) => {
        const next = orderedIds(clockOf(readings), randomBytes)
        const ids = readings.map(() => next())
        for (const id of ids) expect(id).toMatch(UUID_V7)
        for (let k = 1; k < ids.length; k++) expect(ids[k] > ids[k - 1]).toBe(true)
      }),
    )
  })

  test('the leading 48 bits are the clock, unless the clock stood still or stepped back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 1, maxLength: 50 }), (readings) => {
        const next = orderedIds(clockOf(readings), randomBytes)
        let last = -1
        for (const ms of readings) {
          const stamp = parseInt(next().replace(/-/g, '').slice(0, 12), 16)
          // Fewer than 4 096 ids here, so the counter never borrows: a clock that did not move on keeps the last stamp.
          expect(stamp).toBe(ms > last ? ms : last)
          last = stamp
        }
      }),
    )
  })

  test('more than 4 096 ids in one millisecond still come in order, borrowing the next millisecond', () => {
    const next = orderedIds(() => 1_700_000_000_000, randomBytes)
    const ids = Array.from({ length: 10_000 }, next)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    expect(parseInt(ids[ids.length - 1].replace(/-/g, '').slice(0, 12), 16)).toBe(1_700_000_000_002)
  })

  test('62 bits are random: two makers on one clock never make the same id', () => {
    const a = orderedIds(() => 1_700_000_000_000)
    const b = orderedIds(() => 1_700_000_000_000)
    const ids = new Set(Array.from({ length: 1000 }, () => [a(), b()]).flat())
    expect(ids.size).toBe(2000)
  })
})
