/**
 * 转出: a retiree on an enterprise's roster whose hukou is outside the city. The city has no
 * community to receive them, so the row is not an error and opens no case: it becomes a
 * referral the leading-group office sends to the other city, and marks as sent. The ID number
 * is sealed as on a case; the referral is keyed by its look-up hash, so re-importing the roster
 * updates the same referral.
 */
import * as z from 'zod/mini'
import { AppError } from './AppError'
import { maskPhone } from './Mask'
import { Gender, ROSTER_PERSON_FIELDS } from './Person'

export const Referral = z.object({
  id: z.string().check(z.minLength(1), z.describe('ref- and the keyed look-up hash of the ID number: one referral per person')),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  ...ROSTER_PERSON_FIELDS,
  hukouAddress: z.string().check(z.describe('户籍地: where the office sends the referral')),
  status: z.enum(['open', 'sent']),
  createdAt: z.iso.datetime(),
  sentAt: z.nullable(z.iso.datetime()),
  sentBy: z.nullable(z.string().check(z.describe('the office member who marked it sent'))),
})
export type Referral = z.infer<typeof Referral>

/** The id of a person's referral: one per ID number. */
export function referralId(idHash: string): string {
  return `ref-${idHash}`
}

/** The referral a roster row makes: a new one, or the stored one with the roster's details (its status kept). */
export function referralFromRoster(existing: Referral | null, row: Pick<Referral, 'enterpriseId' | 'name' | 'idNumber' | 'gender' | 'birthMonth' | 'retirementMonth' | 'phone' | 'hukouAddress'>, now: Date): Referral {
  if (existing && existing.enterpriseId !== row.enterpriseId) throw new AppError('CONFLICT', '这个人已经在另一家企业的名册里了，不能重复登记。如有疑问，请联系领导小组办公室。')
  if (existing) return { ...existing, ...row, version: existing.version + 1 }
  return { id: referralId(row.idNumber.hash), version: 1, ...row, status: 'open', createdAt: now.toISOString(), sentAt: null, sentBy: null }
}

/** The office marks a referral sent to the other city; sending twice is refused. */
export function markSent(r: Referral, userId: string, now: Date): Referral {
  if (r.status === 'sent') throw new AppError('CONFLICT', '这条转出已经标记为已转给户籍地了。')
  return { ...r, version: r.version + 1, status: 'sent', sentAt: now.toISOString(), sentBy: userId }
}

/** A referral as the office reads it. phone: masked (the office does not call the person); enterprisePhone: the enterprise keeps the full details the other city may ask for. */
export const ReferralItem = z.object({
  id: z.string(),
  version: z.int(),
  enterpriseName: z.string(),
  enterprisePhone: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: Gender,
  birthMonth: z.string(),
  retirementMonth: z.string(),
  phone: z.string(),
  hukouAddress: z.string(),
  status: z.enum(['open', 'sent']),
  sentAt: z.nullable(z.string()),
})
export type ReferralItem = z.infer<typeof ReferralItem>

export const ReferralListView = z.object({ items: z.array(ReferralItem), nextCursor: z.nullable(z.string()) })
export type ReferralListView = z.infer<typeof ReferralListView>

/** A referral as the office sees it: the ID number and the phone masked. */
export function referralItem(r: Referral, enterprise: { name: string; contactPhone: string } | null): ReferralItem {
  return {
    id: r.id,
    version: r.version,
    enterpriseName: enterprise?.name ?? '',
    enterprisePhone: enterprise?.contactPhone ?? '',
    name: r.name,
    idNumberMasked: r.idNumber.masked,
    gender: r.gender,
    birthMonth: r.birthMonth,
    retirementMonth: r.retirementMonth,
    phone: r.phone ? maskPhone(r.phone) : '',
    hukouAddress: r.hukouAddress,
    status: r.status,
    sentAt: r.sentAt,
  }
}
