import { CloudError } from './cloudError'

/** What a message means: a step went through, something needs care, or it did not work. */
export type Tone = 'success' | 'warning' | 'error'

/** A screen's inline message with its tone (never a pop-up). */
export interface Notice {
  tone: Tone
  text: string
}

/**
 * How each tone is shown and announced: an icon in its own shape, so the tone never rests on
 * colour alone; an error interrupts the screen reader, the others wait for a pause.
 */
export const TONES = {
  success: { icon: '✓', role: 'status', live: 'polite' },
  warning: { icon: '!', role: 'status', live: 'polite' },
  error: { icon: '✕', role: 'alert', live: 'assertive' },
} as const satisfies Record<Tone, { icon: string; role: 'status' | 'alert'; live: 'polite' | 'assertive' }>

export function messageOf(e: unknown): string {
  return e instanceof CloudError ? e.message : '系统暂时出了点问题，请稍后再试。'
}

export const success = (text: string): Notice => ({ tone: 'success', text })
export const warning = (text: string): Notice => ({ tone: 'warning', text })
/** Something the person must change before it can work (a form left half filled). */
export const errorNotice = (text: string): Notice => ({ tone: 'error', text })
/** A failed run, in plain words: the cloud's own message, or a general one for anything else. */
export const failure = (e: unknown): Notice => ({ tone: 'error', text: messageOf(e) })

/** After a roster upload: a warning when some rows will not be imported, so they are not missed. */
export function previewNotice(p: { accepted: number; rejected: number }): Notice | null {
  if (!p.rejected) return null
  return warning(p.accepted ? `有 ${p.rejected} 行有问题，不会导入。可以改正后重新上传，也可以只导入没问题的 ${p.accepted} 人。` : `${p.rejected} 行都有问题，没有可以导入的人。请改正后重新上传。`)
}

/** After an archives batch: those not handed over need handling of their own, so they are a warning. */
export function batchNotice(r: { done: unknown[]; skipped: unknown[] }): Notice {
  const text = `已登记 ${r.done.length} 人的档案移交${r.skipped.length ? `，${r.skipped.length} 人不移交或另行办理，见下面` : ''}。`
  return r.skipped.length ? warning(text) : success(text)
}
