/**
 * Photos for the transfer materials: chosen with Taro.chooseMedia (camera or album), uploaded to
 * cloud storage (Taro.cloud.uploadFile) in WeChat, or to the local cloud's /upload in H5, then
 * attached to the case. Type and size are checked on both sides.
 */
import Taro from '@tarojs/taro'
import type { MaterialItem } from '../../shared/Materials'
import { MAX_MATERIAL_BYTES } from '../../shared/Materials'
import { callCloud, CloudError } from './cloud'

function mimeOf(path: string): 'image/jpeg' | 'image/png' | 'image/heic' | 'application/pdf' {
  const ext = path.split('.').pop()?.toLowerCase() ?? ''
  return ext === 'png' ? 'image/png' : ext === 'heic' ? 'image/heic' : ext === 'pdf' ? 'application/pdf' : 'image/jpeg'
}

/** Returns false when no photo was chosen. */
export async function uploadMaterial(caseId: string, item: MaterialItem): Promise<boolean> {
  const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
  const file = chosen.tempFiles[0]
  if (!file) return false
  if (file.size > MAX_MATERIAL_BYTES) throw new CloudError('BAD_REQUEST', '照片太大了（超过10MB），请重新拍一张。')
  if (process.env.TARO_ENV === 'weapp') {
    const cloudPath = `materials/${caseId}/${item}-${Date.now()}.${file.tempFilePath.split('.').pop() ?? 'jpg'}`
    const up = await Taro.cloud.uploadFile({ cloudPath, filePath: file.tempFilePath })
    await callCloud('materials.attach', { caseId, item, fileId: up.fileID, mimeType: mimeOf(file.tempFilePath), size: file.size })
    return true
  }
  const blob = await (await fetch(file.tempFilePath)).blob()
  const base64 = await new Promise<string>((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.readAsDataURL(blob)
  })
  const res = await Taro.request<{ ok: boolean; fileId?: string; mimeType?: 'image/jpeg' | 'image/png' | 'image/heic' | 'application/pdf'; size?: number; message?: string }>({
    url: '/upload',
    method: 'POST',
    data: { fileName: `${item}.jpg`, contentBase64: base64 },
    header: { 'content-type': 'application/json', 'x-dev-session': Taro.getStorageSync('devSession') || '' },
  })
  if (!res.data.ok || !res.data.fileId || !res.data.mimeType || !res.data.size) throw new CloudError('BAD_REQUEST', res.data.message ?? '上传没有成功，请再试一次。')
  await callCloud('materials.attach', { caseId, item, fileId: res.data.fileId, mimeType: res.data.mimeType, size: res.data.size })
  return true
}
