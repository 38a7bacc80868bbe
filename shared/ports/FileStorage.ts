/**
 * The file-storage port: what the server needs of the files clients upload (cloud storage in
 * WeChat, a folder locally). Narrow on purpose: the server never writes files for clients, it
 * only checks what they uploaded and lends short-lived links to those who may see them.
 * Adapters: cloudfunctions/lib/CloudFileStorage (wx-server-sdk), local/LocalFileStorage (a
 * folder), memoryFileStorage (below). All pass FileStorageContract.
 */

export interface StoredFileFacts {
  /** The first bytes asked for (fewer when the file is shorter). */
  head: Uint8Array
  /** The whole file's size in bytes. */
  size: number
}

export interface FileStorage {
  /** The storage path a file id names (`materials/<uploader>/<case>/<name>`), or null when the id is not one of this storage's. */
  pathOf(fileId: string): string | null
  /** The first `bytes` bytes and the size of a stored file, or null when there is no such file. */
  inspect(fileId: string, bytes: number): Promise<StoredFileFacts | null>
  /** Short-lived download links by file id; a file that is missing has none. */
  temporaryUrls(fileIds: string[]): Promise<Map<string, string>>
}

/** WeChat's getTempFileURL takes at most 50 ids per call (documented). */
export const MAX_URLS_PER_CALL = 50

/** Files kept in memory, for tests and tools that handle no uploads. */
export function memoryFileStorage(files = new Map<string, Uint8Array>()): FileStorage & { put(path: string, bytes: Uint8Array): string } {
  const PREFIX = 'memory:'
  return {
    put(path, bytes) {
      files.set(path, bytes)
      return PREFIX + path
    },
    pathOf: (fileId) => (fileId.startsWith(PREFIX) ? fileId.slice(PREFIX.length) : null),
    async inspect(fileId, bytes) {
      const data = fileId.startsWith(PREFIX) ? files.get(fileId.slice(PREFIX.length)) : undefined
      return data ? { head: data.slice(0, bytes), size: data.length } : null
    },
    async temporaryUrls(fileIds) {
      return new Map(fileIds.filter((id) => id.startsWith(PREFIX) && files.has(id.slice(PREFIX.length))).map((id) => [id, `memory://${id.slice(PREFIX.length)}`]))
    },
  }
}
