/**
 * The contract between the mini-program and the cloud: every action's name, input schema,
 * output schema and allowed roles. The server implements it; the client's callCloud validates
 * responses against it.
 */
import * as z from 'zod/mini'
import { CaseStep } from './CaseAction'
import { ROLES, STAFF_ROLES, type Role } from './Role'
import { StageId } from './Stage'
import { CaseDetailView, CaseListView, MyCaseView, SessionView } from './Views'
import { STEP_ROLES } from './Authorization'
import { ERROR_CODES } from './AppError'

const CaseId = z.string().check(z.trim(), z.minLength(1, { error: '缺少案例编号' }), z.maxLength(64))

/** Any role that may record at least one step. */
const STEP_RECORDERS = [...new Set(Object.values(STEP_ROLES).flat())] as Role[]

export const API = {
  'session.me': { input: z.object({}), output: SessionView, roles: ROLES },
  'case.myStatus': { input: z.object({}), output: MyCaseView, roles: ['retiree'] },
  'case.list': {
    input: z.object({
      stage: z.optional(StageId),
      limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
      after: z.optional(z.string().check(z.maxLength(64))),
    }),
    output: CaseListView,
    roles: STAFF_ROLES,
  },
  'case.get': { input: z.object({ caseId: CaseId }), output: CaseDetailView, roles: STAFF_ROLES },
  'case.recordStep': {
    input: z.object({ caseId: CaseId, expectedVersion: z.int().check(z.gte(1)), step: CaseStep }),
    output: CaseDetailView,
    roles: STEP_RECORDERS,
  },
} as const satisfies Record<string, { input: z.ZodMiniType; output: z.ZodMiniType; roles: readonly Role[] }>

export type ActionName = keyof typeof API
export type ActionInput<A extends ActionName> = z.input<(typeof API)[A]['input']>
export type ActionOutput<A extends ActionName> = z.infer<(typeof API)[A]['output']>

export const ACTION_NAMES = Object.keys(API) as ActionName[]

/** The cloud function that serves the API. */
export const API_FUNCTION = 'api'

export const ApiError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  caseId: z.optional(z.string()),
  stage: z.optional(z.string()),
  fields: z.optional(z.array(z.string())),
})
export type ApiError = z.infer<typeof ApiError>

export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export const ApiRequest = z.object({ action: z.string().check(z.maxLength(64)), input: z.optional(z.unknown()) })
