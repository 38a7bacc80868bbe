import fc from 'fast-check'
import { addChinaDays } from './ChinaTime'
import { countFigures, figureDelta, type CountedRecord } from './Figures'
import { answer, mayActOnNotice, newOpinion, noticeProblem, NoticeSummary, publish, readFigure, showOnHome, type NoticeReceipt, type PlanNotice, type PlanOpinion } from './PlanNotice'
import { ROLES, type Role } from './Role'

const NOW = new Date('2020-03-20T01:00:00Z') // 09:00 on 20 March, China time
const TODAY = '2020-03-20'
const SUMMARY: NoticeSummary = {
  changes: '移交后由户籍所在地社区管理服务，党组织关系转入社区。',
  unchanged: '养老金照常按时足额发放，医保照常享受。',
  steps: [
    { step: '签订移交协议', by: '2020-03-31' },
    { step: '人事档案移交', by: '2020-06-30' },
  ],
}
const first = publish(null, 'ent-water', SUMMARY, '2020-04-10', 'dev-ent-water', NOW)

describe('what a publication must hold', () => {
  // [what, summary, closing day, the field refused or null]
  const CASES: Array<[string, NoticeSummary, string, 'steps' | 'feedbackClosesOn' | null]> = [
    ['a summary in time order closing after today', SUMMARY, '2020-04-10', null],
    ['closing today: opinions may still come in today', SUMMARY, TODAY, null],
    ['steps out of time order', { ...SUMMARY, steps: [...SUMMARY.steps].reverse() }, '2020-04-10', 'steps'],
    ['closing before today', SUMMARY, '2020-03-19', 'feedbackClosesOn'],
  ]
  test.each(CASES)('%s', (_, summary, closesOn, field) => {
    expect(noticeProblem(summary, closesOn, TODAY)?.field ?? null).toBe(field)
  })

  test('every text and the timetable are capped and required', () => {
    expect(NoticeSummary.safeParse({ ...SUMMARY, changes: '变'.repeat(501) }).success).toBe(false)
    expect(NoticeSummary.safeParse({ ...SUMMARY, unchanged: '  ' }).success).toBe(false)
    expect(NoticeSummary.safeParse({ ...SUMMARY, steps: [] }).success).toBe(false)
    expect(NoticeSummary.safeParse({ ...SUMMARY, steps: Array.from({ length: 21 }, () => SUMMARY.steps[0]) }).success).toBe(false)
    expect(NoticeSummary.safeParse({ ...SUMMARY, steps: [{ step: '签订移交协议', by: '2020-02-30' }] }).success).toBe(false)
  })
})

describe('editions', () => {
  test('the first publication is edition 1; each re-publication the next, delivered again from the first case', () => {
    expect(first).toMatchObject({ id: 'ent-water', version: 1, edition: 1, deliveryStatus: 'pending', deliveredAfter: null })
    const delivered: PlanNotice = { ...first, version: 4, deliveryStatus: 'done', deliveredAfter: 'case-0040' }
    const second = publish(delivered, 'ent-water', { ...SUMMARY, changes: '改了' }, '2020-04-20', 'dev-ent-water', NOW)
    expect(second).toMatchObject({ version: 5, edition: 2, deliveryStatus: 'pending', deliveredAfter: null, feedbackClosesOn: '2020-04-20' })
  })
})

describe('who sees the notice on the home screen, and who may act on it', () => {
  // [what, notice, in scope, receipt's edition, shown]
  const HOME: Array<[string, PlanNotice | null, boolean, number | null, boolean]> = [
    ['nothing published', null, true, null, false],
    ['published, not read', first, true, null, true],
    ['published and read', first, true, 1, false],
    ['re-published after reading the first edition', { ...first, edition: 2 }, true, 1, true],
    ['out of the hand-over (离休): the plan changes nothing for them', first, false, null, false],
  ]
  test.each(HOME)('%s', (_, notice, inScope, edition, shown) => {
    const receipt = edition === null ? null : ({ edition } as NoticeReceipt)
    expect(showOnHome(notice, inScope, receipt)).toBe(shown)
  })

  const MAY_ACT: Record<Role, boolean> = {
    retiree: true,
    relative: false, // only with the retiree's permission, below
    gridWorker: false,
    communityAdmin: false,
    enterpriseOperator: false,
    archivesOfficer: false,
    partyOfficer: false,
    communityPartySecretary: false,
    socialSecurityOfficer: false,
    supervisor: false,
  }
  test.each(ROLES.map((r) => [r, MAY_ACT[r]] as const))('%s may mark read or send an opinion: %s', (role, may) => {
    expect(mayActOnNotice({ role })).toBe(may)
  })
  test('a relative the retiree allowed to confirm for them may act on the notice too', () => {
    expect(mayActOnNotice({ role: 'relative', mayConfirm: true })).toBe(true)
    expect(mayActOnNotice({ role: 'relative', mayConfirm: false })).toBe(false)
  })
})

describe('opinions', () => {
  const retiree = { id: 'dev-retiree-1', role: 'retiree' as const }

  test('an opinion is late exactly when sent after the closing day, and accepted either way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 60 }), (offset) => {
        const today = addChinaDays(first.feedbackClosesOn, offset)
        const op = newOpinion(first, 'case-0001', '活动室能不能保留？', retiree, 'op-1', NOW, today)
        expect(op).toMatchObject({ status: 'open', edition: 1, late: offset > 0, answer: null, byRelative: false })
      }),
    )
  })

  test('an opinion is answered once; the answer may record a change to the plan', () => {
    const op = newOpinion(first, 'case-0001', '活动室能不能保留？', { id: 'dev-relative-1', role: 'relative' }, 'op-1', NOW, TODAY)
    expect(op.byRelative).toBe(true)
    const answered = answer(op, '保留，移交社区后照常开放。', '活动场地移交情况：老年活动室移交社区后照常开放', 'dev-ent-water', NOW)
    expect(answered).toMatchObject({ version: 2, status: 'answered', answer: { text: '保留，移交社区后照常开放。', planChange: expect.stringContaining('照常开放'), answeredBy: 'dev-ent-water' } })
    expect(answer(answered!, '再答一次', null, 'dev-ent-water', NOW)).toBeNull()
  })
})

describe('the counts the enterprise and the office see', () => {
  const receipts = (n: number, edition: number): CountedRecord[] => Array.from({ length: n }, () => ({ kind: 'noticeReceipt', value: { enterpriseId: 'ent-water', edition } }))
  const opinion = (status: PlanOpinion['status']): CountedRecord => ({ kind: 'planOpinion', value: { enterpriseId: 'ent-water', status } })

  test('reads count per edition; opinions by whether they are answered', () => {
    const figures = countFigures([...receipts(3, 1), ...receipts(2, 2), opinion('open'), opinion('open'), opinion('answered')])
    expect(Object.fromEntries(figures)).toEqual({
      [`enterprise:ent-water|${readFigure(1)}`]: 3,
      [`enterprise:ent-water|${readFigure(2)}`]: 2,
      'enterprise:ent-water|op|open': 2,
      'enterprise:ent-water|op|answered': 1,
    })
  })

  test('answering moves one opinion from open to answered', () => {
    expect(Object.fromEntries(figureDelta(opinion('open'), opinion('answered')))).toEqual({ 'enterprise:ent-water|op|open': -1, 'enterprise:ent-water|op|answered': 1 })
  })
})
