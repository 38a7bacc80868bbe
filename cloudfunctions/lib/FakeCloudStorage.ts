/**
 * A test fake of wx-server-sdk's storage calls, faithful to the documented shapes: downloadFile
 * resolves `{ fileContent, statusCode }` or rejects `{ errCode, errMsg: 'downloadFile:fail …' }`;
 * getTempFileURL answers per id with `status` 0 and a link, or a non-zero status and an errMsg;
 * more than 50 ids is an error.
 */
import type { CloudStorageApi } from './CloudFileStorage'

export class FakeCloudStorage implements CloudStorageApi {
  readonly files = new Map<string, Buffer>()
  downloads = 0

  constructor(readonly env = 'test-env-1a2b3c') {}

  /** What wx.cloud.uploadFile gives the client: the file id of `cloudPath`. */
  upload(cloudPath: string, bytes: Uint8Array): string {
    const fileID = `cloud://${this.env}.7465-${this.env}-1300000000/${cloudPath}`
    this.files.set(fileID, Buffer.from(bytes))
    return fileID
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
