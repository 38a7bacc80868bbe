import { POSTER_INSTRUCTION, POSTER_PAGE, sceneOfLandingUrl } from '../../../shared/Poster'
import { seededCloud } from '../../../test/support/cloudHarness'
import { readPdf, readQrPng } from '../../../test/support/pdf'
import { usePrintFont } from '../../../test/support/printFont'
import { FakeWxacode } from '../print/FakeWxacode'
import { standInQrCode } from '../print/StandInQrCode'
import { wxacodeMiniProgramCode } from '../print/WxacodeMiniProgramCode'

beforeAll(() => usePrintFont())

const ADMIN = 'dev-admin-wulan'

describe('the community QR poster (issue 14.5)', () => {
  test('asks wxacode.getUnlimited for the community landing page with the community code as scene, and prints name, address, phone and the instruction', async () => {
    const fake = new FakeWxacode([POSTER_PAGE])
    const cloud = await seededCloud({ miniProgramCode: wxacodeMiniProgramCode(fake) })
    const file = await cloud.ok<{ fileName: string; mimeType: string; contentBase64: string }>(ADMIN, 'print.poster')
    expect(fake.calls).toEqual([{ scene: 'WL01', page: 'pages/community/index', width: 860, checkPath: true, envVersion: 'release' }])
    expect(file).toMatchObject({ fileName: '乌兰社区服务二维码.pdf', mimeType: 'application/pdf' })
    const [page, ...more] = readPdf(Buffer.from(file.contentBase64, 'base64'))
    expect(more).toEqual([])
    const text = page.text.replace(/\s/g, '')
    for (const s of ['乌兰社区', '二连浩特市乌兰大街88号', '0479-7530001', '周一至周五8:30-12:00', POSTER_INSTRUCTION]) expect(text).toContain(s.replace(/\s/g, ''))
    // The fake draws its image as a plain QR of what it was asked, so the embedded image can be checked too.
    expect(page.codes).toEqual(['fake-wxacode:pages/community/index?scene=WL01'])
    cloud.close()
  })

  test('a refusal of the wxacode call is an error, not a poster without a code', async () => {
    const fake = new FakeWxacode([POSTER_PAGE])
    fake.failWith = [45009]
    const cloud = await seededCloud({ miniProgramCode: wxacodeMiniProgramCode(fake) })
    expect(await cloud.call(ADMIN, 'print.poster')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    cloud.close()
  })

  test('locally a plain QR code stands in: it decodes to the H5 landing page with the same scene', async () => {
    const cloud = await seededCloud()
    const file = await cloud.ok<{ contentBase64: string }>(ADMIN, 'print.poster')
    const [page] = readPdf(Buffer.from(file.contentBase64, 'base64'))
    expect(page.codes).toHaveLength(1)
    expect(page.codes[0]).toBe('http://127.0.0.1:8787/#/pages/community/index?scene=WL01')
    expect(sceneOfLandingUrl(page.codes[0]!)).toBe('WL01')
    cloud.close()
  })

  test('the stand-in decodes to its scene for every valid community code', async () => {
    const maker = standInQrCode('http://192.168.1.5:8787')
    for (const scene of ['A', 'WL01', 'GRL-02_x', "a!#$&'()*+,/:;=?@-._~", 'Z'.repeat(32)]) {
      const image = await maker.make({ scene, page: POSTER_PAGE, width: 430 })
      expect([scene, sceneOfLandingUrl(readQrPng(image.bytes) ?? '')]).toEqual([scene, scene])
    }
  })

  test('only a community admin prints the poster', async () => {
    const cloud = await seededCloud()
    for (const user of ['dev-grid-wulan', 'dev-office', 'dev-retiree-1']) expect(await cloud.call(user, 'print.poster')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    cloud.close()
  })
})

test('a community\'s wxacode is asked for once per function instance (it is permanent); a failed call is asked again', async () => {
  const fake = new FakeWxacode([POSTER_PAGE])
  fake.failWith = [-1]
  const cloud = await seededCloud({ miniProgramCode: wxacodeMiniProgramCode(fake) })
  expect((await cloud.call(ADMIN, 'print.poster')).ok).toBe(false)
  await cloud.ok(ADMIN, 'print.poster')
  await cloud.ok(ADMIN, 'print.poster')
  await cloud.ok('dev-grid-wulan', 'print.notices')
  await cloud.ok('dev-admin-gerile', 'print.poster')
  expect(fake.calls.map((c) => c.scene)).toEqual(['WL01', 'WL01', 'GRL02'])
  cloud.close()
})
