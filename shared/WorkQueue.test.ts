import fc from 'fast-check'
import { addChinaDays } from './ChinaTime'
import { bandEnds, QUEUE_BANDS, queueBand, queueTotals } from './WorkQueue'

const chinaDate = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2021-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))

test('a deadline falls in exactly the band its distance from today says', () => {
  const today = '2020-03-20'
  expect(queueBand('2020-03-19', today)).toBe('overdue')
  expect(queueBand('2020-03-20', today)).toBe('week')
  expect(queueBand('2020-03-27', today)).toBe('week')
  expect(queueBand('2020-03-28', today)).toBe('month')
  expect(queueBand('2020-04-19', today)).toBe('month')
  expect(queueBand('2020-04-20', today)).toBe('later')
  expect(queueBand(null, today)).toBe('undated')
  expect(addChinaDays('2020-02-28', 2)).toBe('2020-03-01')
  expect(addChinaDays('2019-12-31', 1)).toBe('2020-01-01')
})

test('band totals from the store’s counts equal a count of each band, for any deadlines', () => {
  fc.assert(
    fc.property(chinaDate, fc.array(fc.option(chinaDate, { nil: null }), { maxLength: 60 }), fc.nat(9), fc.nat(9), (today, deadlines, done, outOfScope) => {
      const ends = bandEnds(today)
      const counts = {
        open: deadlines.length,
        openBefore: ends.map((end) => deadlines.filter((d) => d !== null && d < end).length),
        openUndated: deadlines.filter((d) => d === null).length,
        done,
        outOfScope,
      }
      const byBand = Object.fromEntries(QUEUE_BANDS.map((b) => [b, deadlines.filter((d) => queueBand(d, today) === b).length]))
      expect(queueTotals(counts)).toEqual({ ...byBand, open: deadlines.length, done, outOfScope })
    }),
  )
})
