import * as z from 'zod/mini'

/**
 * One case per WeChat: a document keyed by the OPENID, written with "must not exist yet" in the
 * commit that binds the WeChat (as the retiree or as a relative), and removed when it is unbound.
 * Two parallel bindings of one WeChat cannot both commit.
 */
export const WechatLink = z.object({
  id: z.string().check(z.describe('the OPENID')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  role: z.enum(['retiree', 'relative']),
})
export type WechatLink = z.infer<typeof WechatLink>

/**
 * 社区帮办绑定: a one-time code a grid worker or community admin issues after checking the
 * retiree's ID card in person. The retiree types it on the bind page; it binds that WeChat to
 * the case, replacing any earlier binding.
 */
export const BindCode = z.object({
  id: z.string().check(z.describe('the 8-digit code')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  issuedBy: z.string(),
  expiresAt: z.iso.datetime(),
  usedBy: z.nullable(z.string()),
})
export type BindCode = z.infer<typeof BindCode>

export const BIND_CODE_VALID_MINUTES = 30

/** Who is bound to a case, for the community: the retiree's WeChat and the relatives'. */
export const CaseBindingView = z.object({
  retiree: z.nullable(z.object({ userId: z.string(), name: z.string() })),
  relatives: z.array(z.object({ userId: z.string(), name: z.string() })),
  /** The binding code just issued, shown once to the worker. */
  code: z.optional(z.object({ code: z.string(), expiresAt: z.string() })),
})
export type CaseBindingView = z.infer<typeof CaseBindingView>
