import fc from 'fast-check'
import { chinaDateOf, chinaDaysBetween } from './ChinaTime'
import {
  answerDueDay,
  CONCERN_ACTS,
  CONCERN_CATEGORIES,
  CONCERN_ROUTES,
  concernAllows,
  concernQueues,
  ladderKey,
  mayAnswerConcern,
  dueLevel,
  escalationAt,
  isOverdue,
  routeConcern,
  routingStage,
  ROUTING_STAGES,
  unitsOfStaff,
  type ConcernCategory,
  type RoutingStage,
} from './Concern'
import { quietUntil } from './Delivery'
import { POLICIES } from './testing/policies'
import type { ResponsibleParty } from './Stage'

/**
 * Every category at every routing stage, written out by hand from DOMAIN.md (who does what): the
 * table in Concern.ts must agree cell by cell. E enterprise, C community, P community party
 * organisation, A archives bureau, H 人社局, M 医保局.
 */
const EXPECTED: Record<ConcernCategory, string> = {
  //                roster materials agreement personnelFile partyRelation socialSecurity takenIn finished outOfScope
  pension: /*    */ 'H H H H H H H H H',
  medicalInsurance: 'M M M M M M M M M',
  personnelFile: /**/ 'E E E A A A A A E',
  partyRelation: /**/ 'E E E E P P P P E',
  communityService: 'E E E E E E E C E',
  outOfPool: /*  */ 'E E E E E E E E E',
  other: /*      */ 'E E E E E E E C E',
}
const LETTER: Record<string, ResponsibleParty> = { E: 'enterprise', C: 'community', P: 'communityParty', A: 'archives', H: 'hrss', M: 'medicalInsurance' }

const caseAt = (stage: RoutingStage) => ({
  enterpriseId: 'e1',
  summary: {
    inScope: stage !== 'outOfScope',
    done: stage === 'finished',
    currentStage: stage === 'finished' || stage === 'outOfScope' ? null : stage,
    receivingCommunityId: 'c1',
  },
})

describe.each(CONCERN_CATEGORIES)('a concern about %s', (category) => {
  test.each(ROUTING_STAGES.map((s, i) => [s, LETTER[EXPECTED[category].split(' ')[i]]] as const))('at %s goes to %s', (stage, party) => {
    const c = caseAt(stage)
    expect(routingStage(c.summary)).toBe(stage)
    const unit = routeConcern(category, c)
    expect(unit.kind).toBe(party)
    // Bound to the case's own enterprise or receiving community; a bureau is city-wide.
    expect(unit.orgId).toBe(party === 'enterprise' ? 'e1' : party === 'community' || party === 'communityParty' ? 'c1' : null)
  })
})

test('the expected table covers the routing table, no more and no less', () => {
  for (const category of CONCERN_CATEGORIES) expect(Object.keys(CONCERN_ROUTES[category]).sort()).toEqual([...ROUTING_STAGES].sort())
})

test('social services go to the enterprise until the community has taken the person in, then to the community', () => {
  expect(routeConcern('communityService', caseAt('takenIn')).kind).toBe('enterprise')
  expect(routeConcern('communityService', caseAt('finished'))).toEqual({ kind: 'community', orgId: 'c1' })
})

test('staff answer for their own unit only; the bureau is the officer’s org', () => {
  expect(unitsOfStaff({ role: 'enterpriseOperator', orgId: 'e1' })).toEqual(['enterprise:e1'])
  expect(unitsOfStaff({ role: 'gridWorker', orgId: 'c1' })).toEqual(['community:c1'])
  expect(unitsOfStaff({ role: 'communityAdmin', orgId: 'c1' })).toEqual(['community:c1'])
  expect(unitsOfStaff({ role: 'communityPartySecretary', orgId: 'c1' })).toEqual(['communityParty:c1'])
  expect(unitsOfStaff({ role: 'socialSecurityOfficer', orgId: 'hrss' })).toEqual(['hrss'])
  expect(unitsOfStaff({ role: 'socialSecurityOfficer', orgId: 'medicalInsurance' })).toEqual(['medicalInsurance'])
  expect(unitsOfStaff({ role: 'archivesOfficer', orgId: 'archives' })).toEqual(['archives'])
  expect(unitsOfStaff({ role: 'supervisor', orgId: 'office' })).toEqual([])
  expect(unitsOfStaff({ role: 'retiree', orgId: 'e1' })).toEqual([])
})

test('only a submitted concern can be answered, and only an answered one rated', () => {
  expect(concernAllows('submitted', 'answer')).toBe(true)
  expect(concernAllows('submitted', 'rate')).toBe(false)
  expect(concernAllows('answered', 'rate')).toBe(true)
  expect(concernAllows('answered', 'answer')).toBe(false)
  for (const closed of ['resolved', 'notResolved'] as const) expect(CONCERN_ACTS[closed]).toEqual([])
})

describe.each(POLICIES)('escalation under %s', (_id, policy) => {
  const times = policy.concerns
  const instant = fc.date({ min: new Date('2019-09-01T00:00:00Z'), max: new Date('2021-12-31T00:00:00Z'), noInvalidDate: true })

  test('each step comes after the China due day, escalateEveryDays apart, and never in quiet hours', () => {
    fc.assert(
      fc.property(instant, (raised) => {
        const raisedAt = raised.toISOString()
        const steps = ([1, 2, 3] as const).map((l) => escalationAt(answerDueDay(raisedAt, times), l, times))
        for (const [i, at] of steps.entries()) {
          expect(quietUntil(at)).toBeNull()
          // The first step on the China day after the answer day; each next one escalateEveryDays later.
          expect(chinaDaysBetween(chinaDateOf(raisedAt), chinaDateOf(at))).toBe(times.answerDays + 1 + i * times.escalateEveryDays)
          // At 08:00 China time: the first hour out of quiet hours.
          expect(new Date(at.getTime() + 8 * 3600_000).getUTCHours()).toBe(8)
        }
        expect(steps[0] < steps[1] && steps[1] < steps[2]).toBe(true)
      }),
    )
  })

  test('an unanswered concern climbs one step at each escalation time and never comes down; an answered one stays', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * 24 }), (raised, hours) => {
        const c = { answerDue: answerDueDay(raised.toISOString(), times), status: 'submitted' as const, level: 0 }
        const now = new Date(raised.getTime() + hours * 3600_000)
        const level = dueLevel(c, now, times)
        const passed = ([1, 2, 3] as const).filter((l) => escalationAt(c.answerDue, l, times) <= now).length
        expect(level).toBe(passed)
        expect(dueLevel(c, new Date(now.getTime() + 3600_000), times)).toBeGreaterThanOrEqual(level)
        // Overdue exactly when the answer day is over, before or as the first step lands.
        expect(isOverdue(c, now)).toBe(chinaDateOf(now) > chinaDateOf(new Date(escalationAt(c.answerDue, 1, times).getTime() - 86_400_000)))
        expect(dueLevel({ ...c, status: 'answered', level: 1 }, now, times)).toBe(1)
        expect(dueLevel({ ...c, level: 3 }, now, times)).toBe(3)
      }),
    )
  })

  test('raised late on the evening of a day, it is not escalated in the night but at 08:00', () => {
    // 22:30 China time on 2020-03-20: the answer day is answerDays later; the first step the morning after.
    const answerDue = answerDueDay('2020-03-20T14:30:00.000Z', times)
    expect(answerDue).toBe(`2020-03-${20 + times.answerDays}`)
    const first = escalationAt(answerDue, 1, times)
    expect(first.toISOString()).toBe(new Date(Date.UTC(2020, 2, 20 + times.answerDays + 1, 0, 0)).toISOString())
    expect(dueLevel({ answerDue, status: 'submitted', level: 0 }, new Date(first.getTime() - 1), times)).toBe(0)
    expect(dueLevel({ answerDue, status: 'submitted', level: 0 }, first, times)).toBe(1)
  })
})

describe('the ladder: who holds a concern, and who may answer it', () => {
  const c = { unit: 'community:c1', enterpriseId: 'e1', level: 0 }

  test('each level has its holder: the unit, its admin, the enterprise’s stability contact, the office', () => {
    expect(([0, 1, 2, 3] as const).map((l) => ladderKey(c, l))).toEqual(['community:c1', 'admin:community:c1', 'stability:e1', 'office'])
    expect(ladderKey({ unit: 'hrss', enterpriseId: 'e1' }, 1)).toBe('admin:hrss')
  })

  test('staff lists: the unit’s own, the admin lists, the stability list for the contact only, the office’s', () => {
    expect(concernQueues({ role: 'communityAdmin', orgId: 'c1' }, false)).toEqual(['community:c1', 'admin:community:c1', 'admin:communityParty:c1'])
    expect(concernQueues({ role: 'gridWorker', orgId: 'c1' }, false)).toEqual(['community:c1'])
    expect(concernQueues({ role: 'enterpriseOperator', orgId: 'e1' }, false)).toEqual(['enterprise:e1', 'admin:enterprise:e1'])
    expect(concernQueues({ role: 'enterpriseOperator', orgId: 'e1' }, true)).toEqual(['enterprise:e1', 'admin:enterprise:e1', 'stability:e1'])
    expect(concernQueues({ role: 'supervisor', orgId: 'office' }, false)).toEqual(['office'])
  })

  test('a level’s holder may answer once the concern has reached it; the unit always', () => {
    const grid = concernQueues({ role: 'gridWorker', orgId: 'c1' }, false)
    const admin = concernQueues({ role: 'communityAdmin', orgId: 'c1' }, false)
    const contact = concernQueues({ role: 'enterpriseOperator', orgId: 'e1' }, true)
    const office = concernQueues({ role: 'supervisor', orgId: 'office' }, false)
    for (const level of [0, 1, 2, 3]) {
      const at = { ...c, level }
      expect([mayAnswerConcern(grid, at), mayAnswerConcern(admin, at), mayAnswerConcern(contact, at), mayAnswerConcern(office, at)]).toEqual([true, true, level >= 2, level >= 3])
    }
    // Another community's staff never.
    expect(mayAnswerConcern(concernQueues({ role: 'communityAdmin', orgId: 'c2' }, false), { ...c, level: 3 })).toBe(false)
  })
})
