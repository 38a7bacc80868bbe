import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { CloudError } from './cloud'
import { ROUTES } from '../routes'

export function messageOf(e: unknown): string {
  return e instanceof CloudError ? e.message : '系统暂时出了点问题，请稍后再试。'
}

/** Sends someone who is not signed in (H5) or not bound yet (WeChat) to where they can be. */
export function goToSignIn(): void {
  const devSignIn = process.env.TARO_ENV === 'h5' && !Taro.getStorageSync('devSession')
  Taro.redirectTo({ url: devSignIn ? ROUTES.devLogin : ROUTES.bind })
}

/** Loads a screen's data each time it shows; an unbound caller is sent to binding. */
export function useCloudData<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState('')
  const reload = useCallback(() => {
    load()
      .then((d) => {
        setData(d)
        setError('')
      })
      .catch((e) => {
        if (e instanceof CloudError && e.code === 'UNAUTHORIZED') return goToSignIn()
        setError(messageOf(e))
      })
  }, [load])
  useDidShow(reload)
  // Reload when what is loaded changes (a filter, a choice); the first load comes from useDidShow.
  const first = useRef(true)
  useEffect(() => {
    if (first.current) first.current = false
    else reload()
  }, [reload])
  return { data, setData, error, setError, reload }
}

/**
 * A screen's inline message (never a pop-up) and the one way its buttons act: run, say what was
 * done (or what went wrong, in plain words), then reload the screen.
 */
export function useAction(reload: () => void) {
  const [message, setMessage] = useState('')
  const act = useCallback(
    async (run: () => Promise<unknown>, done: string) => {
      try {
        await run()
        setMessage(done)
        reload()
      } catch (e) {
        setMessage(messageOf(e))
      }
    },
    [reload],
  )
  return { message, setMessage, act }
}
