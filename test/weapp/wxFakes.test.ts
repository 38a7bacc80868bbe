/**
 * The wx fakes keep the documented contract the app relies on: both call forms (callbacks, or a
 * Promise when none is given), `<api>:ok` with the documented fields, `<api>:fail cancel` when the
 * person closes a picker, and the storage rule on uploads.
 */
import { createWxFakes } from './wxFakes'

const echo = async (caller: { userId: string | null }, request: unknown) => ({ ok: true, data: { caller: caller.userId, request } })

function fakes() {
  return createWxFakes({ api: echo }, { openid: 'wx-openid-a' })
}

/** Calls an API in the callback form and collects what it called back, in order. */
function withCallbacks(api: (o: any) => unknown, options: object): Promise<Array<[string, any]>> {
  return new Promise((resolve) => {
    const seen: Array<[string, any]> = []
    const returned = api({ ...options, success: (r: unknown) => seen.push(['success', r]), fail: (r: unknown) => seen.push(['fail', r]), complete: (r: unknown) => (seen.push(['complete', r]), resolve(seen)) })
    expect(returned).toBeUndefined()
  })
}

test('scanCode: the promise form resolves with the documented fields; the callback form calls success, then complete', async () => {
  const f = fakes()
  f.person.scans.push('token-1', 'token-2')
  await expect(f.wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).resolves.toEqual({ result: 'token-1', scanType: 'QR_CODE', charSet: 'UTF-8', rawData: Buffer.from('token-1').toString('base64'), errMsg: 'scanCode:ok' })
  const seen = await withCallbacks(f.wx.scanCode, {})
  expect(seen.map(([k]) => k)).toEqual(['success', 'complete'])
  expect(seen[0][1]).toMatchObject({ result: 'token-2', errMsg: 'scanCode:ok' })
})

test.each([
  ['scanCode', 'scans', {}],
  ['chooseMedia', 'photos', { count: 1, mediaType: ['image'] }],
  ['chooseMessageFile', 'files', { count: 1, type: 'file' }],
  ['requestSubscribeMessage', 'reminders', { tmplIds: ['t1'] }],
] as const)('%s: closing it fails with "<api>:fail cancel", in both forms', async (name, queue, options) => {
  const f = fakes()
  f.person[queue].push('cancel', 'cancel')
  const api = f.wx[name] as (o: object) => Promise<unknown>
  await expect(api(options)).rejects.toEqual({ errMsg: `${name}:fail cancel` })
  const seen = await withCallbacks(api, options)
  expect(seen).toEqual([
    ['fail', { errMsg: `${name}:fail cancel` }],
    ['complete', { errMsg: `${name}:fail cancel` }],
  ])
})

test('a picker with nothing scripted fails the test rather than choose for the person, and is kept to be reported', async () => {
  const f = fakes()
  await expect(f.wx.scanCode({})).rejects.toThrow('did not script')
  expect(f.unscripted).toEqual(['scanCode'])
})

test('chooseMedia gives a temporary file the file system manager reads back; chooseMessageFile honours the extension filter', async () => {
  const f = fakes()
  f.person.photos.push({ name: 'a.jpg', bytes: Uint8Array.from([0xff, 0xd8, 1]) })
  const media = await f.wx.chooseMedia({ count: 1, mediaType: ['image'] })
  expect(media).toMatchObject({ type: 'image', errMsg: 'chooseMedia:ok', tempFiles: [{ size: 3, fileType: 'image' }] })
  expect(f.wx.getFileSystemManager().readFileSync(media.tempFiles[0].tempFilePath, 'base64')).toBe(Buffer.from([0xff, 0xd8, 1]).toString('base64'))
  f.person.files.push({ name: 'roster.doc', bytes: new Uint8Array(1) })
  await expect(f.wx.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })).rejects.toThrow('.doc')
})

test('requestSubscribeMessage answers per template id; an empty list fails with the documented 10001', async () => {
  const f = fakes()
  f.person.reminders.push({ t1: 'accept' })
  await expect(f.wx.requestSubscribeMessage({ tmplIds: ['t1', 't2'] })).resolves.toEqual({ t1: 'accept', t2: 'reject', errMsg: 'requestSubscribeMessage:ok' })
  await expect(f.wx.requestSubscribeMessage({ tmplIds: [] })).rejects.toEqual({ errMsg: "requestSubscribeMessage:fail TmplIds can't be empty", errCode: 10001 })
})

test('cloud.callFunction runs the named function as the signed-in OPENID; an unknown function fails as documented', async () => {
  const f = fakes()
  await expect(f.wx.cloud.callFunction({ name: 'api', data: { action: 'x' } })).resolves.toMatchObject({ result: { data: { caller: 'wx-openid-a', request: { action: 'x' } } }, errMsg: 'cloud.callFunction:ok' })
  f.signIn('wx-openid-b')
  await expect(f.wx.cloud.callFunction({ name: 'api', data: {} })).resolves.toMatchObject({ result: { data: { caller: 'wx-openid-b' } } })
  await expect(f.wx.cloud.callFunction({ name: 'nope', data: {} })).rejects.toMatchObject({ errCode: -501000, errMsg: expect.stringMatching(/^cloud\.callFunction:fail /) })
})

test('cloud storage follows the production rule: a client writes (uploads, overwrites, deletes) its own files under materials/, nothing else', async () => {
  const f = fakes()
  f.person.photos.push({ name: 'a.jpg', bytes: Uint8Array.from([1, 2]) })
  const { tempFiles } = await f.wx.chooseMedia({})
  const temp = tempFiles[0].tempFilePath
  const up = await f.wx.cloud.uploadFile({ cloudPath: 'materials/wx-openid-a/case-1/a.jpg', filePath: temp })
  expect(up).toMatchObject({ statusCode: 200, errMsg: 'cloud.uploadFile:ok', fileID: expect.stringMatching(/^cloud:\/\/.+\/materials\/wx-openid-a\/case-1\/a\.jpg$/) })
  expect(f.storage.files.get(up.fileID)).toEqual(Buffer.from([1, 2]))
  // The rule cannot build a path from the OPENID: another folder is allowed (materials.attach refuses it), another's file is not.
  const elsewhere = await f.wx.cloud.uploadFile({ cloudPath: 'materials/wx-openid-b/case-1/b.jpg', filePath: temp })
  f.signIn('wx-openid-b')
  await expect(f.wx.cloud.uploadFile({ cloudPath: 'materials/wx-openid-a/case-1/a.jpg', filePath: temp })).rejects.toMatchObject({ errMsg: 'cloud.uploadFile:fail permission denied' })
  await expect(f.wx.cloud.uploadFile({ cloudPath: 'cases/case-1/idCard/k.jpg', filePath: temp })).rejects.toMatchObject({ errMsg: 'cloud.uploadFile:fail permission denied' })
  expect((await f.wx.cloud.deleteFile({ fileList: [up.fileID, elsewhere.fileID] })).fileList.map((x) => x.status)).toEqual([-403003, -403003])
  // Its own file the owner may overwrite and delete.
  f.signIn('wx-openid-a')
  f.person.photos.push({ name: 'b.jpg', bytes: Uint8Array.from([3]) })
  const other = (await f.wx.chooseMedia({})).tempFiles[0].tempFilePath
  await f.wx.cloud.uploadFile({ cloudPath: 'materials/wx-openid-a/case-1/a.jpg', filePath: other })
  expect(f.storage.files.get(up.fileID)).toEqual(Buffer.from([3]))
  expect(await f.wx.cloud.deleteFile({ fileList: [up.fileID] })).toMatchObject({ fileList: [{ fileID: up.fileID, status: 0 }], errMsg: 'cloud.deleteFile:ok' })
  expect(f.storage.files.has(up.fileID)).toBe(false)
})
