import fc from 'fast-check'
import { seededCloud } from '../../../test/support/cloudHarness'
import { reminderPass } from './reminders'
import { allCases, withSteps } from '../../../shared/testing/fixtures'
import { addChinaDays, chinaDateOf, chinaDaysBetween, formatChinaDate } from '../../../shared/ChinaTime'
import type { CaseStepType } from '../../../shared/CaseAction'
import type { Policy } from '../../../shared/Policy'
import type { StageId } from '../../../shared/Stage'
import { deadlineOf, POLICIES } from '../../../shared/testing/policies'
import { unitReminderLink } from '../../../shared/Notifications'
import { RESPONSIBLE_PARTIES } from '../../../shared/Stage'
import { ROUTES } from '../../../miniprogram/routes'
import type { User } from '../../../shared/User'
import { makeCase } from '../../../shared/testing/fixtures'
import { fixedClock } from '../../../shared/Clock'
import { createDeps } from '../deps'
import { createCloudDbStore } from '../CloudDbStore'
import { FakeCloudDatabase } from '../FakeCloudDatabase'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

async function staffTitles(cloud: Cloud, userId: string) {
  return (await cloud.store.listDocs('staffMessage', { recipientUserId: userId }, { limit: 1000 })).items.map((m) => m.title)
}

async function allMessageIds(cloud: Cloud) {
  const rows = cloud.store.db.prepare("SELECT kind, id FROM docs WHERE kind IN ('staffMessage', 'inboxMessage', 'delivery') ORDER BY kind, id").all() as { kind: string; id: string }[]
  return rows.map((r) => `${r.kind}/${r.id}`)
}

/** Every step up to take-in, in an order every shipped policy allows. */
const TO_TAKE_IN: CaseStepType[] = ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned', 'agreementSigned', 'pensionHandedOver', 'medicalInsuranceHandedOver', 'personnelFileTransferred']

describe.each(POLICIES)('deadline reminders (%s)', (_id, policy: Policy) => {
  /** 02:00 UTC (10:00 in China) `days` days from a stage's deadline. */
  const daysFrom = (stage: StageId, days: number) => `${addChinaDays(deadlineOf(policy, stage), days)}T02:00:00Z`
  const stageName = (stage: StageId) => policy.stages.find((s) => s.id === stage)!.name
  const agreementDue = deadlineOf(policy, 'agreement')
  const agreement = stageName('agreement')

  test('the agreement deadline (China) is 14 days ahead at midnight China time, whatever the server’s zone', async () => {
    const eve = addChinaDays(agreementDue, -15)
    const cloud = await seededCloud({ count: 40, now: `${eve}T15:59:59Z`, policy }) // 23:59:59 in China
    const before = await reminderPass(cloud.deps, cloud.clock.now())
    expect(before.today).toBe(eve)
    expect((await staffTitles(cloud, 'dev-admin-wulan')).filter((t) => t.includes(agreement))).toEqual([])
    cloud.clock.set(`${eve}T16:00:00Z`) // 00:00 the next day in China, still the eve in UTC
    const on = await reminderPass(cloud.deps, cloud.clock.now())
    expect(on.today).toBe(addChinaDays(agreementDue, -14))
    // No agreement is signed by its community yet: the community answers for all of them.
    const titles = await staffTitles(cloud, 'dev-admin-wulan')
    const open = (await allCases(cloud.store)).filter((c) => c.summary.receivingCommunityId === 'com-wulan' && c.summary.openItems.some((i) => i.stage === 'agreement' && i.deadline === agreementDue))
    expect(open.length).toBeGreaterThan(1)
    expect(titles.filter((t) => t.includes(agreement))).toEqual([`本社区还有 ${open.length} 人的「${agreement}」未办完，${formatChinaDate(agreementDue)}截止`])
    const [unitMessage] = (await cloud.ok('dev-admin-wulan', 'messages.mine')).items.filter((m: { title: string }) => m.title.includes(agreement))
    expect(unitMessage).toMatchObject({ body: '还有 14 天。名单在下面的页面里，请抓紧办理。', link: ROUTES.communityAgreements })
    cloud.close()
  })

  test('the agreement reminds the side that has not acted: the community until it signs, the enterprise until it countersigns', async () => {
    const cloud = await seededCloud({ count: 40, now: daysFrom('agreement', -7), policy })
    await cloud.addCase('case-9001', { name: '达来' }) // at the roster stage: nothing due
    await reminderPass(cloud.deps, cloud.clock.now())
    const agreementTitles = async (userId: string) => (await staffTitles(cloud, userId)).filter((t) => t.includes(agreement))
    const atStage = (await allCases(cloud.store)).filter((c) => c.summary.receivingCommunityId === 'com-wulan' && c.summary.currentStage === 'agreement')
    expect(await agreementTitles('dev-admin-wulan')).toEqual([`本社区还有 ${atStage.length} 人的「${agreement}」未办完，${formatChinaDate(agreementDue)}截止`])
    expect(await agreementTitles('dev-ent-water')).toEqual([])
    // The agreement needs nothing from the retiree.
    expect((await cloud.ok('dev-retiree-1', 'inbox.list')).items.map((m: { title: string }) => m.title)).not.toContain(`提醒：「${agreement}」还有 7 天截止`)

    // ent-water drafts for com-wulan and the community signs: those people now wait on the enterprise.
    const candidates = await cloud.ok('dev-ent-water', 'agreement.candidates', { communityId: 'com-wulan' })
    expect(candidates.cases.length).toBeGreaterThan(0)
    const draft = await cloud.ok('dev-ent-water', 'agreement.draft', { communityId: 'com-wulan', caseIds: candidates.cases.map((c: { id: string }) => c.id) })
    await cloud.ok('dev-admin-wulan', 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
    const signed = candidates.cases.length
    cloud.clock.set(daysFrom('agreement', -1))
    await reminderPass(cloud.deps, cloud.clock.now())
    expect(await agreementTitles('dev-ent-water')).toEqual([`本企业还有 ${signed} 人的「${agreement}」未办完，${formatChinaDate(agreementDue)}截止`])
    const left = atStage.length - signed
    expect(await agreementTitles('dev-admin-wulan')).toEqual(
      [`本社区还有 ${atStage.length} 人的「${agreement}」未办完，${formatChinaDate(agreementDue)}截止`, ...(left > 0 ? [`本社区还有 ${left} 人的「${agreement}」未办完，${formatChinaDate(agreementDue)}截止`] : [])].sort(),
    )
    cloud.close()
  })

  test('take-in needs the retiree: they get the reminder in their inbox, and the community is reminded', async () => {
    const cloud = await seededCloud({ count: 10, now: daysFrom('takenIn', -1), policy })
    const fresh = await cloud.addCase('case-9001', { name: '达来' })
    const ready = withSteps(policy, fresh, TO_TAKE_IN)
    await cloud.store.commit({ cases: [{ next: ready, expectedVersion: fresh.version }] })
    await reminderPass(cloud.deps, cloud.clock.now())
    const takenIn = policy.stages.find((s) => s.id === 'takenIn')!
    const due = formatChinaDate(deadlineOf(policy, 'takenIn'))
    expect(await staffTitles(cloud, 'dev-grid-wulan')).toContain(`本社区还有 1 人的「${takenIn.name}」未办完，${due}截止`)
    expect(await staffTitles(cloud, 'dev-admin-wulan')).toContain(`本社区还有 1 人的「${takenIn.name}」未办完，${due}截止`)
    const inbox = (await cloud.store.listDocs('inboxMessage', { caseId: 'case-9001' }, { limit: 10 })).items
    expect(inbox.map((m) => [m.title, m.body])).toEqual([[`提醒：「${takenIn.name}」还有 1 天截止`, `${takenIn.retireeTodo}（截止 ${due}）`]])
    cloud.close()
  })

  test('take-in is reminded to the receiving community the policy names: the hukou one, or where the retiree lives (常住地)', async () => {
    const cloud = await seededCloud({ count: 10, now: daysFrom('takenIn', -1), policy })
    const fresh = await cloud.addCase('case-9002', { hukouCommunityId: 'com-wulan', residenceCommunityId: 'com-gerile', categories: { livesAwayFromHukou: true } })
    await cloud.store.commit({ cases: [{ next: withSteps(policy, fresh, TO_TAKE_IN), expectedVersion: fresh.version }] })
    await reminderPass(cloud.deps, cloud.clock.now())
    const receiving = policy.receivingRule === 'residence' ? 'com-gerile' : 'com-wulan'
    expect((await cloud.store.getCase('case-9002'))!.summary.receivingCommunityId).toBe(receiving)
    const cases = await allCases(cloud.store)
    for (const [community, gridWorker] of [['com-wulan', 'dev-grid-wulan'], ['com-gerile', 'dev-grid-gerile']]) {
      // Each community is reminded of the people it receives, counted from the cases (the seed's too).
      const n = cases.filter((c) => c.summary.receivingCommunityId === community && c.summary.openItems.some((i) => i.stage === 'takenIn')).length
      if (community === receiving) expect(n).toBeGreaterThan(0)
      const titles = (await staffTitles(cloud, gridWorker)).filter((t) => t.includes(`「${stageName('takenIn')}」`))
      expect(titles).toEqual(n === 0 ? [] : [`本社区还有 ${n} 人的「${stageName('takenIn')}」未办完，${formatChinaDate(deadlineOf(policy, 'takenIn'))}截止`])
    }
    cloud.close()
  })

  test('running the pass twice reminds nobody twice', async () => {
    const cloud = await seededCloud({ count: 60, now: daysFrom('agreement', -7), policy })
    const first = await reminderPass(cloud.deps, cloud.clock.now())
    expect(first.messages).toBeGreaterThan(0)
    const ids = await allMessageIds(cloud)
    const second = await reminderPass(cloud.deps, cloud.clock.now())
    expect(second).toMatchObject({ messages: 0, digests: 0, done: true })
    expect(await allMessageIds(cloud)).toEqual(ids)
    cloud.close()
  })

  test('a run cut off part-way resumes from its cursor, skipping and repeating no one', async () => {
    const whole = await seededCloud({ count: 120, now: daysFrom('personnelFile', -7), policy })
    await reminderPass(whole.deps, whole.clock.now())
    const expected = await allMessageIds(whole)
    whole.close()

    const cut = await seededCloud({ count: 120, now: daysFrom('personnelFile', -7), policy })
    const runs = []
    for (let i = 0; i < 50; i++) {
      const r = await reminderPass(cut.deps, cut.clock.now(), { pageSize: 3, maxPages: 2 })
      runs.push(r)
      if (r.done) break
    }
    expect(runs.length).toBeGreaterThan(2)
    expect(runs.slice(0, -1).every((r) => !r.done)).toBe(true)
    expect(await allMessageIds(cut)).toEqual(expected)
    cut.close()
  })

  test('past a deadline: a daily digest to the supervisor and to each responsible unit', async () => {
    const cloud = await seededCloud({ count: 60, now: daysFrom('agreement', 2), policy })
    const report = await reminderPass(cloud.deps, cloud.clock.now())
    expect(report.digests).toBeGreaterThan(0)
    const [digest] = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-office' }, { limit: 10 })).items
    expect(digest.title).toBe(`逾期汇总（${formatChinaDate(addChinaDays(agreementDue, 2))}）`)
    // No community has signed: the agreement is overdue on the communities' side, not the enterprises'.
    expect(digest.body).toMatch(new RegExp(`${agreement}：\\d+ 人逾期（乌兰社区）`))
    expect(digest.body).not.toMatch(new RegExp(`${agreement}：\\d+ 人逾期（二连浩特市`))
    const water = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-ent-water' }, { limit: 100 })).items.find((m) => m.title.startsWith('逾期汇总'))!
    expect(water.body).not.toContain('热力')
    expect(water.body).not.toContain(agreement)
    const wulan = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-admin-wulan' }, { limit: 100 })).items.find((m) => m.title.startsWith('逾期汇总'))!
    expect(wulan.body).toMatch(new RegExp(`${agreement}：\\d+ 人逾期（乌兰社区）`))
    expect(wulan.body).not.toContain('格日勒')
    // One line per unit and stage, whichever enterprises its people came from.
    for (const body of [digest.body, wulan.body]) expect(new Set(body.split('；')).size).toBe(body.split('；').length)
    cloud.close()
  })

  test('every unit link is a page of the mini-program', () => {
    const pages = new Set<string>(Object.values(ROUTES))
    for (const party of RESPONSIBLE_PARTIES) for (const stage of policy.stages) expect(pages).toContain(unitReminderLink(party, stage.id))
  })

  /** The unit reminders the day should hold, counted by brute force over every case: recipient → titles. */
  async function expectedUnitReminders(cloud: Cloud, today: string): Promise<Map<string, string[]>> {
    const counts = new Map<string, number>()
    for (const c of await allCases(cloud.store)) {
      for (const item of c.summary.openItems) {
        const days = chinaDaysBetween(today, item.deadline)
        if (days !== 14 && days !== 7 && days !== 1) continue
        // Who answers now: the party of the stage's next step.
        const party = c.summary.stages[item.stage]?.party ?? policy.stages.find((s) => s.id === item.stage)!.responsible
        const unit = party === 'enterprise' ? c.enterpriseId : party === 'community' || party === 'communityParty' ? c.summary.receivingCommunityId : '-'
        const key = [party, unit, item.stage, item.deadline].join('|')
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
    }
    const out = new Map<string, string[]>()
    const own = { enterprise: '本企业', community: '本社区', communityParty: '本社区党组织', archives: '档案部门', party: '组织部门', hrss: '人社局', medicalInsurance: '医保局' } as const
    for (const [key, n] of counts) {
      const [party, unit, stageId, deadline] = key.split('|') as [keyof typeof own, string, string, string]
      const roles: User['role'][] = { enterprise: ['enterpriseOperator'], community: ['communityAdmin', 'gridWorker'], communityParty: ['communityPartySecretary'], archives: ['archivesOfficer'], party: ['partyOfficer'], hrss: ['socialSecurityOfficer'], medicalInsurance: ['socialSecurityOfficer'] }[party] as User['role'][]
      const orgOf = party === 'hrss' || party === 'medicalInsurance' ? party : unit
      const users = (await Promise.all(roles.map((role) => cloud.store.listUsers(orgOf !== '-' ? { orgId: orgOf, role } : { role })))).flat()
      const title = `${own[party]}还有 ${n} 人的「${policy.stages.find((s) => s.id === stageId)!.name}」未办完，${formatChinaDate(deadline)}截止`
      for (const u of users) out.set(u.id, [...(out.get(u.id) ?? []), title].sort())
    }
    return out
  }

  async function unitRemindersHeld(cloud: Cloud): Promise<Map<string, string[]>> {
    const rows = cloud.store.db.prepare("SELECT id FROM docs WHERE kind = 'staffMessage' AND id LIKE 'unit:%'").all() as { id: string }[]
    const out = new Map<string, string[]>()
    for (const { id } of rows) {
      const m = (await cloud.store.getDoc('staffMessage', id))!
      out.set(m.recipientUserId, [...(out.get(m.recipientUserId) ?? []), m.title].sort())
    }
    return out
  }

  test('on random case sets, each unit’s staff get one reminder per stage and deadline, with the true count, however the pass is cut', async () => {
    const steps = TO_TAKE_IN
    const caseArb = fc.record({
      enterpriseId: fc.constantFrom('ent-water', 'ent-heat', 'ent-bus', 'ent-grain'),
      hukouCommunityId: fc.constantFrom('com-wulan', 'com-gerile', 'com-xilin'),
      done: fc.integer({ min: 0, max: steps.length }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(daysFrom('agreement', -7), daysFrom('agreement', -14), daysFrom('personnelFile', -14), daysFrom('takenIn', -1)),
        fc.array(caseArb, { maxLength: 25 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        async (now, extra, pageSize, maxPages) => {
          const cloud = await seededCloud({ count: 8, now, policy })
          try {
            for (const [i, e] of extra.entries()) {
              const fresh = await cloud.addCase(`case-${9001 + i}`, { enterpriseId: e.enterpriseId, hukouCommunityId: e.hukouCommunityId })
              if (e.done > 0) await cloud.store.commit({ cases: [{ next: withSteps(policy, fresh, [...steps.slice(0, e.done)]), expectedVersion: fresh.version }] })
            }
            // Cut into short runs, then run twice more after it is done: nothing changes.
            for (let i = 0; i < 500 && !(await reminderPass(cloud.deps, cloud.clock.now(), { pageSize, maxPages })).done; i++);
            const ids = await allMessageIds(cloud)
            expect((await reminderPass(cloud.deps, cloud.clock.now())).messages).toBe(0)
            expect(await allMessageIds(cloud)).toEqual(ids)
            expect(await unitRemindersHeld(cloud)).toEqual(await expectedUnitReminders(cloud, chinaDateOf(cloud.clock.now())))
            // No member of staff gets a reminder per retiree any more.
            const perCase = cloud.store.db.prepare("SELECT id FROM docs WHERE kind = 'staffMessage' AND id LIKE 'case-%|reminder%'").all()
            expect(perCase).toEqual([])
          } finally {
            cloud.close()
          }
        },
      ),
      { numRuns: 30 },
    )
  })

  test('on the cloud adapter too, a pass cut into single pages sends each unit one reminder with its whole count', async () => {
    const store = createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false }))
    const deps = createDeps({ store, policy, clock: fixedClock(daysFrom('agreement', -7)), masterKey: Buffer.alloc(32, 3) })
    await store.commit({ users: [
      { id: 'op-water-1', role: 'enterpriseOperator', name: '经办人甲', orgId: 'ent-water' },
      { id: 'op-water-2', role: 'enterpriseOperator', name: '经办人乙', orgId: 'ent-water' },
      { id: 'op-heat', role: 'enterpriseOperator', name: '经办人丙', orgId: 'ent-heat' },
    ] })
    // Signed by their community: the enterprises answer for them now.
    const atAgreement = (i: number, enterpriseId: string) => withSteps(policy, makeCase(policy, { id: `case-${1000 + i}`, enterpriseId }), ['rosterConfirmed', 'materialsSubmitted', 'agreementCommunitySigned'])
    await store.commit({ cases: [...Array.from({ length: 7 }, (_, i) => atAgreement(i, 'ent-water')), ...Array.from({ length: 3 }, (_, i) => atAgreement(10 + i, 'ent-heat'))].map((next) => ({ next, expectedVersion: null })) })
    let runs = 0
    while (!(await reminderPass(deps, deps.clock.now(), { pageSize: 2, maxPages: 1 })).done) runs++
    expect(runs).toBeGreaterThan(4)
    expect((await reminderPass(deps, deps.clock.now())).messages).toBe(0)
    const titles = async (userId: string) => (await store.listDocs('staffMessage', { recipientUserId: userId }, { limit: 100 })).items.map((m) => m.title)
    const due = formatChinaDate(agreementDue)
    expect(await titles('op-water-1')).toEqual([`本企业还有 7 人的「${agreement}」未办完，${due}截止`])
    expect(await titles('op-water-2')).toEqual([`本企业还有 7 人的「${agreement}」未办完，${due}截止`])
    expect(await titles('op-heat')).toEqual([`本企业还有 3 人的「${agreement}」未办完，${due}截止`])
  })
})

describe('a new retiree’s own deadlines (opened after the plan’s fixed dates)', () => {
  const policy = POLICIES[0][1]
  const materials = policy.stages.find((s) => s.id === 'materials')!
  const opened = '2023-05-10'
  const due = addChinaDays(opened, materials.daysAfterOpening!)

  async function withNewRetiree(now: string) {
    const cloud = await seededCloud({ count: 5, now, policy })
    const c = withSteps(policy, makeCase(policy, { id: 'case-new01', enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan', openedAt: `${opened}T02:00:00Z` }), ['rosterConfirmed'], Date.parse(`${opened}T03:00:00Z`))
    await cloud.store.commit({ cases: [{ next: c, expectedVersion: null }] })
    return cloud
  }

  test('the enterprise is reminded 14 days before the case’s own deadline, with that date', async () => {
    const cloud = await withNewRetiree(`${addChinaDays(due, -14)}T02:00:00Z`)
    await reminderPass(cloud.deps, cloud.clock.now())
    expect(await staffTitles(cloud, 'dev-ent-water')).toContain(`本企业还有 1 人的「${materials.name}」未办完，${formatChinaDate(due)}截止`)
    cloud.close()
  })

  test('past it, the office’s daily digest counts the case overdue, beside the 2019 roster’s', async () => {
    const now = `${addChinaDays(due, 2)}T02:00:00Z`
    const overdue = async (cloud: Cloud) => {
      await reminderPass(cloud.deps, cloud.clock.now())
      const [digest] = (await cloud.store.listDocs('staffMessage', { recipientUserId: 'dev-office' }, { limit: 10 })).items
      cloud.close()
      return Number(new RegExp(`${materials.name}：(\\d+) 人逾期（二连浩特市供排水有限责任公司）`).exec(digest.body)?.[1] ?? 0)
    }
    const without = await overdue(await seededCloud({ count: 5, now, policy }))
    expect(await overdue(await withNewRetiree(now))).toBe(without + 1)
  })
})
