import { useState, type ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, View, Text } from '@tarojs/components'
import { elderModeOn } from '../services/elderMode'
import { TONES, type Notice as NoticeValue, type Tone } from '../services/notice'
import { ROUTES } from '../routes'

/** A page's frame: large type by default, larger still in 长辈模式. Errors show inline, never as pop-ups. */
export function Screen({ children, error, loading, homeButton = true }: { children?: ReactNode; error?: string; loading?: boolean; homeButton?: boolean }) {
  const [elder, setElder] = useState(elderModeOn())
  useDidShow(() => setElder(elderModeOn()))
  return (
    <View className={elder ? 'page elder' : 'page'}>
      {error ? <Notice tone='error'>{error}</Notice> : null}
      {loading && !error ? <Text className='line soft'>正在读取……</Text> : null}
      {children}
      {homeButton ? (
        <Button className='big-button plain-button home-button' onClick={() => Taro.reLaunch({ url: ROUTES.home })}>
          回到首页
        </Button>
      ) : null}
    </View>
  )
}

export function Card({ children, title, id }: { children?: ReactNode; title?: string; id?: string }) {
  return (
    <View className='card' id={id}>
      {title ? <Text className='line title'>{title}</Text> : null}
      {children}
    </View>
  )
}

export function Line({ children, tone }: { children?: ReactNode; tone?: 'soft' | 'alert' | 'ok' }) {
  return <Text className={tone ? `line ${tone}` : 'line'}>{children}</Text>
}

/**
 * A message with its tone: a coloured band, an icon in its own shape (✓ in a circle, ! in a
 * triangle, ✕ in a square) and the words. An error is announced at once, the rest politely.
 */
export function Notice({ tone, children, id }: { tone: Tone; children?: ReactNode; id?: string }) {
  const t = TONES[tone]
  return (
    <View className={`notice notice-${tone}`} role={t.role} aria-live={t.live} id={id}>
      <Text className={`notice-icon notice-icon-${tone}`} aria-hidden>{t.icon}</Text>
      <Text className='notice-text'>{children}</Text>
    </View>
  )
}

/** The message a screen holds (from useAction), or nothing. */
export function NoticeLine({ notice, id }: { notice: NoticeValue | null; id?: string }) {
  return notice ? <Notice tone={notice.tone} id={id}>{notice.text}</Notice> : null
}
