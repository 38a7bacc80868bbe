/** After take-in (plan 四（七）; shared/AfterTakeIn.ts): visits and help, closing, moving within the city, 人社局's yearly-check field. */
import { AppError } from '../../../shared/AppError'
import { closeCase, closedStaffText, qualificationCheckFor, recordCare, setQualification, transferCase, transferStaffText } from '../../../shared/AfterTakeIn'
import type { StaffMessage } from '../../../shared/Delivery'
import type { Change } from '../../../shared/ports/Store'
import type { User } from '../../../shared/User'
import type { Handlers } from '../router'
import { caseDetail, commitCase, expectVersion, loadCase } from './common'

/** The case link staff open from the message (miniprogram/routes.ts caseDetail). */
const CASE_LINK = '/worker/pages/case/index'

/** One message per recipient, keyed by case, event and recipient, so it exists once. */
function staffMessages(users: User[], key: string, caseId: string, text: { title: string; body: string }, now: Date): NonNullable<Change['docs']> {
  return users.map((u) => {
    const next: StaffMessage = { id: `${caseId}|${key}|${u.id}`, version: 1, recipientUserId: u.id, caseId, ...text, createdAt: now.toISOString(), read: false, link: `${CASE_LINK}?id=${caseId}` }
    return { kind: 'staffMessage' as const, next, expectedVersion: null }
  })
}

export const afterTakeInHandlers: Pick<Handlers, 'care.record' | 'case.close' | 'case.transfer' | 'qualification.set'> = {
  async 'care.record'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'care.record')
    expectVersion(c, input.expectedVersion)
    const next = recordCare(ctx.policy, c, input, ctx.user, ctx.now, ctx.newId())
    await commitCase(ctx, 'care.record', c, next)
    return caseDetail(ctx, next)
  },

  /** Terminal: the enterprise and 人社局 are told; no yearly reminder is due any more. */
  async 'case.close'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'case.close')
    expectVersion(c, input.expectedVersion)
    const next = closeCase(ctx.policy, c, input, ctx.user, ctx.now, ctx.newId())
    const [operators, hrss, community, check] = await Promise.all([
      ctx.store.listUsers({ orgId: c.enterpriseId, role: 'enterpriseOperator' }),
      ctx.store.listUsers({ orgId: 'hrss', role: 'socialSecurityOfficer' }),
      ctx.store.getCommunity(c.summary.receivingCommunityId),
      ctx.store.getDoc('qualificationCheck', c.id),
    ])
    const text = closedStaffText(c.person.name, input.reason, input.on, community?.name ?? '社区')
    await commitCase(ctx, 'case.close', c, next, {
      docs: [
        ...staffMessages([...operators, ...hrss], 'closed', c.id, text, ctx.now),
        ...(check ? [{ kind: 'qualificationCheck' as const, next: qualificationCheckFor(next, check, ctx.now), expectedVersion: check.version }] : []),
      ],
    })
    return caseDetail(ctx, next)
  },

  /** Both communities' admins are told; the figures follow the summary's receiving community. */
  async 'case.transfer'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'case.transfer')
    expectVersion(c, input.expectedVersion)
    const code = input.toCommunityCode.toUpperCase()
    const to = (await ctx.store.listCommunities()).find((x) => x.code.toUpperCase() === code)
    if (!to) throw new AppError('NOT_FOUND', '没有找到这个社区，请核对新社区海报上的编号。', { caseId: c.id, fields: ['toCommunityCode'] })
    const next = transferCase(ctx.policy, c, { toCommunityId: to.id, ...(input.note ? { note: input.note } : {}) }, ctx.user, ctx.now, ctx.newId())
    const fromId = c.summary.receivingCommunityId
    const [from, fromAdmins, toAdmins] = await Promise.all([
      ctx.store.getCommunity(fromId),
      ctx.store.listUsers({ orgId: fromId, role: 'communityAdmin' }),
      ctx.store.listUsers({ orgId: to.id, role: 'communityAdmin' }),
    ])
    const text = transferStaffText(c.person.name, from?.name ?? '原社区', to.name)
    await commitCase(ctx, 'case.transfer', c, next, { docs: staffMessages([...fromAdmins, ...toAdmins], `moved-${next.version}`, c.id, text, ctx.now) })
    return caseDetail(ctx, next)
  },

  async 'qualification.set'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'qualification.set')
    expectVersion(c, input.expectedVersion)
    const next = setQualification(ctx.policy, c, input, ctx.user, ctx.now, ctx.newId())
    const check = await ctx.store.getDoc('qualificationCheck', c.id)
    await commitCase(ctx, 'qualification.set', c, next, {
      docs: [{ kind: 'qualificationCheck', next: qualificationCheckFor(next, check, ctx.now), expectedVersion: check?.version ?? null }],
    })
    return caseDetail(ctx, next)
  },
}
