/**
 * Every seeded case holds what its log claims. For each kind of action a case has, the records
 * that action implies exist and agree: materials with real files for 移交材料已备齐, a signed
 * agreement for 移交协议已签订, an identity-checked visit before 已纳入社区管理, and so on. The
 * checks are one table over every action type, so a new step cannot be seeded unchecked.
 */
import { allCases } from '../shared/testing/fixtures'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CASE_ACTION_TYPES, type CaseAction, type CaseActionType, type CaseStepType } from '../shared/CaseAction'
import type { RetireeCase } from '../shared/Case'
import { LEGACY_STEPS, planStages, STAGE_STEPS, STEP_STAGE } from '../shared/CaseState'
import { canAccessCase, mayRecordStep, servesAsResidence } from '../shared/Authorization'
import { parseIdNumber } from '../shared/IdNumber'
import { MAX_BATCH_CASES } from '../shared/Api'
import { missingMaterials, parseMaterialPath, SNIFF_BYTES, sniffMaterialType, type MaterialsChecklist } from '../shared/Materials'
import type { FileStorage } from '../shared/ports/FileStorage'
import type { TransferAgreement } from '../shared/TransferAgreement'
import type { User } from '../shared/User'
import type { Community } from '../shared/Organisation'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { createIdNumberVault } from '../cloudfunctions/lib/AesIdNumberVault'
import { openSqliteStore } from './SqliteStore'
import { createLocalFileStorage } from './LocalFileStorage'
import { seedDemo, type DemoCrowd } from './seed'

const vault = createIdNumberVault(Buffer.alloc(32, 5))
const NOW = new Date('2020-03-20T01:00:00Z')

/** What the seed wrote besides the cases, read back through the ports. */
interface Records {
  materials: Map<string, MaterialsChecklist>
  agreements: Map<string, TransferAgreement>
  users: Map<string, User>
  communities: Map<string, Community>
  files: FileStorage
  /** Facts of every stored file by id, read before the checks (they are synchronous). */
  fileFacts: Map<string, { mimeType: string | null; size: number } | null>
}

type Check<T extends CaseActionType> = (c: RetireeCase, action: Extract<CaseAction, { type: T }>, r: Records) => string[]

const problem = (holds: boolean, text: string): string[] => (holds ? [] : [text])
const before = (c: RetireeCase, action: CaseAction) => c.actions.slice(0, c.actions.indexOf(action))

/** The actor is a staff member of the receiving community (grid worker or community admin). */
const communityStaff = (c: RetireeCase, action: CaseAction, r: Records) => {
  const user = r.users.get(action.by.userId)
  return problem(!!user && (user.role === 'gridWorker' || user.role === 'communityAdmin') && user.orgId === c.summary.receivingCommunityId, `${action.type} by ${action.by.userId}, not staff of ${c.summary.receivingCommunityId}`)
}

/** The actor is a staff member of the receiving community, or of the residence community (and the action names it). */
const servingStaff = (c: RetireeCase, action: Extract<CaseAction, { type: 'visitRecorded' | 'serviceRecorded' }>, r: Records) => {
  const user = r.users.get(action.by.userId)
  if (user && servesAsResidence(user, c)) return problem(action.communityId === user.orgId, `${action.type} by ${action.by.userId} names community ${action.communityId}`)
  return action.type === 'serviceRecorded' ? [`serviceRecorded by ${action.by.userId}, not staff of ${c.residenceCommunityId}`] : communityStaff(c, action, r)
}

/** The retiree bound to this case did it themselves. */
const theRetiree = (c: RetireeCase, action: CaseAction, r: Records) => {
  const user = r.users.get(action.by.userId)
  return problem(!!user && user.role === 'retiree' && user.caseId === c.id, `${action.type} by ${action.by.userId}, not this case's retiree`)
}

/** Materials complete, each file stored under this case by an operator of its enterprise, really of its type and size. */
function completeMaterials(c: RetireeCase, action: CaseAction, r: Records): string[] {
  const m = r.materials.get(c.id)
  if (!m) return [`${action.type}: no materials checklist`]
  const out = problem(missingMaterials(m).length === 0, `${action.type}: materials still missing ${missingMaterials(m).join('、')}`)
  for (const [item, files] of Object.entries(m.files)) {
    for (const f of files ?? []) {
      const path = parseMaterialPath(r.files.pathOf(f.fileId) ?? '')
      const uploader = path && r.users.get(path.uploaderId)
      out.push(...problem(path?.caseId === c.id, `${item}: file ${f.fileId} not stored under ${c.id}`))
      out.push(...problem(uploader?.role === 'enterpriseOperator' && uploader.orgId === c.enterpriseId, `${item}: uploaded by ${path?.uploaderId}, not an operator of ${c.enterpriseId}`))
      const facts = r.fileFacts.get(f.fileId)
      out.push(...problem(!!facts && facts.mimeType === f.mimeType && facts.size === f.size, `${item}: stored file ${f.fileId} is not a ${f.mimeType} of ${f.size} bytes`))
      out.push(...problem(f.uploadedAt <= action.at, `${item}: uploaded after ${action.type}`))
    }
  }
  return out
}

/** What each kind of action implies beyond itself. */
const CHECKS = {
  // The roster row: a sealed ID number that agrees with the month and gender stored beside it.
  rosterConfirmed: (c) => {
    const id = parseIdNumber(vault.open(c.person.idNumber))
    return problem(id.ok && id.birthDate.slice(0, 7) === c.person.birthMonth && id.gender === c.person.gender, 'rosterConfirmed: ID number disagrees with birth month or gender')
  },
  materialsSubmitted: (c, action, r) => completeMaterials(c, action, r),
  // Countersigned by the enterprise at the moment of the step, after the community signed the draft.
  agreementSigned: (c, action, r) => {
    const a = r.agreements.get(action.agreementId)
    if (!a) return [`agreementSigned: no agreement ${action.agreementId}`]
    return [
      ...problem(a.status === 'signed' && a.version === 3, `agreement ${a.id}: status ${a.status}, version ${a.version}, not as draft, sign and countersign leave it`),
      ...problem(a.caseIds.includes(c.id) && a.caseIds.length <= MAX_BATCH_CASES, `agreement ${a.id}: does not list ${c.id} or holds over ${MAX_BATCH_CASES}`),
      ...problem(a.enterpriseId === c.enterpriseId && a.communityId === c.summary.receivingCommunityId, `agreement ${a.id}: between other parties`),
      ...problem(a.enterpriseSignedAt === action.at, `agreement ${a.id}: countersigned at ${a.enterpriseSignedAt}, step at ${action.at}`),
      ...problem(!!a.communitySignedAt && a.createdAt <= a.communitySignedAt && a.communitySignedAt <= action.at, `agreement ${a.id}: community signature ${a.communitySignedAt} out of order`),
      ...problem(r.users.get(action.by.userId)?.orgId === c.enterpriseId, `agreementSigned by ${action.by.userId}, not of ${c.enterpriseId}`),
    ]
  },
  personnelFileTransferred: () => [],
  classifiedFileHandled: (c) => problem(c.categories.classified, 'classifiedFileHandled for a person without classified files'),
  partyRelationTransferred: (c) => problem(c.categories.partyMember, 'partyRelationTransferred for a person not in the party'),
  // The branch is one of the receiving community's, after the relation came over.
  partyBranchAssigned: (c, action, r) => [
    ...problem(action.branchName === r.communities.get(c.summary.receivingCommunityId)?.partyBranch?.name, `partyBranchAssigned to ${action.branchName}, not a branch of ${c.summary.receivingCommunityId}`),
    ...problem(before(c, action).some((a) => a.type === 'partyRelationTransferred'), 'partyBranchAssigned before the party relation was transferred'),
  ],
  // Signed by the receiving community's admin (agreement.sign).
  agreementCommunitySigned: (c, action, r) => communityStaff(c, action, r),
  // Each bureau its own step (stepRefusal).
  pensionHandedOver: (_c, action, r) => problem(r.users.get(action.by.userId)?.orgId === 'hrss', `pensionHandedOver by ${action.by.userId}, not of 人社局`),
  medicalInsuranceHandedOver: (_c, action, r) => problem(r.users.get(action.by.userId)?.orgId === 'medicalInsurance', `medicalInsuranceHandedOver by ${action.by.userId}, not of 医保局`),
  socialSecurityHandedOver: (c, action, r) => [...problem(action.pensionChecked && action.medicalChecked, 'socialSecurityHandedOver without both benefit checks'), ...communityStaff(c, action, r)],
  // Taken in only after a grid worker of the community (or of the one the person lives in) saw the person and checked their ID card.
  takenIn: (c, action, r) => [
    ...problem(before(c, action).some((a) => a.type === 'visitRecorded' && a.identityChecked && servingStaff(c, a, r).length === 0), 'takenIn without an identity-checked visit by the community before it'),
    ...communityStaff(c, action, r),
  ],
  wechatBound: (c, action, r) => {
    const user = r.users.get(action.userId)
    return problem(!!user && user.role === 'retiree' && user.caseId === c.id, `wechatBound to ${action.userId}, no retiree user of this case`)
  },
  wechatUnbound: (c, action, r) => communityStaff(c, action, r),
  detailsConfirmed: (c, action, r) => theRetiree(c, action, r),
  detailsDisputed: (c, action, r) => theRetiree(c, action, r),
  // A visit that says the materials were checked saw complete materials.
  visitRecorded: (c, action, r) => [...(action.materialsChecked ? completeMaterials(c, action, r) : []), ...servingStaff(c, action, r)],
  // Given by the community where the person lives, not the one that receives them (plan 四（六）).
  serviceRecorded: (c, action, r) => servingStaff(c, action, r),
  // After take-in (plan 四（七）): the receiving community's own staff, and it names itself.
  careRecorded: (c, action, r) => [...problem(c.summary.done, 'careRecorded before take-in'), ...problem(action.communityId === r.users.get(action.by.userId)?.orgId, `careRecorded names ${action.communityId}`)],
  caseClosed: (_c, action, r) => problem(r.users.get(action.by.userId)?.orgId !== undefined && ['gridWorker', 'communityAdmin'].includes(action.by.role), `caseClosed by ${action.by.userId}, not community staff`),
  // By the community the person leaves, or by the office.
  caseTransferred: (_c, action, r) => problem(action.by.role === 'supervisor' || r.users.get(action.by.userId)?.orgId === action.fromCommunityId, `caseTransferred by ${action.by.userId}, not of ${action.fromCommunityId}`),
  qualificationSet: (_c, action, r) => problem(r.users.get(action.by.userId)?.orgId === 'hrss', `qualificationSet by ${action.by.userId}, not of 人社局`),
  correctionAnswered: (c, action, r) => problem(r.users.get(action.by.userId)?.orgId === c.enterpriseId, `correctionAnswered by ${action.by.userId}, not of ${c.enterpriseId}`),
} satisfies { [T in CaseActionType]: Check<T> }

/** Every action of every case against its own check, and every step against the roles, jurisdiction and plan. */
function problemsOf(c: RetireeCase, r: Records): string[] {
  const plan = planStages(erenhot2019, c.categories)
  return c.actions.flatMap((action) => {
    const own = (CHECKS[action.type] as Check<typeof action.type>)(c, action as never, r)
    if (action.by.role === 'retiree' || action.by.role === 'relative') return own
    const user = r.users.get(action.by.userId)
    const residence = (action.type === 'visitRecorded' || action.type === 'serviceRecorded') && !!user && servesAsResidence(user, c)
    const staff = problem(!!user && user.role === action.by.role && (canAccessCase(user, c) || residence), `${action.type} by ${action.by.userId}, who may not act on this case`)
    if (!(action.type in STEP_STAGE)) return [...own, ...staff]
    const type = action.type as keyof typeof STEP_STAGE
    const stage = plan.inScope ? plan.stages.find((s) => s.stage.id === STEP_STAGE[type]) : undefined
    return [
      ...own,
      ...staff,
      ...problem(mayRecordStep(action.by.role, type), `${type} recorded as ${action.by.role}`),
      ...problem(!!stage?.applies && (STAGE_STEPS[STEP_STAGE[type]][stage.route] as readonly string[]).includes(type), `${type} where the plan does not route it`),
    ]
  })
}


/** Seeds into an in-memory store and a real local upload folder, and reads everything back. */
async function seeded(count: number, crowds: DemoCrowd[] = []) {
  const folder = mkdtempSync(join(tmpdir(), 'seed-files-'))
  const files = createLocalFileStorage(folder)
  const store = openSqliteStore(':memory:')
  await seedDemo(store, erenhot2019, vault, { count, now: NOW, crowds, saveFile: files.saveShared })
  const cases = await allCases(store)
  const materials = new Map<string, MaterialsChecklist>()
  for (const c of cases) {
    const m = await store.getDoc('materials', c.id)
    if (m) materials.set(c.id, m)
  }
  const agreements = new Map<string, TransferAgreement>()
  for (let after: string | undefined, more = true; more; ) {
    const page = await store.listAgreements({ limit: 1000, after })
    for (const a of page.items) agreements.set(a.id, a)
    after = page.nextCursor ?? undefined
    more = page.nextCursor !== null
  }
  const fileFacts = new Map<string, { mimeType: string | null; size: number } | null>()
  for (const f of [...materials.values()].flatMap((m) => Object.values(m.files).flat())) {
    if (!f) continue
    const facts = await files.inspect(f.fileId, SNIFF_BYTES)
    fileFacts.set(f.fileId, facts && { mimeType: sniffMaterialType(facts.head)?.mimeType ?? null, size: facts.size })
  }
  const records: Records = {
    materials,
    agreements,
    users: new Map((await store.listUsers()).map((u) => [u.id, u])),
    communities: new Map((await store.listCommunities()).map((m) => [m.id, m])),
    files,
    fileFacts,
  }
  return { cases, records, close: () => (store.close(), rmSync(folder, { recursive: true, force: true })) }
}

describe.each([
  ['the default demo of 320', 320, []],
  // 2 000 of one enterprise in one community: a signing day then holds more than one agreement's worth.
  ['a demo with a crowd of 2 000 in one community', 20, [{ enterpriseId: 'ent-water', communityId: 'com-wulan', count: 2000 }]],
] as Array<[string, number, DemoCrowd[]]>)('%s holds what its steps claim', (_name, count, crowds) => {
  let demo: Awaited<ReturnType<typeof seeded>>
  beforeAll(async () => {
    demo = await seeded(count, crowds)
  })
  afterAll(() => demo.close())

  test('every action of every case has the records it implies, and they agree', () => {
    const problems = demo.cases.flatMap((c) => problemsOf(c, demo.records).map((p) => `${c.id}: ${p}`))
    // Each kind of problem once (ids and times left out), then the first cases in full.
    const kinds = new Set(problems.map((p) => p.replace(/^\S+: /, '').replace(/(dev|agr|local|case)-\S+|\d{4}-\d\d-\d\dT\S+/g, '…')))
    expect([...kinds].slice(0, 30)).toEqual([])
    expect(problems.slice(0, 10)).toEqual([])
  })

  test('every step type and the visit occur, so every check above is exercised', () => {
    const seen = new Set(demo.cases.flatMap((c) => c.actions.map((a) => a.type)))
    // The legacy 社保 step is no longer recorded (CaseState LEGACY_STEPS).
    const steps = Object.keys(STEP_STAGE).filter((t) => !seen.has(t as CaseActionType) && !LEGACY_STEPS.includes(t as CaseStepType))
    expect(steps).toEqual([])
    expect(seen.has('socialSecurityHandedOver')).toBe(false)
    expect(seen.has('visitRecorded')).toBe(true)
  })

  test('materials and agreements belong to cases whose log says so, and nothing else is left over', () => {
    const submitted = new Set(demo.cases.filter((c) => c.actions.some((a) => a.type === 'materialsSubmitted')).map((c) => c.id))
    expect([...demo.records.materials.keys()].filter((id) => !submitted.has(id))).toEqual([])
    const signed = new Set(demo.cases.flatMap((c) => c.actions.flatMap((a) => (a.type === 'agreementSigned' ? [`${a.agreementId} ${c.id}`] : []))))
    const listed = [...demo.records.agreements.values()].flatMap((a) => a.caseIds.map((id) => `${a.id} ${id}`))
    expect(listed.filter((x) => !signed.has(x))).toEqual([])
  })

  test('an agreement holds at most MAX_BATCH_CASES people, and the cases signed on one day in larger numbers share several', () => {
    const sizes = [...demo.records.agreements.values()].map((a) => a.caseIds.length)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_BATCH_CASES)
    if (crowds.some((c) => c.count >= 2000)) expect([...demo.records.agreements.keys()].some((id) => id.endsWith('-2'))).toBe(true)
  })

  test('a seeded file is lent as a working link, as the case card shows it', async () => {
    const m = demo.records.materials.values().next().value as MaterialsChecklist
    const ids = Object.values(m.files).flatMap((fs) => (fs ?? []).map((f) => f.fileId))
    const urls = await demo.records.files.temporaryUrls(ids)
    expect(urls.size).toBe(ids.length)
  })
})

test('the table covers every action type', () => {
  expect(Object.keys(CHECKS).sort()).toEqual([...CASE_ACTION_TYPES].sort())
})
