/** The subscribe-message templates, from config/subscribe-templates.json, validated. */
import * as z from 'zod/mini'
import raw from '../config/subscribe-templates.json'

const Template = z.object({ id: z.string().check(z.minLength(1)), kind: z.enum(['oneTime', 'longTerm']), fields: z.record(z.string(), z.string()) })

export const SubscribeTemplates = z.object({ stageChanged: Template, deadlineReminder: Template, correctionAnswered: Template })
export type SubscribeTemplates = z.infer<typeof SubscribeTemplates>

export const SUBSCRIBE_TEMPLATES: SubscribeTemplates = SubscribeTemplates.parse(raw)

/** The template ids to ask for at a moment that makes sense to the retiree. */
export const CONSENT_MOMENTS = {
  afterBinding: ['stageChanged', 'deadlineReminder'],
  afterConfirming: ['stageChanged', 'correctionAnswered'],
} as const satisfies Record<string, readonly (keyof SubscribeTemplates)[]>
export type ConsentMoment = keyof typeof CONSENT_MOMENTS

export function templateIdsFor(moment: ConsentMoment): string[] {
  return CONSENT_MOMENTS[moment].map((k) => SUBSCRIBE_TEMPLATES[k].id)
}
