import fc from 'fast-check'
import { addChinaDays, chinaDaysBetween } from './ChinaTime'
import { forecast, isFlagged, type HistoryPoint } from './Forecast'

const TODAY = '2020-05-31'
const DEADLINE = '2020-06-30'

/** One point a day for the 29 days up to today: `doneOn(day)` done, `total` items in all. */
function daily(total: number, doneOn: (day: number) => number, days = 29): HistoryPoint[] {
  return Array.from({ length: days }, (_, k) => {
    const day = 29 - days + k // 0 is four weeks ago, 28 is today
    const done = doneOn(day)
    return { date: addChinaDays(TODAY, day - 28), done, remaining: total - done }
  })
}

/** One point at the start of each of the last four weeks and today, from each week's throughput. */
function weekly(startDone: number, perWeek: number[], remaining: number): HistoryPoint[] {
  const total = startDone + perWeek.reduce((a, b) => a + b, 0) + remaining
  let done = startDone
  const points = [{ date: addChinaDays(TODAY, -28), done, remaining: total - done }]
  perWeek.forEach((w, k) => {
    done += w
    points.push({ date: addChinaDays(TODAY, -21 + 7 * k), done, remaining: total - done })
  })
  return points
}

describe('forecast on synthetic histories', () => {
  test('steady: ten a week with sixty left ends twelve days after the deadline (the issue’s sentence)', () => {
    const f = forecast({ history: daily(100, (d) => Math.floor((10 * d) / 7)), today: TODAY, deadline: DEADLINE })
    expect(f).toMatchObject({ status: 'late', weeklyDone: [10, 10, 10, 10], perWeek: 10, done: 40, remaining: 60, projectedOn: '2020-07-12', daysPastDeadline: 12 })
    expect(f.sentence).toBe('按目前进度，预计2020年7月12日办完，比截止日期晚12天。')
    expect(isFlagged(f)).toBe(true)
  })

  test('steady with less left: three days before the deadline, not flagged', () => {
    const f = forecast({ history: daily(78, (d) => Math.floor((10 * d) / 7)), today: TODAY, deadline: DEADLINE })
    expect(f).toMatchObject({ status: 'onTrack', remaining: 38, projectedOn: '2020-06-27', daysPastDeadline: -3 })
    expect(f.sentence).toBe('按目前进度，预计2020年6月27日办完，比截止日期早3天。')
    expect(isFlagged(f)).toBe(false)
  })

  test('stalled: nothing done in four weeks while items remain cannot finish at this pace', () => {
    const f = forecast({ history: daily(25, () => 5), today: TODAY, deadline: DEADLINE })
    expect(f).toMatchObject({ status: 'stalled', weeklyDone: [0, 0, 0, 0], perWeek: 0, remaining: 20, projectedOn: null, daysPastDeadline: null })
    expect(f.sentence).toBe('近四周没有进展，按目前进度办不完。')
    expect(isFlagged(f)).toBe(true)
  })

  test('accelerating: the average of the four weeks sets the pace, not the last week alone', () => {
    const f = forecast({ history: weekly(0, [2, 4, 8, 16], 30), today: TODAY, deadline: DEADLINE })
    // 30 left at 7.5 a week: 28 days; the last week's 16 alone would say 14.
    expect(f).toMatchObject({ status: 'onTrack', weeklyDone: [2, 4, 8, 16], perWeek: 7.5, projectedOn: '2020-06-28', daysPastDeadline: -2 })
    expect(f.sentence).toBe('按目前进度，预计2020年6月28日办完，比截止日期早2天。')
  })

  test('finished: nothing left', () => {
    const f = forecast({ history: daily(50, (d) => Math.min(50, 2 * d)), today: TODAY, deadline: DEADLINE })
    expect(f).toMatchObject({ status: 'finished', done: 50, remaining: 0, projectedOn: null })
    expect(f.sentence).toBe('已全部办完。')
    expect(isFlagged(f)).toBe(false)
  })

  test('a unit with no cases: no snapshots, or snapshots of nothing', () => {
    for (const history of [[], daily(0, () => 0)]) {
      const f = forecast({ history, today: TODAY, deadline: DEADLINE })
      expect(f).toMatchObject({ status: 'noItems', done: 0, remaining: 0, projectedOn: null })
      expect(f.sentence).toBe('没有需要办理的事项。')
    }
  })

  test('a short history: the weeks before the first snapshot are unknown, and under a week there is no forecast', () => {
    const tenDays = forecast({ history: daily(40, (d) => d - 18, 10), today: TODAY, deadline: DEADLINE })
    expect(tenDays).toMatchObject({ status: 'onTrack', weeklyDone: [null, null, null, 7], perWeek: 7, remaining: 30, projectedOn: '2020-06-30', daysPastDeadline: 0 })
    expect(tenDays.sentence).toBe('按目前进度，预计2020年6月30日办完，正好赶上截止日期。')
    const twoWeeksStalled = forecast({ history: daily(40, () => 3, 15), today: TODAY, deadline: DEADLINE })
    expect(twoWeeksStalled).toMatchObject({ status: 'stalled', weeklyDone: [null, null, 0, 0] })
    expect(twoWeeksStalled.sentence).toBe('近两周没有进展，按目前进度办不完。')
    const threeDays = forecast({ history: daily(40, (d) => d, 3), today: TODAY, deadline: DEADLINE })
    expect(threeDays).toMatchObject({ status: 'tooEarly', weeklyDone: [null, null, null, null], perWeek: null, projectedOn: null })
    expect(threeDays.sentence).toBe('记录还不满一周，暂时算不出预计办完的日期。')
  })

  test('a missing day reads as the day before it; points after today are ignored', () => {
    const history = daily(100, (d) => Math.floor((10 * d) / 7)).filter((p) => p.date !== addChinaDays(TODAY, -7))
    history.push({ date: addChinaDays(TODAY, 3), done: 100, remaining: 0 })
    const f = forecast({ history, today: TODAY, deadline: DEADLINE })
    // done was 28 on day 20 (the last point before day 21), 40 today.
    expect(f).toMatchObject({ weeklyDone: [10, 10, 8, 12], remaining: 60, status: 'late' })
  })

  test('a fall in done (a case left the scope) counts as no progress', () => {
    const f = forecast({ history: weekly(20, [5, -3, 5, 5], 10), today: TODAY, deadline: DEADLINE })
    expect(f.weeklyDone).toEqual([5, 0, 5, 5])
  })

  test('past the deadline with items left is late; with no deadline the sentence names none', () => {
    const history = weekly(0, [7, 7, 7, 7], 14)
    expect(forecast({ history, today: TODAY, deadline: '2020-03-31' })).toMatchObject({ status: 'late', projectedOn: '2020-06-14', daysPastDeadline: 75 })
    const open = forecast({ history, today: TODAY, deadline: null })
    expect(open).toMatchObject({ status: 'onTrack', projectedOn: '2020-06-14', daysPastDeadline: null })
    expect(open.sentence).toBe('按目前进度，预计2020年6月14日办完。')
  })
})

describe('forecast properties', () => {
  const week = fc.integer({ min: 0, max: 500 })
  const weeks = fc.tuple(week, week, week, week)
  const left = fc.integer({ min: 0, max: 5000 })
  const deadline = fc.integer({ min: -200, max: 400 }).map((d) => addChinaDays(TODAY, d))

  test('the projection never comes before today, and late means after the deadline', () => {
    fc.assert(
      fc.property(weeks, left, deadline, fc.integer({ min: 0, max: 1000 }), (w, remaining, due, start) => {
        const f = forecast({ history: weekly(start, w, remaining), today: TODAY, deadline: due })
        if (f.projectedOn !== null) expect(f.projectedOn > TODAY).toBe(true)
        expect(f.status === 'late').toBe(f.projectedOn !== null && f.projectedOn > due)
        if (f.daysPastDeadline !== null) expect(f.daysPastDeadline).toBe(chinaDaysBetween(due, f.projectedOn!))
        expect(f.projectedOn === null).toBe(['finished', 'noItems', 'stalled', 'tooEarly'].includes(f.status))
      }),
    )
  })

  test('more throughput never projects later', () => {
    fc.assert(
      fc.property(weeks, weeks, fc.integer({ min: 1, max: 5000 }), (w, extra, remaining) => {
        const slow = forecast({ history: weekly(0, w, remaining), today: TODAY, deadline: DEADLINE })
        const fast = forecast({ history: weekly(0, w.map((x, k) => x + extra[k]), remaining), today: TODAY, deadline: DEADLINE })
        if (slow.projectedOn !== null) expect(fast.projectedOn !== null && fast.projectedOn <= slow.projectedOn).toBe(true)
        if (slow.status === 'late') expect(fast.daysPastDeadline!).toBeLessThanOrEqual(slow.daysPastDeadline!)
      }),
    )
  })

  test('the weeks measured add up to what was done in four weeks; the pace finishes what is left by the projected day', () => {
    fc.assert(
      fc.property(weeks, fc.integer({ min: 1, max: 5000 }), (w, remaining) => {
        const f = forecast({ history: weekly(0, w, remaining), today: TODAY, deadline: DEADLINE })
        expect(f.weeklyDone).toEqual(w)
        if (f.projectedOn === null) return expect(f.status).toBe('stalled')
        const days = chinaDaysBetween(TODAY, f.projectedOn)
        // At perWeek a week, `days` days suffice and one day fewer does not.
        expect((days * f.perWeek!) / 7).toBeGreaterThanOrEqual(remaining - 1e-9)
        expect(((days - 1) * f.perWeek!) / 7).toBeLessThan(remaining)
      }),
    )
  })
})
