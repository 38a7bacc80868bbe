/**
 * The typed action router behind the `api` cloud function and the local host. Every request
 * goes the same way: envelope → action → authenticate (once) → role → input (zod) → handler
 * (jurisdiction, domain, persist, audit). Errors come out as a closed set of codes with a
 * Chinese message; stack traces and payloads never leave the server or reach the log.
 */
import * as z from 'zod/mini'
import { ACTION_NAMES, API, ApiRequest, type ActionName, type ActionOutput, type ApiResponse } from '../../shared/Api'
import { AppError, isAppError } from '../../shared/AppError'
import { chinaDateOf, type ChinaDate } from '../../shared/ChinaTime'
import type { Clock } from '../../shared/Clock'
import type { Policy } from '../../shared/Policy'
import type { IdNumberVault } from '../../shared/ports/IdNumberVault'
import type { Store } from '../../shared/ports/Store'
import type { User } from '../../shared/User'
import { auditEntry } from './audit'

export interface Deps {
  store: Store
  policy: Policy
  clock: Clock
  vault: IdNumberVault
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

export type Handler<A extends ActionName> = (ctx: Ctx, input: z.infer<(typeof API)[A]['input']>) => Promise<ActionOutput<A>>
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

async function authenticate(deps: Deps, caller: Caller): Promise<User> {
  if (!caller.userId) throw new AppError('UNAUTHORIZED')
  const user = await deps.store.getUser(caller.userId)
  if (!user) throw new AppError('UNAUTHORIZED')
  return user
}

export function createRouter(deps: Deps, handlers: Handlers) {
  return async function handle(caller: Caller, request: unknown): Promise<ApiResponse<unknown>> {
    let action: string | undefined
    try {
      const envelope = ApiRequest.safeParse(request)
      if (!envelope.success) throw new AppError('BAD_REQUEST', '请求格式不正确。')
      action = envelope.data.action
      if (!(ACTION_NAMES as string[]).includes(action)) throw new AppError('NOT_FOUND', '没有这项操作。', { action })
      const name = action as ActionName
      const user = await authenticate(deps, caller)
      const now = deps.clock.now()
      if (!(API[name].roles as readonly string[]).includes(user.role)) {
        await deps.store.commit({ audit: [auditEntry(deps, { user, now, action: name, caseId: referencedCaseId(envelope.data.input), outcome: 'refused' })] })
        throw new AppError('FORBIDDEN', undefined, { action: name })
      }
      const input = API[name].input.safeParse(envelope.data.input ?? {})
      if (!input.success) {
        const fields = [...new Set(input.error.issues.map((i) => i.path.join('.') || '(input)'))]
        const custom = input.error.issues.find((i) => i.message && !/^Invalid|^Too|^Expected/.test(i.message))
        throw new AppError('BAD_REQUEST', custom ? custom.message : undefined, { action: name, fields })
      }
      const ctx: Ctx = { ...deps, user, now, today: chinaDateOf(now) }
      const data = await (handlers[name] as Handler<typeof name>)(ctx, input.data as never)
      return { ok: true, data: API[name].output.parse(data) }
    } catch (e) {
      if (isAppError(e)) return fail(e)
      deps.logError?.(`internal error in action ${action ?? '(none)'}`, e)
      return fail(new AppError('INTERNAL', undefined, action ? { action } : {}))
    }
  }
}
