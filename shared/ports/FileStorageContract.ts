/**
 * The contract every FileStorage adapter passes. `put` stores a file the way a client upload
 * would and returns its file id (tests only: the server never writes files for clients).
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
  })
}
