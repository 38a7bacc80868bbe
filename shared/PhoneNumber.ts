/**
 * Roster phone numbers (issue 14 point 4). A number is either a mainland mobile (1, then 3–9,
 * then 9 digits) or a landline with its area code (0 + 2–3 digits, then 7–8 digits, with or
 * without a dash). Only a mobile can receive an SMS.
 */

export type PhoneKind = 'mobile' | 'landline'

const MOBILE = /^1[3-9]\d{9}$/
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/

/** What kind of number this is, or null when it is neither (spaces are not accepted). */
export function phoneKind(phone: string): PhoneKind | null {
  if (MOBILE.test(phone)) return 'mobile'
  if (LANDLINE.test(phone)) return 'landline'
  return null
}

export function isRosterPhone(phone: string): boolean {
  return phoneKind(phone) !== null
}

export function isMainlandMobile(phone: string): boolean {
  return phoneKind(phone) === 'mobile'
}

/** The message a roster row gets when its phone is neither. */
export const BAD_PHONE_MESSAGE = '应为 11 位手机号（如 13912345678），或带区号的固定电话（如 0479-7521234）'
