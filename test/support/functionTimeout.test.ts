import { FUNCTION_TIMEOUT_SECONDS } from '../../shared/ports/StoreLimits'
import { withinFunctionTimeout } from './functionTimeout'

describe('a call through the in-process cloud stops at the function timeout', () => {
  test('a run past the limit fails as the runtime fails it; one within it answers', async () => {
    const slow = withinFunctionTimeout(() => new Promise<string>(() => undefined), 0.05)
    await expect(slow()).rejects.toThrow('errCode: -504002 | errMsg: Task timed out after 0.05 seconds')
    const quick = withinFunctionTimeout(async (x: number) => x + 1, 0.05)
    await expect(quick(1)).resolves.toBe(2)
    await expect(withinFunctionTimeout(async () => Promise.reject(new Error('refused')), 0.05)()).rejects.toThrow('refused')
  })

  test('the limit is the longest timeout a function may be given', async () => {
    jest.useFakeTimers()
    try {
      const run = withinFunctionTimeout(() => new Promise<void>(() => undefined))()
      const failed = expect(run).rejects.toThrow(`after ${FUNCTION_TIMEOUT_SECONDS} seconds`)
      jest.advanceTimersByTime(FUNCTION_TIMEOUT_SECONDS * 1000)
      await failed
    } finally {
      jest.useRealTimers()
    }
  })
})
