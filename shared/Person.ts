import * as z from 'zod/mini'
import { isChinaMonth } from './ChinaTime'
import { maskIdNumber } from './Mask'

export const ChinaMonth = z.string().check(z.refine(isChinaMonth, { error: '月份应写成 YYYY-MM 的形式' }))

type Json = Record<string, unknown>
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Records written before issue 8 kept the full birth and retirement dates and a masked ID number
 * that showed the last 4 characters; together they gave the number back. Reading such a record
 * keeps the months and masks the number again (the area code only).
 */
export function upgradeLegacyDates<T>(v: T): T {
  if (!isRecord(v) || !('birthDate' in v || 'retirementDate' in v)) return v
  const { birthDate, retirementDate, ...rest } = v
  const month = (d: unknown) => (typeof d === 'string' ? d.slice(0, 7) : d)
  return { ...rest, birthMonth: rest.birthMonth ?? month(birthDate), retirementMonth: rest.retirementMonth ?? month(retirementDate) } as T
}

/**
 * An ID number as it is kept: sealed (AES-256-GCM, never readable without the server key),
 * a keyed hash for look-up, and the masked form for screens.
 */
export const SealedIdNumber = z.pipe(
  // An older masked form (first 6 + last 4) is masked again: masking a masked number keeps its first 6.
  z.transform((v: unknown) => (isRecord(v) && typeof v.masked === 'string' ? { ...v, masked: maskIdNumber(v.masked) } : v)),
  z.object({
    sealed: z.string().check(z.minLength(1), z.describe('AES-256-GCM ciphertext of the ID number')),
    hash: z.string().check(z.minLength(1), z.describe('keyed HMAC-SHA256 of the ID number, for look-up')),
    masked: z.string().check(z.minLength(1), z.describe('the area code (first 6 characters) only, for screens')),
  }),
)
export type SealedIdNumber = z.infer<typeof SealedIdNumber>

export const Gender = z.enum(['male', 'female'])
export type Gender = z.infer<typeof Gender>
export const GENDER_NAMES: Record<Gender, string> = { male: '男', female: '女' }

/** A retiree's personal details as the enterprise's roster records them. */
export const Person = z.pipe(
  z.transform(upgradeLegacyDates),
  z.object({
    name: z.string().check(z.trim(), z.minLength(1, { error: '请填写姓名' }), z.maxLength(40), z.describe('full name; may contain · and be long (Mongolian, Uyghur names)')),
    gender: Gender,
    birthMonth: ChinaMonth.check(z.describe('YYYY-MM, from the ID number; the full birth date is derived from the sealed number for the retiree only')),
    idNumber: SealedIdNumber,
    phone: z.string().check(z.describe('contact phone; masked unless the role needs it')),
    hukouAddress: z.string().check(z.describe('户籍地址')),
    residenceAddress: z.nullable(z.string()).check(z.describe('常住地址, when different from the hukou')),
    retirementMonth: ChinaMonth.check(z.describe('退休时间, YYYY-MM: a month, as rosters record it')),
  }),
)
export type Person = z.infer<typeof Person>

/** What a roster row records of a person, as stored in roster previews and referrals (already checked when read from the file). */
export const ROSTER_PERSON_FIELDS = {
  name: z.string(),
  idNumber: SealedIdNumber,
  gender: Gender,
  birthMonth: ChinaMonth,
  retirementMonth: ChinaMonth,
  phone: z.string(),
  hukouAddress: z.string(),
}
