import Taro from '@tarojs/taro'
import { nothingIfClosed } from './picker'

/** Picks a roster file (.xlsx or .csv) and returns its name and content, base64-encoded. */
export async function pickRosterFile(): Promise<{ fileName: string; contentBase64: string } | null> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }).catch(nothingIfClosed)
    const file = res?.tempFiles[0]
    if (!file) return null
    const contentBase64 = Taro.getFileSystemManager().readFileSync(file.path, 'base64') as string
    return { fileName: file.name, contentBase64 }
  }
  // In the browser (the local cloud): an ordinary file input.
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,.csv'
    input.onchange = () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => resolve({ fileName: file.name, contentBase64: String(reader.result).replace(/^data:[^,]*,/, '') })
      reader.readAsDataURL(file)
    }
    input.click()
  })
}

/** Offers a file for download (the template). */
export function offerDownload(fileName: string, base64: string, mime: string): void {
  if (process.env.TARO_ENV === 'weapp') {
    const path = `${Taro.env.USER_DATA_PATH}/${fileName}`
    Taro.getFileSystemManager().writeFileSync(path, base64, 'base64')
    Taro.openDocument({ filePath: path, showMenu: true }).catch(() => undefined)
    return
  }
  const a = document.createElement('a')
  a.href = `data:${mime};base64,${base64}`
  a.download = fileName
  a.click()
}
