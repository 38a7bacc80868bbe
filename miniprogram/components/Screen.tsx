import { useState, type ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, View, Text } from '@tarojs/components'
import { elderModeOn } from '../services/elderMode'
import { ROUTES } from '../routes'

/** A page's frame: large type by default, larger still in 长辈模式. Errors show inline, never as pop-ups. */
export function Screen({ children, error, loading, homeButton = true }: { children?: ReactNode; error?: string; loading?: boolean; homeButton?: boolean }) {
  const [elder, setElder] = useState(elderModeOn())
  useDidShow(() => setElder(elderModeOn()))
  return (
    <View className={elder ? 'page elder' : 'page'}>
      {error ? <Text className='line alert' aria-live='assertive'>{error}</Text> : null}
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
