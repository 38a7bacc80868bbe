/** Every FileStorage adapter passes the one contract. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { memoryFileStorage } from '../../shared/ports/FileStorage'
import { fileStorageContract } from '../../shared/ports/FileStorageContract'
import { createLocalFileStorage } from '../../local/LocalFileStorage'
import { createCloudFileStorage } from './CloudFileStorage'
import { FakeCloudStorage } from './FakeCloudStorage'

fileStorageContract('memory', async () => {
  const storage = memoryFileStorage()
  return { storage, put: async (path, bytes) => storage.put(path, bytes), missing: 'memory:materials/u1/case-1/none.jpg', foreign: 'cloud://env.bucket/materials/u1/case-1/a.jpg' }
})

fileStorageContract('local folder', async () => {
  const storage = createLocalFileStorage(mkdtempSync(join(tmpdir(), 'files-')))
  return { storage, put: async (path, bytes) => storage.save(path, bytes), missing: 'local:materials/u1/case-1/none.jpg', foreign: 'local:../outside.jpg' }
})

fileStorageContract('local folder, shared copies (the demo seed)', async () => {
  const storage = createLocalFileStorage(mkdtempSync(join(tmpdir(), 'files-')))
  return { storage, put: async (path, bytes) => storage.saveShared(path, bytes), missing: 'local:materials/u1/case-1/none.jpg', foreign: 'local:../outside.jpg' }
})

test('a shared copy is stored once, and a later save to one path leaves the others as they were', async () => {
  const storage = createLocalFileStorage(mkdtempSync(join(tmpdir(), 'files-')))
  const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 1, 2, 3)
  const [a, b] = ['materials/u1/case-1/a.jpg', 'materials/u1/case-2/a.jpg'].map((path) => storage.saveShared(path, jpeg))
  storage.save('materials/u1/case-1/a.jpg', Uint8Array.of(0x89, 0x50))
  expect([(await storage.inspect(a, 8))?.head, (await storage.inspect(b, 8))?.head]).toEqual([Uint8Array.of(0x89, 0x50), jpeg])
})

fileStorageContract('WeChat cloud storage (fake of the documented calls)', async () => {
  const fake = new FakeCloudStorage()
  return { storage: createCloudFileStorage(fake), put: async (path, bytes) => fake.upload(path, bytes), missing: fake.upload('materials/u1/case-1/x.jpg', Uint8Array.of(1)).replace('x.jpg', 'none.jpg'), foreign: 'local:materials/u1/case-1/a.jpg' }
})

test('a local link works for ten minutes, for its own path only', () => {
  let now = 1_000_000
  const storage = createLocalFileStorage(mkdtempSync(join(tmpdir(), 'files-')), () => now)
  const id = storage.save('materials/u1/case-1/a.jpg', Uint8Array.of(0xff, 0xd8, 0xff))
  return storage.temporaryUrls([id]).then((urls) => {
    const url = new URL(urls.get(id)!, 'http://127.0.0.1')
    const [exp, sig] = [url.searchParams.get('exp')!, url.searchParams.get('sig')!]
    expect(storage.fileForLink('materials/u1/case-1/a.jpg', exp, sig)).toMatch(/a\.jpg$/)
    expect(storage.fileForLink('materials/u1/case-1/b.jpg', exp, sig)).toBeNull()
    expect(storage.fileForLink('materials/u1/case-1/a.jpg', String(Number(exp) + 1), sig)).toBeNull()
    now += 10 * 60 * 1000 + 1
    expect(storage.fileForLink('materials/u1/case-1/a.jpg', exp, sig)).toBeNull()
  })
})
