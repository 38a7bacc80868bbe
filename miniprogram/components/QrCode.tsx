import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { qrMatrix } from './qrMatrix'

/** Draws the code with plain views, the same on WeChat and in the browser. */
export function QrCode({ text, size = 280 }: { text: string; size?: number }) {
  const matrix = useMemo(() => qrMatrix(text), [text])
  const cell = Math.floor(size / matrix.length)
  return (
    <View className='qr' aria-label='我的二维码' style={{ width: `${cell * matrix.length}px`, background: '#ffffff' }}>
      {matrix.map((row, r) => (
        <View key={r} className='qr-row' style={{ display: 'flex', height: `${cell}px` }}>
          {row.map((dark, c) => (
            <View key={c} style={{ width: `${cell}px`, height: `${cell}px`, background: dark ? '#000000' : '#ffffff' }} />
          ))}
        </View>
      ))}
    </View>
  )
}
