/**
 * WeChat's pickers (chooseMedia, chooseMessageFile, scanCode) fail with `<api>:fail cancel` when
 * the person closes them: that is a choice, not a fault, so it reads as "nothing chosen".
 */
export function nothingIfClosed(error: unknown): null {
  const message = (error as { errMsg?: unknown } | null)?.errMsg
  if (typeof message === 'string' && message.endsWith(':fail cancel')) return null
  throw error
}
