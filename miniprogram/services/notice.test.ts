import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { CloudError } from './cloudError'
import { TONES, batchNotice, failure, previewNotice, type Tone } from './notice'

const ALL: Tone[] = ['success', 'warning', 'error']

describe('tones', () => {
  test('each tone has its own icon; only an error interrupts the screen reader', () => {
    expect(new Set(ALL.map((t) => TONES[t].icon)).size).toBe(3)
    expect(ALL.map((t) => [t, TONES[t].role, TONES[t].live])).toEqual([
      ['success', 'status', 'polite'],
      ['warning', 'status', 'polite'],
      ['error', 'alert', 'assertive'],
    ])
  })

  test('a failed run says the cloud’s own words, or a plain general sentence for anything else', () => {
    expect(failure(new CloudError('CONFLICT', '这条记录刚被别人改过，请刷新后再试。'))).toEqual({ tone: 'error', text: '这条记录刚被别人改过，请刷新后再试。' })
    expect(failure(new TypeError('x is undefined'))).toEqual({ tone: 'error', text: '系统暂时出了点问题，请稍后再试。' })
  })

  test('a roster preview warns exactly when rows will be left out, and says how many', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), (accepted, rejected) => {
        const n = previewNotice({ accepted, rejected })
        if (rejected === 0) return n === null
        return n !== null && n.tone === 'warning' && n.text.includes(`${rejected} 行`) && (accepted === 0 || n.text.includes(`${accepted} 人`))
      }),
    )
  })

  test('an archives batch is a success when everyone was handed over, a warning when some were not', () => {
    expect(batchNotice({ done: [1, 2], skipped: [] })).toEqual({ tone: 'success', text: '已登记 2 人的档案移交。' })
    expect(batchNotice({ done: [1], skipped: [2, 3] })).toMatchObject({ tone: 'warning', text: expect.stringContaining('2 人不移交或另行办理') })
  })
})

/** WCAG relative luminance and contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('tone colours in app.css', () => {
  const css = readFileSync(join(__dirname, '../app.css'), 'utf8')
  const rule = (selector: string) => {
    const m = new RegExp(`\\n${selector.replace('.', '\\.')} \\{([^}]*)\\}`).exec(css)
    if (!m) throw new Error(`no rule ${selector}`)
    const prop = (name: string) => new RegExp(`(?:^|\\n)\\s*${name}: (#[0-9a-f]{6})`).exec(m[1])?.[1]
    return { color: prop('color'), background: prop('background') }
  }

  test.each(ALL)('%s text and icon meet 4.5:1, and the three tints differ', (tone) => {
    const band = rule(`.notice-${tone}`)
    const icon = rule(`.notice-icon-${tone}`)
    expect(contrast(band.color!, band.background!)).toBeGreaterThanOrEqual(4.5)
    expect(contrast('#ffffff', icon.background!)).toBeGreaterThanOrEqual(4.5)
    const others = ALL.filter((t) => t !== tone).map((t) => rule(`.notice-${t}`).background)
    expect(others).not.toContain(band.background)
  })
})
