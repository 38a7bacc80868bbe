import fc from 'fast-check'
import { assessment, assessmentScore, assessUnits, onTimeShare, type AssessmentCounts } from './Assessment'
import { unitKey, unitStandings } from './Board'
import type { RetireeCase } from './Case'
import { chinaDaysBetween } from './ChinaTime'
import { countFigures } from './Figures'
import { erenhot2019 as policy } from './policies/erenhot2019'
import { qingyuan2020 } from './policies/qingyuan2020'
import { caseSets } from './testing/randomCases'
import { makeCase, unitOfParty, withSteps } from './testing/fixtures'
import { stageParties } from './Stage'

/** The assessment counted case by case, straight from each stage's summary. */
function bruteForce(cases: RetireeCase[], date: string, under = policy): Map<string, AssessmentCounts> {
  const out = new Map<string, AssessmentCounts>()
  for (const c of cases) {
    for (const stage of under.stages) {
      const s = c.summary.stages[stage.id]
      if (!s || s.deadline === null || s.deadline > date) continue
      // Done: every party of the stage answers for it; not done: the one party, or of a shared stage whoever answers now (the first while it waits).
      const parties = stageParties(stage)
      const who = s.state === 'done' || parties.length === 1 ? parties : s.state === 'open' ? [s.party!] : parties.slice(0, 1)
      for (const unit of who.map((p) => unitOfParty(p, c))) {
        const row = out.get(unit) ?? { due: 0, onTime: 0, lateDone: 0, overdue: 0, daysLate: 0 }
        row.due++
        // A done stage without a day (none in practice) counts as done on its deadline, as the figures keep it.
        const doneOn = s.state === 'done' ? (s.completedOn ?? s.deadline) : null
        if (s.state === 'done' && s.completedOn !== null && s.completedOn <= s.deadline) row.onTime++
        else if (doneOn !== null && doneOn <= date) {
          row.lateDone++
          row.daysLate += chinaDaysBetween(s.deadline, doneOn)
        } else {
          row.overdue++
          row.daysLate += chinaDaysBetween(s.deadline, date)
        }
        out.set(unit, row)
      }
    }
  }
  return out
}

const dates = fc.constantFrom('2019-11-29', '2019-11-30', '2020-03-31', '2020-05-01', '2020-06-30', '2020-10-31', '2021-02-01')

describe('assessment', () => {
  it('equals a count case by case, for every unit of the board, on random case sets and dates', () => {
    fc.assert(
      fc.property(caseSets(policy), dates, (cases, date) => {
        const figures = countFigures(cases.map((value) => ({ kind: 'case' as const, value })))
        const units = assessUnits(policy, figures, date)
        expect(units.map((u) => unitKey(u.unit))).toEqual(unitStandings(policy, figures, date).map((s) => unitKey(s.unit)))
        const expected = bruteForce(cases, date)
        for (const { unit, ...counts } of units) expect(counts).toEqual(expected.get(unitKey(unit)) ?? { due: 0, onTime: 0, lateDone: 0, overdue: 0, daysLate: 0 })
        for (const key of expected.keys()) expect(units.map((u) => unitKey(u.unit))).toContain(key)
      }),
      { numRuns: 200 },
    )
  })

  it('equals a count case by case under the second example policy too (青原市: its dates, the file after the handover)', () => {
    const qingyuanDates = fc.constantFrom('2020-05-31', '2020-08-31', '2020-09-01', '2020-11-30', '2021-01-15')
    fc.assert(
      fc.property(caseSets(qingyuan2020), qingyuanDates, (cases, date) => {
        const units = assessUnits(qingyuan2020, countFigures(cases.map((value) => ({ kind: 'case' as const, value }))), date)
        const expected = bruteForce(cases, date, qingyuan2020)
        for (const { unit, ...counts } of units) expect(counts).toEqual(expected.get(unitKey(unit)) ?? { due: 0, onTime: 0, lateDone: 0, overdue: 0, daysLate: 0 })
        for (const key of expected.keys()) expect(units.map((u) => unitKey(u.unit))).toContain(key)
      }),
      { numRuns: 60 },
    )
  })

  it('scores between 0 and full marks, higher for a better record', () => {
    const counts = fc.record({ due: fc.integer({ min: 1, max: 1000 }), a: fc.nat(1000), b: fc.nat(1000), daysLate: fc.nat(100_000) }).map(({ due, a, b, daysLate }) => {
      const onTime = a % (due + 1)
      const overdue = b % (due - onTime + 1)
      return { due, onTime, overdue, lateDone: due - onTime - overdue, daysLate }
    })
    fc.assert(
      fc.property(counts, (c) => {
        const score = assessmentScore(c, policy.assessment)!
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(policy.assessment.fullMarks)
        if (c.onTime < c.due) expect(assessmentScore({ ...c, onTime: c.onTime + 1, lateDone: Math.max(0, c.lateDone - 1), overdue: c.lateDone > 0 ? c.overdue : c.overdue - 1 }, policy.assessment)!).toBeGreaterThanOrEqual(score)
      }),
    )
    expect(assessmentScore({ due: 0, onTime: 0, lateDone: 0, overdue: 0, daysLate: 0 }, policy.assessment)).toBeNull()
  })

  it('reads its weights from the policy, marked as examples', () => {
    expect(policy.assessment.example).toBe(true)
    const c = { due: 10, onTime: 5, lateDone: 3, overdue: 2, daysLate: 40 }
    expect(assessmentScore(c, { ...policy.assessment, perAverageDayLate: 0, perOverduePercent: 0, perLatePercent: 1 })).toBe(50)
    expect(assessmentScore(c, { ...policy.assessment, fullMarks: 10, perLatePercent: 0, perOverduePercent: 0, perAverageDayLate: 1 })).toBe(6)
  })

  it('adds up a hand-checked example on 2020-10-31', () => {
    // Case 1, ent-a / com-a: roster 2019-10-01, materials 2019-10-02, agreement 2019-10-03 (community, then enterprise), all on time;
    //   personnelFile 2019-10-04 on time (archives); partyRelation does not apply (not a member);
    //   socialSecurity 2019-10-05 on time (人社局, then 医保局); takenIn open, deadline 2020-10-31 → overdue at its close, 0 days.
    const one = withSteps(policy, makeCase(policy, { id: 'c1', enterpriseId: 'ent-a', hukouCommunityId: 'com-a' }), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver'])
    // Case 2, ent-a / com-a: roster 2019-12-10 (deadline 2019-11-30: 10 days late), materials 2019-12-11 (11 days late),
    //   agreement never signed by the community (deadline 2020-03-31: 214 days to 2020-10-31), the rest waiting.
    const two = withSteps(policy, makeCase(policy, { id: 'c2', enterpriseId: 'ent-a', hukouCommunityId: 'com-a' }), ['rosterConfirmed', 'materialsSubmitted'], Date.parse('2019-12-10T02:00:00Z'))
    const figures = countFigures([one, two].map((value) => ({ kind: 'case' as const, value })))
    const view = assessment(policy, figures, '2020-10-31', (u) => unitKey(u))
    const row = (key: string) => view.rows.find((r) => r.unitKey === key)!
    // ent-a: roster and materials of both, case 1's agreement; case 2's agreement waits on the community, not on ent-a.
    expect(row('enterprise:ent-a')).toMatchObject({ due: 5, onTime: 3, lateDone: 2, overdue: 0, daysLate: 10 + 11 })
    // community: case 1's agreement on time (1), case 2's not signed (214 days), open takenIn (0 days), case 2's takenIn waiting (0 days).
    expect(row('community:com-a')).toMatchObject({ due: 4, onTime: 1, lateDone: 0, overdue: 3, daysLate: 214 })
    // archives: case 1 on time; case 2 waiting since 2020-06-30 → 123 days.
    expect(row('archives')).toMatchObject({ due: 2, onTime: 1, overdue: 1, daysLate: 123 })
    // 人社局 answers for case 2's waiting 社保 (its first step), due on the date itself (0 days); 医保局 only for case 1's.
    expect(row('hrss')).toMatchObject({ due: 2, onTime: 1, overdue: 1, daysLate: 0 })
    expect(row('medicalInsurance')).toMatchObject({ due: 1, onTime: 1, overdue: 0 })
    // The community's party organisation: neither is a party member.
    expect(row('communityParty:com-a')).toMatchObject({ due: 0, score: null, rank: null })
    // ent-a: 100 − 0.4 × 40 − 0.2 × 21/5 − 0 = 100 − 16 − 0.84 = 83.2
    expect(row('enterprise:ent-a').score).toBe(83.2)
    expect(onTimeShare(row('enterprise:ent-a'))).toBe(0.6)
    // hrss: 100 − 20 − 0 − 20 = 60; archives: 100 − 0.4 × 50 − 0.2 × 61.5 − 0.4 × 50 = 47.7; community: 100 − 30 − 0.2 × 53.5 − 30 = 29.3.
    expect(view.rows.map((r) => [r.unitKey, r.score, r.rank])).toEqual([
      ['medicalInsurance', 100, 1],
      ['enterprise:ent-a', 83.2, 2],
      ['hrss', 60, 3],
      ['archives', 47.7, 4],
      ['community:com-a', 29.3, 5],
      ['communityParty:com-a', null, null],
    ])
  })
})
