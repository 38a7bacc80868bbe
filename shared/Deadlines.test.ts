import fc from 'fast-check'
import { addChinaDays, chinaDateOf } from './ChinaTime'
import { recordStep } from './CaseState'
import { lastFixedDeadline, policyForCase, stageDeadline, usesRelativeDeadlines } from './Deadlines'
import { parsePolicy } from './Policy'
import { erenhot2019 } from './policies/erenhot2019'
import { makeCase, stepOf, withSteps } from './testing/fixtures'
import { POLICIES } from './testing/policies'

describe.each(POLICIES)('%s: fixed dates for the roster, days after opening for new retirees', (_, policy) => {
  const last = lastFixedDeadline(policy)!
  // The last China day of the fixed dates ends at 16:00 UTC.
  const lastMoment = new Date(Date.parse(`${last}T16:00:00Z`) - 1).toISOString()
  const firstAfter = `${last}T16:00:00.000Z`

  it('keeps the fixed dates for a case that opens on the last fixed deadline, China time', () => {
    const c = makeCase(policy, { openedAt: lastMoment })
    expect(chinaDateOf(lastMoment)).toBe(last)
    for (const s of policy.stages) if (c.summary.stages[s.id]) expect(c.summary.stages[s.id]!.deadline).toBe(s.deadline)
  })

  it('counts from the opening day for a case that opens the next China day', () => {
    const c = makeCase(policy, { openedAt: firstAfter })
    const openedOn = addChinaDays(last, 1)
    expect(chinaDateOf(firstAfter)).toBe(openedOn)
    for (const s of policy.stages) if (c.summary.stages[s.id]) expect(c.summary.stages[s.id]!.deadline).toBe(addChinaDays(openedOn, s.daysAfterOpening!))
    expect(c.summary.nextDeadline).toBe(addChinaDays(openedOn, policy.stages[0].daysAfterOpening!))
    expect(c.summary.openItems).toEqual([{ stage: 'roster', deadline: addChinaDays(openedOn, policy.stages[0].daysAfterOpening!) }])
  })

  it('keeps a case’s own deadlines as its steps are recorded', () => {
    const opened = makeCase(policy, { openedAt: '2023-05-10T02:00:00Z' })
    const later = withSteps(policy, opened, ['rosterConfirmed', 'materialsSubmitted'], Date.parse('2023-05-12T02:00:00Z'))
    expect(later.summary.stages.materials).toMatchObject({ state: 'done', deadline: '2023-06-09', completedOn: '2023-05-13' })
    expect(later.summary.stages.agreement?.deadline).toBe(addChinaDays('2023-05-10', policy.stages.find((s) => s.id === 'agreement')!.daysAfterOpening!))
  })

  it('holds for every opening instant: fixed up to the last deadline, N days after opening from then on, in the order of the stages', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }), (at) => {
        const openedOn = chinaDateOf(at)
        const own = policyForCase(policy, at.toISOString())
        for (const s of own.stages) {
          const rule = policy.stages.find((p) => p.id === s.id)!
          const expected = openedOn > last ? addChinaDays(openedOn, rule.daysAfterOpening!) : rule.deadline
          expect(s.deadline).toBe(expected)
          expect(stageDeadline(policy, rule, openedOn)).toBe(expected)
          for (const a of s.after) {
            const before = own.stages.find((p) => p.id === a)!
            if (before.deadline && s.deadline) expect(before.deadline <= s.deadline).toBe(true)
          }
        }
        expect(usesRelativeDeadlines(policy, openedOn)).toBe(openedOn > last)
      }),
      { numRuns: 300 },
    )
  })
})

describe('a policy’s days after opening', () => {
  const file = JSON.parse(JSON.stringify(erenhot2019))
  it('must be given for every stage with a fixed date, once any stage gives them', () => {
    const missing = { ...file, stages: file.stages.map((s: { id: string }) => (s.id === 'agreement' ? { ...s, daysAfterOpening: undefined } : s)) }
    expect(() => parsePolicy(missing)).toThrow(/签订移交协议.*daysAfterOpening/)
  })
  it('may not be fewer than a stage that must come first', () => {
    const early = { ...file, stages: file.stages.map((s: { id: string }) => (s.id === 'takenIn' ? { ...s, daysAfterOpening: 10 } : s)) }
    expect(() => parsePolicy(early)).toThrow(/开案后天数少于它的前置环节/)
  })
  it('are optional for a policy with fixed dates only', () => {
    const fixedOnly = { ...file, stages: file.stages.map(({ daysAfterOpening: _, ...s }: { daysAfterOpening?: number }) => s) }
    const policy = parsePolicy(fixedOnly)
    const c = makeCase(policy, { openedAt: '2024-01-01T02:00:00Z' })
    expect(c.summary.stages.roster?.deadline).toBeNull()
    expect(recordStep(policy, c, stepOf('rosterConfirmed'), { userId: 'u', role: 'enterpriseOperator' }, new Date('2024-01-02T02:00:00Z'), 'a1').summary.stages.roster?.state).toBe('done')
  })
})
