/** The closed set of error codes every cloud action can return. */
export const ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** What a person reads when nothing more specific was said. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHORIZED: '请先登录或完成实名绑定。',
  FORBIDDEN: '您没有办理这项事务的权限。',
  NOT_FOUND: '没有找到相关信息。',
  BAD_REQUEST: '提交的信息有误，请检查后再试。',
  CONFLICT: '这条信息刚被别人修改过，请刷新后再试。',
  RATE_LIMITED: '尝试次数太多，请明天再试或联系社区。',
  INTERNAL: '系统暂时出了点问题，请稍后再试。',
}

/** Developer-facing context; never personal data. */
export interface ErrorContext {
  caseId?: string
  stage?: string
  action?: string
  fields?: string[]
}

/** A failure with a typed code for code and a Chinese message for people. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly context: ErrorContext
  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
    this.context = context
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
