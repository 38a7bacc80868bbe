import { DevSmsSender } from './DevSmsSender'

test('the development SMS sender shows each message in the dev inbox and logs it, never with the whole number', async () => {
  const lines: string[] = []
  const sender = new DevSmsSender(() => new Date('2020-03-20T02:00:00Z'), (l) => lines.push(l))
  expect(await sender.send({ phone: '13904791234', text: '移交进度更新：移交协议已签订，请在小程序查看', page: 'pages/home/index' })).toEqual({ code: 'Ok', message: 'send success' })
  expect(sender.messages).toEqual([{ phoneMasked: '139****1234', text: '移交进度更新：移交协议已签订，请在小程序查看', page: 'pages/home/index', at: '2020-03-20T02:00:00.000Z' }])
  // A landline cannot take an SMS: answered as the cloud answers an invalid number.
  expect((await sender.send({ phone: '04797521234', text: '通知', page: 'pages/home/index' })).code).toBe('InvalidParameterValue.IncorrectPhoneNumber')
  expect(lines.join('\n')).not.toMatch(/13904791234|04797521234/)
})
