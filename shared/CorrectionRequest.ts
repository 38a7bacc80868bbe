import * as z from 'zod/mini'

/**
 * The personal details a retiree can confirm or dispute (基本信息确认). `birthDate` is shown in
 * full only to the retiree (SEES_BIRTH_DATE), derived from the sealed number; the case keeps its
 * month. `retirementDate` is the retirement month (退休时间).
 */
export const DETAIL_FIELDS = ['name', 'gender', 'birthDate', 'retirementDate', 'enterprise', 'hukouAddress', 'receivingCommunity', 'partyMember', 'phone', 'idNumber'] as const
export const DetailField = z.enum(DETAIL_FIELDS)
export type DetailField = z.infer<typeof DetailField>

export const DETAIL_FIELD_NAMES: Record<DetailField, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  retirementDate: '退休时间',
  enterprise: '原工作单位',
  hukouAddress: '户籍地址',
  receivingCommunity: '接收社区',
  partyMember: '是否党员',
  phone: '联系电话',
  idNumber: '身份证号',
}

export const DisputedField = z.object({
  field: DetailField,
  reason: z.string().check(z.trim(), z.minLength(1, { error: '请简单写一下哪里不对' }), z.maxLength(100, { error: '说明请不要超过100个字' })),
})
export type DisputedField = z.infer<typeof DisputedField>

/** A retiree's dispute of recorded details, answered by the enterprise operator. */
export const CorrectionRequest = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  enterpriseId: z.string().check(z.describe('who must answer')),
  fields: z.array(DisputedField).check(z.minLength(1)),
  raisedBy: z.object({ userId: z.string(), role: z.string() }),
  status: z.enum(['open', 'accepted', 'rejected']),
  answer: z.nullable(z.string()),
  createdAt: z.iso.datetime(),
  answeredAt: z.nullable(z.iso.datetime()),
})
export type CorrectionRequest = z.infer<typeof CorrectionRequest>

export const CORRECTION_STATUS_NAMES: Record<CorrectionRequest['status'], string> = {
  open: '等待原企业核实',
  accepted: '已核实并更正',
  rejected: '原企业核实后未更正',
}

/** How a correction request reads on a screen (no personal data but the reasons given). */
export function correctionView(r: CorrectionRequest) {
  return {
    id: r.id,
    status: r.status,
    statusName: CORRECTION_STATUS_NAMES[r.status],
    fields: r.fields.map((f) => ({ field: f.field, label: DETAIL_FIELD_NAMES[f.field], reason: f.reason })),
    answer: r.answer,
    createdAt: r.createdAt,
    answeredAt: r.answeredAt,
  }
}
