/**
 * The file-storage port: what the server needs of the files clients upload (cloud storage in
 * WeChat, a folder locally). Narrow on purpose: the server checks what clients uploaded, takes
 * what it accepts into a path no client may write (a client's own uploads it may still overwrite
 * or delete), and lends short-lived links to those who may see them.
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
  /**
   * Takes a client's upload into the server's keeping: reads its bytes once, hands exactly those
   * bytes to `place`, which judges them and names the path they are kept at (one no client may
   * write), writes them there and deletes the upload. When `place` throws, nothing is written or
   * deleted and the throw passes on. The kept file's id, or null when there is no such upload.
   */
  keep(uploadId: string, place: (bytes: Uint8Array) => string): Promise<string | null>
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
    async keep(uploadId, place) {
      const from = uploadId.startsWith(PREFIX) ? uploadId.slice(PREFIX.length) : null
      const data = from === null ? undefined : files.get(from)
      if (from === null || !data) return null
      const bytes = data.slice()
      const path = place(bytes)
      files.set(path, bytes)
      files.delete(from)
      return PREFIX + path
    },
    async temporaryUrls(fileIds) {
      return new Map(fileIds.filter((id) => id.startsWith(PREFIX) && files.has(id.slice(PREFIX.length))).map((id) => [id, `memory://${id.slice(PREFIX.length)}`]))
    },
  }
}
