/** Masking of personal data for screens, logs and audit entries. */

/** ID number: the first 6 and the last 4 characters stay; 110105********002X. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length)
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4)
}

/** Mobile phone: 138****5678. Other numbers keep only their last 4 characters. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '')
  if (/^1\d{10}$/.test(digits)) return digits.slice(0, 3) + '****' + digits.slice(7)
  if (digits.length <= 4) return '*'.repeat(digits.length)
  return '*'.repeat(digits.length - 4) + digits.slice(-4)
}
