/**
 * The local stand-in for cloud storage: files in one folder, ids `local:<path>`, and temporary
 * links `/files/<path>?exp=…&sig=…` signed with a key that lives as long as the process.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import type { FileStorage } from '../shared/ports/FileStorage'

const PREFIX = 'local:'
/** How long a link works, as WeChat's links to private files (ten minutes). */
export const LINK_VALID_MS = 10 * 60 * 1000

export interface LocalFileStorage extends FileStorage {
  /** Stores an upload (the /upload endpoint) and returns its file id. */
  save(path: string, bytes: Uint8Array): string
  /**
   * As save, but bytes stored before are not written again: the path becomes a hard link to the
   * first copy (kept under `.shared/`). The demo seed stores five samples for thousands of cases.
   */
  saveShared(path: string, bytes: Uint8Array): string
  /** The file a signed link names, when the signature holds and the link has not expired. */
  fileForLink(path: string, exp: string, sig: string): string | null
}

export function createLocalFileStorage(root: string, now: () => number = Date.now): LocalFileStorage {
  const base = resolve(root)
  const key = randomBytes(32)
  /** The file a storage path names, only inside the folder. */
  const fileOf = (path: string): string | null => {
    if (path.includes('\0')) return null
    const file = resolve(base, path)
    const rel = relative(base, file)
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? file : null
  }
  /** Files stored once by saveShared, by the SHA-256 of their bytes. */
  const sharedFiles = new Map<string, string>()
  const sign = (path: string, exp: string) => createHmac('sha256', key).update(`${path}\n${exp}`).digest('hex')
  const storage: LocalFileStorage = {
    pathOf: (fileId) => (fileId.startsWith(PREFIX) && fileOf(fileId.slice(PREFIX.length)) ? fileId.slice(PREFIX.length) : null),
    async inspect(fileId, bytes) {
      const path = storage.pathOf(fileId)
      const file = path === null ? null : fileOf(path)
      if (!file || !existsSync(file) || !statSync(file).isFile()) return null
      const head = Buffer.alloc(bytes)
      const fd = openSync(file, 'r')
      try {
        const read = readSync(fd, head, 0, bytes, 0)
        return { head: new Uint8Array(head.subarray(0, read)), size: statSync(file).size }
      } finally {
        closeSync(fd)
      }
    },
    async keep(uploadId, place) {
      const from = storage.pathOf(uploadId)
      const file = from === null ? null : fileOf(from)
      if (!file || !existsSync(file) || !statSync(file).isFile()) return null
      // One read: the bytes judged are the bytes written.
      const bytes = new Uint8Array(readFileSync(file))
      const kept = storage.save(place(bytes), bytes)
      rmSync(file, { force: true })
      return kept
    },
    async temporaryUrls(fileIds) {
      const exp = String(now() + LINK_VALID_MS)
      const urls = new Map<string, string>()
      for (const id of fileIds) {
        const path = storage.pathOf(id)
        const file = path === null ? null : fileOf(path)
        if (path !== null && file && existsSync(file)) urls.set(id, `/files/${path}?exp=${exp}&sig=${sign(path, exp)}`)
      }
      return urls
    },
    save(path, bytes) {
      const file = fileOf(path)
      if (!file) throw new Error('a storage path must stay inside the folder')
      mkdirSync(dirname(file), { recursive: true })
      // A new file, never a write through a link saveShared made.
      rmSync(file, { force: true })
      writeFileSync(file, bytes)
      return PREFIX + path
    },
    saveShared(path, bytes) {
      const file = fileOf(path)
      if (!file) throw new Error('a storage path must stay inside the folder')
      const key = createHash('sha256').update(bytes).digest('hex')
      let shared = sharedFiles.get(key)
      if (!shared) {
        shared = join(base, '.shared', key)
        mkdirSync(dirname(shared), { recursive: true })
        writeFileSync(shared, bytes)
        sharedFiles.set(key, shared)
      }
      mkdirSync(dirname(file), { recursive: true })
      rmSync(file, { force: true })
      try {
        linkSync(shared, file)
      } catch {
        // A file system without hard links: a copy, then.
        copyFileSync(shared, file)
      }
      return PREFIX + path
    },
    fileForLink(path, exp, sig) {
      const file = fileOf(path)
      if (!file || !/^\d{1,15}$/.test(exp) || Number(exp) < now() || !/^[0-9a-f]{64}$/.test(sig)) return null
      if (!timingSafeEqual(Buffer.from(sig, 'hex'), Buffer.from(sign(path, exp), 'hex'))) return null
      return existsSync(file) && statSync(file).isFile() ? file : null
    },
  }
  return storage
}
