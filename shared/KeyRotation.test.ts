import fc from 'fast-check'
import { advance, SEALED_KINDS, type KeyRotation } from './KeyRotation'

const T0 = '2026-01-01T00:00:00.000Z'
const start: KeyRotation = { id: 'k2', version: 1, pass: 1, kind: 'cases', after: null, passStartedAt: T0, foundThisPass: 0, lastFoundAt: null, resealed: 0, unopenable: 0, startedAt: T0, doneAt: null }
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000)
const none = { found: 0, unopenable: 0 }

describe('the key rotation’s progress, page by page', () => {
  test.each([
    ['a page with more to come moves the cursor within the kind', start, 'case-0200', { found: 3, unopenable: 0 }, { kind: 'cases', after: 'case-0200', foundThisPass: 3, resealed: 3, lastFoundAt: at(10).toISOString(), doneAt: null }],
    ['the end of a kind begins the next', { ...start, after: 'case-0200' }, null, none, { kind: 'rosterPreview', after: null, pass: 1, doneAt: null }],
    ['the end of the last kind, values found in the pass: another pass', { ...start, kind: 'referral', foundThisPass: 5, lastFoundAt: T0 }, null, none, { kind: 'cases', pass: 2, foundThisPass: 0, passStartedAt: at(10).toISOString(), doneAt: null }],
    ['the end of the last kind, nothing found, settled: done', { ...start, kind: 'referral', passStartedAt: at(0).toISOString(), lastFoundAt: at(-60).toISOString() }, null, none, { doneAt: at(10).toISOString(), pass: 1 }],
    ['the end of the last kind, nothing found, but begun too soon after the last find: another pass', { ...start, kind: 'referral', passStartedAt: at(0).toISOString(), lastFoundAt: at(-59).toISOString() }, null, none, { doneAt: null, pass: 2 }],
    ['a value nobody can open does not keep the job from ending; it is counted', { ...start, kind: 'referral' }, null, { found: 0, unopenable: 1 }, { doneAt: at(10).toISOString(), unopenable: 1 }],
  ] as const)('%s', (_name, state, cursor, seen, expected) => {
    const next = advance(state as KeyRotation, cursor, seen, at(10), 60_000)
    expect(next).toMatchObject(expected)
    expect(next.version).toBe(state.version + 1)
  })

  test('for any run of pages, the job is done only after a whole pass (every kind) that found nothing', () => {
    const page = fc.record({ more: fc.boolean(), found: fc.nat({ max: 3 }) })
    fc.assert(
      fc.property(fc.array(page, { maxLength: 60 }), (pages) => {
        let state = start
        let foundSincePassStart = 0
        let kindsEnded = 0
        for (const [i, p] of pages.entries()) {
          if (state.doneAt !== null) break
          const before = state
          state = advance(state, p.more ? `c${i}` : null, { found: p.found, unopenable: 0 }, at(i), 0)
          foundSincePassStart += p.found
          if (!p.more) kindsEnded++
          if (state.doneAt !== null) {
            expect(foundSincePassStart).toBe(0)
            expect(before.kind).toBe(SEALED_KINDS[SEALED_KINDS.length - 1])
            expect(kindsEnded).toBeGreaterThanOrEqual(SEALED_KINDS.length)
          }
          if (state.pass !== before.pass) [foundSincePassStart, kindsEnded] = [0, 0]
        }
      }),
    )
  })
})
