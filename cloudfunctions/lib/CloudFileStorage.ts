/**
 * The file-storage port on WeChat cloud storage, through the documented server calls:
 * `cloud.downloadFile({ fileID })` → `{ fileContent: Buffer }`,
 * `cloud.uploadFile({ cloudPath, fileContent })` → `{ fileID }` (overwrites the same path),
 * `cloud.deleteFile({ fileList: [fileID] })` → `{ fileList: [{ fileID, status, errMsg }] }` (status 0 is success), and
 * `cloud.getTempFileURL({ fileList: [fileID] })` → `{ fileList: [{ fileID, tempFileURL, status, errMsg }] }`
 * (status 0 is success; at most 50 ids a call; links to private files last ten minutes).
 * File ids look like `cloud://<env>.<bucket>/<path>`.
 */
import { MAX_URLS_PER_CALL, type FileStorage } from '../../shared/ports/FileStorage'

/** The documented subset of wx-server-sdk this adapter uses. */
export interface CloudStorageApi {
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg?: string }> }>
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }> }>
}

const CLOUD_FILE_ID = /^cloud:\/\/[^/\s]+\/(.+)$/

export function createCloudFileStorage(cloud: CloudStorageApi): FileStorage {
  const pathOf = (fileId: string) => CLOUD_FILE_ID.exec(fileId)?.[1] ?? null
  /** The whole file, or null when there is none. */
  const download = async (fileId: string): Promise<Buffer | null> => {
    if (pathOf(fileId) === null) return null
    // No ranged read is documented, so the file is fetched whole; materials are at most 10 MB
    // and larger ones are refused by their size right after.
    try {
      return (await cloud.downloadFile({ fileID: fileId })).fileContent
    } catch {
      // The documented failure is `downloadFile:fail …` (no such file, or no access): either way there is no file to attach.
      return null
    }
  }
  return {
    pathOf,
    async inspect(fileId, bytes) {
      const content = await download(fileId)
      return content && { head: new Uint8Array(content.subarray(0, bytes)), size: content.length }
    },
    async keep(uploadId, place) {
      const content = await download(uploadId)
      if (!content) return null
      // The bytes judged are the bytes written: one download, no second read of the upload.
      const bytes = new Uint8Array(content)
      const { fileID } = await cloud.uploadFile({ cloudPath: place(bytes), fileContent: Buffer.from(bytes) })
      // A failed delete (per-file status) leaves the uploader's own file behind: harmless, the kept copy is what is lent.
      await cloud.deleteFile({ fileList: [uploadId] })
      return fileID
    },
    async temporaryUrls(fileIds) {
      const ours = fileIds.filter((id) => pathOf(id) !== null)
      const urls = new Map<string, string>()
      for (let i = 0; i < ours.length; i += MAX_URLS_PER_CALL) {
        const res = await cloud.getTempFileURL({ fileList: ours.slice(i, i + MAX_URLS_PER_CALL) })
        for (const f of res.fileList) if (f.status === 0 && f.tempFileURL) urls.set(f.fileID, f.tempFileURL)
      }
      return urls
    },
  }
}
