/**
 * FAKE of the cloud function runtime's time limit, for the in-process cloud harnesses: a call that
 * runs longer than FUNCTION_TIMEOUT_SECONDS (the most a function's config.json may allow) fails
 * as the runtime fails it, "Task timed out after N seconds", with the documented code -504002
 * (云函数执行失败). What the handler still does after that is not awaited, as in the cloud, where
 * the instance is stopped.
 */
import { FUNCTION_TIMEOUT_SECONDS } from '../../shared/ports/StoreLimits'

export function withinFunctionTimeout<A extends unknown[], R>(run: (...args: A) => Promise<R>, seconds: number = FUNCTION_TIMEOUT_SECONDS): (...args: A) => Promise<R> {
  return (...args) =>
    new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`errCode: -504002 | errMsg: Task timed out after ${seconds} seconds`)), seconds * 1000)
      run(...args).then(
        (value) => {
          clearTimeout(timer)
          resolve(value)
        },
        (error: unknown) => {
          clearTimeout(timer)
          reject(error)
        },
      )
    })
}
