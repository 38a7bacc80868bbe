import { parsePolicy, PolicyError } from './Policy'
import { erenhot2019 } from './policies/erenhot2019'

const clone = () => JSON.parse(JSON.stringify(erenhot2019))

function problemsOf(input: unknown): string[] {
  try {
    parsePolicy(input)
    return []
  } catch (e) {
    if (e instanceof PolicyError) return e.problems
    throw e
  }
}

describe('policy config', () => {
  test('the 2019 plan of 二连浩特市 is valid and carries its dates', () => {
    expect(erenhot2019.receivingRule).toBe('hukou')
    expect(erenhot2019.phases.map((p) => [p.id, p.from, p.to])).toEqual([
      ['preparation', '2019-09-01', '2019-11-30'],
      ['transfer', '2019-12-01', '2020-10-31'],
      ['wrapUp', null, '2020-10-31'],
    ])
    expect(Object.fromEntries(erenhot2019.stages.map((s) => [s.id, s.deadline]))).toMatchObject({
      agreement: '2020-03-31',
      personnelFile: '2020-06-30',
      partyRelation: '2020-06-30',
      takenIn: '2020-10-31',
    })
  })

  test('another city with other dates and the 常住地 rule is accepted', () => {
    const p = clone()
    p.id = 'other-2021'
    p.receivingRule = 'residence'
    p.phases = [
      { id: 'preparation', name: '准备阶段', from: '2021-01-01', to: '2021-03-31' },
      { id: 'transfer', name: '移交阶段', from: '2021-04-01', to: '2021-12-31' },
      { id: 'wrapUp', name: '收尾管理阶段', from: null, to: '2021-12-31' },
    ]
    const deadlines = ['2021-03-31', '2021-03-31', '2021-06-30', '2021-09-30', '2021-09-30', '2021-12-31', '2021-12-31']
    p.stages.forEach((s: { deadline: string }, i: number) => (s.deadline = deadlines[i]))
    expect(parsePolicy(p)).toMatchObject({ receivingRule: 'residence', stages: expect.arrayContaining([expect.objectContaining({ id: 'agreement', deadline: '2021-06-30' })]) })
  })

  test.each([
    ['a stage twice', (p: any) => p.stages.splice(3, 0, { ...p.stages[3] }), '重复'],
    ['a prerequisite listed after its stage', (p: any) => (p.stages[1].after = ['agreement']), '前置环节'],
    ['no take-in stage', (p: any) => p.stages.pop(), '纳入社区管理'],
    ['a deadline after the whole programme ends', (p: any) => (p.stages[2].deadline = '2021-01-01'), '晚于整个工作的结束日期'],
    ['a deadline before its prerequisite', (p: any) => (p.stages[3].deadline = '2020-01-01'), '早于它的前置环节'],
    ['a phase that ends before it starts', (p: any) => (p.phases[0].to = '2019-08-01'), '开始日期晚于结束日期'],
    ['a special route for a stage other than the file', (p: any) => p.categoryRules.push({ when: { flag: 'classified' }, effect: { kind: 'routeStage', stage: 'takenIn', route: 'classified', reason: 'x' } }), '人事档案'],
    ['a rule that names nobody', (p: any) => p.categoryRules.push({ when: {}, effect: { kind: 'excludeCase', reason: 'x' } }), '适用于哪类人员'],
  ])('refuses %s', (_name, mutate, expected) => {
    const p = clone()
    mutate(p)
    expect(problemsOf(p).join(' ')).toContain(expected)
  })

  test('refuses malformed dates and unknown fields of the wrong type', () => {
    const p = clone()
    p.stages[2].deadline = '2020/03/31'
    p.receivingRule = 'workplace'
    const problems = problemsOf(p)
    expect(problems.some((x) => x.includes('stages.2.deadline'))).toBe(true)
    expect(problems.some((x) => x.includes('receivingRule'))).toBe(true)
  })
})
