import { useCallback, useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * Data for a card inside a page. A card mounts after its page has loaded and shown, so the page's
 * first show never reaches it: it loads when it mounts, and again each time the page shows. A card
 * that cannot load shows nothing of its own; the page says what went wrong.
 */
export function useCardData<T>(load: () => Promise<T>): T | null {
  const [data, setData] = useState<T | null>(null)
  const reload = useCallback(() => void load().then(setData, () => undefined), [load])
  useEffect(reload, [reload])
  useDidShow(reload)
  return data
}
