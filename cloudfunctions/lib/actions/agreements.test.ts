/**
 * Drafting an agreement by community: the communities with their counts, everyone at the
 * agreement stage preselected (the first MAX_BATCH_CASES), people left out with a reason that the
 * community sees and the audit keeps, and nothing of another enterprise shown or accepted.
 */
import { seededCloud } from '../../../test/support/cloudHarness'
import { MAX_BATCH_CASES } from '../../../shared/Api'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { makeCase, withSteps } from '../../../shared/testing/fixtures'
import type { AgreementCandidatesView, AgreementCommunitiesView, AgreementView } from '../../../shared/Views'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const ENT = 'dev-ent-water'
const HEAT = 'dev-ent-heat'
const ADMIN = 'dev-admin-wulan'

/** Puts `count` new cases of an enterprise at the agreement stage (roster confirmed, materials submitted) for a community. */
async function atAgreementStage(cloud: Cloud, from: number, count: number, enterpriseId = 'ent-water', hukouCommunityId = 'com-wulan') {
  for (let i = from; i < from + count; i++) {
    const c = await cloud.addCase(`case-${9000 + i}`, { enterpriseId, hukouCommunityId })
    await cloud.store.commit({ cases: [{ next: withSteps(erenhot2019, c, ['rosterConfirmed', 'materialsSubmitted']), expectedVersion: c.version }] })
  }
}

const row = (v: AgreementCommunitiesView, id: string) => v.communities.find((c) => c.id === id)

describe('agreement by community', () => {
  test('each community is listed with its people at the agreement stage; the candidates are this enterprise’s, the first 100 named, all counted', async () => {
    const cloud = await seededCloud({ count: 10 })
    const before = await cloud.ok<AgreementCommunitiesView>(ENT, 'agreement.communities')
    const ready = (await cloud.ok<AgreementCandidatesView>(ENT, 'agreement.candidates', { communityId: 'com-wulan' })).total
    await atAgreementStage(cloud, 0, MAX_BATCH_CASES + 5)
    await atAgreementStage(cloud, 200, 3, 'ent-heat')
    await cloud.addCase('case-9300')
    const after = await cloud.ok<AgreementCommunitiesView>(ENT, 'agreement.communities')
    expect(row(after, 'com-wulan')!.atAgreementStage - (row(before, 'com-wulan')?.atAgreementStage ?? 0)).toBe(MAX_BATCH_CASES + 5)
    expect(row(after, 'com-wulan')!.people - (row(before, 'com-wulan')?.people ?? 0)).toBe(MAX_BATCH_CASES + 6)
    expect(after.communities.every((c) => c.people > 0)).toBe(true)

    const candidates = await cloud.ok<AgreementCandidatesView>(ENT, 'agreement.candidates', { communityId: 'com-wulan' })
    expect(candidates).toMatchObject({ communityId: 'com-wulan', communityName: '乌兰社区', total: ready + MAX_BATCH_CASES + 5 })
    expect(candidates.cases).toHaveLength(MAX_BATCH_CASES)
    const ids = candidates.cases.map((c) => c.id)
    expect(ids).toEqual([...ids].sort())
    for (const id of ids) expect((await cloud.store.getCase(id))!.enterpriseId).toBe('ent-water')
    expect(candidates.cases.every((c) => /^\d{6}\*{12}$/.test(c.idNumberMasked))).toBe(true)
    // The other enterprise sees its own three only.
    const heat = await cloud.ok<AgreementCandidatesView>(HEAT, 'agreement.candidates', { communityId: 'com-wulan' })
    expect(heat.cases.map((c) => c.id).filter((id) => id.startsWith('case-92'))).toEqual(['case-9200', 'case-9201', 'case-9202'])
    expect(heat.cases.some((c) => ids.includes(c.id))).toBe(false)
    expect(await cloud.call(ENT, 'agreement.candidates', { communityId: 'com-nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    cloud.close()
  })

  test('someone left out needs a reason; the community sees it, the audit keeps it, and the next draft starts where this one ended', async () => {
    const cloud = await seededCloud({ count: 10 })
    await atAgreementStage(cloud, 0, 4)
    const first = await cloud.ok<AgreementCandidatesView>(ENT, 'agreement.candidates', { communityId: 'com-wulan' })
    const [left, ...kept] = first.cases.map((c) => c.id)
    const draft = (excluded: unknown) => cloud.call<AgreementView>(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: kept, excluded })
    expect(await draft([{ caseId: left, reason: '   ' }])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请写明为什么不放进这份协议' } })
    expect(await draft([{ caseId: left, reason: '长'.repeat(101) }])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '原因请写在100个字以内' } })
    expect(await draft([{ caseId: kept[0], reason: '重复' }])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('不能既放进协议') } })
    expect(await cloud.ok<AgreementCandidatesView>(ENT, 'agreement.candidates', { communityId: 'com-wulan' })).toEqual(first)

    const res = await draft([{ caseId: left, reason: '家属对接收社区有异议，电话13904791234' }])
    if (!res.ok) throw new Error(res.error.message)
    const leftName = (await cloud.store.getCase(left))!.person.name
    expect(res.data.cases.map((c) => c.id)).toEqual(kept)
    expect(res.data.excluded).toEqual([{ id: left, name: leftName, idNumberMasked: expect.stringMatching(/^\d{6}\*{12}$/), reason: '家属对接收社区有异议，电话139****1234' }])

    const seen = (await cloud.ok<{ items: AgreementView[] }>(ADMIN, 'agreement.list')).items.find((a) => a.id === res.data.id)!
    expect(seen.excluded).toEqual(res.data.excluded)
    expect((await cloud.store.listAudit(left)).find((a) => a.action === 'agreement.draft')?.changes).toEqual([{ field: `agreement:${res.data.id}.excluded`, before: null, after: '家属对接收社区有异议，电话139****1234' }])

    // Those in the open draft are no longer candidates; the one left out still is.
    const next = await cloud.ok<AgreementCandidatesView>(ENT, 'agreement.candidates', { communityId: 'com-wulan' })
    expect(next.total).toBe(first.total - kept.length)
    expect(next.cases.map((c) => c.id)).toContain(left)
    expect(next.cases.map((c) => c.id).some((id) => kept.includes(id))).toBe(false)
    expect(row(await cloud.ok<AgreementCommunitiesView>(ENT, 'agreement.communities'), 'com-wulan')!.inOpenAgreements).toBe(kept.length)
    expect(await cloud.call(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: [kept[0]] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('还没签订的协议') } })
    cloud.close()
  })

  test('another enterprise’s person can be neither put in nor left out: refused and audited', async () => {
    const cloud = await seededCloud({ count: 10 })
    await atAgreementStage(cloud, 0, 1)
    await atAgreementStage(cloud, 1, 1, 'ent-heat')
    const agreements = async () => (await cloud.store.listAgreements({ enterpriseId: 'ent-heat', limit: 1000 })).items
    const before = await agreements()
    const res = await cloud.call(HEAT, 'agreement.draft', { communityId: 'com-wulan', caseIds: ['case-9001'], excluded: [{ caseId: 'case-9000', reason: '不是我们的人' }] })
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(JSON.stringify(res)).not.toContain((await cloud.store.getCase('case-9000'))!.person.name)
    expect((await cloud.store.listAudit('case-9000')).map((a) => [a.action, a.outcome])).toContainEqual(['agreement.draft', 'refused'])
    expect(await agreements()).toEqual(before)
    cloud.close()
  })
})

describe('an agreement for new retirees', () => {
  test('is due when its earliest person’s own agreement stage is, not on the plan’s passed date', async () => {
    const cloud = await seededCloud({ count: 5, now: '2021-06-01T02:00:00Z' })
    const opened = (id: string, at: string) => withSteps(erenhot2019, makeCase(erenhot2019, { id, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan', openedAt: at }), ['rosterConfirmed', 'materialsSubmitted'], Date.parse(at) + 3600_000)
    const cases = [opened('case-n1', '2021-05-10T02:00:00Z'), opened('case-n2', '2021-05-20T02:00:00Z')]
    await cloud.store.commit({ cases: cases.map((next) => ({ next, expectedVersion: null })) })
    const view = await cloud.ok<AgreementView>(ENT, 'agreement.draft', { communityId: 'com-wulan', caseIds: cases.map((c) => c.id) })
    // 60 days after 2021-05-10, the earlier of the two.
    expect(view).toMatchObject({ deadline: '2021-07-09', overdue: false })
    cloud.close()
  })
})
