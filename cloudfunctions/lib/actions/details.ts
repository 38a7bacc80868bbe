/** 基本信息确认: the retiree (or a relative they allowed) confirms or disputes the recorded details. */
import { AppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { detailsStatus, recordNote } from '../../../shared/CaseState'
import { SEES_BIRTH_DATE } from '../../../shared/Authorization'
import { formatChinaDate, formatChinaMonth } from '../../../shared/ChinaTime'
import { correctionView, DETAIL_FIELD_NAMES, type CorrectionRequest, type DetailField } from '../../../shared/CorrectionRequest'
import { parseIdNumber } from '../../../shared/IdNumber'
import { maskPhone, redactPersonalData } from '../../../shared/Mask'
import { GENDER_NAMES } from '../../../shared/Person'
import type { DetailsView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { commitCase, expectVersion, ownCase } from './common'

/** The full birth date, read from the sealed number, for a role entitled to it; the month for everyone else. */
function birthDateShown(ctx: Ctx, c: RetireeCase): string {
  if (!SEES_BIRTH_DATE[ctx.user.role]) return formatChinaMonth(c.person.birthMonth)
  const id = parseIdNumber(ctx.vault.open(c.person.idNumber))
  return id.ok ? formatChinaDate(id.birthDate) : formatChinaMonth(c.person.birthMonth)
}

async function detailsView(ctx: Ctx, c: RetireeCase): Promise<DetailsView> {
  const [enterprise, community, corrections] = await Promise.all([
    ctx.store.getEnterprise(c.enterpriseId),
    ctx.store.getCommunity(c.summary.receivingCommunityId),
    ctx.store.listDocs('correctionRequest', { caseId: c.id }, { limit: 100 }),
  ])
  const p = c.person
  const values: Record<DetailField, string> = {
    name: p.name,
    gender: GENDER_NAMES[p.gender],
    birthDate: birthDateShown(ctx, c),
    retirementDate: formatChinaMonth(p.retirementMonth),
    enterprise: enterprise?.name ?? '',
    hukouAddress: p.hukouAddress,
    receivingCommunity: community?.name ?? '',
    partyMember: c.categories.partyMember ? '是' : '否',
    // The retiree sees their own number; a relative sees it masked.
    phone: ctx.user.role === 'retiree' ? p.phone : maskPhone(p.phone),
    idNumber: p.idNumber.masked,
  }
  const status = detailsStatus(c)
  return {
    caseId: c.id,
    version: c.version,
    fields: (Object.keys(values) as DetailField[]).map((field) => ({ field, label: DETAIL_FIELD_NAMES[field], value: values[field] })),
    status: status.state,
    statusAt: status.state === 'unconfirmed' ? null : status.at,
    mayConfirm: ctx.user.role === 'retiree' || ctx.user.mayConfirm === true,
    corrections: corrections.items
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .map(correctionView),
  }
}

function mayConfirmFor(ctx: Ctx, caseId: string): void {
  if (ctx.user.role === 'relative' && ctx.user.mayConfirm !== true) {
    throw new AppError('FORBIDDEN', '这一步需要老人本人确认。如需您代为确认，请老人在「亲情代办」里邀请时勾选允许代为确认。', { caseId })
  }
}

export const detailsHandlers: Pick<Handlers, 'details.get' | 'details.confirm' | 'details.dispute'> = {
  async 'details.get'(ctx) {
    const c = await ownCase(ctx, 'details.get')
    // Viewing personal details is audited too.
    await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'details.get', caseId: c.id, outcome: 'done' })] })
    return detailsView(ctx, c)
  },

  async 'details.confirm'(ctx, input) {
    const c = await ownCase(ctx, 'details.confirm')
    mayConfirmFor(ctx, c.id)
    expectVersion(c, input.expectedVersion)
    const next = recordNote(ctx.policy, c, { type: 'detailsConfirmed' }, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    await commitCase(ctx, 'details.confirm', c, next)
    return detailsView(ctx, next)
  },

  async 'details.dispute'(ctx, input) {
    const c = await ownCase(ctx, 'details.dispute')
    mayConfirmFor(ctx, c.id)
    expectVersion(c, input.expectedVersion)
    const request: CorrectionRequest = {
      id: ctx.newId(),
      version: 1,
      caseId: c.id,
      enterpriseId: c.enterpriseId,
      // A reason that quotes an ID number, a phone or a full date keeps the area code, 138****5678, the month.
      fields: input.fields.map((f) => ({ ...f, reason: redactPersonalData(f.reason) })),
      raisedBy: { userId: ctx.user.id, role: ctx.user.role },
      status: 'open',
      answer: null,
      createdAt: ctx.now.toISOString(),
      answeredAt: null,
    }
    const note = { type: 'detailsDisputed' as const, correctionId: request.id, fields: input.fields.map((f) => f.field) }
    const next = recordNote(ctx.policy, c, note, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    await commitCase(ctx, 'details.dispute', c, next, { docs: [{ kind: 'correctionRequest', next: request, expectedVersion: null }] })
    return detailsView(ctx, next)
  },
}
