/**
 * Checks every retiree screen against the 适老化 numbers and axe-core, inside the page:
 * the computed font size of every visible text, the size of every touch target, and axe's
 * serious or critical violations.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { screenshot } from './browser'

const AXE_SOURCE = readFileSync(join(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8')

/** What counts as a touch target. */
const TARGETS = 'button, input, textarea, taro-button-core, taro-input-core, taro-switch-core, [role=button], a[href]'

export interface ScreenCheck {
  smallTexts: Array<{ text: string; px: number }>
  smallTargets: Array<{ label: string; width: number; height: number }>
  axeViolations: Array<{ id: string; impact: string; nodes: number; help: string; first: string }>
  lineHeightTooTight: Array<{ text: string; ratio: number }>
}

export async function checkScreen(page: Page, minFontPx: number, minTargetPx: number): Promise<ScreenCheck> {
  await page.addScriptTag({ content: AXE_SOURCE })
  return page.evaluate(
    async ({ minFontPx, minTargetPx, selector }) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        const s = getComputedStyle(el)
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
      }
      // A button inside a Taro wrapper counts at the wrapper's size; a text field at its own, since
      // only the field itself takes the tap (its wrapper's padding does not focus it).
      const targetBox = (t: Element) => (t.matches('input, textarea') ? t : (t.closest('taro-button-core, taro-input-core, taro-switch-core') ?? t)).getBoundingClientRect()
      const smallTexts: Array<{ text: string; px: number }> = []
      const lineHeightTooTight: Array<{ text: string; ratio: number }> = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim()
        const el = n.parentElement
        if (!text || !el || !visible(el) || el.closest('script,style')) continue
        const s = getComputedStyle(el)
        const px = parseFloat(s.fontSize)
        if (px < minFontPx) smallTexts.push({ text: text.slice(0, 30), px })
        const lh = s.lineHeight === 'normal' ? 1.2 * px : parseFloat(s.lineHeight)
        if (lh / px < 1.3) lineHeightTooTight.push({ text: text.slice(0, 30), ratio: Math.round((lh / px) * 100) / 100 })
      }
      const targets = document.querySelectorAll(selector)
      const smallTargets: Array<{ label: string; width: number; height: number }> = []
      for (const t of Array.from(targets)) {
        if (!visible(t)) continue
        const box = targetBox(t)
        if (box.height < minTargetPx || box.width < minTargetPx) smallTargets.push({ label: (t.textContent ?? t.getAttribute('aria-label') ?? t.tagName).trim().slice(0, 30), width: Math.round(box.width), height: Math.round(box.height) })
      }
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ html: string }>; help: string }> }> } }).axe
      const result = await axe.run(document, { resultTypes: ['violations'] })
      const axeViolations = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, first: v.nodes[0]?.html.slice(0, 160) ?? '' }))
      return { smallTexts, smallTargets, axeViolations, lineHeightTooTight }
    },
    { minFontPx, minTargetPx, selector: TARGETS },
  )
}

/** The smallest visible text (px) and the smallest touch target (its shorter side, px) on the screen. */
export async function measureScreen(page: Page): Promise<{ minTextPx: number; minTargetPx: number; targets: number }> {
  return page.evaluate((selector) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      const s = getComputedStyle(el)
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
    }
    const targetBox = (t: Element) => (t.matches('input, textarea') ? t : (t.closest('taro-button-core, taro-input-core, taro-switch-core') ?? t)).getBoundingClientRect()
    let minTextPx = Infinity
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!(n.textContent ?? '').trim() || !el || !visible(el) || el.closest('script,style')) continue
      minTextPx = Math.min(minTextPx, parseFloat(getComputedStyle(el).fontSize))
    }
    let minTargetPx = Infinity
    let targets = 0
    for (const t of Array.from(document.querySelectorAll(selector))) {
      if (!visible(t)) continue
      const box = targetBox(t)
      minTargetPx = Math.min(minTargetPx, Math.round(Math.min(box.width, box.height)))
      targets++
    }
    return { minTextPx, minTargetPx, targets }
  }, TARGETS)
}

/** The sizes a screen is held to: 18 px text and 44 px targets, and 24 px / 60 px in 长辈模式. */
export const SIZES = { retiree: { font: 18, target: 44 }, elder: { font: 24, target: 60 }, staff: { font: 18, target: 44 } } as const

/** Saves the screen under artifacts/screens/ and expects it to pass every check at these sizes (axe: no serious or critical). */
export async function expectFriendly(page: Page, name: string, sizes: { font: number; target: number } = SIZES.staff): Promise<void> {
  await page.waitForTimeout(150)
  await screenshot(page, name)
  const check = await checkScreen(page, sizes.font, sizes.target)
  expect({ screen: name, ...check }).toEqual({ screen: name, smallTexts: [], smallTargets: [], axeViolations: [], lineHeightTooTight: [] })
}
