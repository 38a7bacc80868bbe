/**
 * FAKES of the WeChat client APIs the weapp build calls, for miniprogram-simulate. Real WeChat
 * cannot run here; each fake follows the documented behaviour of its API, linked beside it:
 * - every asynchronous API takes `success` / `fail` / `complete` callbacks, or, with none of them,
 *   returns a Promise ("以 Promise 风格调用：支持",
 *   https://developers.weixin.qq.com/miniprogram/dev/framework/app-service/api.html#异步-API-返回-Promise);
 * - success results carry `errMsg: '<api>:ok'` and the documented fields; failures
 *   `errMsg: '<api>:fail <reason>'` (a person closing the picker is `'<api>:fail cancel'`).
 *
 * What the person does (the code they scan, the photo they take, the file they pick, what they
 * answer to the reminders question) is scripted by the test through `person`, one answer per
 * call; a call with no answer scripted throws and is kept in `unscripted`, so nothing is chosen
 * silently.
 *
 * wx.cloud runs our routers in-process (the `api` and `roster` functions) as the signed-in OPENID,
 * and its uploads land in FakeCloudStorage, which the server side reads through CloudFileStorage.
 */
import type { Caller } from '../../cloudfunctions/lib/router'
import { FakeCloudStorage } from '../../cloudfunctions/lib/FakeCloudStorage'
import { MATERIAL_PATH } from '../../shared/Materials'

type Handle = (caller: Caller, request: unknown) => Promise<unknown>
type Callbacks = { success?: (res: object) => void; fail?: (res: object) => void; complete?: (res: object) => void }
type Fail = { errMsg: string; errCode?: number }

/** A person's answer to a picker: what they chose, or that they closed it. */
export type Answer<T> = T | 'cancel'

/** The documented failure of an API: `<api>:fail <reason>`. */
class WxFailure {
  constructor(readonly res: Fail) {}
}

/** The two documented forms of an asynchronous wx API. */
interface WxAsync<O, R> {
  (options: O & Callbacks & ({ success: Callbacks['success'] } | { fail: Callbacks['fail'] } | { complete: Callbacks['complete'] })): undefined
  (options?: O): Promise<R & { errMsg: string }>
}

/**
 * An asynchronous wx API in both documented forms: with any of success/fail/complete it calls
 * them (success or fail, then complete) and returns nothing; without, it returns a Promise that
 * resolves with the success result or rejects with the failure result.
 */
function asyncApi<O extends object, R extends object>(name: string, run: (options: O) => Promise<R> | R): WxAsync<O, R> {
  return ((options: O & Callbacks = {} as O & Callbacks) => {
    const done = (async () => {
      try {
        return { ok: true as const, res: { ...(await run(options)), errMsg: `${name}:ok` } }
      } catch (e) {
        if (e instanceof WxFailure) return { ok: false as const, res: e.res }
        throw e
      }
    })()
    if (options.success || options.fail || options.complete) {
      void done.then((r) => {
        if (r.ok) options.success?.(r.res)
        else options.fail?.(r.res)
        options.complete?.(r.res)
      })
      return undefined
    }
    return done.then((r) => (r.ok ? r.res : Promise.reject(r.res)))
  }) as WxAsync<O, R>
}

const fail = (name: string, reason: string, errCode?: number) => new WxFailure({ errMsg: `${name}:fail ${reason}`, ...(errCode === undefined ? {} : { errCode }) })

export interface PickedFile {
  name: string
  bytes: Uint8Array
}

/** Builds the fakes; `functions` maps a cloud function's name to its router. */
export function createWxFakes(functions: Record<string, Handle>, options: { openid: string }) {
  const storage = new FakeCloudStorage()
  /** The device's temporary files (pickers write them, the file system manager reads them). */
  const tempFiles = new Map<string, Uint8Array>()
  let tempCount = 0
  const newTempFile = (name: string, bytes: Uint8Array) => {
    // The documented temporary path: `http://tmp/…` (or wxfile://tmp_…) with the file's extension.
    const path = `http://tmp/${++tempCount}-${name}`
    tempFiles.set(path, bytes)
    return path
  }
  const person = {
    scans: [] as Array<Answer<string>>,
    photos: [] as Array<Answer<PickedFile>>,
    files: [] as Array<Answer<PickedFile>>,
    /** Per template id: 'accept' | 'reject' | 'ban' | 'filter'; 'cancel' closes the dialog. */
    reminders: [] as Array<Answer<Record<string, 'accept' | 'reject' | 'ban' | 'filter'>>>,
  }
  /** Pickers the app opened with nothing scripted (in the callback form the error cannot reach the test, so it is kept here). */
  const unscripted: string[] = []
  const next = <T>(queue: T[], api: string): T => {
    if (queue.length === 0) {
      unscripted.push(api)
      throw new Error(`${api}: the test did not script what the person does`)
    }
    return queue.shift()!
  }
  const state = { openid: options.openid }
  /** Every page the app asked to open: `navigateTo /worker/pages/case/index?id=…`. */
  const navigations: string[] = []
  /** What the app asked of the platform besides: subscribe requests, uploads, opened documents. */
  const calls = { requestSubscribeMessage: [] as Array<{ tmplIds: string[] }>, uploadFile: [] as Array<{ cloudPath: string; fileID: string }>, openDocument: [] as string[], previewImage: [] as string[][] }
  const localStorage = new Map<string, unknown>()

  const navigation = (kind: string) =>
    // https://developers.weixin.qq.com/miniprogram/dev/api/route/wx.navigateTo.html (and redirectTo, reLaunch)
    asyncApi(kind, (o: { url: string }) => {
      // Taro adds its own `__key_` parameter to tell pages apart; the page asked for the rest.
      navigations.push(`${kind} ${o.url.replace(/[?&]__key_=[^&]*/, '').replace(/\?$/, '')}`)
      return {}
    })

  /**
   * The production storage rule (scripts/deploy/plan.ts STORAGE_RULE), whose `write` is upload,
   * overwrite and delete alike: a signed-in client may write a path matching MATERIAL_PATH (any
   * folder, not only its own: the rule cannot build a path from the OPENID) when the file there is
   * its own or there is none yet (`resource.openid == auth.openid`).
   */
  const ruleAllowsWrite = (cloudPath: string) => {
    const owner = storage.owners.get(storage.fileIdOf(cloudPath))
    const exists = storage.files.has(storage.fileIdOf(cloudPath))
    return Boolean(state.openid) && MATERIAL_PATH.test(cloudPath) && (!exists || owner === state.openid)
  }

  const cloud = {
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/init/client.init.html
    init: () => undefined,
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/functions/Cloud.callFunction.html
    // success: { result, errMsg: 'cloud.callFunction:ok', requestID }; the caller's OPENID comes from the session, never the payload.
    callFunction: asyncApi('cloud.callFunction', async (o: { name: string; data: unknown }) => {
      const handle = functions[o.name]
      if (!handle) throw fail('cloud.callFunction', `-501000 FunctionName parameter could not be found: ${o.name}`, -501000)
      // The real call crosses the network as JSON.
      const result = JSON.parse(JSON.stringify(await handle({ userId: state.openid }, JSON.parse(JSON.stringify(o.data)))))
      return { result, requestID: `fake-${Date.now()}` }
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/uploadFile/client.uploadFile.html
    // success: { fileID, statusCode, errMsg: 'cloud.uploadFile:ok' }; the same path is overwritten.
    uploadFile: asyncApi('cloud.uploadFile', (o: { cloudPath: string; filePath: string }) => {
      const bytes = tempFiles.get(o.filePath)
      if (!bytes) throw fail('cloud.uploadFile', 'file not found')
      if (!ruleAllowsWrite(o.cloudPath)) throw fail('cloud.uploadFile', 'permission denied', -403003)
      const fileID = storage.upload(o.cloudPath, bytes, state.openid)
      calls.uploadFile.push({ cloudPath: o.cloudPath, fileID })
      return { fileID, statusCode: 200 }
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/Cloud.deleteFile.html
    // success: { fileList: [{ fileID, status, errMsg }] }, status 0 for each file deleted; the rule's `write` covers deleting.
    deleteFile: asyncApi('cloud.deleteFile', async (o: { fileList: string[] }) => {
      const allowed = o.fileList.filter((id) => storage.files.has(id) && ruleAllowsWrite(id.replace(/^cloud:\/\/[^/]+\//, '')))
      const { fileList } = await storage.deleteFile({ fileList: allowed })
      return { fileList: o.fileList.map((fileID) => fileList.find((f) => f.fileID === fileID) ?? { fileID, status: -403003, errMsg: 'permission denied' }) }
    }),
  }

  const wx = {
    cloud,
    // https://developers.weixin.qq.com/miniprogram/dev/api/device/scan/wx.scanCode.html
    // success: { result, scanType: 'QR_CODE', charSet, rawData (base64) }; closing the camera: 'scanCode:fail cancel'.
    scanCode: asyncApi('scanCode', (_: { onlyFromCamera?: boolean; scanType?: string[] }) => {
      const scanned = next(person.scans, 'scanCode')
      if (scanned === 'cancel') throw fail('scanCode', 'cancel')
      return { result: scanned, scanType: 'QR_CODE', charSet: 'UTF-8', rawData: Buffer.from(scanned).toString('base64') }
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
    // success: { tempFiles: [{ tempFilePath, size, fileType: 'image', width, height }], type: 'image' }; closing: 'chooseMedia:fail cancel'.
    chooseMedia: asyncApi('chooseMedia', (o: { count?: number; mediaType?: string[]; sourceType?: string[]; sizeType?: string[] }) => {
      const photo = next(person.photos, 'chooseMedia')
      if (photo === 'cancel') throw fail('chooseMedia', 'cancel')
      if (o.mediaType && !o.mediaType.includes('image') && !o.mediaType.includes('mix')) throw new Error('chooseMedia: the page asked for no images')
      return { tempFiles: [{ tempFilePath: newTempFile(photo.name, photo.bytes), size: photo.bytes.length, fileType: 'image', width: 1080, height: 1440 }], type: 'image' }
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
    // success: { tempFiles: [{ path, size, name, type: 'file', time }] }; `extension` filters by file name; closing: 'chooseMessageFile:fail cancel'.
    chooseMessageFile: asyncApi('chooseMessageFile', (o: { count: number; type?: string; extension?: string[] }) => {
      const file = next(person.files, 'chooseMessageFile')
      if (file === 'cancel') throw fail('chooseMessageFile', 'cancel')
      const ext = file.name.split('.').pop() ?? ''
      if (o.extension && !o.extension.includes(ext)) throw new Error(`chooseMessageFile: a .${ext} file cannot be picked when the page filters to ${o.extension.join(', ')}`)
      return { tempFiles: [{ path: newTempFile(file.name, file.bytes), size: file.bytes.length, name: file.name, type: 'file', time: 1584666000 }] }
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
    // success: { errMsg, [tmplId]: 'accept' | 'reject' | 'ban' | 'filter' }; an empty list fails with the
    // documented 10001 "TmplIds can't be empty"; a person closing the dialog fails.
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o: { tmplIds: string[] }) => {
      calls.requestSubscribeMessage.push({ tmplIds: [...o.tmplIds] })
      if (!o.tmplIds?.length) throw fail('requestSubscribeMessage', "TmplIds can't be empty", 10001)
      const answer = next(person.reminders, 'requestSubscribeMessage')
      if (answer === 'cancel') throw fail('requestSubscribeMessage', 'cancel')
      return Object.fromEntries(o.tmplIds.map((id) => [id, answer[id] ?? 'reject']))
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.getFileSystemManager.html
    // readFileSync(filePath, encoding) → string with an encoding; writeFileSync(filePath, data, encoding).
    getFileSystemManager: () => ({
      readFileSync(path: string, encoding?: string) {
        const bytes = tempFiles.get(path)
        if (!bytes) throw new Error(`readFileSync:fail no such file or directory, open ${path}`)
        return encoding ? Buffer.from(bytes).toString(encoding as BufferEncoding) : bytes.buffer
      },
      writeFileSync(path: string, data: string, encoding?: string) {
        tempFiles.set(path, Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding))
      },
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html
    openDocument: asyncApi('openDocument', (o: { filePath: string }) => {
      if (!tempFiles.has(o.filePath)) throw fail('openDocument', 'file not found')
      calls.openDocument.push(o.filePath)
      return {}
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.previewImage.html
    previewImage: asyncApi('previewImage', (o: { urls: string[] }) => {
      calls.previewImage.push(o.urls)
      return {}
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/storage/wx.setStorageSync.html (and get/remove): '' for a missing key.
    getStorageSync: (key: string) => (localStorage.has(key) ? localStorage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void localStorage.set(key, value),
    removeStorageSync: (key: string) => void localStorage.delete(key),
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    reLaunch: navigation('reLaunch'),
    env: { USER_DATA_PATH: 'http://usr' },
  }

  return {
    wx,
    person,
    unscripted,
    navigations,
    calls,
    storage,
    /** Signs in as another WeChat user: later calls carry this OPENID. */
    signIn(openid: string) {
      state.openid = openid
    },
  }
}

export type WxFakes = ReturnType<typeof createWxFakes>
