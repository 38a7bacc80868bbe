/**
 * A test fake of wx-server-sdk's storage calls, faithful to the documented shapes: downloadFile
 * resolves `{ fileContent, statusCode }` or rejects `{ errCode, errMsg: 'downloadFile:fail …' }`;
 * uploadFile writes `fileContent` at `cloudPath` (overwriting a file there) and resolves `{ fileID, statusCode }`;
 * deleteFile answers per id with `status` 0, or a non-zero status for a file that is not there;
 * getTempFileURL answers per id with `status` 0 and a link, or a non-zero status and an errMsg;
 * more than 50 ids is an error (getTempFileURL and deleteFile).
 */
import type { CloudStorageApi } from './CloudFileStorage'

export class FakeCloudStorage implements CloudStorageApi {
  readonly files = new Map<string, Buffer>()
  /** Who uploaded each file (the platform's `resource.openid`); files the functions wrote have none. */
  readonly owners = new Map<string, string>()
  downloads = 0

  constructor(readonly env = 'test-env-1a2b3c') {}

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.env}.7465-${this.env}-1300000000/${cloudPath}`
  }

  /** What wx.cloud.uploadFile gives the client: the file id of `cloudPath` (overwriting a file there). */
  upload(cloudPath: string, bytes: Uint8Array, openid?: string): string {
    const fileID = this.fileIdOf(cloudPath)
    this.files.set(fileID, Buffer.from(bytes))
    if (openid === undefined) this.owners.delete(fileID)
    else this.owners.set(fileID, openid)
    return fileID
  }

  async uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; statusCode: number }> {
    return { fileID: this.upload(options.cloudPath, options.fileContent), statusCode: 200 }
  }

  async deleteFile(options: { fileList: string[] }) {
    if (options.fileList.length > 50) throw { errCode: -1, errMsg: 'deleteFile:fail file list length exceed 50' }
    return {
      fileList: options.fileList.map((fileID) => {
        const found = this.files.delete(fileID)
        this.owners.delete(fileID)
        return found ? { fileID, status: 0, errMsg: 'ok' } : { fileID, status: -1, errMsg: 'STORAGE_FILE_NONEXIST' }
      }),
      errMsg: 'deleteFile:ok',
    }
  }

  async downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number }> {
    this.downloads++
    const content = this.files.get(options.fileID)
    if (!content) throw { errCode: -1, errMsg: 'downloadFile:fail storage file not exists' }
    return { fileContent: Buffer.from(content), statusCode: 200 }
  }

  async getTempFileURL(options: { fileList: string[] }) {
    if (options.fileList.length > 50) throw { errCode: -1, errMsg: 'getTempFileURL:fail file list length exceed 50' }
    return {
      fileList: options.fileList.map((fileID) =>
        this.files.has(fileID)
          ? { fileID, tempFileURL: `https://7465-${this.env}.tcb.qcloud.la/${fileID.split('/').slice(3).join('/')}?sign=x&t=1`, status: 0, errMsg: 'ok' }
          : { fileID, tempFileURL: '', status: -1, errMsg: 'STORAGE_FILE_NONEXIST' },
      ),
      errMsg: 'getTempFileURL:ok',
    }
  }
}
