import { seededCloud } from '../../../test/support/cloudHarness'
import { addRetiree, neighbours } from '../../../test/support/bindingFixtures'
import { BIND_ATTEMPTS_PER_DAY, VISIT_PASSES_PER_HOUR } from '../../../shared/AttemptLimits'
import { boundUserId } from '../../../shared/CaseState'

const GRID = 'dev-grid-wulan'

describe('binding limits per target', () => {
  test('guessing the ID numbers around a known person is capped however many WeChats try; a namesake born another day is never refused', async () => {
    const cloud = await seededCloud({ count: 10 })
    const fang = await addRetiree(cloud, 'case-9001', '王芳', '1950-01-01', 100)
    const namesake = await addRetiree(cloud, 'case-9002', '王芳', '1952-06-15', 100)
    const codes: string[] = []
    for (const [i, guess] of neighbours('1950-01-01', 100, 12).entries()) {
      const res = await cloud.call(`wx-guess-${i}`, 'binding.bind', { name: '王 芳', idNumber: guess })
      codes.push(res.ok ? 'ok' : res.error.code)
    }
    expect(codes).toEqual([...Array(BIND_ATTEMPTS_PER_DAY).fill('NOT_FOUND'), ...Array(12 - BIND_ATTEMPTS_PER_DAY).fill('RATE_LIMITED')])
    // The real 王芳 (1950) is locked out today, so the community binds her (below); her namesake is not.
    expect(await cloud.call('wx-fang', 'binding.bind', { name: '王芳', idNumber: fang })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('社区') } })
    expect(await cloud.ok('wx-namesake', 'binding.bind', { name: '王芳', idNumber: namesake })).toMatchObject({ caseId: 'case-9002' })
    // Counters are stored: their keys hold neither the name nor the birth date in clear.
    const keys = (cloud.store.db.prepare('SELECT key FROM counters').all() as { key: string }[]).map((r) => r.key).join('\n')
    expect(keys).toContain('bind:person:')
    expect(keys).not.toMatch(/王|芳|1950|19500101|01-01/)
    cloud.close()
  })

  test('the city-wide hourly budget refuses once spent, and frees up the next hour', async () => {
    const cloud = await seededCloud({ count: 10 })
    await cloud.store.incrementCounter('bind:city:2020-03-20T01', 1000)
    expect(await cloud.call('wx-a', 'binding.bind', { name: '巴特尔', idNumber: await cloud.idNumberOf('case-0007') })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('一个小时') } })
    cloud.clock.set('2020-03-20T02:00:00Z')
    expect(await cloud.ok('wx-b', 'binding.bind', { name: '巴特尔', idNumber: await cloud.idNumberOf('case-0007') })).toMatchObject({ caseId: 'case-0007' })
    cloud.close()
  })
})

describe('社区帮办绑定', () => {
  test('a locked-out retiree is bound by the community’s code, which replaces a hijacked WeChat; audited, and told in the inbox', async () => {
    const cloud = await seededCloud({ count: 10 })
    // Someone else has taken five tries against case-0001 (bound to dev-retiree-1, say hijacked).
    const idNumber = await cloud.idNumberOf('case-0001')
    for (let i = 0; i < 5; i++) await cloud.call(`wx-other-${i}`, 'binding.bind', { name: `猜${i}`, idNumber })
    expect(await cloud.call('wx-real', 'binding.bind', { name: '斯日古楞', idNumber })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(await cloud.call(GRID, 'binding.assist', { caseId: 'case-0001', identityChecked: false })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('身份证') } })
    expect(await cloud.call('dev-grid-gerile', 'binding.assist', { caseId: 'case-0001', identityChecked: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const issued = await cloud.ok(GRID, 'binding.assist', { caseId: 'case-0001', identityChecked: true })
    expect(issued.retiree).toEqual({ userId: 'dev-retiree-1', name: '斯日古楞' })
    expect(issued.code.code).toMatch(/^\d{8}$/)
    cloud.clock.set('2020-03-20T01:05:00Z')
    expect(await cloud.ok('wx-real', 'binding.redeem', { code: issued.code.code })).toEqual({ role: 'retiree', name: '斯日古楞', caseId: 'case-0001' })
    expect(await cloud.store.getUser('dev-retiree-1')).toBeNull()
    expect(boundUserId((await cloud.store.getCase('case-0001'))!)).toBe('wx-real')
    expect(await cloud.call('wx-third', 'binding.redeem', { code: issued.code.code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const titles = (await cloud.ok('wx-real', 'inbox.list')).items.map((m: { title: string }) => m.title)
    expect(titles.slice(0, 2)).toEqual(['社区已帮您绑定微信', '社区开了绑定码'])
    expect((await cloud.newAudit('case-0001')).filter((a) => a.outcome === 'done').map((a) => a.action)).toEqual(['binding.assist', 'binding.redeem'])
    cloud.close()
  })

  test('a binding code expires after 30 minutes, and guessing codes is limited per WeChat', async () => {
    const cloud = await seededCloud({ count: 10 })
    const issued = await cloud.ok(GRID, 'binding.assist', { caseId: 'case-0007', identityChecked: true })
    cloud.clock.set('2020-03-20T01:31:00Z')
    expect(await cloud.call('wx-late', 'binding.redeem', { code: issued.code.code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('30分钟') } })
    const codes = []
    for (let i = 0; i < 11; i++) codes.push(((await cloud.call('wx-guess', 'binding.redeem', { code: String(10_000_000 + i) })) as { ok: false; error: { code: string } }).error.code)
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(1)
    cloud.close()
  })

  test('the community unbinds a lost WeChat or a relative; the case can then be bound again', async () => {
    const cloud = await seededCloud({ count: 10 })
    const { openInvites } = await cloud.ok('dev-retiree-2', 'family.invite', { mayConfirm: false })
    await cloud.ok('wx-son', 'binding.acceptInvite', { code: openInvites[0].code, name: '儿子　巴特' })
    expect((await cloud.ok(GRID, 'binding.people', { caseId: 'case-0002' })).relatives).toEqual([{ userId: 'wx-son', name: '儿子巴特' }])
    expect(await cloud.call(GRID, 'binding.unbind', { caseId: 'case-0002', userId: 'dev-retiree-1', identityChecked: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await cloud.ok(GRID, 'binding.unbind', { caseId: 'case-0002', userId: 'wx-son', identityChecked: true })).relatives).toEqual([])
    expect(await cloud.store.getUser('wx-son')).toBeNull()
    const after = await cloud.ok(GRID, 'binding.unbind', { caseId: 'case-0002', userId: 'dev-retiree-2', identityChecked: true })
    expect(after.retiree).toBeNull()
    expect((await cloud.store.getCase('case-0002'))!.actions.at(-1)).toMatchObject({ type: 'wechatUnbound', userId: 'dev-retiree-2', by: { role: 'gridWorker' } })
    // The freed WeChats may bind again (no link left behind).
    expect(await cloud.ok('wx-son', 'binding.bind', { name: '额尔敦毕力格', idNumber: await cloud.idNumberOf('case-0002') })).toMatchObject({ caseId: 'case-0002' })
    expect((await cloud.ok('wx-son', 'inbox.list')).items.map((m: { title: string }) => m.title)).toEqual(expect.arrayContaining(['原来的微信已解绑', '亲属代办已解除']))
    cloud.close()
  })
})

describe('family invitations', () => {
  test('the retiree revokes an open invitation: it can no longer be used and its place is free again', async () => {
    const cloud = await seededCloud({ count: 10 })
    const invited = await cloud.ok('dev-retiree-2', 'family.invite', { mayConfirm: true })
    expect(invited.remaining).toBe(2)
    const code = invited.openInvites[0].code
    const revoked = await cloud.ok('dev-retiree-2', 'family.revokeInvite', { code })
    expect(revoked).toMatchObject({ openInvites: [], remaining: 3 })
    expect(await cloud.call('wx-late', 'binding.acceptInvite', { code, name: '女儿' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('dev-retiree-1', 'family.revokeInvite', { code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await cloud.store.listAudit('case-0002')).map((a) => a.action)).toContain('family.revokeInvite')
    cloud.close()
  })
})

describe('staff.join', () => {
  test('every attempt counts; past 5 a day it is RATE_LIMITED; each wrong code is audited', async () => {
    const cloud = await seededCloud({ count: 10 })
    const codes = []
    for (let i = 0; i < 6; i++) codes.push(((await cloud.call('wx-staff', 'staff.join', { code: `ABCDEFG${i + 2}`, name: '新人', phone: '13900000000' })) as { ok: false; error: { code: string } }).error.code)
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED'])
    const refused = (cloud.store.db.prepare("SELECT doc FROM audit WHERE doc LIKE '%staff.join%'").all() as { doc: string }[]).map((r) => JSON.parse(r.doc))
    expect(refused).toHaveLength(5)
    expect(refused[0]).toMatchObject({ actor: { userId: 'wx-staff', role: 'anonymous' }, outcome: 'refused' })
    cloud.close()
  })
})

describe('visit passes and proofs', () => {
  test(`at most ${VISIT_PASSES_PER_HOUR} passes per case an hour; expired codes are deleted when a new pass is issued`, async () => {
    const cloud = await seededCloud({ count: 10 })
    const first = await cloud.ok('dev-retiree-2', 'visit.issuePass')
    for (let i = 1; i < VISIT_PASSES_PER_HOUR; i++) await cloud.ok('dev-retiree-2', 'visit.issuePass')
    expect(await cloud.call('dev-retiree-2', 'visit.issuePass')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect((await cloud.store.listDocs('visitCode', { caseId: 'case-0002' }, { limit: 100 })).items).toHaveLength(VISIT_PASSES_PER_HOUR)
    cloud.clock.set('2020-03-20T02:10:00Z')
    const fresh = await cloud.ok('dev-retiree-2', 'visit.issuePass')
    expect((await cloud.store.listDocs('visitCode', { caseId: 'case-0002' }, { limit: 100 })).items.map((c) => c.id)).toEqual([fresh.fallbackCode])
    expect(await cloud.store.getDoc('visitCode', first.fallbackCode)).toBeNull()
    cloud.close()
  })

  test('an identity check needs this worker’s fresh proof for this case, once; a materials-only visit does not', async () => {
    const cloud = await seededCloud({ count: 10 })
    const record = (userId: string, caseId: string, visitProofId?: string) =>
      cloud.versionOf(caseId).then((expectedVersion) => cloud.call(userId, 'visit.record', { caseId, expectedVersion, identityChecked: true, materialsChecked: true, ...(visitProofId ? { visitProofId } : {}) }))
    expect(await record(GRID, 'case-0002')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('二维码') } })
    const pass = await cloud.ok('dev-retiree-2', 'visit.issuePass')
    const opened = await cloud.ok(GRID, 'visit.open', { code: pass.fallbackCode })
    expect(await record(GRID, 'case-0001', opened.visitProofId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await record('dev-admin-wulan', 'case-0002', opened.visitProofId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await record(GRID, 'case-0002', opened.visitProofId)).ok).toBe(true)
    expect(await record(GRID, 'case-0002', opened.visitProofId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const late = await cloud.ok(GRID, 'visit.open', { token: pass.token })
    cloud.clock.set('2020-03-20T01:31:00Z')
    expect(await record(GRID, 'case-0002', late.visitProofId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.call(GRID, 'visit.record', { caseId: 'case-0002', expectedVersion: await cloud.versionOf('case-0002'), identityChecked: false, materialsChecked: true })).ok).toBe(true)
    cloud.close()
  })

  test('a fallback code that opens a case gives its attempt back; wrong ones stay counted', async () => {
    const cloud = await seededCloud({ count: 10 })
    const pass = await cloud.ok('dev-retiree-2', 'visit.issuePass')
    for (let i = 0; i < 3; i++) await cloud.ok(GRID, 'visit.open', { code: pass.fallbackCode })
    await cloud.call(GRID, 'visit.open', { code: '10000000' })
    expect(await cloud.store.getCounter(`visit-code:${GRID}:2020-03-20`)).toBe(1)
    cloud.close()
  })
})
