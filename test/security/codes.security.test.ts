/**
 * One-time codes guessed in parallel: visit fallback codes (per worker), community binding codes
 * and staff invitation codes (per WeChat). Each limit is counted before the code is looked up,
 * so however the calls interleave, no more guesses reach the lookup than the limit allows.
 */
import { ASSIST_CODE_ATTEMPTS_PER_DAY, STAFF_JOIN_ATTEMPTS_PER_DAY, VISIT_CODE_ATTEMPTS_PER_DAY } from '../../shared/AttemptLimits'
import { explore, outcomes, RUNS } from '../support/racingCloud'
import { recordFigure } from './figures'

const PARALLEL = 50

const cases = [
  { area: 'visit fallback code', limit: VISIT_CODE_ATTEMPTS_PER_DAY, call: (i: number) => ['dev-grid-wulan', 'visit.open', { code: String(30_000_000 + i) }] as const },
  { area: 'community binding code', limit: ASSIST_CODE_ATTEMPTS_PER_DAY, call: (i: number) => ['wx-guesser', 'binding.redeem', { code: String(40_000_000 + i) }] as const },
  { area: 'staff invitation code', limit: STAFF_JOIN_ATTEMPTS_PER_DAY, call: (i: number) => ['wx-guesser', 'staff.join', { code: `GUESS${String(100 + i).replace(/[01]/g, 'X')}`, name: '冒充', phone: '13900000000' }] as const },
]

test.each(cases)(`${PARALLEL} parallel guesses of a $area: no more reach the lookup than its limit, none is accepted`, async ({ area, limit, call }) => {
  let slipped = 0
  await explore(
    async () => null,
    (racingCall) =>
      Array.from({ length: PARALLEL }, (_, i) => {
        const [userId, action, input] = call(i)
        return racingCall(userId, action, input)
      }),
    async (results) => {
      const { NOT_FOUND = 0, ok = 0 } = outcomes(results)
      slipped += Math.max(0, NOT_FOUND - limit) + ok
      expect(ok).toBe(0)
      expect(NOT_FOUND).toBe(limit)
    },
  )
  recordFigure({ area: `Concurrency: ${area} limit`, tried: `${PARALLEL} parallel guesses × ${RUNS} interleavings`, failures: slipped, failureName: 'slipped past' })
})
