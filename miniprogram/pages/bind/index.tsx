import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text } from '@tarojs/components'
import { callCloud } from '../../services/cloud'
import { askForReminders } from '../../services/consent'
import { useAction } from '../../services/useCloudData'
import { Card, Line, NoticeLine, Screen } from '../../components/Screen'
import { ROUTES } from '../../routes'

/** 实名绑定: name + ID number; or, for a relative, the retiree's invitation code; or, for staff, their invitation code (staff.join). */
export default function BindPage() {
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [code, setCode] = useState('')
  const [relativeName, setRelativeName] = useState('')
  const [assistCode, setAssistCode] = useState('')
  const [staffCode, setStaffCode] = useState('')
  const [staffName, setStaffName] = useState('')
  const [staffPhone, setStaffPhone] = useState('')
  const { notice, busy, act } = useAction()

  // Bound: ask about reminders and go home; a refusal stays on this screen in plain words.
  const run = (action: () => Promise<unknown>) =>
    act(async () => {
      await action()
      await askForReminders('afterBinding')
      Taro.reLaunch({ url: ROUTES.home })
    }, null)

  // Staff get no reminders of a case; home opens their own screens.
  const joinAsStaff = () =>
    act(async () => {
      await callCloud('staff.join', { code: staffCode, name: staffName, phone: staffPhone })
      Taro.reLaunch({ url: ROUTES.home })
    }, null)

  return (
    <Screen>
      <Card title='第一次使用，请先绑定'>
        <Line>请填写您本人的姓名和身份证号，和原企业登记的一致就能绑定。</Line>
      </Card>
      <NoticeLine notice={notice} id='bind-message' />
      <Card>
        <Text className='line' id='name-label'>姓名</Text>
        <Input className='input' aria-labelledby='name-label' placeholder='例如：斯日古楞' value={name} onInput={(e) => setName(e.detail.value)} maxlength={40} />
        <Text className='line' id='id-label'>身份证号</Text>
        <Input className='input' aria-labelledby='id-label' type='idcard' placeholder='18位，最后一位可能是X' value={idNumber} onInput={(e) => setIdNumber(e.detail.value)} maxlength={24} />
        <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={() => run(() => callCloud('binding.bind', { name, idNumber }))}>
          绑定
        </Button>
      </Card>
      <Card title='我是亲属，帮老人代办'>
        <Line tone='soft'>请老人在「亲情代办」里生成邀请码，告诉您8位数字。</Line>
        <Text className='line' id='code-label'>邀请码</Text>
        <Input className='input' aria-labelledby='code-label' type='number' placeholder='8位数字' value={code} onInput={(e) => setCode(e.detail.value)} maxlength={8} />
        <Text className='line' id='relative-label'>您的称呼</Text>
        <Input className='input' aria-labelledby='relative-label' placeholder='例如：女儿 娜仁' value={relativeName} onInput={(e) => setRelativeName(e.detail.value)} maxlength={20} />
        <Button className='big-button plain-button' {...(busy ? { disabled: true } : {})} onClick={() => run(() => callCloud('binding.acceptInvite', { code, name: relativeName }))}>
          用邀请码加入
        </Button>
      </Card>
      <Card title='社区工作人员给的绑定码'>
        <Line tone='soft'>绑定不上、或微信丢了？请带上身份证到社区。工作人员核对后会给您一个8位绑定码，30分钟内有效。</Line>
        <Text className='line' id='assist-label'>绑定码</Text>
        <Input className='input' aria-labelledby='assist-label' type='number' placeholder='社区给的8位数字' value={assistCode} onInput={(e) => setAssistCode(e.detail.value)} maxlength={8} />
        <Button className='big-button plain-button' {...(busy ? { disabled: true } : {})} onClick={() => run(() => callCloud('binding.redeem', { code: assistCode }))}>
          用绑定码绑定
        </Button>
      </Card>
      <Card title='我是工作人员，有邀请码'>
        <Line tone='soft'>领导小组办公室、社区主任或组织部发给您的8位邀请码，由字母和数字组成。</Line>
        <Text className='line' id='staff-code-label'>工作人员邀请码</Text>
        <Input className='input' aria-labelledby='staff-code-label' placeholder='8位字母或数字' value={staffCode} onInput={(e) => setStaffCode(e.detail.value.toUpperCase())} maxlength={8} />
        <Text className='line' id='staff-name-label'>您的姓名</Text>
        <Input className='input' aria-labelledby='staff-name-label' placeholder='例如：王丽' value={staffName} onInput={(e) => setStaffName(e.detail.value)} maxlength={20} />
        <Text className='line' id='staff-phone-label'>手机号</Text>
        <Input className='input' aria-labelledby='staff-phone-label' type='number' placeholder='11位手机号' value={staffPhone} onInput={(e) => setStaffPhone(e.detail.value)} maxlength={11} />
        <Button className='big-button plain-button' {...(busy ? { disabled: true } : {})} onClick={joinAsStaff}>
          工作人员加入
        </Button>
      </Card>
    </Screen>
  )
}
