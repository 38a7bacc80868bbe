import * as z from 'zod/mini'
import { isChinaDate } from './ChinaTime'

const ChinaDate = z.string().check(z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))

/**
 * An ID number as it is kept: sealed (AES-256-GCM, never readable without the server key),
 * a keyed hash for look-up, and the masked form for screens.
 */
export const SealedIdNumber = z.object({
  sealed: z.string().check(z.minLength(1), z.describe('AES-256-GCM ciphertext of the ID number')),
  hash: z.string().check(z.minLength(1), z.describe('keyed HMAC-SHA256 of the ID number, for look-up')),
  masked: z.string().check(z.minLength(1), z.describe('first 6 and last 4 characters, for screens')),
})
export type SealedIdNumber = z.infer<typeof SealedIdNumber>

export const Gender = z.enum(['male', 'female'])
export type Gender = z.infer<typeof Gender>
export const GENDER_NAMES: Record<Gender, string> = { male: '男', female: '女' }

/** A retiree's personal details as the enterprise's roster records them. */
export const Person = z.object({
  name: z.string().check(z.trim(), z.minLength(1, { error: '请填写姓名' }), z.maxLength(40), z.describe('full name; may contain · and be long (Mongolian, Uyghur names)')),
  gender: Gender,
  birthDate: ChinaDate.check(z.describe('from the ID number')),
  idNumber: SealedIdNumber,
  phone: z.string().check(z.describe('contact phone; masked unless the role needs it')),
  hukouAddress: z.string().check(z.describe('户籍地址')),
  residenceAddress: z.nullable(z.string()).check(z.describe('常住地址, when different from the hukou')),
  retirementDate: ChinaDate,
})
export type Person = z.infer<typeof Person>
