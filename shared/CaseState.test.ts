import { AppError } from './AppError'
import { CASE_STEP_TYPES, type CaseStepType } from './CaseAction'
import type { CaseCategories } from './Category'
import type { StageId } from './Stage'
import { checkStep, deriveStatus, LEGACY_STEPS, planStages, receivingCommunityId, recordStep, STAGE_STEPS, STEP_STAGE } from './CaseState'
import { unitStandings } from './Board'
import { countFigures } from './Figures'
import { parsePolicy, type Policy } from './Policy'
import { erenhot2019 } from './policies/erenhot2019'
import { qingyuan2020 } from './policies/qingyuan2020'
import { makeCase, stepOf, withSteps, withVisit } from './testing/fixtures'
import { deadlineOf, POLICIES } from './testing/policies'

type Path = Array<[CaseStepType | null, CaseStepType[]]>

/**
 * For each category: a path through the case, and after each step exactly which steps the
 * rules allow next. Every other step must be refused at that point. 二连浩特 2019:
 */
const PATHS: Array<[string, Partial<CaseCategories>, Path]> = [
  [
    'ordinary SOE retiree',
    {},
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['personnelFileTransferred', 'pensionHandedOver']],
      ['personnelFileTransferred', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'party member',
    { partyMember: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['personnelFileTransferred', 'partyRelationTransferred', 'pensionHandedOver']],
      ['partyRelationTransferred', ['personnelFileTransferred', 'partyBranchAssigned', 'pensionHandedOver']],
      ['pensionHandedOver', ['personnelFileTransferred', 'partyBranchAssigned', 'medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['personnelFileTransferred', 'partyBranchAssigned']],
      ['partyBranchAssigned', ['personnelFileTransferred']],
      ['personnelFileTransferred', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'leader managed by the municipal party committee (file stays)',
    { municipalCadre: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'classified-department retiree (file under confidentiality rules)',
    { classified: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['classifiedFileHandled', 'pensionHandedOver']],
      ['classifiedFileHandled', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'municipal cadre in a classified department (skipping wins over routing)',
    { municipalCadre: true, classified: true, partyMember: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['partyRelationTransferred', 'pensionHandedOver']],
      ['partyRelationTransferred', ['partyBranchAssigned', 'pensionHandedOver']],
      ['partyBranchAssigned', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'public-institution retiree (transferred together)',
    { employment: 'publicInstitutionRetiree' },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['personnelFileTransferred', 'pensionHandedOver']],
      ['pensionHandedOver', ['personnelFileTransferred', 'medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['personnelFileTransferred']],
      ['personnelFileTransferred', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'lives long-term away from the hukou, military-industry leader',
    { livesAwayFromHukou: true, militaryIndustryLeader: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['personnelFileTransferred', 'pensionHandedOver']],
      ['personnelFileTransferred', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  ['pre-1949 retired cadre (离休, not transferred)', { employment: 'retiredCadre', partyMember: true }, [[null, []]]],
  // 一（四）: excluded only where the office marked the enterprise 另有规定; otherwise handed over like everyone else.
  ['financial-enterprise retiree, enterprise marked 另有规定', { employment: 'financialEnterpriseRetiree', enterpriseOwnRules: true }, [[null, []]]],
  [
    'financial-enterprise retiree, enterprise not marked',
    { employment: 'financialEnterpriseRetiree' },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['personnelFileTransferred', 'pensionHandedOver']],
      ['personnelFileTransferred', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'soe retiree of an enterprise marked 另有规定 (the mark concerns financial-enterprise retirees only)',
    { enterpriseOwnRules: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['personnelFileTransferred', 'pensionHandedOver']],
      ['personnelFileTransferred', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
]

/** 青原市 (the fictional second example): the file moves only after the social-security handover. */
const QINGYUAN_PATHS: Array<[string, Partial<CaseCategories>, Path]> = [
  [
    'ordinary SOE retiree',
    {},
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['personnelFileTransferred']],
      ['personnelFileTransferred', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'party member',
    { partyMember: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['partyRelationTransferred', 'pensionHandedOver']],
      ['partyRelationTransferred', ['partyBranchAssigned', 'pensionHandedOver']],
      ['pensionHandedOver', ['partyBranchAssigned', 'medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['personnelFileTransferred', 'partyBranchAssigned']],
      ['personnelFileTransferred', ['partyBranchAssigned']],
      ['partyBranchAssigned', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'leader managed by the municipal party committee (file stays: take-in follows the handover)',
    { municipalCadre: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  [
    'classified-department retiree (file under confidentiality rules, after the handover)',
    { classified: true },
    [
      [null, ['rosterConfirmed']],
      ['rosterConfirmed', ['materialsSubmitted']],
      ['materialsSubmitted', ['agreementCommunitySigned']],
      ['agreementCommunitySigned', ['agreementSigned']],
      ['agreementSigned', ['pensionHandedOver']],
      ['pensionHandedOver', ['medicalInsuranceHandedOver']],
      ['medicalInsuranceHandedOver', ['classifiedFileHandled']],
      ['classifiedFileHandled', ['takenIn']],
      ['takenIn', []],
    ],
  ],
  ['pre-1949 retired cadre (离休, not transferred)', { employment: 'retiredCadre', partyMember: true }, [[null, []]]],
  ['financial-enterprise retiree (own rules)', { employment: 'financialEnterpriseRetiree', enterpriseOwnRules: true }, [[null, []]]],
]

describe.each([
  ...PATHS.map(([label, categories, path]) => [erenhot2019.id, label, categories, path, erenhot2019] as const),
  ...QINGYUAN_PATHS.map(([label, categories, path]) => [qingyuan2020.id, label, categories, path, qingyuan2020] as const),
])('state machine (%s): %s', (_policy, _label, categories, path, policy) => {
  // The grid worker's identity check can happen at any time; take-in needs it (tested below).
  let c = withVisit(policy, makeCase(policy, { categories }))
  test.each(path.map(([step, allowed], i) => [i, step ?? '(new case)', allowed] as const))('after step %i (%s) exactly %j are allowed', (i, _name, allowed) => {
    const step = path[i][0]
    if (step) c = recordStep(policy, c, stepOf(step), { userId: 'u', role: 'gridWorker' }, new Date(Date.UTC(2020, 0, 1 + i)), `a${i}`)
    const actuallyAllowed = CASE_STEP_TYPES.filter((t) => checkStep(policy, c, t).ok)
    expect(actuallyAllowed).toEqual([...allowed].sort((a, b) => CASE_STEP_TYPES.indexOf(a) - CASE_STEP_TYPES.indexOf(b)))
  })
  test('the path ends where the rules say: done, or out of scope', () => {
    const status = deriveStatus(policy, c)
    if (path.length === 1) expect(status.inScope).toBe(false)
    else expect(status).toMatchObject({ inScope: true, done: true, openStages: [] })
  })
})

/** What each policy opens once the agreement is signed, for an ordinary party member. */
const AFTER_AGREEMENT: Record<string, { openStages: string[]; stages: Array<[string, string]> }> = {
  [erenhot2019.id]: {
    openStages: ['personnelFile', 'partyRelation', 'socialSecurity'],
    stages: [['roster', 'done'], ['materials', 'done'], ['agreement', 'done'], ['personnelFile', 'open'], ['partyRelation', 'open'], ['socialSecurity', 'open'], ['takenIn', 'waiting']],
  },
  [qingyuan2020.id]: {
    openStages: ['socialSecurity', 'partyRelation'],
    stages: [['roster', 'done'], ['materials', 'done'], ['agreement', 'done'], ['socialSecurity', 'open'], ['personnelFile', 'waiting'], ['partyRelation', 'open'], ['takenIn', 'waiting']],
  },
}

/** Every step up to take-in, in an order both policies allow. */
const TO_TAKE_IN: CaseStepType[] = ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned', 'pensionHandedOver', 'medicalInsuranceHandedOver', 'personnelFileTransferred']

describe.each(POLICIES)('state machine rules (%s)', (_id, policy: Policy) => {
  test('a forbidden step throws CONFLICT with a Chinese reason and leaves the case unchanged', () => {
    const c = makeCase(policy)
    expect(() => recordStep(policy, c, stepOf('takenIn'), { userId: 'u', role: 'gridWorker' }, new Date(), 'x')).toThrow(AppError)
    try {
      recordStep(policy, c, stepOf('agreementSigned'), { userId: 'u', role: 'communityAdmin' }, new Date(), 'x')
    } catch (e) {
      expect((e as AppError).code).toBe('CONFLICT')
      expect((e as AppError).message).toContain('签订移交协议')
      expect((e as AppError).context).toEqual({ caseId: c.id, stage: 'agreement', action: 'agreementSigned' })
    }
    expect(c.actions).toEqual([])
    expect(c.version).toBe(1)
  })

  test('taking in needs an in-person identity check first', () => {
    const ready = withSteps(policy, makeCase(policy), TO_TAKE_IN)
    expect(checkStep(policy, ready, 'takenIn')).toMatchObject({ ok: false, message: expect.stringContaining('核对本人身份') })
    expect(checkStep(policy, withVisit(policy, ready), 'takenIn').ok).toBe(true)
  })

  test('a step cannot be recorded twice', () => {
    const c = withSteps(policy, makeCase(policy), ['rosterConfirmed'])
    expect(checkStep(policy, c, 'rosterConfirmed')).toMatchObject({ ok: false, message: expect.stringContaining('已经办完') })
  })

  test('the reasons name the rule: not a party member, file stays, 离休', () => {
    const ordinary = withSteps(policy, makeCase(policy), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned'])
    expect(checkStep(policy, ordinary, 'partyRelationTransferred')).toMatchObject({ ok: false, message: expect.stringContaining('不是党员') })
    const cadre = withSteps(policy, makeCase(policy, { categories: { municipalCadre: true } }), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned'])
    expect(checkStep(policy, cadre, 'personnelFileTransferred')).toMatchObject({ ok: false, message: expect.stringContaining('人事档案不移交') })
    const retired = makeCase(policy, { categories: { employment: 'retiredCadre' } })
    expect(checkStep(policy, retired, 'rosterConfirmed')).toMatchObject({ ok: false, message: expect.stringContaining('离休人员') })
  })

  test('a classified file cannot take the ordinary route, nor an ordinary file the classified one', () => {
    // Up to the social-security handover: the file stage is open under both policies.
    const upToFile = TO_TAKE_IN.slice(0, 6)
    const classified = withSteps(policy, makeCase(policy, { categories: { classified: true } }), upToFile)
    expect(checkStep(policy, classified, 'personnelFileTransferred')).toMatchObject({ ok: false, message: expect.stringContaining('保密规定') })
    const ordinary = withSteps(policy, makeCase(policy), upToFile)
    expect(checkStep(policy, ordinary, 'classifiedFileHandled').ok).toBe(false)
  })

  test('status is derived from the action list: version, summary and current stage follow the steps', () => {
    const c0 = makeCase(policy, { categories: { partyMember: true } })
    expect(c0.summary).toMatchObject({ currentStage: 'roster', nextDeadline: deadlineOf(policy, 'roster'), done: false })
    const c3 = withSteps(policy, c0, ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned'])
    expect(c3.version).toBe(5)
    expect(c3.actions.map((a) => a.type)).toEqual(['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned'])
    const expected = AFTER_AGREEMENT[policy.id]
    const nextDeadline = expected.openStages.map((s) => deadlineOf(policy, s as StageId)).sort()[0]
    expect(c3.summary).toMatchObject({ currentStage: expected.openStages[0], openStages: expected.openStages, nextDeadline })
    const status = deriveStatus(policy, c3)
    if (!status.inScope) throw new Error('expected in scope')
    expect(status.stages.map((s) => [s.stage.id, s.status])).toEqual(expected.stages)
  })

  test('every step belongs to exactly one stage', () => {
    const listed = Object.values(STAGE_STEPS).flatMap((routes) => Object.values(routes).flat())
    // The one step no stage lists any more is the legacy 社保 step, which still completes its stage.
    expect([...listed, ...LEGACY_STEPS].sort()).toEqual([...CASE_STEP_TYPES].sort())
    expect(STEP_STAGE.socialSecurityHandedOver).toBe('socialSecurity')
    expect(STEP_STAGE.partyBranchAssigned).toBe('partyRelation')
    expect(STEP_STAGE.classifiedFileHandled).toBe('personnelFile')
  })

  test('the receiving community follows the policy: hukou here, residence where a city says so', () => {
    const c = makeCase(policy, { hukouCommunityId: 'com-hukou', residenceCommunityId: 'com-home', categories: { livesAwayFromHukou: true } })
    expect(receivingCommunityId(parsePolicy({ ...policy, receivingRule: 'hukou' }), c)).toBe('com-hukou')
    expect(receivingCommunityId(parsePolicy({ ...policy, receivingRule: 'residence' }), c)).toBe('com-home')
    expect(receivingCommunityId(policy, c)).toBe(policy.receivingRule === 'residence' ? 'com-home' : 'com-hukou')
    expect(makeCase(policy, { hukouCommunityId: 'com-hukou', residenceCommunityId: null }).summary.receivingCommunityId).toBe('com-hukou')
  })

  test('a city that includes financial enterprises changes the machine through config only', () => {
    const other = parsePolicy({ ...policy, categoryRules: policy.categoryRules.filter((r) => !r.when.employment?.includes('financialEnterpriseRetiree')) })
    const c = makeCase(other, { categories: { employment: 'financialEnterpriseRetiree', enterpriseOwnRules: true } })
    expect(planStages(other, c.categories).inScope).toBe(true)
    expect(checkStep(other, c, 'rosterConfirmed').ok).toBe(true)
    expect(checkStep(policy, c, 'rosterConfirmed').ok).toBe(false)
  })
})

describe('a city whose plan has no stage of its own for the materials (only roster and take-in are required)', () => {
  const without = parsePolicy({
    ...erenhot2019,
    id: 'no-materials',
    stages: erenhot2019.stages.filter((s) => s.id !== 'materials').map((s) => (s.id === 'agreement' ? { ...s, after: ['roster'] } : s)),
  })

  test('the case goes from the roster to the agreement; the materials step is refused as not in the policy', () => {
    const c = withSteps(without, makeCase(without), ['rosterConfirmed'])
    expect(CASE_STEP_TYPES.filter((t) => checkStep(without, c, t).ok)).toEqual(['agreementCommunitySigned'])
    expect(checkStep(without, c, 'materialsSubmitted')).toEqual({ ok: false, stage: 'materials', message: '本地政策没有这个环节。' })
    const done = withSteps(without, c, ['agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver', 'takenIn'])
    expect(deriveStatus(without, done)).toMatchObject({ inScope: true, done: true, openStages: [] })
    expect(Object.keys(done.summary.stages)).toEqual(['roster', 'agreement', 'personnelFile', 'socialSecurity', 'takenIn'])
  })

  test('the figures and the board count only the stages the policy has', () => {
    const cases = [makeCase(without, { id: 'c1', enterpriseId: 'ent-a' }), withSteps(without, makeCase(without, { id: 'c2', enterpriseId: 'ent-a' }), ['rosterConfirmed'])]
    const figures = countFigures(cases.map((value) => ({ kind: 'case' as const, value })))
    expect([...figures.keys()].some((k) => k.includes('|materials|'))).toBe(false)
    const enterprise = unitStandings(without, figures, '2020-07-01').find((u) => u.unit.orgId === 'ent-a')!
    expect(enterprise.stages).toEqual([
      { stage: 'roster', done: 1, open: 1, waiting: 0, overdue: 1 },
      // Two-sided: c2's agreement waits on its community's signature, so the enterprise sees it waiting.
      { stage: 'agreement', done: 0, open: 0, waiting: 2, overdue: 0 },
    ])
  })

  test('a policy may not leave out the roster or take-in, nor wait on a stage it does not have', () => {
    expect(() => parsePolicy({ ...without, stages: without.stages.filter((s) => s.id !== 'takenIn') })).toThrow('纳入社区管理')
    expect(() => parsePolicy({ ...without, stages: without.stages.map((s) => (s.id === 'agreement' ? { ...s, after: ['materials'] } : s)) })).toThrow('前置环节 materials')
  })
})
