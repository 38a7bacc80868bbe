/**
 * The typed action router behind the `api` cloud function and the local host. Every request
 * goes the same way: envelope → action → authenticate (once) → role → input (zod) → handler
 * (jurisdiction, domain, persist, audit). Errors come out as a closed set of codes with a
 * Chinese message; stack traces and payloads never leave the server or reach the log.
 */
import * as z from 'zod/mini'
import { ACTION_NAMES, API, ApiRequest, GUEST, type Access, type ActionName, type ActionOutput, type ApiResponse, type GuestAction } from '../../shared/Api'
import { AppError, isAppError } from '../../shared/AppError'
import { chinaDateOf, type ChinaDate } from '../../shared/ChinaTime'
import type { Clock } from '../../shared/Clock'
import { redactPersonalData } from '../../shared/Mask'
import type { Policy } from '../../shared/Policy'
import type { FileStorage } from '../../shared/ports/FileStorage'
import type { IdNumberVault } from '../../shared/ports/IdNumberVault'
import type { MiniProgramCode } from '../../shared/ports/MiniProgramCode'
import type { Store } from '../../shared/ports/Store'
import type { User } from '../../shared/User'
import { auditEntry } from './audit'
import type { VisitTokens } from './VisitToken'

export interface Deps {
  store: Store
  policy: Policy
  clock: Clock
  vault: IdNumberVault
  /** Uploaded files (materials): checked by content, lent out by short-lived links. */
  files: FileStorage
  visitTokens: VisitTokens
  /** Codes that open a page of the mini-program: wxacode in WeChat; without it the print handlers use a plain QR stand-in. */
  miniProgramCode?: MiniProgramCode
  newId(): string
  /** Where internal errors are reported. Receives no payloads. */
  logError?(message: string, error: unknown): void
}

/** Who is calling: the WeChat OPENID, or the local host's development session. */
export interface Caller {
  userId: string | null
}

/** What every handler gets: the dependencies and an authenticated user. */
export interface Ctx extends Deps {
  user: User
  now: Date
  today: ChinaDate
}

/** What a guest action's handler gets: the caller's identity, and their user if they have one. */
export interface GuestCtx extends Deps {
  callerId: string
  user: User | null
  now: Date
  today: ChinaDate
}

export type Handler<A extends ActionName> = (ctx: A extends GuestAction ? GuestCtx : Ctx, input: z.infer<(typeof API)[A]['input']>) => Promise<ActionOutput<A>>
export type Handlers = { [A in ActionName]: Handler<A> }

function fail(e: AppError): ApiResponse<never> {
  const { caseId, stage, fields } = e.context
  return { ok: false, error: { code: e.code, message: e.message, ...(caseId && { caseId }), ...(stage && { stage }), ...(fields && { fields }) } }
}

/** The case a refused request was aimed at, for the audit log (the input is not validated yet). */
function referencedCaseId(input: unknown): string | null {
  const caseId = typeof input === 'object' && input !== null ? (input as { caseId?: unknown }).caseId : undefined
  return typeof caseId === 'string' && caseId.length <= 64 ? caseId : null
}

/** A router over the handlers one cloud function serves; other actions are NOT_FOUND there. */
export function createRouter(deps: Deps, handlers: Partial<Handlers>) {
  return async function handle(caller: Caller, request: unknown): Promise<ApiResponse<unknown>> {
    let action: string | undefined
    try {
      const envelope = ApiRequest.safeParse(request)
      if (!envelope.success) throw new AppError('BAD_REQUEST', '请求格式不正确。')
      action = envelope.data.action
      if (!(ACTION_NAMES as string[]).includes(action) || !handlers[action as ActionName]) throw new AppError('NOT_FOUND', '没有这项操作。', { action })
      const name = action as ActionName
      if (!caller.userId) throw new AppError('UNAUTHORIZED')
      const callerId = caller.userId
      const user = await deps.store.getUser(callerId)
      const roles = API[name].roles as readonly Access[]
      const now = deps.clock.now()
      if (!user && !roles.includes(GUEST)) throw new AppError('UNAUTHORIZED')
      if (user && !roles.includes(user.role)) {
        await deps.store.commit({ audit: [auditEntry(deps, { user, now, action: name, caseId: referencedCaseId(envelope.data.input), outcome: 'refused' })] })
        const onlyForGuests = roles.length === 1 && roles[0] === GUEST
        throw new AppError('FORBIDDEN', onlyForGuests ? '您的微信已经绑定过了，不用再绑定。' : undefined, { action: name })
      }
      const input = API[name].input.safeParse(envelope.data.input ?? {})
      if (!input.success) {
        const fields = [...new Set(input.error.issues.map((i) => i.path.join('.') || '(input)'))]
        const custom = input.error.issues.find((i) => i.message && !/^Invalid|^Too|^Expected/.test(i.message))
        throw new AppError('BAD_REQUEST', custom ? custom.message : undefined, { action: name, fields })
      }
      const ctx = { ...deps, user, callerId, now, today: chinaDateOf(now) }
      const data = await (handlers[name] as (c: typeof ctx, i: unknown) => Promise<unknown>)(ctx, input.data)
      return { ok: true, data: API[name].output.parse(data) }
    } catch (e) {
      if (isAppError(e)) {
        // Our own INTERNAL errors (a value the vault cannot open) are logged: the message and context are ours, never a record's.
        if (e.code === 'INTERNAL') deps.logError?.(`internal error in action ${action ?? '(none)'}`, `${e.message} ${e.context.action ?? ''}`)
        return fail(e)
      }
      // An error may quote a record: what reaches the log is redacted (no ID number, phone or birth date).
      deps.logError?.(`internal error in action ${action ?? '(none)'}`, redactPersonalData(e instanceof Error ? (e.stack ?? e.message) : String(e)))
      return fail(new AppError('INTERNAL', undefined, action ? { action } : {}))
    }
  }
}
