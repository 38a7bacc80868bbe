/**
 * The retiree's QR code for in-person visits: `v1.<caseId>.<expiry seconds>.<HMAC-SHA256>`,
 * signed with a server-side key and valid for 5 minutes. Anything forged, altered or expired
 * fails verification; nothing about the person is in the token but the case id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const VISIT_PASS_SECONDS = 5 * 60

export type VisitTokenCheck = { ok: true; caseId: string } | { ok: false; problem: 'malformed' | 'signature' | 'expired' }

export interface VisitTokens {
  sign(caseId: string, expiresAt: Date): string
  verify(token: string, now: Date): VisitTokenCheck
}

export function createVisitTokens(key: Buffer): VisitTokens {
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url')
  return {
    sign(caseId, expiresAt) {
      const payload = `v1.${caseId}.${Math.floor(expiresAt.getTime() / 1000)}`
      return `${payload}.${mac(payload)}`
    },
    verify(token, now) {
      const parts = token.split('.')
      if (parts.length !== 4 || parts[0] !== 'v1' || !/^[A-Za-z0-9_-]{1,64}$/.test(parts[1]) || !/^\d{1,12}$/.test(parts[2])) return { ok: false, problem: 'malformed' }
      const expected = Buffer.from(mac(parts.slice(0, 3).join('.')))
      const given = Buffer.from(parts[3])
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, problem: 'signature' }
      if (Number(parts[2]) * 1000 < now.getTime()) return { ok: false, problem: 'expired' }
      return { ok: true, caseId: parts[1] }
    },
  }
}
