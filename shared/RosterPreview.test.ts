import { EMPLOYMENT_KINDS, ORDINARY_CATEGORIES, type CaseCategories } from './Category'
import { planStages } from './CaseState'
import { parsePolicy, type Policy } from './Policy'
import { erenhot2019 } from './policies/erenhot2019'
import { outOfScopeGroups, outOfScopeLabel } from './RosterPreview'

const person = (row: number, categories: Partial<CaseCategories> = {}) => ({ row, categories: { ...ORDINARY_CATEGORIES, ...categories } })

/** The default policy with its category rules replaced. */
const withRules = (categoryRules: Policy['categoryRules']): Policy => parsePolicy({ ...erenhot2019, categoryRules })

describe('rows kept out of the hand-over, as the policy says', () => {
  const people = [
    person(2),
    person(3, { employment: 'retiredCadre' }),
    person(4, { employment: 'financialEnterpriseRetiree', partyMember: true, enterpriseOwnRules: true }),
    person(5, { employment: 'retiredCadre', partyMember: true }),
    person(6, { employment: 'publicInstitutionRetiree' }),
    person(8, { employment: 'financialEnterpriseRetiree' }),
  ]

  test('the default policy: 离休 and 金融企业退休 (of an enterprise marked 另有规定) apart, each with its count, rows and reason, in the policy’s order', () => {
    expect(outOfScopeGroups(erenhot2019, people)).toEqual([
      { label: '离休', reason: '离休人员保持现有管理方式不变，不参加这次移交。', count: 2, rows: [3, 5] },
      { label: '金融企业退休', reason: '金融企业退休人员另有规定，按其规定办理。', count: 1, rows: [4] },
    ])
    expect(people.map((p) => outOfScopeLabel(erenhot2019, p.categories))).toEqual([null, '离休', '金融企业退休', '离休', null, null])
  })

  test('a policy where financial-enterprise retirees take part, and one rule names a flag', () => {
    const policy = withRules([
      { when: { employment: ['retiredCadre'] }, effect: { kind: 'excludeCase', reason: '离休干部不参加。' } },
      { when: { flag: 'municipalCadre' }, effect: { kind: 'excludeCase', reason: '市管干部另行安排。' } },
    ])
    const groups = outOfScopeGroups(policy, [...people, person(7, { municipalCadre: true })])
    expect(groups).toEqual([
      { label: '离休', reason: '离休干部不参加。', count: 2, rows: [3, 5] },
      { label: '市委管理的领导人员', reason: '市管干部另行安排。', count: 1, rows: [7] },
    ])
  })

  test('a policy that keeps everyone in has no group', () => {
    expect(outOfScopeGroups(withRules([]), people)).toEqual([])
  })

  test('a row is out of a group exactly when its case would be out of scope', () => {
    for (const employment of EMPLOYMENT_KINDS) {
      for (const partyMember of [false, true]) {
        for (const enterpriseOwnRules of [false, true]) {
          const categories = { ...ORDINARY_CATEGORIES, employment, partyMember, enterpriseOwnRules }
          expect(outOfScopeLabel(erenhot2019, categories) === null).toBe(planStages(erenhot2019, categories).inScope)
        }
      }
    }
  })
})
