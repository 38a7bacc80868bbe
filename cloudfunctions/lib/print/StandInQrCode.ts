/**
 * The mini-program code port where there is no WeChat (the local cloud, tests): a plain QR code
 * of the H5 landing address, `<origin>/#/pages/community/index?scene=<code>`, which opens the
 * same page with the same scene that the wxacode would.
 */
import { posterLandingUrl } from '../../../shared/Poster'
import type { MiniProgramCode } from '../../../shared/ports/MiniProgramCode'
import { qrPng } from './qrPng'

export const LOCAL_ORIGIN = 'http://127.0.0.1:8787/'

export function standInQrCode(origin = LOCAL_ORIGIN): MiniProgramCode {
  return {
    async make({ scene, page, width }) {
      const url = posterLandingUrl(origin, scene)
      // The page is part of the address (posterLandingUrl names POSTER_PAGE); another page has no landing.
      if (!url.includes(`#/${page}?`)) throw new Error(`no H5 landing for page ${page}`)
      const modules = 4 * 2 + 33 // a version-4 code with its quiet zone, about what this address needs
      return { bytes: qrPng(url, Math.max(4, Math.round(width / modules))), contentType: 'image/png', wxacode: false }
    },
  }
}
