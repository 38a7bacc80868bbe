import fc from 'fast-check'
import { deriveStatus } from './CaseState'
import { formatChinaDate } from './ChinaTime'
import { NOTICE_FIXED_TEXT, NOTICE_NOTHING_TO_DO, noticeLetter } from './NoticeLetter'
import type { Community } from './Organisation'
import { erenhot2019 } from './policies/erenhot2019'
import { printCharacters } from './PrintCharacters'
import { makeCase, withSteps, withVisit } from './testing/fixtures'
import { caseOf, caseSpec } from './testing/randomCases'
import { POLICIES } from './testing/policies'

const COMMUNITY: Community = { id: 'com-a', code: 'A01', name: '乌兰社区', address: '乌兰大街88号', serviceHours: '周一至周五 8:30-18:00', phone: '0479-7530001' }
const WORKER = { name: '王芳', phone: '13904790101' }
const policy = erenhot2019
const stage = (id: string) => policy.stages.find((s) => s.id === id)!

describe('the printed notice letter (issue 14.2)', () => {
  // Where each point of the ordinary path stands: the open stage with the earliest deadline, its words for the retiree.
  test.each([
    ['a new case', [], 'roster'],
    ['roster confirmed', ['rosterConfirmed'], 'materials'],
    ['materials submitted', ['rosterConfirmed', 'materialsSubmitted'], 'agreement'],
    // The file (due 2020-06-30) and social security (due 2020-10-31) run side by side: the earlier deadline leads.
    ['agreement signed', ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned'], 'personnelFile'],
  ] as const)('%s: the letter names the current stage, who does it, what the retiree does and its deadline', (_, steps, stageId) => {
    const c = withSteps(policy, makeCase(policy), [...steps])
    const letter = noticeLetter(policy, c, '2019-10-15', COMMUNITY, WORKER)!
    const current = stage(stageId)
    expect(letter.standing).toContain(`「${current.name}」`)
    expect(letter.todo).toBe(current.retireeTodo)
    expect(letter.deadline).toBe(current.deadline ? `截止日期：${formatChinaDate(current.deadline)}（还有 ${Math.round((Date.parse(current.deadline) - Date.parse('2019-10-15')) / 86_400_000)} 天）` : null)
    expect(letter).toMatchObject({ name: c.person.name, gridWorker: WORKER, community: { name: '乌兰社区', address: '乌兰大街88号', hours: '周一至周五 8:30-18:00', phone: '0479-7530001' } })
  })

  test('after the deadline the letter says how many days it is past and that the units are on it', () => {
    const letter = noticeLetter(policy, makeCase(policy), '2030-01-01', COMMUNITY, WORKER)!
    expect(letter.deadline).toMatch(/^截止日期：.*（已过 \d+ 天，负责单位正在加紧办理）$/)
  })

  test('a case taken in says it is done, with nothing to do and no deadline', () => {
    const steps = ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned', 'personnelFileTransferred', 'pensionHandedOver', 'medicalInsuranceHandedOver', 'takenIn'] as const
    const c = withSteps(policy, withVisit(policy, makeCase(policy)), [...steps])
    expect(deriveStatus(policy, c)).toMatchObject({ done: true })
    expect(noticeLetter(policy, c, '2020-06-01', COMMUNITY, WORKER)).toMatchObject({ standing: '您的移交已经全部办完，您已由乌兰社区管理服务。', todo: NOTICE_NOTHING_TO_DO, deadline: null })
  })

  test('a community without a grid worker gives its own phone', () => {
    expect(noticeLetter(policy, makeCase(policy), '2019-10-15', COMMUNITY, null)!.gridWorker).toEqual({ name: '社区工作人员', phone: '0479-7530001' })
  })

  test.each(POLICIES)('%s: every case in scope gets a letter, and none out of scope', (_, p) => {
    fc.assert(
      fc.property(caseSpec, (spec) => {
        const c = caseOf(p, spec)
        const letter = noticeLetter(p, c, '2020-03-20', COMMUNITY, WORKER)
        expect(letter === null).toBe(!deriveStatus(p, c).inScope)
      }),
    )
  })

  test.each(POLICIES)('%s: every character of the fixed text and the policy words a letter prints is in the print font', (_, p) => {
    const set = new Set(printCharacters(NOTICE_FIXED_TEXT))
    const words = p.stages.flatMap((s) => [s.name, s.retireeTodo]).join('')
    expect([...words].filter((ch) => !set.has(ch))).toEqual([])
  })
})
