/**
 * Demo data for the local cloud: 4 enterprises, 6 communities, staff of every role and 320
 * retirees spread over every stage and category, with realistic names (long Mongolian names
 * and names with ·), and optional crowds of thousands more in one community. Deterministic: the
 * same seed gives the same people. Each case holds what its log claims: the materials and their
 * files, the signed agreement, the visit before take-in (checked by seedRecords.test.ts).
 */
import { checkStep, identityVerified, openCase, recordNote, recordStep, STEP_STAGE } from '../shared/CaseState'
import { newInboxMessages } from '../cloudfunctions/lib/actions/common'
import { CASE_STEP_TYPES, type CaseStepType, type CaseStep } from '../shared/CaseAction'
import { ORDINARY_CATEGORIES, type CaseCategories } from '../shared/Category'
import { canAccessCase, STEP_ROLES, stepRefusal } from '../shared/Authorization'
import type { RetireeCase } from '../shared/Case'
import { addChinaDays, addMonths, chinaDateOf, endOfChinaDay } from '../shared/ChinaTime'
import { checkCharacter } from '../shared/IdNumber'
import type { Policy } from '../shared/Policy'
import type { IdNumberVault } from '../shared/ports/IdNumberVault'
import type { Store } from '../shared/ports/Store'
import { commitInChunks } from '../shared/ports/ChunkedCommit'
import type { TransferAgreement } from '../shared/TransferAgreement'
import { MAX_BATCH_CASES } from '../shared/Api'
import { MATERIAL_ITEMS, materialPath, type MaterialsChecklist } from '../shared/Materials'
import { memoryFileStorage } from '../shared/ports/FileStorage'
import type { User } from '../shared/User'
import type { Role } from '../shared/Role'
import { replaySnapshots } from '../shared/UnitSnapshot'
import { referralFromRoster, type Referral } from '../shared/Referral'
import { DEMO_COMMUNITIES, DEMO_ENTERPRISES, GIVEN_NAMES, LONG_NAMES, SURNAMES } from './demoData'
import { DEMO_MATERIAL_SAMPLES } from './demoFiles'
import { seededAudit } from './seedAudit'

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** Area codes of 锡林郭勒盟, 二连浩特市 first: each holds 500 sequence numbers per birth date and gender. */
const DEMO_AREA_CODES = ['152501', '152502', '152522', '152523', '152524', '152525', '152526', '152527', '152528', '152529', '152530', '152531']

/**
 * A valid 18-digit ID number. Sequences 0-499 are of 二连浩特市 (area 152501); each further 500
 * take the next area code of the league, so sequences up to 5 999 give distinct numbers for one
 * birth date and gender.
 */
/** One roster row whose hukou is outside the city (转出), waiting for the office to send it on. */
function demoReferral(vault: IdNumberVault, at: Date): Referral {
  const idNumber = vault.seal(demoIdNumber('1954-08-16', DEMO_AREA_CODES.length * 500 - 1, 'male'))
  const row = { enterpriseId: 'ent-grain', name: '朝鲁门', idNumber, gender: 'male' as const, birthMonth: '1954-08', retirementMonth: '2014-09', phone: '13904797777', hukouAddress: '锡林浩特市额尔敦路5号' }
  return referralFromRoster(null, row, at)
}

export function demoIdNumber(birthDate: string, sequence: number, gender: 'male' | 'female'): string {
  const area = DEMO_AREA_CODES[Math.floor(sequence / 500)]
  if (!area || sequence < 0) throw new RangeError(`demoIdNumber: sequence ${sequence} outside 0-${DEMO_AREA_CODES.length * 500 - 1}`)
  const seq3 = pad((sequence % 500) * 2 + (gender === 'male' ? 1 : 0), 3)
  const first17 = area + birthDate.replace(/-/g, '') + seq3
  return first17 + checkCharacter(first17)
}

/**
 * Demo staff: one of every role, and someone at every enterprise and community to record its
 * steps (so a foreign community can be tried, and no case's log names someone from elsewhere).
 */
/** Why the organisation department records a party step for a community in the demo (Authorization stepRefusal). */
const STAND_IN_NOTE = '社区党组织书记暂缺，由组织部代为登记'

export const DEMO_STAFF: User[] = [
  { id: 'dev-grid-wulan', role: 'gridWorker', name: '网格员 孟和', orgId: 'com-wulan', phone: '13904790101' },
  { id: 'dev-grid-gerile', role: 'gridWorker', name: '网格员 王丽娜', orgId: 'com-gerile', phone: '13904790102' },
  { id: 'dev-grid-xilin', role: 'gridWorker', name: '网格员 包金山', orgId: 'com-xilin', phone: '13904790109' },
  { id: 'dev-grid-bayan', role: 'gridWorker', name: '网格员 萨仁', orgId: 'com-bayan', phone: '13904790110' },
  { id: 'dev-grid-xinyuan', role: 'gridWorker', name: '网格员 李春燕', orgId: 'com-xinyuan', phone: '13904790111' },
  { id: 'dev-grid-mandula', role: 'gridWorker', name: '网格员 乌日娜', orgId: 'com-mandula', phone: '13904790112' },
  { id: 'dev-admin-wulan', role: 'communityAdmin', name: '社区主任 赵敏', orgId: 'com-wulan', phone: '13904790103' },
  // Every community signs its own agreements (plan 五（二）1).
  { id: 'dev-admin-gerile', role: 'communityAdmin', name: '社区主任 哈斯', orgId: 'com-gerile', phone: '13904790118' },
  { id: 'dev-admin-xilin', role: 'communityAdmin', name: '社区主任 陈立军', orgId: 'com-xilin', phone: '13904790119' },
  { id: 'dev-admin-bayan', role: 'communityAdmin', name: '社区主任 其木格', orgId: 'com-bayan', phone: '13904790120' },
  { id: 'dev-admin-xinyuan', role: 'communityAdmin', name: '社区主任 杨秀英', orgId: 'com-xinyuan', phone: '13904790121' },
  { id: 'dev-admin-mandula', role: 'communityAdmin', name: '社区主任 图雅', orgId: 'com-mandula', phone: '13904790122' },
  { id: 'dev-ent-water', role: 'enterpriseOperator', name: '经办人 刘建华', orgId: 'ent-water', phone: '13904790104' },
  { id: 'dev-ent-heat', role: 'enterpriseOperator', name: '经办人 高秀兰', orgId: 'ent-heat', phone: '13904790105' },
  { id: 'dev-ent-bus', role: 'enterpriseOperator', name: '经办人 巴特尔', orgId: 'ent-bus', phone: '13904790113' },
  { id: 'dev-ent-grain', role: 'enterpriseOperator', name: '经办人 周玉梅', orgId: 'ent-grain', phone: '13904790114' },
  { id: 'dev-archives', role: 'archivesOfficer', name: '档案局 张耀增', orgId: 'archives', phone: '13904790106' },
  { id: 'dev-party', role: 'partyOfficer', name: '组织部 任建明', orgId: 'party', phone: '13904790107' },
  { id: 'dev-partysec-wulan', role: 'communityPartySecretary', name: '社区党委书记 其其格', orgId: 'com-wulan', phone: '13904790115' },
  { id: 'dev-hrss', role: 'socialSecurityOfficer', name: '人社局 王海峰', orgId: 'hrss', phone: '13904790116' },
  { id: 'dev-medical', role: 'socialSecurityOfficer', name: '医保局 斯琴', orgId: 'medicalInsurance', phone: '13904790117' },
  { id: 'dev-office', role: 'supervisor', name: '领导小组办公室 余宏利', orgId: 'office', phone: '13904790108' },
]

interface DemoRetiree {
  /** The demo WeChat identity bound to the case; null for the person left for the binding demo. */
  userId: string | null
  caseId: string
  name: string
  note: string
  categories: CaseCategories
  steps: number
  enterpriseId: string
  hukouCommunityId: string
}

/** Retirees with a sign-in of their own, each showing a different part of the rules. */
export const DEMO_RETIREES: DemoRetiree[] = [
  { userId: 'dev-retiree-1', caseId: 'case-0001', name: '斯日古楞', note: '普通退休人员，正在签订移交协议', categories: ORDINARY_CATEGORIES, steps: 2, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan' },
  { userId: 'dev-retiree-2', caseId: 'case-0002', name: '额尔敦毕力格', note: '党员，正在转接党组织关系', categories: { ...ORDINARY_CATEGORIES, partyMember: true }, steps: 3, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan' },
  { userId: 'dev-retiree-3', caseId: 'case-0003', name: '王建国', note: '市委管理的领导人员，档案不移交', categories: { ...ORDINARY_CATEGORIES, municipalCadre: true, partyMember: true }, steps: 3, enterpriseId: 'ent-heat', hukouCommunityId: 'com-wulan' },
  { userId: 'dev-retiree-4', caseId: 'case-0004', name: '李德胜', note: '离休人员，不参加移交', categories: { ...ORDINARY_CATEGORIES, employment: 'retiredCadre', partyMember: true }, steps: 0, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan' },
  { userId: 'dev-retiree-5', caseId: 'case-0005', name: '乌云其木格', note: '已纳入社区管理', categories: ORDINARY_CATEGORIES, steps: 99, enterpriseId: 'ent-bus', hukouCommunityId: 'com-wulan' },
  { userId: 'dev-retiree-6', caseId: 'case-0006', name: '阿依古丽·买买提', note: '长期在外地居住，摸底造册中', categories: { ...ORDINARY_CATEGORIES, livesAwayFromHukou: true }, steps: 0, enterpriseId: 'ent-grain', hukouCommunityId: 'com-gerile' },
  { userId: null, caseId: 'case-0007', name: '巴特尔', note: '还没有绑定微信（用来演示实名绑定）', categories: { ...ORDINARY_CATEGORIES, partyMember: true }, steps: 1, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan' },
]

/** The relative the first demo retiree invited (may not confirm on their behalf). */
export const DEMO_RELATIVE: User = { id: 'dev-relative-1', role: 'relative', name: '斯日古楞的女儿 娜仁', orgId: '', caseId: 'case-0001', mayConfirm: false }

/** The case left unbound, so the binding flow can be tried. */
export const BINDING_DEMO_CASE_ID = 'case-0007'

/** More generated retirees of one enterprise, all with their hukou in one community. */
export interface DemoCrowd {
  enterpriseId: string
  communityId: string
  count: number
  /** Case ids are `<idPrefix><00001…>`; defaults to `case-crowd<n>-` for the n-th crowd. */
  idPrefix?: string
}

export interface SeedOptions {
  count: number
  now: Date
  seed?: number
  /** Crowds seeded after the `count` people, spread over the same depths and categories. */
  crowds?: DemoCrowd[]
  /**
   * Stores a file as a client upload would and returns its file id: the materials of every case
   * past that step are written through it. Defaults to a memory storage nobody reads.
   */
  saveFile?: (path: string, bytes: Uint8Array) => string
  /**
   * Writes each day's unit snapshots before `now`, rebuilt from the cases' logs, so forecasts and
   * the burn-down have a history. The demo server asks for it; tests that seed many times leave
   * it out (it adds about a fifth of a second to 0.4 s for the default demo).
   */
  history?: boolean
}

export async function seedDemo(store: Store, policy: Policy, vault: IdNumberVault, options: SeedOptions): Promise<{ cases: number }> {
  const rnd = prng(options.seed ?? 20191225)
  /**
   * Someone in one of these roles whose jurisdiction holds the case and who may record the step
   * (every org has someone; a bureau records its own step; the organisation department stands in
   * for a community without a party secretary, and gives that reason).
   */
  const staffFor = (roles: readonly Role[], c: RetireeCase, type?: CaseStepType) => {
    const user = roles.flatMap((role) => DEMO_STAFF.filter((u) => u.role === role && canAccessCase(u, c) && (!type || !stepRefusal(u, { type, note: STAND_IN_NOTE }))))[0]
    if (!user) throw new Error(`seed: no demo ${roles.join('/')} for ${c.id}`)
    return user
  }
  const agreements = new Map<string, TransferAgreement>()
  const materials: MaterialsChecklist[] = []
  const saveFile = options.saveFile ?? memoryFileStorage().put
  const DAY = 86_400_000

  function advance(c: RetireeCase, maxSteps: number, start: Date): RetireeCase {
    let at = start.getTime()
    for (let n = 0; n < maxSteps; n++) {
      at += (8 + rnd.int(10)) * 86_400_000
      if (at > options.now.getTime() - 86_400_000) break
      if (c.summary.openStages.includes('takenIn') && !identityVerified(c)) {
        // The grid worker sees the person before taking them in.
        const grid = staffFor(['gridWorker'], c)
        c = recordNote(policy, c, { type: 'visitRecorded', identityChecked: true, materialsChecked: true }, { userId: grid.id, role: 'gridWorker' }, new Date(at - 3600_000), `act-${c.id}-visit`)
      }
      // Only a step of an open stage can pass checkStep: the others are not folded for nothing.
      const type = CASE_STEP_TYPES.find((t: CaseStepType) => c.summary.openStages.includes(STEP_STAGE[t]) && checkStep(policy, c, t).ok)
      if (!type) break
      if (type === 'agreementCommunitySigned') {
        // Agreements are countersigned in monthly batches, on the 25th, the day after the community signed: the case waits for the next one.
        at = signingDay(at)
        if (at > options.now.getTime() - DAY) break
        const community = staffFor(STEP_ROLES.agreementCommunitySigned, c)
        const agreementId = signedAgreement(c, new Date(at)).id
        c = recordStep(policy, c, { type, agreementId }, { userId: community.id, role: community.role }, new Date(at - DAY), `act-${c.id}-${n + 1}-community`)
        const enterprise = staffFor(STEP_ROLES.agreementSigned, c)
        c = recordStep(policy, c, { type: 'agreementSigned', agreementId }, { userId: enterprise.id, role: enterprise.role }, new Date(at), `act-${c.id}-${n + 1}`)
        continue
      }
      const by = staffFor(STEP_ROLES[type], c, type)
      // The materials were photographed and attached, and the hukou community confirmed, in the days before.
      if (type === 'materialsSubmitted') materials.push(attachedMaterials(c, by.id, at - 2 * DAY))
      c = recordStep(policy, c, stepFor(type, c, new Date(at), by), { userId: by.id, role: by.role }, new Date(at), `act-${c.id}-${n + 1}`)
    }
    return c
  }

  /** Every checklist item with its sample file stored under the uploader and case, one hour apart. */
  function attachedMaterials(c: RetireeCase, uploaderId: string, from: number): MaterialsChecklist {
    const files: MaterialsChecklist['files'] = {}
    for (const [k, item] of MATERIAL_ITEMS.entries()) {
      const sample = DEMO_MATERIAL_SAMPLES[item]
      const fileId = saveFile(materialPath(uploaderId, c.id, sample.name), sample.bytes)
      const mimeType = sample.name.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg'
      files[item] = [{ fileId, mimeType, size: sample.bytes.length, uploadedAt: new Date(from + k * 3600_000).toISOString() }]
    }
    // One version per attach, and one for confirming the hukou community, as materials.* would leave it.
    return { id: c.id, version: MATERIAL_ITEMS.length + 1, caseId: c.id, files, hukouCommunityConfirmed: true }
  }

  /** The first 25th of a month at or after `at`, at the same time of day. */
  function signingDay(at: number): number {
    const d = new Date(at)
    const day = (monthsOn: number) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsOn, 25, d.getUTCHours(), d.getUTCMinutes())
    return day(0) >= at ? day(0) : day(1)
  }

  /**
   * The agreement a case is signed in, as the workflow leaves it: drafted, signed by the community,
   * then countersigned by the enterprise at the moment of the step. Cases of one enterprise and
   * community countersigned at one moment (one signing day) share an agreement, up to MAX_BATCH_CASES.
   */
  function signedAgreement(c: RetireeCase, at: Date): TransferAgreement {
    const base = `agr-${c.enterpriseId}-${c.summary.receivingCommunityId}-${at.toISOString().slice(0, 10).replace(/-/g, '')}`
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`
      const a = agreements.get(id)
      if (a && a.caseIds.length >= MAX_BATCH_CASES) continue
      if (a) {
        a.caseIds.push(c.id)
        return a
      }
      const created: TransferAgreement = {
        id,
        version: 3,
        enterpriseId: c.enterpriseId,
        communityId: c.summary.receivingCommunityId,
        caseIds: [c.id],
        status: 'signed',
        deadline: policy.stages.find((s) => s.id === 'agreement')?.deadline ?? '',
        communitySignedAt: new Date(at.getTime() - DAY).toISOString(),
        enterpriseSignedAt: at.toISOString(),
        createdAt: new Date(at.getTime() - 3 * DAY).toISOString(),
      }
      agreements.set(id, created)
      return created
    }
  }

  function stepFor(type: CaseStepType, c: RetireeCase, at: Date, by: User): CaseStep {
    const standIn = by.role === 'partyOfficer' ? { note: STAND_IN_NOTE } : {}
    if (type === 'agreementSigned') return { type, agreementId: signedAgreement(c, at).id }
    if (type === 'partyBranchAssigned') return { type, branchName: DEMO_COMMUNITIES.find((m) => m.id === c.summary.receivingCommunityId)?.partyBranch?.name ?? '第一党支部', ...standIn }
    if (type === 'partyRelationTransferred') return { type, ...standIn }
    if (type === 'pensionHandedOver') return { type, pensionOnTime: true }
    if (type === 'medicalInsuranceHandedOver') return { type, medicalContinued: true, management: 'local', supplementaryOnChannel: true }
    return { type } as CaseStep
  }

  function person(i: number, name: string, communityId: string): RetireeCase['person'] {
    const gender = rnd.chance(0.5) ? 'male' : 'female'
    const drawnYear = 1938 + rnd.int(25)
    const monthDay = `${pad(1 + rnd.int(12), 2)}-${pad(1 + rnd.int(28), 2)}`
    const retirementAge = gender === 'male' ? 60 : rnd.chance(0.5) ? 50 : 55
    // Everyone on a 2019 roster has retired: they retire the month after the birthday of their retirement age.
    const birthYear = addMonths(`${drawnYear}-${monthDay.slice(0, 2)}`, 12 * retirementAge + 1) > '2019-12' ? drawnYear - 10 : drawnYear
    const birthDate = `${birthYear}-${monthDay}`
    const community = DEMO_COMMUNITIES.find((c) => c.id === communityId) ?? DEMO_COMMUNITIES[0]
    return {
      name,
      gender,
      birthMonth: birthDate.slice(0, 7),
      idNumber: vault.seal(demoIdNumber(birthDate, i, gender)),
      phone: `13${pad(100000000 + rnd.int(899999999), 9)}`,
      hukouAddress: `${community.address.replace(/\d+号.*$/, '')}${1 + rnd.int(40)}号`,
      residenceAddress: null,
      retirementMonth: addMonths(birthDate.slice(0, 7), 12 * retirementAge + 1),
    }
  }

  // Every case id is known, and checked distinct, before any file is written.
  const generatedIds = Array.from({ length: Math.max(0, options.count - DEMO_RETIREES.length) }, (_, n) => `case-${pad(DEMO_RETIREES.length + n + 1, 4)}`)
  const crowds = (options.crowds ?? []).map((crowd, k) => {
    if (!DEMO_ENTERPRISES.some((e) => e.id === crowd.enterpriseId)) throw new Error(`crowd: no demo enterprise ${crowd.enterpriseId}`)
    if (!DEMO_COMMUNITIES.some((c) => c.id === crowd.communityId)) throw new Error(`crowd: no demo community ${crowd.communityId}`)
    const prefix = crowd.idPrefix ?? `case-crowd${k + 1}-`
    return { ...crowd, caseIds: Array.from({ length: crowd.count }, (_, n) => `${prefix}${pad(n + 1, 5)}`) }
  })
  const ids = new Set<string>()
  for (const id of [...DEMO_RETIREES.map((d) => d.caseId), ...generatedIds, ...crowds.flatMap((crowd) => crowd.caseIds)]) {
    if (ids.size === ids.add(id).size) throw new Error(`seed: case id ${id} given twice (choose another crowd idPrefix)`)
  }

  const cases: RetireeCase[] = []
  // The rosters are opened 19 days into the policy's programme and worked on from day 30
  // (2019-09-20 and 2019-10-01 under the 二连浩特 2019 plan).
  const programmeStart = Date.parse(`${policy.phases.flatMap((ph) => (ph.from === null ? [] : [ph.from])).sort()[0] ?? '2019-09-01'}T00:00:00Z`)
  const created = new Date(programmeStart + 19 * DAY + 3_600_000)
  const workFrom = programmeStart + 30 * DAY
  for (const [i, d] of DEMO_RETIREES.entries()) {
    const residence = d.categories.livesAwayFromHukou ? 'com-xinyuan' : null
    const p = { ...person(i, d.name, d.hukouCommunityId), ...(residence && { residenceAddress: '呼和浩特市新城区（长期居住）' }) }
    const c = openCase(policy, { id: d.caseId, enterpriseId: d.enterpriseId, hukouCommunityId: d.hukouCommunityId, residenceCommunityId: residence, person: p, categories: d.categories }, created)
    const advanced = advance(c, d.steps, new Date(workFrom))
    const boundAt = new Date(options.now.getTime() - 2 * 86_400_000)
    const bound = d.userId ? recordNote(policy, advanced, { type: 'wechatBound', userId: d.userId }, { userId: d.userId, role: 'retiree' }, boundAt, `act-${c.id}-bound`) : advanced
    // Someone living away from their hukou community is served where they live (plan 四（六）).
    cases.push(residence ? recordNote(policy, bound, { type: 'serviceRecorded', service: '上门看望', communityId: residence, note: '身体硬朗，家人同住' }, { userId: 'dev-grid-xinyuan', role: 'gridWorker' }, new Date(boundAt.getTime() + 3600_000), `act-${c.id}-service`) : bound)
  }
  /** A generated retiree: a drawn name and categories, opened and advanced `depth` steps. */
  function generated(i: number, caseId: string, enterpriseId: string, hukou: string, depth: number): RetireeCase {
    const name = i % 9 === 0 ? rnd.pick(LONG_NAMES) : rnd.pick(SURNAMES) + rnd.pick(GIVEN_NAMES)
    const roll = rnd.next()
    const employment = roll < 0.04 ? 'retiredCadre' : roll < 0.07 ? 'financialEnterpriseRetiree' : roll < 0.15 ? 'publicInstitutionRetiree' : 'soeRetiree'
    const categories: CaseCategories = {
      employment,
      partyMember: rnd.chance(0.3),
      municipalCadre: rnd.chance(0.03),
      classified: rnd.chance(0.04),
      militaryIndustryLeader: rnd.chance(0.02),
      livesAwayFromHukou: rnd.chance(0.08),
    }
    const hukouIndex = DEMO_COMMUNITIES.findIndex((c) => c.id === hukou)
    const residence = categories.livesAwayFromHukou ? DEMO_COMMUNITIES[(hukouIndex + 2) % DEMO_COMMUNITIES.length].id : null
    const c = openCase(policy, { id: caseId, enterpriseId, hukouCommunityId: hukou, residenceCommunityId: residence, person: person(i, name, hukou), categories }, created)
    return advance(c, depth, new Date(workFrom + rnd.int(30) * 86_400_000))
  }

  // Spread cases over every depth, from "roster not confirmed" to "taken in".
  for (const [n, caseId] of generatedIds.entries()) {
    const i = DEMO_RETIREES.length + n
    cases.push(generated(i, caseId, DEMO_ENTERPRISES[i % DEMO_ENTERPRISES.length].id, DEMO_COMMUNITIES[i % DEMO_COMMUNITIES.length].id, i % 10))
  }
  // Crowds follow, numbered on from the others so every ID number stays distinct.
  let sequence = Math.max(options.count, DEMO_RETIREES.length)
  for (const crowd of crowds) {
    for (const caseId of crowd.caseIds) cases.push(generated(sequence, caseId, crowd.enterpriseId, crowd.communityId, sequence++ % 10))
  }

  // The history forecasts and the burn-down read: each day's snapshots before the demo day, as its first notify pass would have taken them.
  const firstDay = addChinaDays(chinaDateOf(created), 1)
  const lastDay = addChinaDays(chinaDateOf(options.now), -1)
  const snapshots = !options.history ? [] : replaySnapshots(policy, cases, firstDay, lastDay, (date) => new Date(endOfChinaDay(addChinaDays(date, -1)).getTime() + 1 + 5 * 60_000))

  const retireeUsers: User[] = DEMO_RETIREES.flatMap((d) => (d.userId ? [{ id: d.userId, role: 'retiree' as const, name: d.name, orgId: '', caseId: d.caseId }] : []))
  // In chunks that fit a cloud transaction (the seed need not land all at once: it fills an empty store).
  await commitInChunks(store, {
    enterprises: DEMO_ENTERPRISES,
    communities: DEMO_COMMUNITIES,
    users: [...DEMO_STAFF, ...retireeUsers, DEMO_RELATIVE],
    docs: [
      ...cases.flatMap((c) => newInboxMessages(null, c)).map((next) => ({ kind: 'inboxMessage' as const, next, expectedVersion: null })),
      ...materials.map((next) => ({ kind: 'materials' as const, next, expectedVersion: null })),
      ...snapshots.map((next) => ({ kind: 'unitSnapshot' as const, next, expectedVersion: null })),
      { kind: 'referral' as const, next: demoReferral(vault, created), expectedVersion: null },
    ],
    cases: cases.map((next) => ({ next, expectedVersion: null })),
    agreements: [...agreements.values()].map((next) => ({ next, expectedVersion: null })),
    audit: cases.flatMap(seededAudit),
  })
  return { cases: cases.length }
}
