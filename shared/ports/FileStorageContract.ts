/**
 * The contract every FileStorage adapter passes. `put` stores a file the way a client upload
 * would and returns its file id (tests only: the server writes files only by keep).
 */
import type { FileStorage } from './FileStorage'

export interface FileStorageUnderTest {
  storage: FileStorage
  put(path: string, bytes: Uint8Array): Promise<string>
  /** A file id of the same shape that names no stored file. */
  missing: string
  /** A file id this storage does not own (another storage's, or garbage). */
  foreign: string
}

export function fileStorageContract(name: string, make: () => Promise<FileStorageUnderTest>): void {
  describe(`FileStorage contract: ${name}`, () => {
    test('a stored file is found by its id: its path, first bytes and size', async () => {
      const { storage, put } = await make()
      const bytes = Uint8Array.from({ length: 5000 }, (_, i) => i % 251)
      const id = await put('materials/u1/case-1/a.jpg', bytes)
      expect(storage.pathOf(id)).toBe('materials/u1/case-1/a.jpg')
      const facts = await storage.inspect(id, 16)
      expect(facts?.size).toBe(5000)
      expect(Array.from(facts?.head ?? [])).toEqual(Array.from(bytes.slice(0, 16)))
      const short = await storage.inspect(await put('materials/u1/case-1/b.pdf', Uint8Array.of(1, 2)), 16)
      expect(short && Array.from(short.head)).toEqual([1, 2])
    })

    test('a missing file has no facts and no link; a foreign id has no path', async () => {
      const { storage, put, missing, foreign } = await make()
      const id = await put('materials/u1/case-1/c.png', Uint8Array.of(9))
      expect(await storage.inspect(missing, 16)).toBeNull()
      expect(storage.pathOf(foreign)).toBeNull()
      expect(await storage.inspect(foreign, 16)).toBeNull()
      const urls = await storage.temporaryUrls([id, missing])
      expect([...urls.keys()]).toEqual([id])
      expect(urls.get(id)).toMatch(/\S/)
    })

    test('keep: the bytes read once are judged, written to the kept path and the upload is gone; a refusal changes nothing', async () => {
      const { storage, put, missing } = await make()
      const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)
      const upload = await put('materials/u1/case-1/d.jpg', bytes)
      const judged: Uint8Array[] = []
      const kept = await storage.keep(upload, (b) => {
        judged.push(b.slice())
        return 'cases/case-1/idCard/k1.jpg'
      })
      expect(judged.map((b) => Array.from(b))).toEqual([Array.from(bytes)])
      expect(kept && storage.pathOf(kept)).toBe('cases/case-1/idCard/k1.jpg')
      const facts = await storage.inspect(kept!, 8)
      expect([facts?.size, Array.from(facts?.head ?? [])]).toEqual([3000, Array.from(bytes.slice(0, 8))])
      expect(await storage.inspect(upload, 8)).toBeNull()
      expect([...(await storage.temporaryUrls([kept!, upload])).keys()]).toEqual([kept])
      // A new upload at the same path (a client may overwrite its own) leaves the kept copy as it was.
      await put('materials/u1/case-1/d.jpg', Uint8Array.of(1, 2, 3))
      expect((await storage.inspect(kept!, 8))?.size).toBe(3000)

      const refusedUpload = await put('materials/u1/case-1/e.jpg', Uint8Array.of(4, 5))
      await expect(storage.keep(refusedUpload, () => { throw new Error('not a photo') })).rejects.toThrow('not a photo')
      expect((await storage.inspect(refusedUpload, 8))?.size).toBe(2)
      expect(await storage.keep(missing, () => 'cases/case-1/idCard/k2.jpg')).toBeNull()
      expect(await storage.inspect(kept!.replace('k1', 'k2'), 8)).toBeNull()
    })
  })
}
