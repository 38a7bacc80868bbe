/**
 * Chinese resident ID numbers (公民身份号码, GB 11643-1999).
 * 18 characters: 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male), check character.
 * The older 15-digit form has a 2-digit year (19xx) and no check character.
 */

export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
export const ID_CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'empty' | 'format' | 'birthDate' | 'checkDigit'

export const ID_NUMBER_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  empty: '请填写身份证号。',
  format: '身份证号应为18位（最后一位可以是X），或老式15位数字。',
  birthDate: '身份证号中的出生日期不正确。',
  checkDigit: '身份证号最后一位（校验位）不对，请核对。',
}

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string; gender: 'male' | 'female'; upgradedFrom15: boolean }
  | { ok: false; problem: IdNumberProblem }

/** Full-width digits and X become half-width; spaces anywhere are dropped; x becomes X. */
export function normalizeIdNumberText(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF38\uFF58]/g, 'X')
    .replace(/[\s\u3000]/g, '')
    .toUpperCase()
}

/** The check character of the first 17 characters. */
export function checkCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK_CHARS[sum % 11]
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days && y >= 1880
}

/**
 * Parses and checks an ID number. A 15-digit number is upgraded to 18 digits.
 * `today` (YYYY-MM-DD, China date) bounds the birth date; it defaults to no upper bound.
 */
export function parseIdNumber(raw: string, today?: string): IdNumberResult {
  const text = normalizeIdNumberText(raw)
  if (text.length === 0) return { ok: false, problem: 'empty' }
  let id: string
  let upgradedFrom15 = false
  if (/^\d{15}$/.test(text)) {
    const first17 = text.slice(0, 6) + '19' + text.slice(6)
    id = first17 + checkCharacter(first17)
    upgradedFrom15 = true
  } else if (/^\d{17}[\dX]$/.test(text)) {
    id = text
  } else {
    return { ok: false, problem: 'format' }
  }
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!validDate(y, m, d) || (today !== undefined && birthDate > today)) return { ok: false, problem: 'birthDate' }
  if (!upgradedFrom15 && checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checkDigit' }
  const gender = Number(id[16]) % 2 === 1 ? 'male' : 'female'
  return { ok: true, idNumber: id, birthDate, gender, upgradedFrom15 }
}
