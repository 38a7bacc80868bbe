/**
 * FAKE of cloud.openapi.wxacode.getUnlimited, for tests: it records every call's parameters and
 * answers as the documented API does — { contentType: 'image/jpeg', buffer } on success (here a
 * PNG labelled as such, since a real 小程序码 cannot be drawn), or { errCode, errMsg } thrown:
 * 40169 (scene too long or not a valid string), 41030 (page not in the published mini-program),
 * 45009 (rate limit), -1 (system busy).
 */
import type { WxacodeOpenApi, WxacodeParams } from './WxacodeMiniProgramCode'
import { qrPng } from './qrPng'

const MESSAGES: Record<number, string> = {
  40169: 'invalid length for scene, or the data is not json string',
  41030: 'invalid page',
  45009: 'reach max api minute quota limit',
  [-1]: 'system error',
}

export class FakeWxacode implements WxacodeOpenApi {
  readonly calls: WxacodeParams[] = []
  /** Pages the "published" mini-program has: another page answers 41030 when checkPath is true. */
  constructor(private readonly publishedPages: readonly string[]) {}
  /** Error codes to answer with, one per call, before succeeding again. */
  failWith: number[] = []

  readonly wxacode = {
    getUnlimited: async (params: WxacodeParams) => {
      this.calls.push({ ...params })
      const code = this.failWith.shift() ?? (params.scene.length > 32 || params.scene.length === 0 ? 40169 : params.checkPath && !this.publishedPages.includes(params.page) ? 41030 : undefined)
      if (code !== undefined) throw { errCode: code, errMsg: `openapi.wxacode.getUnlimited:fail ${code} ${MESSAGES[code] ?? 'error'}` }
      return { errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', buffer: qrPng(`fake-wxacode:${params.page}?scene=${params.scene}`, 4) }
    },
  }
}
