import { AppError } from './AppError'
import { CASE_STEP_TYPES, type CaseStepType } from './CaseAction'
import type { CaseCategories } from './Category'
import { checkStep, deriveStatus, LEGACY_STEPS, planStages, receivingCommunityId, recordStep, STAGE_STEPS, STEP_STAGE } from './CaseState'
import { parsePolicy } from './Policy'
import { erenhot2019 } from './policies/erenhot2019'
import { makeCase, stepOf, withSteps, withVisit } from './testing/fixtures'

const policy = erenhot2019
type Path = Array<[CaseStepType | null, CaseStepType[]]>

/**
 * For each category: a path through the case, and after each step exactly which steps the
 * rules allow next. Every other step must be refused at that point.
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
  ['financial-enterprise retiree (own rules)', { employment: 'financialEnterpriseRetiree' }, [[null, []]]],
]

describe.each(PATHS)('state machine: %s', (_label, categories, path) => {
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

describe('state machine rules', () => {
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
    const ready = withSteps(policy, makeCase(policy), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver'])
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
    const classified = withSteps(policy, makeCase(policy, { categories: { classified: true } }), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned'])
    expect(checkStep(policy, classified, 'personnelFileTransferred')).toMatchObject({ ok: false, message: expect.stringContaining('保密规定') })
    const ordinary = withSteps(policy, makeCase(policy), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned'])
    expect(checkStep(policy, ordinary, 'classifiedFileHandled').ok).toBe(false)
  })

  test('status is derived from the action list: version, summary and current stage follow the steps', () => {
    const c0 = makeCase(policy, { categories: { partyMember: true } })
    expect(c0.summary).toMatchObject({ currentStage: 'roster', nextDeadline: '2019-11-30', done: false })
    const c3 = withSteps(policy, c0, ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned'])
    expect(c3.version).toBe(5)
    expect(c3.actions.map((a) => a.type)).toEqual(['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned'])
    expect(c3.summary).toMatchObject({ currentStage: 'personnelFile', openStages: ['personnelFile', 'partyRelation', 'socialSecurity'], nextDeadline: '2020-06-30' })
    const status = deriveStatus(policy, c3)
    if (!status.inScope) throw new Error('expected in scope')
    expect(status.stages.map((s) => [s.stage.id, s.status])).toEqual([
      ['roster', 'done'],
      ['materials', 'done'],
      ['agreement', 'done'],
      ['personnelFile', 'open'],
      ['partyRelation', 'open'],
      ['socialSecurity', 'open'],
      ['takenIn', 'waiting'],
    ])
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
    expect(receivingCommunityId(policy, c)).toBe('com-hukou')
    const residencePolicy = parsePolicy({ ...policy, receivingRule: 'residence' })
    expect(receivingCommunityId(residencePolicy, c)).toBe('com-home')
  })

  test('a city that includes financial enterprises changes the machine through config only', () => {
    const other = parsePolicy({ ...policy, categoryRules: policy.categoryRules.filter((r) => !r.when.employment?.includes('financialEnterpriseRetiree')) })
    const c = makeCase(other, { categories: { employment: 'financialEnterpriseRetiree' } })
    expect(planStages(other, c.categories).inScope).toBe(true)
    expect(checkStep(other, c, 'rosterConfirmed').ok).toBe(true)
    expect(checkStep(policy, c, 'rosterConfirmed').ok).toBe(false)
  })
})
