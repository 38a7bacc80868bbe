import * as z from 'zod/mini'

/** Which kind of retiree a person is (DOMAIN.md, category rules). Exactly one applies. */
export const EMPLOYMENT_KINDS = [
  'soeRetiree', // 国有企业退休人员
  'publicInstitutionRetiree', // 国有企业管理的事业单位退休人员
  'retiredCadre', // 离休人员
  'financialEnterpriseRetiree', // 金融企业退休人员
] as const
export const EmploymentKind = z.enum(EMPLOYMENT_KINDS)
export type EmploymentKind = z.infer<typeof EmploymentKind>

export const EMPLOYMENT_KIND_NAMES: Record<EmploymentKind, string> = {
  soeRetiree: '国有企业退休人员',
  publicInstitutionRetiree: '国有企业管理的事业单位退休人员',
  retiredCadre: '离休人员',
  financialEnterpriseRetiree: '金融企业退休人员',
}

/** The same in a word or two, as the roster's columns name them. */
export const EMPLOYMENT_KIND_SHORT_NAMES: Record<EmploymentKind, string> = {
  soeRetiree: '国有企业退休',
  publicInstitutionRetiree: '事业单位退休',
  retiredCadre: '离休',
  financialEnterpriseRetiree: '金融企业退休',
}

/** Flags that may combine with any employment kind. */
export const CATEGORY_FLAGS = [
  'partyMember', // 党员
  'municipalCadre', // 市委(组织部)管理的领导人员
  'classified', // 涉密部门人员
  'militaryIndustryLeader', // 军工企事业单位领导干部、核心涉密退休人员
  'livesAwayFromHukou', // 长期不在户籍所在地生活
] as const
export const CategoryFlag = z.enum(CATEGORY_FLAGS)
export type CategoryFlag = z.infer<typeof CategoryFlag>

export const CATEGORY_FLAG_NAMES: Record<CategoryFlag, string> = {
  partyMember: '党员',
  municipalCadre: '市委管理的领导人员',
  classified: '涉密部门人员',
  militaryIndustryLeader: '军工企事业单位领导干部或核心涉密人员',
  livesAwayFromHukou: '长期不在户籍地居住',
}

export const CaseCategories = z.object({
  employment: EmploymentKind.check(z.describe('which kind of retiree (exactly one)')),
  partyMember: z.boolean().check(z.describe('党员: needs the party-relation stage')),
  municipalCadre: z.boolean().check(z.describe('市委管理的领导人员: personnel file stays')),
  classified: z.boolean().check(z.describe('涉密部门人员: file under confidentiality rules')),
  militaryIndustryLeader: z.boolean().check(z.describe('军工/核心涉密: trips abroad approved by the original unit')),
  livesAwayFromHukou: z.boolean().check(z.describe('lives long-term away from the hukou community')),
  enterpriseOwnRules: z.optional(
    z.boolean().check(z.describe('the enterprise is marked 另有规定 by the office (Enterprise.ownRules): a copy, set by import and the mark, never by hand')),
  ),
})
export type CaseCategories = z.infer<typeof CaseCategories>

/** A person's categories under their enterprise's mark (另有规定): the copy present only while the enterprise is marked. */
export function withEnterpriseMark(categories: CaseCategories, ownRules: boolean): CaseCategories {
  const { enterpriseOwnRules: _was, ...rest } = categories
  return ownRules ? { ...rest, enterpriseOwnRules: true } : rest
}

export const ORDINARY_CATEGORIES: CaseCategories = {
  employment: 'soeRetiree',
  partyMember: false,
  municipalCadre: false,
  classified: false,
  militaryIndustryLeader: false,
  livesAwayFromHukou: false,
}
