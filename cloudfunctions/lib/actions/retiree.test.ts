import { seededCloud } from '../../../test/support/cloudHarness'
import { BINDING_DEMO_CASE_ID } from '../../../local/seed'
import { SUBSCRIBE_TEMPLATES } from '../../../shared/SubscribeTemplates'

const NEW = 'wx-openid-new'

describe('实名绑定', () => {
  test('a wrong attempt says how many are left; the right name and ID number bind the case', async () => {
    const cloud = await seededCloud()
    const idNumber = await cloud.idNumberOf(BINDING_DEMO_CASE_ID)
    const wrong = await cloud.call(NEW, 'binding.bind', { name: '巴特', idNumber })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('还可以试 4 次') } })
    const bound = await cloud.ok(NEW, 'binding.bind', { name: ' 巴特尔 ', idNumber: idNumber.toLowerCase() })
    expect(bound).toEqual({ role: 'retiree', name: '巴特尔', caseId: BINDING_DEMO_CASE_ID })
    const c = (await cloud.store.getCase(BINDING_DEMO_CASE_ID))!
    expect(c.actions.at(-1)).toMatchObject({ type: 'wechatBound', userId: NEW })
    expect(await cloud.store.getUser(NEW)).toMatchObject({ role: 'retiree', caseId: BINDING_DEMO_CASE_ID })
    expect((await cloud.newAudit(BINDING_DEMO_CASE_ID)).map((a) => [a.action, a.outcome])).toEqual([['binding.bind', 'done']])
    expect((await cloud.ok(NEW, 'inbox.list')).items[0].title).toBe('实名绑定成功')
    expect((await cloud.ok(NEW, 'case.myStatus')).name).toBe('巴特尔')
    cloud.close()
  })

  test('a malformed ID number gets its own message and does not count as an attempt', async () => {
    const cloud = await seededCloud()
    expect(await cloud.call(NEW, 'binding.bind', { name: '巴特尔', idNumber: '110105194912310021' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('校验位'), fields: ['idNumber'] } })
    expect(await cloud.store.getCounter(`bind:user:${NEW}:2020-03-20`)).toBe(0)
    cloud.close()
  })

  test('5 attempts a day per WeChat user, then RATE_LIMITED; the next China day it works again', async () => {
    const cloud = await seededCloud()
    const idNumber = await cloud.idNumberOf(BINDING_DEMO_CASE_ID)
    const codes = []
    for (let i = 0; i < 6; i++) codes.push((await cloud.call(NEW, 'binding.bind', { name: '别人', idNumber: '11010519491231002X' })) as { ok: false; error: { code: string } })
    expect(codes.map((r) => r.error.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED'])
    expect(await cloud.call(NEW, 'binding.bind', { name: '巴特尔', idNumber })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('明天') } })
    cloud.clock.set('2020-03-20T16:00:00Z') // 00:00 on 21 March, China time
    expect((await cloud.call(NEW, 'binding.bind', { name: '巴特尔', idNumber })).ok).toBe(true)
    cloud.close()
  })

  test('5 wrong names against one case a day lock that case, whoever tries', async () => {
    const cloud = await seededCloud()
    const idNumber = await cloud.idNumberOf(BINDING_DEMO_CASE_ID)
    for (let i = 0; i < 5; i++) await cloud.call(`wx-guess-${i}`, 'binding.bind', { name: `猜${i}`, idNumber })
    expect(await cloud.call('wx-honest', 'binding.bind', { name: '巴特尔', idNumber })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    cloud.close()
  })

  test('a case bound to someone else cannot be taken over: ask the community', async () => {
    const cloud = await seededCloud()
    const idNumber = await cloud.idNumberOf('case-0001')
    const res = await cloud.call(NEW, 'binding.bind', { name: '斯日古楞', idNumber })
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('社区') } })
    expect(await cloud.store.getUser(NEW)).toBeNull()
    expect((await cloud.newAudit('case-0001')).map((a) => a.outcome)).toEqual(['refused'])
    cloud.close()
  })

  test('a bound user cannot bind again', async () => {
    const cloud = await seededCloud()
    expect(await cloud.call('dev-retiree-1', 'binding.bind', { name: '斯日古楞', idNumber: '11010519491231002X' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('已经绑定') } })
    cloud.close()
  })
})

describe('亲情代办', () => {
  test('a retiree invites a relative with a one-time code; the relative sees the case but may not confirm', async () => {
    const cloud = await seededCloud()
    const family = await cloud.ok('dev-retiree-2', 'family.invite', { mayConfirm: false })
    const code = family.openInvites[0].code
    expect(code).toMatch(/^\d{8}$/)
    expect(await cloud.ok('wx-son', 'binding.acceptInvite', { code, name: '儿子 巴图' })).toMatchObject({ role: 'relative', caseId: 'case-0002' })
    expect(await cloud.call('wx-other', 'binding.acceptInvite', { code, name: '冒充' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await cloud.ok('wx-son', 'case.myStatus')).caseId).toBe('case-0002')
    const details = await cloud.ok('wx-son', 'details.get')
    expect(details.mayConfirm).toBe(false)
    expect(details.fields.find((f: { field: string }) => f.field === 'phone').value).toMatch(/\*{4}/)
    expect(await cloud.call('wx-son', 'details.confirm', { expectedVersion: details.version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('本人确认') } })
    cloud.close()
  })

  test('a relative the retiree allowed may confirm; at most 3 relatives; the retiree can remove one', async () => {
    const cloud = await seededCloud()
    for (let i = 0; i < 2; i++) {
      const { openInvites } = await cloud.ok('dev-retiree-2', 'family.invite', { mayConfirm: i === 0 })
      await cloud.ok(`wx-rel-${i}`, 'binding.acceptInvite', { code: openInvites[0].code, name: `亲属${i}` })
    }
    const third = await cloud.ok('dev-retiree-2', 'family.invite', { mayConfirm: false })
    expect(third.remaining).toBe(0)
    expect(await cloud.call('dev-retiree-2', 'family.invite', { mayConfirm: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const details = await cloud.ok('wx-rel-0', 'details.get')
    expect((await cloud.ok('wx-rel-0', 'details.confirm', { expectedVersion: details.version })).status).toBe('confirmed')
    const after = await cloud.ok('dev-retiree-2', 'family.remove', { userId: 'wx-rel-1' })
    expect(after.relatives.map((r: { userId: string }) => r.userId)).toEqual(['wx-rel-0'])
    expect(await cloud.call('wx-rel-1', 'case.myStatus')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    cloud.close()
  })
})

describe('基本信息确认', () => {
  test('viewing the details is audited; the ID number is masked', async () => {
    const cloud = await seededCloud()
    const view = await cloud.ok('dev-retiree-1', 'details.get')
    expect(view.fields.map((f: { label: string }) => f.label)).toEqual(['姓名', '性别', '出生日期', '退休时间', '原工作单位', '户籍地址', '接收社区', '是否党员', '联系电话', '身份证号'])
    expect(view.fields.find((f: { field: string }) => f.field === 'idNumber').value).toBe('152501************')
    expect(JSON.stringify(view)).not.toContain(await cloud.idNumberOf('case-0001'))
    expect((await cloud.newAudit('case-0001')).map((a) => a.action)).toEqual(['details.get'])
    cloud.close()
  })

  test('the retiree sees their full birth date, read from the sealed number; a relative sees the month', async () => {
    const cloud = await seededCloud()
    const id = await cloud.idNumberOf('case-0001')
    const month = `${Number(id.slice(6, 10))}年${Number(id.slice(10, 12))}月`
    const value = (view: { fields: Array<{ field: string; value: string }> }, field: string) => view.fields.find((f) => f.field === field)!.value
    const own = await cloud.ok('dev-retiree-1', 'details.get')
    expect(value(own, 'birthDate')).toBe(`${month}${Number(id.slice(12, 14))}日`)
    const relative = await cloud.ok('dev-relative-1', 'details.get')
    expect(value(relative, 'birthDate')).toBe(month)
    expect(value(own, 'retirementDate')).toMatch(/^\d{4}年\d{1,2}月$/)
    cloud.close()
  })

  test('confirming is recorded as an action on the case', async () => {
    const cloud = await seededCloud()
    const { version } = await cloud.ok('dev-retiree-1', 'details.get')
    const view = await cloud.ok('dev-retiree-1', 'details.confirm', { expectedVersion: version })
    expect(view).toMatchObject({ status: 'confirmed', statusAt: '2020-03-20T01:00:00.000Z' })
    expect((await cloud.store.getCase('case-0001'))!.actions.at(-1)).toMatchObject({ type: 'detailsConfirmed', by: { userId: 'dev-retiree-1', role: 'retiree' } })
    expect(await cloud.call('dev-retiree-1', 'details.confirm', { expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    cloud.close()
  })

  test('a dispute becomes a correction request the enterprise can see, and its state shows to the retiree', async () => {
    const cloud = await seededCloud()
    const { version } = await cloud.ok('dev-retiree-1', 'details.get')
    const view = await cloud.ok('dev-retiree-1', 'details.dispute', { expectedVersion: version, fields: [{ field: 'hukouAddress', reason: '门牌号应为12号' }, { field: 'phone', reason: '换号了' }] })
    expect(view.status).toBe('disputed')
    expect(view.corrections).toEqual([
      expect.objectContaining({ status: 'open', statusName: '等待原企业核实', fields: [{ field: 'hukouAddress', label: '户籍地址', reason: '门牌号应为12号' }, { field: 'phone', label: '联系电话', reason: '换号了' }], answer: null }),
    ])
    const forEnterprise = await cloud.store.listDocs('correctionRequest', { enterpriseId: 'ent-water' }, { limit: 10 })
    expect(forEnterprise.items.map((r) => r.caseId)).toEqual(['case-0001'])
    expect((await cloud.store.getCase('case-0001'))!.actions.at(-1)).toMatchObject({ type: 'detailsDisputed', fields: ['hukouAddress', 'phone'] })
    cloud.close()
  })

  test('a dispute without a reason, or naming one field twice, is refused in Chinese', async () => {
    const cloud = await seededCloud()
    const { version } = await cloud.ok('dev-retiree-1', 'details.get')
    expect(await cloud.call('dev-retiree-1', 'details.dispute', { expectedVersion: version, fields: [{ field: 'name', reason: ' ' }] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请简单写一下哪里不对' } })
    expect(await cloud.call('dev-retiree-1', 'details.dispute', { expectedVersion: version, fields: [] })).toMatchObject({ ok: false, error: { message: '请至少选一项有误的信息' } })
    expect(
      await cloud.call('dev-retiree-1', 'details.dispute', { expectedVersion: version, fields: [{ field: 'name', reason: 'a' }, { field: 'name', reason: 'b' }] }),
    ).toMatchObject({ ok: false, error: { message: '同一项信息只需填写一次' } })
    cloud.close()
  })
})

describe('我的社区', () => {
  test('the receiving community with its grid worker; the party branch only for party members', async () => {
    const cloud = await seededCloud()
    const ordinary = await cloud.ok('dev-retiree-1', 'community.mine')
    expect(ordinary.receiving).toMatchObject({ name: '乌兰社区', location: { latitude: expect.any(Number) } })
    expect(ordinary.gridWorker).toEqual({ name: '孟和', phone: '13904790101' })
    expect(ordinary.partyBranch).toBeNull()
    expect(ordinary.contactCard).toBeNull()
    expect((await cloud.ok('dev-retiree-2', 'community.mine')).partyBranch).toMatchObject({ name: '乌兰社区第一党支部' })
    cloud.close()
  })

  test('a contact card once taken in; the residence community for someone living elsewhere', async () => {
    const cloud = await seededCloud()
    expect((await cloud.ok('dev-retiree-5', 'community.mine')).contactCard).toMatchObject({ name: '乌云其木格', community: '乌兰社区', gridWorker: '孟和' })
    const away = await cloud.ok('dev-retiree-6', 'community.mine')
    expect(away.receiving.name).toBe('格日勒社区')
    expect(away.residence.name).toBe('欣苑社区')
    cloud.close()
  })

  test('a poster code finds its community; an unknown code is NOT_FOUND', async () => {
    const cloud = await seededCloud()
    expect((await cloud.ok('wx-anyone', 'community.byCode', { code: 'wl01' })).name).toBe('乌兰社区')
    expect(await cloud.call('wx-anyone', 'community.byCode', { code: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    cloud.close()
  })
})

describe('我的二维码', () => {
  async function passFor(cloud: Awaited<ReturnType<typeof seededCloud>>) {
    return cloud.ok<{ token: string; fallbackCode: string; expiresAt: string; validSeconds: number }>('dev-retiree-1', 'visit.issuePass')
  }

  test('a fresh pass opens the case for a grid worker of the community, by token or by the 8-digit code', async () => {
    const cloud = await seededCloud()
    const pass = await passFor(cloud)
    expect(pass).toMatchObject({ validSeconds: 300, expiresAt: '2020-03-20T01:05:00.000Z', fallbackCode: expect.stringMatching(/^\d{8}$/) })
    expect((await cloud.ok('dev-grid-wulan', 'visit.open', { token: pass.token })).case.name).toBe('斯日古楞')
    expect((await cloud.ok('dev-grid-wulan', 'visit.open', { code: pass.fallbackCode })).case.id).toBe('case-0001')
    cloud.close()
  })

  test('a forged token (signed with another key) is rejected', async () => {
    const cloud = await seededCloud()
    const { createVisitTokens } = await import('../VisitToken')
    const forged = createVisitTokens(Buffer.alloc(32, 99)).sign('case-0001', new Date('2020-03-20T01:05:00Z'))
    expect(await cloud.call('dev-grid-wulan', 'visit.open', { token: forged })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('不是本系统发出的') } })
    expect((await cloud.newAudit('case-0001')).length).toBe(0)
    cloud.close()
  })

  test('an altered token (another case id, or a later expiry) is rejected', async () => {
    const cloud = await seededCloud()
    const { token } = await passFor(cloud)
    const [v, , exp, sig] = token.split('.')
    for (const altered of [`${v}.case-0002.${exp}.${sig}`, `${v}.case-0001.${Number(exp) + 3600}.${sig}`, `${token.slice(0, -2)}xx`]) {
      expect(await cloud.call('dev-grid-wulan', 'visit.open', { token: altered })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('改动') } })
    }
    cloud.close()
  })

  test('an expired token and an expired code are rejected with a plain message', async () => {
    const cloud = await seededCloud()
    const pass = await passFor(cloud)
    cloud.clock.set('2020-03-20T01:05:01Z')
    for (const input of [{ token: pass.token }, { code: pass.fallbackCode }]) {
      expect(await cloud.call('dev-grid-wulan', 'visit.open', input)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('过期') } })
    }
    cloud.close()
  })

  test('a pass for a case outside the worker’s community is refused and audited', async () => {
    const cloud = await seededCloud()
    const pass = await passFor(cloud)
    expect(await cloud.call('dev-grid-gerile', 'visit.open', { token: pass.token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.newAudit('case-0001')).map((a) => [a.action, a.actor.userId, a.outcome])).toContainEqual(['visit.open', 'dev-grid-gerile', 'refused'])
    cloud.close()
  })

  test('a wrong 8-digit code is NOT_FOUND, and guessing is limited per worker per day', async () => {
    const cloud = await seededCloud()
    const results = []
    for (let i = 0; i < 21; i++) results.push(((await cloud.call('dev-grid-wulan', 'visit.open', { code: String(10000000 + i) })) as { ok: false; error: { code: string } }).error.code)
    expect(results.slice(0, 20).every((c) => c === 'NOT_FOUND')).toBe(true)
    expect(results[20]).toBe('RATE_LIMITED')
    cloud.close()
  })
})

describe('消息 and consents', () => {
  test('the inbox lists every notification about the case, newest first, and marks them read per reader', async () => {
    const cloud = await seededCloud()
    const inbox = await cloud.ok('dev-retiree-1', 'inbox.list')
    expect(inbox.items.map((m: { title: string }) => m.title)).toEqual(['实名绑定成功', '移交材料已备齐', '原企业已核对您的信息'])
    expect(inbox.unread).toBe(3)
    const after = await cloud.ok('dev-retiree-1', 'inbox.markRead', { ids: [inbox.items[0].id] })
    expect(after.unread).toBe(2)
    expect((await cloud.ok('dev-relative-1', 'inbox.list')).unread).toBe(3)
    cloud.close()
  })

  test('each consent is recorded; one-time consents are counted, refusals too; unknown templates are ignored', async () => {
    const cloud = await seededCloud()
    const stage = SUBSCRIBE_TEMPLATES.stageChanged.id
    const reminder = SUBSCRIBE_TEMPLATES.deadlineReminder.id
    await cloud.ok('dev-retiree-1', 'consent.record', { moment: 'afterBinding', results: { [stage]: 'accept', [reminder]: 'reject', other: 'accept' } })
    await cloud.ok('dev-retiree-1', 'consent.record', { moment: 'afterConfirming', results: { [stage]: 'accept' } })
    const consents = (await cloud.store.listDocs('subscribeConsent', { userId: 'dev-retiree-1' }, { limit: 10 })).items
    expect(consents.map((c) => [c.templateId, c.accepted, c.rejected, c.lastAnswer])).toEqual(
      [
        [stage, 2, 0, 'accept'],
        [reminder, 0, 1, 'reject'],
      ].sort((a, b) => (`dev-retiree-1~${a[0]}` < `dev-retiree-1~${b[0]}` ? -1 : 1)),
    )
    cloud.close()
  })
})
