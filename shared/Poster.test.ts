import fc from 'fast-check'
import { isAppError } from './AppError'
import { posterLandingUrl, posterScene, sceneOfLandingUrl } from './Poster'

const SCENE_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$&'()*+,/:;=?@-._~"

describe('a poster scene (wxacode.getUnlimited: at most 32 visible characters of its set)', () => {
  test('every community code of the set up to 32 characters is its own scene, and the landing address gives it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...SCENE_CHARS), minLength: 1, maxLength: 32 }), fc.constantFrom('http://127.0.0.1:8787/', 'https://example.org'), (code, origin) => {
        expect(posterScene(code)).toBe(code)
        expect(sceneOfLandingUrl(posterLandingUrl(origin, code))).toBe(code)
      }),
    )
  })

  test.each([['33 characters', 'A'.repeat(33)], ['empty', ''], ['Chinese', '乌兰社区'], ['a percent sign', 'WL%01'], ['a space', 'WL 01']])('a code that is %s is refused, not cut', (_, code) => {
    let error: unknown
    try {
      posterScene(code)
    } catch (e) {
      error = e
    }
    expect(isAppError(error) && error.code).toBe('BAD_REQUEST')
  })

  test('an address that is not the landing page has no scene', () => {
    expect(sceneOfLandingUrl('http://127.0.0.1:8787/#/pages/home/index?scene=WL01')).toBeNull()
    expect(sceneOfLandingUrl('http://127.0.0.1:8787/#/pages/community/index?code=WL01')).toBeNull()
  })
})
