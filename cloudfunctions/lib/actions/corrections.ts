/** The enterprise operator answers a retiree's correction request: accept (the fields change) or reject with a reason. */
import { AppError } from '../../../shared/AppError'
import { BAD_PHONE_MESSAGE, isRosterPhone } from '../../../shared/PhoneNumber'
import type { RetireeCase } from '../../../shared/Case'
import { recordNote, summarizeCase } from '../../../shared/CaseState'
import { isChinaDate, isChinaMonth } from '../../../shared/ChinaTime'
import { correctionView, DETAIL_FIELD_NAMES, type CorrectionRequest, type DetailField } from '../../../shared/CorrectionRequest'
import { ID_NUMBER_PROBLEM_MESSAGES, parseIdNumber } from '../../../shared/IdNumber'
import { redactPersonalData } from '../../../shared/Mask'
import type { IdReservation } from '../../../shared/IdReservation'
import { personName } from '../../../shared/PersonName'
import type { CorrectionListView } from '../../../shared/Views'
import type { Ctx, Handlers } from '../router'
import { commitCase, loadCase } from './common'

/** Applies accepted values to the case; a value that does not parse is a BAD_REQUEST naming the field. */
function applyValues(ctx: Ctx, c: RetireeCase, values: Partial<Record<DetailField, string>>): RetireeCase {
  const person = { ...c.person }
  const categories = { ...c.categories }
  const bad = (field: DetailField, why: string) => new AppError('BAD_REQUEST', `「${DETAIL_FIELD_NAMES[field]}」${why}`, { caseId: c.id, fields: [field] })
  for (const [field, raw] of Object.entries(values) as Array<[DetailField, string]>) {
    const value = raw.trim()
    switch (field) {
      case 'name':
        person.name = personName(value)
        break
      case 'gender':
        if (value !== '男' && value !== '女') throw bad(field, '请填“男”或“女”。')
        person.gender = value === '男' ? 'male' : 'female'
        break
      case 'birthDate':
      case 'retirementDate':
        // Only the month is kept in clear (issue 8): a full date is accepted and keeps its month.
        if (!isChinaDate(value) && !isChinaMonth(value)) throw bad(field, '请写成 1955-03 这样的年月。')
        person[field === 'birthDate' ? 'birthMonth' : 'retirementMonth'] = value.slice(0, 7)
        break
      case 'hukouAddress':
        person.hukouAddress = value
        break
      case 'phone':
        // A corrected phone is checked as the roster's is; a number marked bad by a bounced SMS is no longer the case's once corrected.
        if (!isRosterPhone(value)) throw bad(field, BAD_PHONE_MESSAGE)
        person.phone = value
        break
      case 'partyMember':
        if (value !== '是' && value !== '否') throw bad(field, '请填“是”或“否”。')
        categories.partyMember = value === '是'
        break
      case 'idNumber': {
        const id = parseIdNumber(value, ctx.today)
        if (!id.ok) throw bad(field, ID_NUMBER_PROBLEM_MESSAGES[id.problem])
        person.idNumber = ctx.vault.seal(id.idNumber)
        person.birthMonth = id.birthDate.slice(0, 7)
        person.gender = id.gender
        break
      }
      case 'enterprise':
      case 'receivingCommunity':
        throw bad(field, '的变更要由原企业和社区协商后重新造册，不能在这里直接改。')
    }
  }
  const next = { ...c, person, categories }
  return { ...next, summary: summarizeCase(ctx.policy, next) }
}

const ID_NUMBER_TAKEN = '这个身份证号已经登记在另一位退休人员名下，不能改成它。请核对后再答复。'

/**
 * A corrected ID number must not be one another case holds or once opened with: like a new case,
 * the corrected case reserves the number in the same commit (guarded "must not exist yet"), so
 * two corrections to the same number cannot both land. The refusal names no one.
 */
async function reserveCorrectedIdNumber(ctx: Ctx, before: RetireeCase, after: RetireeCase): Promise<IdReservation | null> {
  const hash = after.person.idNumber.hash
  if (hash === before.person.idNumber.hash) return null
  const holder = await ctx.store.findCaseByIdNumberHash(hash)
  const reserved = await ctx.store.getDoc('idReservation', hash)
  if ((holder && holder.id !== before.id) || (reserved && reserved.caseId !== before.id)) throw new AppError('CONFLICT', ID_NUMBER_TAKEN, { caseId: before.id, fields: ['idNumber'] })
  return reserved ? null : { id: hash, version: 1, caseId: before.id, createdAt: ctx.now.toISOString() }
}

/** Requests per correction.list page, each read with its case for the name. Our own named limit. */
export const CORRECTION_PAGE = 50

/** One page of the enterprise's requests (newest first within the page), and the cursor to the next. */
async function listView(ctx: Ctx, status?: CorrectionRequest['status'], after?: string): Promise<CorrectionListView> {
  const page = await ctx.store.listDocs('correctionRequest', { enterpriseId: ctx.user.orgId, ...(status ? { status } : {}) }, { limit: CORRECTION_PAGE, after })
  const chosen = [...page.items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
  const cases = await Promise.all(chosen.map((r) => ctx.store.getCase(r.caseId)))
  return {
    items: chosen.map((r, i) => ({ ...correctionView(r), version: r.version, caseId: r.caseId, name: cases[i]?.person.name ?? '' })),
    nextCursor: page.nextCursor,
  }
}

export const correctionHandlers: Pick<Handlers, 'correction.list' | 'correction.answer'> = {
  async 'correction.list'(ctx, input) {
    return listView(ctx, input.status, input.after)
  },

  async 'correction.answer'(ctx, input) {
    const request = await ctx.store.getDoc('correctionRequest', input.id)
    if (!request || request.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这条更正申请。')
    if (request.version !== input.expectedVersion) throw new AppError('CONFLICT', undefined, { caseId: request.caseId })
    if (request.status !== 'open') throw new AppError('CONFLICT', '这条更正申请已经答复过了。', { caseId: request.caseId })
    const c = await loadCase(ctx, request.caseId, 'correction.answer')
    const accepted = input.decision.kind === 'accept'
    const disputed = request.fields.map((f) => f.field)
    let changed = c
    if (input.decision.kind === 'accept') {
      const stray = Object.keys(input.decision.values).filter((f) => !disputed.includes(f as DetailField))
      if (stray.length) throw new AppError('BAD_REQUEST', '只能更正退休人员提出有误的项目。', { caseId: c.id, fields: stray })
      changed = applyValues(ctx, c, input.decision.values)
    }
    const reservation = await reserveCorrectedIdNumber(ctx, c, changed)
    const note = { type: 'correctionAnswered' as const, correctionId: request.id, accepted, fields: disputed }
    const next = recordNote(ctx.policy, changed, note, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    const answered: CorrectionRequest = {
      ...request,
      version: request.version + 1,
      status: accepted ? 'accepted' : 'rejected',
      // Like the reasons: no ID number, phone or full date is stored in the answer.
      answer: redactPersonalData(input.decision.answer),
      answeredAt: ctx.now.toISOString(),
    }
    await commitCase(ctx, 'correction.answer', c, next, {
      docs: [{ kind: 'correctionRequest', next: answered, expectedVersion: request.version }, ...(reservation ? [{ kind: 'idReservation' as const, next: reservation, expectedVersion: null }] : [])],
    })
    return listView(ctx)
  },
}
