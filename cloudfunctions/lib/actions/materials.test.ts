/** Files are checked by the server: where they lie in storage, what their first bytes say, how large they are; links go only to those who may see the case. */
import { seededCloud } from '../../../test/support/cloudHarness'
import { createCloudFileStorage } from '../CloudFileStorage'
import { FakeCloudStorage } from '../FakeCloudStorage'
import { createRouter } from '../router'
import { handlers } from './all'

const ENT = 'dev-ent-water'
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

async function cloudWithCase() {
  const cloud = await seededCloud({ count: 5 })
  await cloud.addCase('case-9001')
  await cloud.addCase('case-9002')
  return cloud
}

test('a file is attached only from under materials/<the caller>/<this case>/, and the refusal is audited', async () => {
  const cloud = await cloudWithCase()
  const attach = (fileId: string) => cloud.call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId })
  const refused = { ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('不是为这位退休人员上传的') } }
  expect(await attach(cloud.upload(ENT, 'case-9002'))).toMatchObject(refused)
  expect(await attach(cloud.upload('dev-ent-heat', 'case-9001'))).toMatchObject(refused)
  expect(await attach('local:materials/dev-ent-water/case-9001/a.jpg')).toMatchObject(refused)
  expect(await attach('memory:materials/dev-ent-water/case-9001/../case-9002/a.jpg')).toMatchObject(refused)
  expect(await attach('memory:materials/dev-ent-water/case-9001/none.jpg')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('没有找到') } })
  expect((await cloud.store.listAudit('case-9001')).filter((a) => a.action === 'materials.attach' && a.outcome === 'refused')).toHaveLength(4)
  expect(await cloud.store.getDoc('materials', 'case-9001')).toBeNull()
  cloud.close()
})

test('the recorded type and size are what the stored file is, whatever its name says', async () => {
  const cloud = await cloudWithCase()
  const upload = cloud.upload(ENT, 'case-9001', PNG, 'photo.jpg')
  const view = await cloud.ok(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: upload })
  // Kept under the case and item, named by what the bytes are.
  expect(view.items.find((i: { item: string }) => i.item === 'idCard').files).toEqual([expect.objectContaining({ fileId: expect.stringMatching(/^memory:cases\/case-9001\/idCard\/[\w-]+\.png$/), mimeType: 'image/png', size: PNG.length })])
  expect((await cloud.store.getDoc('materials', 'case-9001'))?.files.idCard?.[0]?.uploadId).toBe(upload)
  // The same upload twice is one file; the kept copy is no upload at all.
  expect(await cloud.call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'application', fileId: upload })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  const again = await cloud.call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'application', fileId: view.items.find((i: { item: string }) => i.item === 'idCard').files[0].fileId })
  expect(again).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('不是为这位退休人员上传的') } })
  cloud.close()
})

test('download links are lent by materials.get only, to staff who may see the case', async () => {
  const cloud = await cloudWithCase()
  const attached = await cloud.ok(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: cloud.upload(ENT, 'case-9001') })
  expect(JSON.stringify(attached)).not.toContain('"url"')
  for (const who of [ENT, 'dev-grid-wulan', 'dev-admin-wulan']) {
    const [file] = (await cloud.ok(who, 'materials.get', { caseId: 'case-9001' })).items.find((i: { item: string }) => i.item === 'idCard').files
    expect([who, file.url]).toEqual([who, expect.stringMatching(/^memory:\/\/cases\/case-9001\/idCard\//)])
  }
  expect(await cloud.call('dev-grid-gerile', 'materials.get', { caseId: 'case-9001' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await cloud.call('dev-ent-heat', 'materials.get', { caseId: 'case-9001' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  for (const who of ['dev-retiree-1', 'dev-relative-1', 'dev-archives', 'dev-party', 'dev-office']) {
    expect([who, (await cloud.call(who, 'materials.get', { caseId: 'case-9001' })).ok]).toEqual([who, false])
  }
  // Nothing else carries a link: the case card, for instance.
  expect(JSON.stringify(await cloud.ok('dev-grid-wulan', 'case.get', { caseId: 'case-9001' }))).not.toContain('memory://')
  cloud.close()
})

test('over WeChat cloud storage: the file is read by downloadFile and lent by getTempFileURL', async () => {
  const cloud = await cloudWithCase()
  const storage = new FakeCloudStorage()
  const handle = createRouter({ ...cloud.deps, files: createCloudFileStorage(storage) }, handlers)
  const call = async (userId: string, action: string, input: unknown) => handle({ userId }, { action, input })
  const fileID = storage.upload('materials/dev-ent-water/case-9001/k3x-1a2b.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 1, 2, 3]))
  expect(await call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: fileID })).toMatchObject({ ok: true })
  expect(storage.downloads).toBe(1)
  expect(storage.files.has(fileID)).toBe(false)
  const other = storage.upload('materials/dev-ent-water/case-9002/k3x-1a2b.jpg', Uint8Array.from([0xff, 0xd8, 0xff]))
  expect(await call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: other })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  expect(await call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: fileID.replace('k3x', 'gone') })).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有找到') } })
  const got = await call('dev-grid-wulan', 'materials.get', { caseId: 'case-9001' })
  expect(got).toMatchObject({ ok: true, data: { items: expect.arrayContaining([expect.objectContaining({ item: 'idCard', files: [expect.objectContaining({ fileId: expect.stringMatching(/\/cases\/case-9001\/idCard\/[\w-]+\.jpg$/), url: expect.stringMatching(/^https:\/\//) })] })]) } })
  cloud.close()
})

/** What materials.get lends for case-9001's idCard: the link and the bytes behind it. */
async function lent(call: (userId: string, action: string, input: unknown) => Promise<any>, storage: FakeCloudStorage) {
  const got = await call('dev-grid-wulan', 'materials.get', { caseId: 'case-9001' })
  const files: Array<{ fileId: string; url: string; size: number }> = got.data.items.find((i: { item: string }) => i.item === 'idCard').files
  return files.map((f) => ({ url: f.url, size: f.size, bytes: storage.files.get(f.fileId) }))
}

test('after attach, the uploader overwriting or deleting its upload (as the storage rule lets it) changes nothing staff are lent', async () => {
  const cloud = await cloudWithCase()
  const storage = new FakeCloudStorage()
  const handle = createRouter({ ...cloud.deps, files: createCloudFileStorage(storage) }, handlers)
  const call = async (userId: string, action: string, input: unknown) => handle({ userId }, { action, input })
  const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 1, 2, 3])
  const path = 'materials/dev-ent-water/case-9001/k3x-1a2b.jpg'
  const fileID = storage.upload(path, JPEG, ENT)
  expect(await call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: fileID })).toMatchObject({ ok: true })
  const before = await lent(call, storage)
  expect(before).toEqual([{ url: expect.stringMatching(/^https:\/\//), size: JPEG.length, bytes: Buffer.from(JPEG) }])
  // The client writes its path again, with other bytes (an upload to the same path overwrites it)…
  storage.upload(path, Buffer.from('<html>not a photo</html>'), ENT)
  expect(await lent(call, storage)).toEqual(before)
  // …and deletes it.
  await storage.deleteFile({ fileList: [fileID] })
  expect(await lent(call, storage)).toEqual(before)
  // Attaching the same upload again, now other bytes, is still the same upload.
  storage.upload(path, JPEG, ENT)
  expect(await call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'idCard', fileId: fileID })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  cloud.close()
})

test('a checklist stored before files were kept (file ids under materials/) still reads and lends', async () => {
  const cloud = await cloudWithCase()
  const storage = new FakeCloudStorage()
  const handle = createRouter({ ...cloud.deps, files: createCloudFileStorage(storage) }, handlers)
  const call = async (userId: string, action: string, input: unknown) => handle({ userId }, { action, input })
  const fileId = storage.upload('materials/dev-ent-water/case-9001/old.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe1]))
  const old = { id: 'case-9001', version: 1, caseId: 'case-9001', files: { idCard: [{ fileId, mimeType: 'image/jpeg' as const, size: 4, uploadedAt: '2020-03-01T00:00:00.000Z' }] }, hukouCommunityConfirmed: false }
  await cloud.store.commit({ docs: [{ kind: 'materials', next: old, expectedVersion: null }], audit: [] })
  expect(await lent(call, storage)).toEqual([{ url: expect.stringMatching(/^https:\/\/.+\/materials\/dev-ent-water\/case-9001\/old\.jpg/), size: 4, bytes: expect.any(Buffer) }])
  // The old upload's id is still one file: attaching it again is a conflict.
  expect(await call(ENT, 'materials.attach', { caseId: 'case-9001', item: 'application', fileId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  cloud.close()
})
