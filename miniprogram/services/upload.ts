/**
 * Photos for the transfer materials (and a concern's optional photo): chosen with Taro.chooseMedia (camera or album), uploaded to
 * cloud storage (Taro.cloud.uploadFile) in WeChat, or to the local cloud's /upload in H5, under
 * `materials/<the uploader's id>/<case id>/`, then attached to the case. The server reads the
 * stored file to check its real type and size; the size is checked here too, to say it early.
 */
import Taro from '@tarojs/taro'
import type { MaterialItem } from '../../shared/Materials'
import { materialPath, MAX_MATERIAL_BYTES } from '../../shared/Materials'
import { callCloud, CloudError } from './cloud'
import { nothingIfClosed } from './picker'

/** A name no other upload has: time and randomness, in storage-path characters. */
function freshName(path: string): string {
  const ext = (path.split('.').pop() ?? '').toLowerCase()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${/^(jpg|jpeg|png|heic|pdf)$/.test(ext) ? ext : 'jpg'}`
}

/** A photo the user chose (camera or album), not yet uploaded. */
export interface ChosenPhoto {
  path: string
  size: number
}

/** Lets the user take or pick one photo; null when they chose none. Too large a photo is said at once. */
export async function choosePhoto(): Promise<ChosenPhoto | null> {
  const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] }).catch(nothingIfClosed)
  const file = chosen?.tempFiles[0]
  if (!file) return null
  if (file.size > MAX_MATERIAL_BYTES) throw new CloudError('BAD_REQUEST', '照片太大了（超过10MB），请重新拍一张。')
  return { path: file.tempFilePath, size: file.size }
}

/**
 * Uploads a chosen photo under `materials/<the caller>/<caseId>/` and returns its file id, for
 * materials.attach or concern.raise, which take only a file under the caller's own id and that case.
 */
export async function uploadPhoto(caseId: string, photo: ChosenPhoto): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    // The uploader's segment is the caller's own OPENID (the user id of session.me).
    const me = await callCloud('session.me', {})
    const up = await Taro.cloud.uploadFile({ cloudPath: materialPath(me.userId, caseId, freshName(photo.path)), filePath: photo.path })
    return up.fileID
  }
  const blob = await (await fetch(photo.path)).blob()
  const base64 = await new Promise<string>((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.readAsDataURL(blob)
  })
  const res = await Taro.request<{ ok: boolean; fileId?: string; message?: string }>({
    url: '/upload',
    method: 'POST',
    data: { caseId, contentBase64: base64 },
    header: { 'content-type': 'application/json', 'x-dev-session': Taro.getStorageSync('devSession') || '' },
  })
  if (!res.data.ok || !res.data.fileId) throw new CloudError('BAD_REQUEST', res.data.message ?? '上传没有成功，请再试一次。')
  return res.data.fileId
}

/** Returns false when no photo was chosen. */
export async function uploadMaterial(caseId: string, item: MaterialItem): Promise<boolean> {
  const photo = await choosePhoto()
  if (!photo) return false
  await callCloud('materials.attach', { caseId, item, fileId: await uploadPhoto(caseId, photo) })
  return true
}
