import * as z from 'zod/mini'

/** The stages of one case, in the order DOMAIN.md lists them. */
export const STAGE_IDS = [
  'roster', // 摸底造册
  'materials', // 移交材料
  'agreement', // 签订移交协议
  'personnelFile', // 人事档案移交
  'partyRelation', // 党员组织关系转接
  'socialSecurity', // 社会保障管理服务衔接
  'takenIn', // 纳入社区管理服务
] as const
export const StageId = z.enum(STAGE_IDS)
export type StageId = z.infer<typeof StageId>

/**
 * Who answers for a stage, or for one step of it. The enterprise, the community and the community's
 * party organisation are one unit per organisation; the bureaus are city-wide.
 */
export const RESPONSIBLE_PARTIES = ['enterprise', 'community', 'communityParty', 'archives', 'party', 'hrss', 'medicalInsurance'] as const
export const ResponsibleParty = z.enum(RESPONSIBLE_PARTIES)
export type ResponsibleParty = z.infer<typeof ResponsibleParty>

export const RESPONSIBLE_PARTY_NAMES: Record<ResponsibleParty, string> = {
  enterprise: '原企业',
  community: '接收社区',
  communityParty: '社区党组织',
  archives: '市档案局、人社局',
  party: '市委组织部',
  hrss: '市人社局',
  medicalInsurance: '市医保局',
}

/** The parties that are one unit per community (their orgId is the receiving community). */
export const COMMUNITY_SIDE_PARTIES = ['community', 'communityParty'] as const satisfies readonly ResponsibleParty[]
/** The city-wide bureaus: one unit each, counted over the whole city. */
export const CITY_PARTIES = ['archives', 'party', 'hrss', 'medicalInsurance'] as const satisfies readonly ResponsibleParty[]
export type CityParty = (typeof CITY_PARTIES)[number]

/** A stage as far as who answers for it (shared/Policy.ts StagePolicy). */
interface Answerable {
  responsible: ResponsibleParty
  stepParties?: readonly ResponsibleParty[]
}

/** Every party that answers for some step of a stage, in step order, without repeats. */
export function stageParties(stage: Answerable): ResponsibleParty[] {
  return [...new Set(stage.stepParties ?? [stage.responsible])]
}

/** Who answers now for an open stage: the party of its next step (stepsDone steps are recorded). */
export function answeringParty(stage: Answerable, stepsDone: number): ResponsibleParty {
  return stage.stepParties?.[stepsDone] ?? stage.responsible
}

/** What the board and the screens call whoever answers for a stage: 原企业、接收社区. */
export function stageResponsibleName(stage: Answerable): string {
  return stageParties(stage).map((p) => RESPONSIBLE_PARTY_NAMES[p]).join('、')
}
