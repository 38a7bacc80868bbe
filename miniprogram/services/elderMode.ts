import Taro from '@tarojs/taro'

const KEY = 'elderMode'

/** WeChat's standard font size; a larger setting means the person asked for bigger text. */
const STANDARD_FONT_SIZE = 17

/**
 * 长辈模式: the person's own choice wins; without one, it follows WeChat's font-size setting
 * (getAppBaseInfo().fontSizeSetting) where the platform gives it.
 */
export function elderModeOn(): boolean {
  const saved = Taro.getStorageSync(KEY)
  if (saved === 'on') return true
  if (saved === 'off') return false
  try {
    // fontSizeSetting is documented for getAppBaseInfo but missing from Taro's typings.
    const size = (Taro.getAppBaseInfo?.() as { fontSizeSetting?: number } | undefined)?.fontSizeSetting
    return typeof size === 'number' && size > STANDARD_FONT_SIZE + 2
  } catch {
    return false
  }
}

export function setElderMode(on: boolean): void {
  Taro.setStorageSync(KEY, on ? 'on' : 'off')
}
