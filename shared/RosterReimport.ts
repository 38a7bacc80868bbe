/**
 * What a re-imported roster row may not change on a case that already exists:
 * - the receiving community, once the transfer agreement is signed (the community signed for
 *   this person; moving them needs both sides to agree, not a new spreadsheet);
 * - any detail an accepted correction request settled (the enterprise confirmed the retiree's
 *   own correction; an older roster must not undo it). Those fields are read from the case's
 *   own actions: every `correctionAnswered` note with `accepted: true` names its fields.
 */
import type { RetireeCase } from './Case'
import { DETAIL_FIELD_NAMES, type DetailField } from './CorrectionRequest'

/** The fields accepted corrections have settled on a case. */
export function correctedFields(c: Pick<RetireeCase, 'actions'>): Set<DetailField> {
  const fields = new Set<DetailField>()
  for (const a of c.actions) if (a.type === 'correctionAnswered' && a.accepted) a.fields.forEach((f) => fields.add(f))
  return fields
}

/** How each detail a correction can settle reads on a case, to tell whether a row changes it. */
const DETAIL_VALUE = {
  name: (c) => c.person.name,
  gender: (c) => c.person.gender,
  birthDate: (c) => c.person.birthMonth,
  retirementDate: (c) => c.person.retirementMonth,
  enterprise: (c) => c.enterpriseId,
  hukouAddress: (c) => c.person.hukouAddress,
  receivingCommunity: (c) => c.summary.receivingCommunityId,
  partyMember: (c) => String(c.categories.partyMember),
  phone: (c) => c.person.phone,
  idNumber: (c) => c.person.idNumber.hash,
} satisfies Record<DetailField, (c: RetireeCase) => string>

export function agreementSigned(c: Pick<RetireeCase, 'actions'>): boolean {
  return c.actions.some((a) => a.type === 'agreementSigned')
}

/** The roster column a settled detail comes from (gender and birth date come from the ID number). */
const DETAIL_COLUMN: Record<DetailField, string> = {
  name: '姓名',
  gender: '身份证号',
  birthDate: '身份证号',
  retirementDate: '退休日期',
  enterprise: '姓名',
  hukouAddress: '户籍地址',
  receivingCommunity: '户籍社区',
  partyMember: '党员',
  phone: '联系电话',
  idNumber: '身份证号',
}

/** Why a row may not update `before` into `after` (the column and a sentence for the operator), or null. */
export function reimportProblem(before: RetireeCase, after: RetireeCase): { column: string; message: string } | null {
  if (before.summary.receivingCommunityId !== after.summary.receivingCommunityId) {
    if (agreementSigned(before)) return { column: '户籍社区', message: '这位退休人员的移交协议已经签订，不能再通过名册改变接收社区；确需变更的，请企业和社区协商后办理。' }
    // The community signed for this person: a move would have the enterprise countersign for a community that never signed.
    if (before.actions.some((a) => a.type === 'agreementCommunitySigned')) return { column: '户籍社区', message: '接收社区已经在这位退休人员的移交协议上签字，不能再通过名册改变接收社区；确需变更的，请企业和社区协商后办理。' }
  }
  const settled = [...correctedFields(before)].filter((f) => DETAIL_VALUE[f](before) !== DETAIL_VALUE[f](after))
  if (settled.length) {
    return {
      column: DETAIL_COLUMN[settled[0]],
      message: `「${settled.map((f) => DETAIL_FIELD_NAMES[f]).join('」「')}」已按本人的更正申请改正过，名册里的不一样，不能用名册改回去。请把名册的这一行改成现在的信息再导入。`,
    }
  }
  return null
}
