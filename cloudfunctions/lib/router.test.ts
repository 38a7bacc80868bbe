import type { ActionName, ApiResponse } from '../../shared/Api'
import type { RetireeCase } from '../../shared/Case'
import type { CaseStepType } from '../../shared/CaseAction'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import type { Role } from '../../shared/Role'
import { makeCase, stepOf, withSteps, withVisit } from '../../shared/testing/fixtures'
import type { User } from '../../shared/User'
import { openSqliteStore } from '../../local/SqliteStore'
import { createIdNumberVault } from './AesIdNumberVault'
import { handlers } from './actions/all'
import { createRouter, type Deps } from './router'
import { createDeps } from './deps'

const policy = erenhot2019
const MASTER_KEY = Buffer.alloc(32, 3)
const vault = createIdNumberVault(MASTER_KEY)

const USERS: Record<Role, User> = {
  retiree: { id: 'u-retiree', role: 'retiree', name: '斯日古楞', orgId: '', caseId: 'own-mid' },
  relative: { id: 'u-relative', role: 'relative', name: '斯日古楞的女儿', orgId: '', caseId: 'own-mid', mayConfirm: false },
  gridWorker: { id: 'u-grid', role: 'gridWorker', name: '孟和', orgId: 'com-a' },
  communityAdmin: { id: 'u-admin', role: 'communityAdmin', name: '赵敏', orgId: 'com-a' },
  enterpriseOperator: { id: 'u-ent', role: 'enterpriseOperator', name: '刘建华', orgId: 'ent-a' },
  archivesOfficer: { id: 'u-arch', role: 'archivesOfficer', name: '张耀增', orgId: 'archives' },
  partyOfficer: { id: 'u-party', role: 'partyOfficer', name: '任建明', orgId: 'party' },
  communityPartySecretary: { id: 'u-partysec', role: 'communityPartySecretary', name: '其其格', orgId: 'com-a' },
  socialSecurityOfficer: { id: 'u-hrss', role: 'socialSecurityOfficer', name: '王海峰', orgId: 'hrss' },
  supervisor: { id: 'u-office', role: 'supervisor', name: '余宏利', orgId: 'office' },
}

/** The step each role records in the table below, and whether it needs a fresh or a mid-way case. */
const STEP_BY_ROLE: Record<Role, { type: CaseStepType; on: 'fresh' | 'mid' | 'late' }> = {
  retiree: { type: 'takenIn', on: 'mid' },
  relative: { type: 'takenIn', on: 'mid' },
  gridWorker: { type: 'takenIn', on: 'late' },
  communityAdmin: { type: 'takenIn', on: 'late' },
  enterpriseOperator: { type: 'rosterConfirmed', on: 'fresh' },
  archivesOfficer: { type: 'personnelFileTransferred', on: 'mid' },
  partyOfficer: { type: 'partyRelationTransferred', on: 'mid' },
  communityPartySecretary: { type: 'partyRelationTransferred', on: 'mid' },
  socialSecurityOfficer: { type: 'pensionHandedOver', on: 'mid' },
  supervisor: { type: 'takenIn', on: 'mid' },
}

function sealedCase(id: string, community: string, enterprise: string, on: 'fresh' | 'mid' | 'late', idNumber: string): RetireeCase {
  const c = makeCase(policy, { id, hukouCommunityId: community, enterpriseId: enterprise, categories: { partyMember: true }, idNumber })
  const withRealSeal = { ...c, person: { ...c.person, idNumber: vault.seal(idNumber) } }
  if (on === 'fresh') return withRealSeal
  const mid = withSteps(policy, withRealSeal, ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned'])
  // Everything done but the take-in, and the person seen.
  return on === 'mid' ? mid : withVisit(policy, withSteps(policy, mid, ['personnelFileTransferred', 'partyRelationTransferred', 'partyBranchAssigned', 'socialSecurityHandedOver']))
}

async function setUp() {
  const store = openSqliteStore(':memory:')
  const cases = [
    sealedCase('own-fresh', 'com-a', 'ent-a', 'fresh', '152501195503150010'),
    sealedCase('own-mid', 'com-a', 'ent-a', 'mid', '11010519491231002X'),
    sealedCase('own-late', 'com-a', 'ent-a', 'late', '152501195801010018'),
    sealedCase('foreign-fresh', 'com-b', 'ent-b', 'fresh', '440524188001010014'),
    sealedCase('foreign-mid', 'com-b', 'ent-b', 'mid', '152501196001010016'),
    sealedCase('foreign-late', 'com-b', 'ent-b', 'late', '152501196203030013'),
  ]
  await store.commit({
    users: Object.values(USERS),
    enterprises: [
      { id: 'ent-a', code: 'A', name: '甲公司', contactName: '', contactPhone: '' },
      { id: 'ent-b', code: 'B', name: '乙公司', contactName: '', contactPhone: '' },
    ],
    communities: [
      { id: 'com-a', code: 'CA', name: '乌兰社区', address: '', serviceHours: '', phone: '' },
      { id: 'com-b', code: 'CB', name: '格日勒社区', address: '', serviceHours: '', phone: '' },
    ],
    cases: cases.map((next) => ({ next, expectedVersion: null })),
  })
  const logged: string[] = []
  const deps: Deps = createDeps({
    store,
    policy,
    clock: fixedClock('2020-03-20T01:00:00Z'),
    masterKey: MASTER_KEY,
    logError: (message, error) => logged.push(`${message} ${String(error)}`),
  })
  return { store, deps, logged, handle: createRouter(deps, handlers) }
}

type Target = 'none' | 'own' | 'foreign'
type Outcome = 'ok' | 'FORBIDDEN'

function request(role: Role, action: ActionName, target: Target, versions: Record<string, number>) {
  const step = STEP_BY_ROLE[role]
  const caseId = target === 'none' ? undefined : `${target}-${action === 'case.recordStep' ? step.on : 'mid'}`
  switch (action) {
    case 'session.me':
    case 'case.myStatus':
      return { action, input: {} }
    case 'case.list':
      return { action, input: { limit: 50 } }
    case 'case.get':
      return { action, input: { caseId } }
    case 'case.recordStep':
      // The organisation department records a party step only with the reason the community cannot.
      return { action, input: { caseId, expectedVersion: versions[caseId!], step: { ...stepOf(step.type), ...(role === 'partyOfficer' ? { note: '社区党组织书记暂缺' } : {}) } } }
  }
}

/** role × action × own or foreign jurisdiction → outcome. */
const TABLE: Array<[Role, ActionName, Target, Outcome]> = [
  ['retiree', 'session.me', 'none', 'ok'],
  ['retiree', 'case.myStatus', 'none', 'ok'],
  ['retiree', 'case.list', 'none', 'FORBIDDEN'],
  ['retiree', 'case.get', 'own', 'FORBIDDEN'],
  ['retiree', 'case.recordStep', 'own', 'FORBIDDEN'],
  ['relative', 'session.me', 'none', 'ok'],
  ['relative', 'case.myStatus', 'none', 'ok'],
  ['relative', 'case.list', 'none', 'FORBIDDEN'],
  ['relative', 'case.get', 'own', 'FORBIDDEN'],
  ['relative', 'case.recordStep', 'own', 'FORBIDDEN'],
  ...(['gridWorker', 'communityAdmin', 'enterpriseOperator'] as Role[]).flatMap((role): Array<[Role, ActionName, Target, Outcome]> => [
    [role, 'session.me', 'none', 'ok'],
    [role, 'case.myStatus', 'none', 'FORBIDDEN'],
    [role, 'case.list', 'none', 'ok'],
    [role, 'case.get', 'own', 'ok'],
    [role, 'case.get', 'foreign', 'FORBIDDEN'],
    [role, 'case.recordStep', 'own', 'ok'],
    [role, 'case.recordStep', 'foreign', 'FORBIDDEN'],
  ]),
  ...(['communityPartySecretary'] as Role[]).flatMap((role): Array<[Role, ActionName, Target, Outcome]> => [
    [role, 'session.me', 'none', 'ok'],
    [role, 'case.myStatus', 'none', 'FORBIDDEN'],
    [role, 'case.list', 'none', 'ok'],
    [role, 'case.get', 'own', 'ok'],
    [role, 'case.get', 'foreign', 'FORBIDDEN'], // its own community only
    [role, 'case.recordStep', 'own', 'ok'],
    [role, 'case.recordStep', 'foreign', 'FORBIDDEN'],
  ]),
  ...(['archivesOfficer', 'partyOfficer', 'socialSecurityOfficer'] as Role[]).flatMap((role): Array<[Role, ActionName, Target, Outcome]> => [
    [role, 'session.me', 'none', 'ok'],
    [role, 'case.myStatus', 'none', 'FORBIDDEN'],
    [role, 'case.list', 'none', 'ok'],
    [role, 'case.get', 'own', 'ok'],
    [role, 'case.get', 'foreign', 'ok'], // city-wide bureaus
    [role, 'case.recordStep', 'own', 'ok'],
    [role, 'case.recordStep', 'foreign', 'ok'],
  ]),
  ['supervisor', 'session.me', 'none', 'ok'],
  ['supervisor', 'case.myStatus', 'none', 'FORBIDDEN'],
  ['supervisor', 'case.list', 'none', 'ok'],
  ['supervisor', 'case.get', 'own', 'ok'],
  ['supervisor', 'case.get', 'foreign', 'ok'],
  ['supervisor', 'case.recordStep', 'own', 'FORBIDDEN'], // watches, does not record
]

describe('router authorization: role × action × jurisdiction', () => {
  test.each(TABLE)('%s %s on %s case → %s', async (role, action, target, expected) => {
    const { store, handle } = await setUp()
    const before = (await store.listCases({ limit: 100 })).items
    const versions = Object.fromEntries(before.map((c) => [c.id, c.version]))
    const res = await handle({ userId: USERS[role].id }, request(role, action, target, versions))
    expect(res.ok ? 'ok' : res.error.code).toBe(expected)
    if (action === 'case.recordStep') {
      const caseId = `${target}-${STEP_BY_ROLE[role].on}`
      // A staff read of the full phone (the detail returned after the step) is audited apart.
      const audit = (await store.listAudit(caseId)).filter((a) => a.action !== 'phone.viewed')
      expect(audit.map((a) => [a.actor.role, a.outcome])).toEqual([[role, expected === 'ok' ? 'done' : 'refused']])
      expect((await store.getCase(caseId))?.actions.length).toBe((before.find((c) => c.id === caseId)?.actions.length ?? 0) + (expected === 'ok' ? 1 : 0))
    }
    store.close()
  })

  test('a staff list holds only the jurisdiction’s cases', async () => {
    const { handle, store } = await setUp()
    const ids = async (user: User) => {
      const res = (await handle({ userId: user.id }, { action: 'case.list', input: {} })) as ApiResponse<{ items: { id: string }[] }>
      return res.ok ? res.data.items.map((c) => c.id).sort() : res.error.code
    }
    expect(await ids(USERS.gridWorker)).toEqual(['own-fresh', 'own-late', 'own-mid'])
    expect(await ids(USERS.enterpriseOperator)).toEqual(['own-fresh', 'own-late', 'own-mid'])
    expect(await ids(USERS.communityPartySecretary)).toEqual(['own-fresh', 'own-late', 'own-mid'])
    expect(await ids(USERS.supervisor)).toEqual(['foreign-fresh', 'foreign-late', 'foreign-mid', 'own-fresh', 'own-late', 'own-mid'])
    expect(await ids(USERS.socialSecurityOfficer)).toEqual(['foreign-fresh', 'foreign-late', 'foreign-mid', 'own-fresh', 'own-late', 'own-mid'])
    store.close()
  })
})

describe('router errors', () => {
  test('no identity, or an unknown one → UNAUTHORIZED', async () => {
    const { handle, store } = await setUp()
    expect(await handle({ userId: null }, { action: 'session.me' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/登录|绑定/) } })
    expect(await handle({ userId: 'stranger' }, { action: 'session.me' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    store.close()
  })

  test('an unknown action → NOT_FOUND; a malformed request → BAD_REQUEST', async () => {
    const { handle, store } = await setUp()
    expect(await handle({ userId: 'u-grid' }, { action: 'case.delete' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有这项操作。' } })
    expect(await handle({ userId: 'u-grid' }, 'hello')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    store.close()
  })

  test('invalid input → BAD_REQUEST naming the fields, in Chinese', async () => {
    const { handle, store } = await setUp()
    const res = await handle({ userId: 'u-grid' }, { action: 'case.recordStep', input: { caseId: 'own-mid', expectedVersion: 0, step: { type: 'flyToMoon' } } })
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: expect.arrayContaining(['expectedVersion', 'step.type']) } })
    if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/)
    store.close()
  })

  test('a missing case → NOT_FOUND', async () => {
    const { handle, store } = await setUp()
    expect(await handle({ userId: 'u-grid' }, { action: 'case.get', input: { caseId: 'nope' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', caseId: 'nope' } })
    store.close()
  })

  test('a stale version → CONFLICT, and nothing is written', async () => {
    const { handle, store } = await setUp()
    const before = (await store.getCase('own-late'))!
    const res = await handle({ userId: 'u-grid' }, { action: 'case.recordStep', input: { caseId: 'own-late', expectedVersion: 1, step: stepOf('takenIn') } })
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', caseId: 'own-late' } })
    expect((await store.getCase('own-late'))?.actions).toEqual(before.actions)
    store.close()
  })

  test('a step the state machine forbids → CONFLICT naming the stage', async () => {
    const { handle, store } = await setUp()
    const res = await handle({ userId: 'u-grid' }, { action: 'case.recordStep', input: { caseId: 'own-mid', expectedVersion: (await store.getCase('own-mid'))!.version, step: stepOf('takenIn') } })
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', stage: 'takenIn', message: expect.stringContaining('纳入社区管理') } })
    store.close()
  })

  test('a step of another role → FORBIDDEN even within the jurisdiction', async () => {
    const { handle, store } = await setUp()
    const res = await handle({ userId: 'u-grid' }, { action: 'case.recordStep', input: { caseId: 'own-mid', expectedVersion: 4, step: stepOf('personnelFileTransferred') } })
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '这一步不归您办理。' } })
    store.close()
  })

  test('an unexpected failure → INTERNAL, with no stack for the client and no payload in the log', async () => {
    const { deps, logged, store } = await setUp()
    const broken = createRouter({ ...deps, store: { ...deps.store, getCase: () => Promise.reject(new Error('disk on fire')) } }, handlers)
    const res = await broken({ userId: 'u-grid' }, { action: 'case.get', input: { caseId: 'own-mid' } })
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统暂时出了点问题，请稍后再试。' } })
    expect(JSON.stringify(res)).not.toContain('disk on fire')
    expect(logged.join()).toContain('case.get')
    expect(logged.join()).not.toContain('own-mid')
    store.close()
  })
})

describe('audit and personal data', () => {
  test('a recorded step writes an audit entry with the masked before/after of the changed fields', async () => {
    const { handle, store } = await setUp()
    const res = await handle({ userId: 'u-grid' }, { action: 'case.recordStep', input: { caseId: 'own-late', expectedVersion: (await store.getCase('own-late'))!.version, step: stepOf('takenIn') } })
    expect(res.ok).toBe(true)
    const [entry] = await store.listAudit('own-late')
    expect(entry).toMatchObject({ actor: { userId: 'u-grid', role: 'gridWorker' }, action: 'case.recordStep', caseId: 'own-late', outcome: 'done', at: '2020-03-20T01:00:00.000Z' })
    // The step, and the summary fields it moved (the case is done now).
    expect(entry.changes).toContainEqual({ field: 'actions', before: null, after: 'takenIn' })
    expect(entry.changes).toContainEqual({ field: 'summary.currentStage', before: 'takenIn', after: null })
    store.close()
  })

  test('a new case’s audit holds masked ID and phone only', async () => {
    const { store } = await setUp()
    const { caseChanges } = await import('../../shared/CaseChanges')
    const c = (await store.getCase('own-fresh'))!
    const text = JSON.stringify(caseChanges(null, c))
    expect(text).toContain('152501************')
    expect(text).toContain('138****5678')
    expect(text).not.toContain('152501195503150010')
    expect(text).not.toContain('13812345678')
    store.close()
  })

  test('responses carry only masked ID numbers; the phone is masked for roles that do not call people', async () => {
    const { handle, store } = await setUp()
    const asGrid = JSON.stringify(await handle({ userId: 'u-grid' }, { action: 'case.get', input: { caseId: 'own-mid' } }))
    const asOffice = JSON.stringify(await handle({ userId: 'u-office' }, { action: 'case.get', input: { caseId: 'own-mid' } }))
    for (const text of [asGrid, asOffice]) {
      expect(text).not.toContain('11010519491231002X')
      expect(text).toContain('110105************')
    }
    expect(asGrid).toContain('13812345678')
    expect(asOffice).not.toContain('13812345678')
    expect(asOffice).toContain('138****5678')
    store.close()
  })
})
