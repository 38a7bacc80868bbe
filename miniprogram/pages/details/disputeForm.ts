/** The dispute form's rules, kept apart from the screen so they can be tested. */
import type { DetailField, DisputedField } from '../../../shared/CorrectionRequest'

export type DisputeDraft = Partial<Record<DetailField, string>>

/** What to send, or the first problem to show (in plain words). */
export function disputeFromDraft(draft: DisputeDraft): { ok: true; fields: DisputedField[] } | { ok: false; message: string } {
  const chosen = Object.entries(draft).filter((e): e is [DetailField, string] => e[1] !== undefined)
  if (chosen.length === 0) return { ok: false, message: '请先点一下哪一项不对。' }
  const missing = chosen.find(([, reason]) => reason.trim() === '')
  if (missing) return { ok: false, message: '请在每个选中的项目下面写一句哪里不对。' }
  const tooLong = chosen.find(([, reason]) => reason.trim().length > 100)
  if (tooLong) return { ok: false, message: '每项说明请不要超过100个字。' }
  return { ok: true, fields: chosen.map(([field, reason]) => ({ field, reason: reason.trim() })) }
}

export function toggleField(draft: DisputeDraft, field: DetailField): DisputeDraft {
  const next = { ...draft }
  if (next[field] === undefined) next[field] = ''
  else delete next[field]
  return next
}
