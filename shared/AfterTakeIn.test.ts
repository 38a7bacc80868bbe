import fc from 'fast-check'
import { isAppError } from './AppError'
import {
  careHistory,
  chinaYearOf,
  closeCase,
  NOT_DUE,
  qualificationCheckFor,
  qualificationDueYear,
  qualificationReminderDue,
  qualificationReminderText,
  recordCare,
  setQualification,
  transferCase,
} from './AfterTakeIn'
import { canAccessCase } from './Authorization'
import type { RetireeCase } from './Case'
import { CASE_STEP_TYPES } from './CaseAction'
import type { CaseCategories } from './Category'
import { checkStep, summarizeCase } from './CaseState'
import { communityUnit, countFigures } from './Figures'
import { inboxTextFor } from './Notifications'
import { erenhot2019 } from './policies/erenhot2019'
import { qingyuan2020 } from './policies/qingyuan2020'
import type { Role } from './Role'
import { throughSteps } from './testing/handedOver'
import { makeCase } from './testing/fixtures'
import type { User } from './User'

const AT = new Date('2020-12-01T02:00:00Z')
const user = (role: Role, orgId: string): User => ({ id: `u-${role}-${orgId}`, role, name: '测试', orgId })
const grid = user('gridWorker', 'com-a')
const hrss = user('socialSecurityOfficer', 'hrss')
const codeOf = (f: () => unknown): string => {
  try {
    f()
    return 'ok'
  } catch (e) {
    return isAppError(e) ? e.code : 'thrown'
  }
}
const figuresOf = (c: RetireeCase) => countFigures([{ kind: 'case', value: c }])

/** One per category of the per-category transition tests: every one ends taken in. */
const CATEGORIES: Array<[string, Partial<CaseCategories>]> = [
  ['ordinary SOE retiree', {}],
  ['party member', { partyMember: true }],
  ['leader managed by the municipal party committee', { municipalCadre: true }],
  ['classified files', { classified: true }],
]

describe.each([erenhot2019, qingyuan2020])('after take-in under $id', (policy) => {
  const takenIn = (categories: Partial<CaseCategories> = {}) => throughSteps(policy, makeCase(policy, { categories }))

  describe.each(CATEGORIES)('closing a case: %s', (_name, categories) => {
    test.each(['death', 'movedAway'] as const)('%s is terminal: every step, visit, transfer and field refused; record and figures kept', (reason) => {
      const before = takenIn(categories)
      expect(before.summary.done).toBe(true)
      const closed = closeCase(policy, before, { reason, on: '2020-11-30', note: '家属告知' }, grid, AT, 'act-close')
      // The history is kept whole, the closure appended.
      expect(closed.actions.slice(0, before.actions.length)).toEqual(before.actions)
      expect(closed.actions.at(-1)).toMatchObject({ type: 'caseClosed', reason, on: '2020-11-30', by: { userId: grid.id, role: 'gridWorker' } })
      expect(closed.summary.closed).toEqual({ reason, on: '2020-11-30' })
      // Out of open work: nothing open, nothing due; the board still counts it where it was (every stage done).
      expect(closed.summary).toMatchObject({ done: true, openStages: [], openItems: [], nextDeadline: null, currentStage: null })
      expect(figuresOf(closed)).toEqual(figuresOf(before))
      for (const t of CASE_STEP_TYPES) expect(checkStep(policy, closed, t).ok).toBe(false)
      expect(codeOf(() => recordCare(policy, closed, { kind: 'visit', text: '看望' }, grid, AT, 'x'))).toBe('CONFLICT')
      expect(codeOf(() => closeCase(policy, closed, { reason, on: '2020-11-30' }, grid, AT, 'x'))).toBe('CONFLICT')
      expect(codeOf(() => transferCase(policy, closed, { toCommunityId: 'com-b' }, grid, AT, 'x'))).toBe('CONFLICT')
      expect(codeOf(() => setQualification(policy, closed, { needed: true, lastDoneOn: null }, hrss, AT, 'x'))).toBe('CONFLICT')
      // Rebuilding the summary from the actions gives the same (it is never the truth).
      expect(summarizeCase(policy, closed)).toEqual(closed.summary)
    })

    test('refused before take-in, by another community or another role, and for a day after today', () => {
      const c = takenIn(categories)
      expect(codeOf(() => closeCase(policy, throughSteps(policy, makeCase(policy, { categories }), 2), { reason: 'death', on: '2020-11-30' }, grid, AT, 'x'))).toBe('CONFLICT')
      expect(codeOf(() => closeCase(policy, c, { reason: 'death', on: '2020-11-30' }, user('gridWorker', 'com-b'), AT, 'x'))).toBe('FORBIDDEN')
      expect(codeOf(() => closeCase(policy, c, { reason: 'death', on: '2020-11-30' }, user('enterpriseOperator', 'ent-a'), AT, 'x'))).toBe('FORBIDDEN')
      // 2020-12-01T02:00Z is 2020-12-01 in China: the 2nd is tomorrow.
      expect(codeOf(() => closeCase(policy, c, { reason: 'death', on: '2020-12-02' }, grid, AT, 'x'))).toBe('BAD_REQUEST')
      expect(codeOf(() => closeCase(policy, c, { reason: 'death', on: '2020-12-01' }, grid, AT, 'x'))).toBe('ok')
    })
  })

  describe('transferring a case within the city', () => {
    test.each([
      ['the community the person leaves', user('communityAdmin', 'com-a')],
      ['the office', user('supervisor', 'office')],
    ])('by %s: the new community receives it, with its history, and the figures move with it', (_who, by) => {
      const before = takenIn()
      const moved = transferCase(policy, before, { toCommunityId: 'com-b', note: '随子女搬家' }, by, AT, 'act-move')
      expect(moved.actions.slice(0, before.actions.length)).toEqual(before.actions)
      expect(moved.actions.at(-1)).toMatchObject({ type: 'caseTransferred', fromCommunityId: 'com-a', toCommunityId: 'com-b' })
      expect(moved.summary.receivingCommunityId).toBe('com-b')
      expect(summarizeCase(policy, moved)).toEqual(moved.summary)
      expect(canAccessCase(user('gridWorker', 'com-b'), moved)).toBe(true)
      expect(canAccessCase(user('gridWorker', 'com-a'), moved)).toBe(false)
      const keys = (c: RetireeCase, unit: string) => [...figuresOf(c).keys()].filter((k) => k.startsWith(`${unit}|`))
      expect(keys(moved, communityUnit('com-a'))).toEqual([])
      expect(keys(moved, communityUnit('com-b')).map((k) => k.slice(communityUnit('com-b').length))).toEqual(keys(before, communityUnit('com-a')).map((k) => k.slice(communityUnit('com-a').length)))
      // The new community serves the person from now on; the old one may no longer.
      expect(codeOf(() => recordCare(policy, moved, { kind: 'visit', text: '上门认识一下' }, user('gridWorker', 'com-b'), AT, 'x'))).toBe('ok')
      expect(codeOf(() => recordCare(policy, moved, { kind: 'visit', text: '上门' }, grid, AT, 'x'))).toBe('FORBIDDEN')
      // A second move: the last one counts.
      const again = transferCase(policy, moved, { toCommunityId: 'com-c' }, user('gridWorker', 'com-b'), AT, 'act-move-2')
      expect(again.summary.receivingCommunityId).toBe('com-c')
    })

    test('refused to the same community, by another community or the enterprise, and before take-in', () => {
      const c = takenIn()
      expect(codeOf(() => transferCase(policy, c, { toCommunityId: 'com-a' }, grid, AT, 'x'))).toBe('BAD_REQUEST')
      expect(codeOf(() => transferCase(policy, c, { toCommunityId: 'com-b' }, user('gridWorker', 'com-b'), AT, 'x'))).toBe('FORBIDDEN')
      expect(codeOf(() => transferCase(policy, c, { toCommunityId: 'com-b' }, user('enterpriseOperator', 'ent-a'), AT, 'x'))).toBe('FORBIDDEN')
      expect(codeOf(() => transferCase(policy, throughSteps(policy, makeCase(policy), 3), { toCommunityId: 'com-b' }, grid, AT, 'x'))).toBe('CONFLICT')
    })
  })

  describe('visits, health checks and help', () => {
    test('recorded by the receiving community after take-in; the retiree reads them in plain words, without ID or phone numbers', () => {
      const c = takenIn()
      const visited = recordCare(policy, c, { kind: 'visit', text: '春节前上门看望，送了米面油' }, grid, AT, 'care-1')
      const helped = recordCare(policy, visited, { kind: 'help', text: '帮办医保报销，电话13812345678，身份证11010519491231002X' }, grid, new Date(AT.getTime() + 86_400_000), 'care-2')
      expect(careHistory(helped).map((h) => h.kind)).toEqual(['help', 'visit'])
      expect(careHistory(helped)[0].text).not.toMatch(/13812345678|11010519491231002X/)
      expect(inboxTextFor(visited.actions.at(-1)!)).toEqual({ title: '社区来看望您了', body: '2020年12月1日，春节前上门看望，送了米面油' })
      // Notes move no stage.
      expect(helped.summary).toEqual(c.summary)
    })

    test('refused before take-in and for staff who are not the receiving community’s', () => {
      expect(codeOf(() => recordCare(policy, throughSteps(policy, makeCase(policy), 2), { kind: 'healthCheck', text: '量血压' }, grid, AT, 'x'))).toBe('CONFLICT')
      for (const u of [user('gridWorker', 'com-b'), user('enterpriseOperator', 'ent-a'), user('supervisor', 'office'), hrss]) {
        expect(codeOf(() => recordCare(policy, takenIn(), { kind: 'healthCheck', text: '量血压' }, u, AT, 'x'))).toBe('FORBIDDEN')
      }
    })
  })

  describe('the yearly pension qualification check (养老金领取资格认证)', () => {
    const needing = (lastDoneOn: string | null, at = AT) => setQualification(policy, takenIn(), { needed: true, lastDoneOn }, hrss, at, 'q-1')

    test('only 人社局 sets the field', () => {
      for (const u of [grid, user('socialSecurityOfficer', 'medicalInsurance'), user('supervisor', 'office')]) {
        expect(codeOf(() => setQualification(policy, takenIn(), { needed: true, lastDoneOn: null }, u, AT, 'x'))).toBe('FORBIDDEN')
      }
      expect(codeOf(() => setQualification(policy, takenIn(), { needed: true, lastDoneOn: '2020-12-02' }, hrss, AT, 'x'))).toBe('BAD_REQUEST')
    })

    // [now (UTC), last done, reminded year, due year, reminded now]
    const TABLE: Array<[string, string | null, string | null, string, boolean]> = [
      ['2021-03-01T02:00:00Z', null, null, '2021', true],
      ['2021-03-01T02:00:00Z', '2020-06-01', null, '2021', true],
      ['2021-03-01T02:00:00Z', '2021-01-05', null, '2022', false],
      ['2021-03-01T02:00:00Z', null, '2021', '2021', false],
      ['2021-03-01T02:00:00Z', null, '2020', '2021', true],
      // 2021-12-31T16:30Z is 2022-01-01 00:30 in China: a new year, due again.
      ['2021-12-31T16:30:00Z', '2021-05-01', '2021', '2022', true],
      // 2021-12-31T15:30Z is still 2021-12-31 in China: done this year, not due.
      ['2021-12-31T15:30:00Z', '2021-05-01', null, '2022', false],
      ['2021-12-31T15:30:00Z', null, '2021', '2021', false],
      ['2021-12-31T16:30:00Z', null, '2021', '2022', true],
    ]
    test.each(TABLE)('at %s, last done %s, reminded in %s: due %s, reminded %s', (now, lastDoneOn, remindedYear, due, reminded) => {
      // 人社局 set the field just now; the reminder looks at the same instant.
      const c = needing(lastDoneOn, new Date(now))
      expect(qualificationDueYear(c, new Date(now))).toBe(due)
      expect(qualificationReminderDue(c, { remindedYear }, new Date(now))).toBe(reminded)
    })

    test('not needed, never set, closed or not yet taken in: no reminder', () => {
      const now = new Date('2021-03-01T02:00:00Z')
      const notNeeded = setQualification(policy, takenIn(), { needed: false, lastDoneOn: null }, hrss, AT, 'q')
      expect(qualificationDueYear(notNeeded, now)).toBe(NOT_DUE)
      expect(qualificationDueYear(takenIn(), now)).toBe(NOT_DUE)
      const closed = closeCase(policy, needing(null), { reason: 'death', on: '2020-11-30' }, grid, AT, 'c')
      expect(qualificationDueYear(closed, now)).toBe(NOT_DUE)
      expect(qualificationReminderDue(closed, { remindedYear: null }, now)).toBe(false)
      const early = setQualification(policy, throughSteps(policy, makeCase(policy), 2), { needed: true, lastDoneOn: null }, hrss, AT, 'q')
      expect(qualificationReminderDue(early, { remindedYear: null }, now)).toBe(false)
      // The latest word of 人社局 counts.
      expect(qualificationDueYear(setQualification(policy, needing(null), { needed: false, lastDoneOn: null }, hrss, AT, 'q2'), now)).toBe(NOT_DUE)
    })

    test('the check document carries the due year and keeps the reminded year', () => {
      const c = needing(null)
      const first = qualificationCheckFor(c, null, AT)
      expect(first).toMatchObject({ id: c.id, version: 1, dueYear: '2020', remindedYear: null })
      expect(qualificationCheckFor(c, { ...first, remindedYear: '2020' }, AT)).toMatchObject({ version: 2, remindedYear: '2020' })
    })
  })
})

test('the China year of an instant is the year eight hours later in UTC, for every instant', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
      expect(chinaYearOf(d)).toBe(String(new Date(d.getTime() + 8 * 3600_000).getUTCFullYear()))
    }),
  )
  expect(chinaYearOf('2021-12-31T16:30:00Z')).toBe('2022')
  expect(chinaYearOf('2021-12-31T15:59:59Z')).toBe('2021')
})

test('the reminder says where and how, from the community record, in plain words', () => {
  const text = qualificationReminderText({ name: '乌兰社区', address: '乌兰大街8号', serviceHours: '周一至周五 8:30–17:30', phone: '0479-7512345' }, '2022')
  expect(text.title).toBe('2022年的养老金资格认证，请记得去做')
  expect(text.body).toContain('乌兰社区')
  expect(text.body).toContain('地址：乌兰大街8号')
  expect(text.body).toContain('时间：周一至周五 8:30–17:30')
  expect(text.body).toContain('身份证')
  expect(qualificationReminderText({ name: '乌兰社区', address: '', serviceHours: '', phone: '' }, '2022').body).not.toContain('（')
})
