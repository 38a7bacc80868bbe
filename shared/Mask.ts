/** Masking of personal data for screens, logs and audit entries. */

/**
 * ID number: only the area code (the first 6 characters) stays; 110105************. The birth
 * day, the sequence and the check character stay hidden, so with the clear birth month and the
 * gender at least 28 × 500 numbers remain possible (shared/IdRebuild.ts counts them).
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 6) return '*'.repeat(id.length)
  return id.slice(0, 6) + '*'.repeat(id.length - 6)
}

/** Mobile phone: 138****5678. Other numbers keep only their last 4 characters. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '')
  if (/^1\d{10}$/.test(digits)) return digits.slice(0, 3) + '****' + digits.slice(7)
  if (digits.length <= 4) return '*'.repeat(digits.length)
  return '*'.repeat(digits.length - 4) + digits.slice(-4)
}

/**
 * For logs: full and older-masked ID numbers keep their area code, mobile numbers are masked,
 * and full dates keep their month (an error's message or stack may quote a record).
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(/(?<![\dA-Za-z*])(\d{17}[\dXx]|\d{15}|\d{6}\*{8}[\dXx]{4})(?![\dA-Za-z*])/g, (id) => maskIdNumber(id))
    .replace(/(?<!\d)1\d{10}(?!\d)/g, maskPhone)
    .replace(/(?<!\d)(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*)\d{1,2}(?!\d)(\s*日)?/g, '$1**')
}
