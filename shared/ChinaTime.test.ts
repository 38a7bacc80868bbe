import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import fc from 'fast-check'
import { CHINA_OFFSET_MINUTES, chinaDateOf, chinaDaysBetween, endOfChinaDay, formatChinaDate, formatChinaDateTime, isChinaDate } from './ChinaTime'

describe('China time', () => {
  test('a UTC instant late in the evening is already the next day in China', () => {
    expect(chinaDateOf('2020-03-30T15:59:59.999Z')).toBe('2020-03-30')
    expect(chinaDateOf('2020-03-30T16:00:00.000Z')).toBe('2020-03-31')
  })
  test('for any instant, as a Date or an ISO string, the China date is the one dayjs gives at +08:00', () => {
    dayjs.extend(utc)
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const expected = dayjs.utc(d).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD')
        expect(chinaDateOf(d)).toBe(expected)
        expect(chinaDateOf(d.toISOString())).toBe(expected)
      }),
    )
  })
  test('a deadline day ends at 24:00 China time, which is 16:00 UTC', () => {
    expect(endOfChinaDay('2020-03-31').toISOString()).toBe('2020-03-31T15:59:59.999Z')
  })
  test('days between China dates cross month and year ends', () => {
    expect(chinaDaysBetween('2020-03-20', '2020-03-31')).toBe(11)
    expect(chinaDaysBetween('2019-12-31', '2020-01-01')).toBe(1)
    expect(chinaDaysBetween('2020-04-01', '2020-03-31')).toBe(-1)
  })
  test('formats in Chinese', () => {
    expect(formatChinaDate('2020-03-05')).toBe('2020年3月5日')
    expect(formatChinaDateTime('2020-03-20T01:00:00Z')).toBe('2020年3月20日 09:00')
  })
  test('checks calendar dates', () => {
    expect(isChinaDate('2020-02-29')).toBe(true)
    expect(isChinaDate('2019-02-29')).toBe(false)
    expect(isChinaDate('2020-3-1')).toBe(false)
  })
})
