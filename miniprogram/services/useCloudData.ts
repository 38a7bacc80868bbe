import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { CloudError } from './cloud'
import { ROUTES } from '../routes'
import { failure, messageOf, success, type Notice } from './notice'

export { messageOf }

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

/** What a screen says when a run went through: a success, a warning, or nothing to say. */
export type Done<T> = string | Notice | null | ((result: T) => string | Notice | null)

/**
 * "Busy, run, say what happened, reload" in one place: the screen's inline message (never a
 * pop-up) says what was done (a success, or a warning the page chose) or, in plain words, what
 * went wrong; then the screen reloads.
 */
export function useAction(reload: () => void = () => {}) {
  const [notice, say] = useState<Notice | null>(null)
  const [busy, setBusy] = useState(false)
  const act = useCallback(
    async <T>(run: () => Promise<T>, done: Done<T>) => {
      setBusy(true)
      say(null)
      try {
        const result = await run()
        const said = typeof done === 'function' ? done(result) : done
        say(typeof said === 'string' ? success(said) : said)
        reload()
      } catch (e) {
        say(failure(e))
      } finally {
        setBusy(false)
      }
    },
    [reload],
  )
  return { notice, say, act, busy }
}
