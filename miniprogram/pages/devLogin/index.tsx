/**
 * Local-only sign-in: pick a demo user of any role. Listed in app.config only for the H5 build,
 * and served by the local cloud's /dev routes, which do not exist in WeChat.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { formatChinaDateTime } from '../../../shared/ChinaTime'
import { setDevSession } from '../../services/cloud'
import { ROUTES } from '../../routes'
import { Notice } from '../../components/Screen'

/** Must match NEW_WECHAT_USER in local/server.ts. */
const NEW_WECHAT_USER = 'new-wechat-user'

interface DemoUser {
  id: string
  roleName: string
  name: string
  note: string
}

export default function DevLogin() {
  const [users, setUsers] = useState<DemoUser[]>([])
  const [today, setToday] = useState('')
  const [bindingDemo, setBindingDemo] = useState<{ name: string; idNumber: string } | null>(null)
  const [message, setMessage] = useState('')
  const [pushes, setPushes] = useState<Array<{ touser: string; at: string; data: Record<string, { value: string }> }>>([])
  const [sms, setSms] = useState<Array<{ phoneMasked: string; text: string; at: string }>>([])

  useEffect(() => {
    Taro.request<{ today: string; users: DemoUser[]; bindingDemo: { name: string; idNumber: string } | null }>({ url: '/dev/users' })
      .then((res) => {
        setUsers(res.data.users)
        setBindingDemo(res.data.bindingDemo)
        setToday(formatChinaDateTime(res.data.today))
      })
      .catch(() => setMessage('读取演示用户失败，请确认本地云已经启动。'))
    Taro.request<{ pushes: typeof pushes; sms?: typeof sms }>({ url: '/dev/pushes' })
      .then((res) => {
        setPushes(res.data.pushes.slice(0, 10))
        setSms((res.data.sms ?? []).slice(0, 10))
      })
      .catch(() => undefined)
  }, [])

  async function signIn(userId: string) {
    const res = await Taro.request<{ ok: boolean; token?: string }>({ url: '/dev/session', method: 'POST', data: { userId } })
    if (!res.data.ok || !res.data.token) return setMessage('登录失败，请再试一次。')
    setDevSession(res.data.token)
    Taro.reLaunch({ url: userId === NEW_WECHAT_USER ? ROUTES.bind : ROUTES.home })
  }

  return (
    <View className='page'>
      <View className='card'>
        <Text className='line title'>本地演示：选择一个身份</Text>
        <Text className='line soft'>演示时钟：{today}（北京时间）</Text>
        {message && <Notice tone='error'>{message}</Notice>}
      </View>
      <Button className='big-button' onClick={() => signIn(NEW_WECHAT_USER)}>
        新微信用户（还没绑定）
      </Button>
      {bindingDemo && (
        <Text className='line soft'>
          绑定演示可以填：{bindingDemo.name}，{bindingDemo.idNumber}
        </Text>
      )}
      {pushes.length > 0 && (
        <View className='card'>
          <Text className='line title'>开发收件箱（模拟的微信订阅消息）</Text>
          {pushes.map((p, i) => (
            <Text key={i} className='line soft'>{formatChinaDateTime(p.at)} → {p.touser}：{Object.values(p.data).map((d) => d.value).join(' / ')}</Text>
          ))}
        </View>
      )}
      {sms.length > 0 && (
        <View className='card' id='dev-sms'>
          <Text className='line title'>开发收件箱（模拟的短信）</Text>
          {sms.map((m, i) => (
            <Text key={i} className='line soft'>{formatChinaDateTime(m.at)} → {m.phoneMasked}：{m.text}</Text>
          ))}
        </View>
      )}
      {users.map((u) => (
        <Button key={u.id} className='big-button plain-button' onClick={() => signIn(u.id)}>
          {u.roleName}：{u.name}{u.note ? `（${u.note}）` : ''}
        </Button>
      ))}
    </View>
  )
}
