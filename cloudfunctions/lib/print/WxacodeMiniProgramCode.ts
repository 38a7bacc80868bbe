/**
 * The mini-program code port on WeChat: cloud.openapi.wxacode.getUnlimited (the `print`
 * function's config.json grants `wxacode.getUnlimited`). The cloud call takes the documented
 * body in camelCase (scene, page, width, checkPath, envVersion) and resolves with the image as
 * { contentType, buffer }; a failure rejects, or resolves, with { errCode, errMsg }.
 */
import type { MiniProgramCode } from '../../../shared/ports/MiniProgramCode'

export interface WxacodeParams {
  scene: string
  page: string
  width: number
  /** True: the page must exist in the published mini-program (the default; ours always does). */
  checkPath: boolean
  envVersion: 'release' | 'trial' | 'develop'
}

export interface WxacodeOpenApi {
  wxacode: { getUnlimited(params: WxacodeParams): Promise<{ errCode?: number; errMsg?: string; contentType?: string; buffer?: Buffer | Uint8Array }> }
}

export function wxacodeMiniProgramCode(openapi: WxacodeOpenApi, envVersion: WxacodeParams['envVersion'] = 'release'): MiniProgramCode {
  return {
    async make({ scene, page, width }) {
      const res = await openapi.wxacode.getUnlimited({ scene, page, width, checkPath: true, envVersion })
      if (typeof res.errCode === 'number' && res.errCode !== 0) throw { errCode: res.errCode, errMsg: res.errMsg ?? '' }
      if (!res.buffer) throw { errCode: -1, errMsg: 'openapi.wxacode.getUnlimited: no image' }
      return { bytes: Buffer.from(res.buffer), contentType: res.contentType === 'image/png' ? 'image/png' : 'image/jpeg', wxacode: true }
    },
  }
}
