/**
 * 资产划转 (plan 四（四）, 五（二）4): the order an asset goes through, its state derived from the
 * recorded dates, and whether it is overdue by the policy's deadline (never stored).
 * - Approved by the group company and by the SASAC (国资管理部门) before it is handed over.
 * - Handed over free (无偿划转), or swapped (调换) when it cannot be divided: then what it was swapped for.
 * - The transfer agreement with the city government (与市政府签订协议) is signed before it is done.
 */
import * as z from 'zod/mini'
import { Asset } from './Workstreams'

export type AssetState = 'awaitingApproval' | 'approved' | 'completed'

export const ASSET_STATE_NAMES: Record<AssetState, string> = {
  awaitingApproval: '待审批',
  approved: '已批准，待划转',
  completed: '已完成',
}

type AssetDates = Pick<Asset, 'groupApprovedOn' | 'sasacApprovedOn' | 'completedOn'>

/** Derived from the dates on record: completed, approved by both, or still awaiting an approval. */
export function assetState(a: AssetDates): AssetState {
  if (a.completedOn !== null) return 'completed'
  return a.groupApprovedOn !== null && a.sasacApprovedOn !== null ? 'approved' : 'awaitingApproval'
}

/** Not completed after the policy's deadline, by the China calendar day `today`. */
export function assetOverdue(a: AssetDates, deadline: string, today: string): boolean {
  return a.completedOn === null && today > deadline
}

export type AssetFields = Pick<Asset, 'groupApprovedOn' | 'sasacApprovedOn' | 'completedOn' | 'disposal' | 'swappedFor' | 'cityAgreement'>

/** Why a recorded asset breaks the plan's order, in Chinese, with the field to fix; null when it holds. */
export function assetProblem(next: AssetFields, previous: AssetFields | null, today: string): { message: string; field: keyof AssetFields } | null {
  if (previous?.completedOn) return { message: '这项资产已经完成划转，不能再修改。', field: 'completedOn' }
  for (const field of ['groupApprovedOn', 'sasacApprovedOn', 'completedOn'] as const) {
    const day = next[field]
    if (day !== null && day > today) return { message: '日期不能晚于今天。', field }
  }
  if (next.cityAgreement && next.cityAgreement.signedOn > today) return { message: '日期不能晚于今天。', field: 'cityAgreement' }
  if (next.disposal === 'swapped' && !next.swappedFor) return { message: '调换的资产要写明调换成了什么。', field: 'swappedFor' }
  if (next.disposal === 'handedOver' && next.swappedFor) return { message: '无偿划转的资产不填调换内容；要调换请选“调换”。', field: 'swappedFor' }
  if (next.completedOn === null) return null
  if (!next.groupApprovedOn || !next.sasacApprovedOn) return { message: '资产要经集团公司和国资委审核批准后才能划转（或调换）。', field: 'completedOn' }
  if (!next.cityAgreement) return { message: '要先和市政府签订资产移交协议，才能完成划转。', field: 'cityAgreement' }
  const latest = [next.groupApprovedOn, next.sasacApprovedOn, next.cityAgreement.signedOn].reduce((a, b) => (a > b ? a : b))
  if (next.completedOn < latest) return { message: '完成日期不能早于审批和签订协议的日期。', field: 'completedOn' }
  return null
}

/** One asset as the lists show it: the record, its derived state and whether it is overdue. */
export const AssetRow = z.object({
  ...Asset.shape,
  state: z.enum(['awaitingApproval', 'approved', 'completed']),
  overdue: z.boolean(),
  enterpriseName: z.string(),
  communityName: z.string(),
})
export type AssetRow = z.infer<typeof AssetRow>

export const AssetListView = z.object({
  items: z.array(AssetRow),
  nextCursor: z.nullable(z.string()),
  deadline: z.string(), // the policy's asset deadline (China date)
  today: z.string(),
})
export type AssetListView = z.infer<typeof AssetListView>

export function assetRow(a: Asset, deadline: string, today: string, names: { enterpriseName: string; communityName: string }): AssetRow {
  return { ...a, state: assetState(a), overdue: assetOverdue(a, deadline, today), ...names }
}
