/**
 * 社区二维码海报 (issue 14, point 5): the community's code goes into a wxacode's `scene`, which
 * opens 我的社区 (pages/community) on that community, where a retiree or a relative reads the
 * community's details and goes on to bind. The same landing serves the printed notices' code.
 */
import { AppError } from './AppError'

/** The page a poster's code opens: no leading slash and no query, as wxacode.getUnlimited requires. */
export const POSTER_PAGE = 'pages/community/index'

/** The one line of instructions printed under the code. */
export const POSTER_INSTRUCTION = '退休人员和家属：用微信扫一扫，查看社区地址电话，绑定后看移交进度。'

/** wxacode.getUnlimited's documented limit: at most 32 visible characters of this set. */
const SCENE_CHARACTERS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

/** A community code as a wxacode scene; a code the scene cannot carry is refused, not cut. */
export function posterScene(communityCode: string): string {
  if (!SCENE_CHARACTERS.test(communityCode)) {
    throw new AppError('BAD_REQUEST', '社区编号只能用字母、数字和少数符号，最长32个字符，才能印进小程序码。请先改社区编号。')
  }
  return communityCode
}

/**
 * The address a stand-in QR code (a plain QR, where no wxacode can be made) encodes: the H5
 * build's hash route to the same page, with the same `scene`.
 */
export function posterLandingUrl(origin: string, scene: string): string {
  return `${origin.replace(/\/+$/, '')}/#/${POSTER_PAGE}?scene=${encodeURIComponent(scene)}`
}

/** The scene a landing address carries, or null: what a scan of the stand-in gives the page. */
export function sceneOfLandingUrl(url: string): string | null {
  const at = url.indexOf(`#/${POSTER_PAGE}?`)
  if (at < 0) return null
  const scene = new URLSearchParams(url.slice(at + POSTER_PAGE.length + 3)).get('scene')
  return scene || null
}
