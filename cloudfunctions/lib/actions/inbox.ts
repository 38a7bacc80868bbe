/** 消息: the case's in-app inbox, and the record of subscribe-message consents. */
import { SUBSCRIBE_TEMPLATES } from '../../../shared/SubscribeTemplates'
import type { SubscribeConsent } from '../../../shared/SubscribeConsent'
import type { InboxView } from '../../../shared/Views'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { ownCase } from './common'

async function inboxView(ctx: Ctx, caseId: string): Promise<InboxView> {
  const { items } = await ctx.store.listDocs('inboxMessage', { caseId }, { limit: 1000 })
  const newestFirst = [...items].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  const view = newestFirst.map((m) => ({ id: m.id, title: m.title, body: m.body, createdAt: m.createdAt, read: m.readBy.includes(ctx.user.id) }))
  return { items: view, unread: view.filter((m) => !m.read).length }
}

export const inboxHandlers: Pick<Handlers, 'inbox.list' | 'inbox.markRead' | 'consent.record'> = {
  async 'inbox.list'(ctx) {
    const c = await ownCase(ctx, 'inbox.list')
    return inboxView(ctx, c.id)
  },

  async 'inbox.markRead'(ctx, input) {
    const c = await ownCase(ctx, 'inbox.markRead')
    const wanted = new Set(input.ids)
    const { items } = await ctx.store.listDocs('inboxMessage', { caseId: c.id }, { limit: 1000 })
    const unread = items.filter((m) => wanted.has(m.id) && !m.readBy.includes(ctx.user.id))
    if (unread.length) {
      await ctx.store.commit({
        docs: unread.map((m) => ({ kind: 'inboxMessage' as const, next: { ...m, version: m.version + 1, readBy: [...m.readBy, ctx.user.id] }, expectedVersion: m.version })),
        audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'inbox.markRead', caseId: c.id, outcome: 'done', changes: [{ field: 'inbox.read', before: null, after: String(unread.length) }] })],
      })
    }
    return inboxView(ctx, c.id)
  },

  async 'consent.record'(ctx, input) {
    const c = await ownCase(ctx, 'consent.record')
    const known = new Map(Object.values(SUBSCRIBE_TEMPLATES).map((t) => [t.id, t]))
    const docs = []
    for (const [templateId, answer] of Object.entries(input.results)) {
      const template = known.get(templateId)
      if (!template) continue // only the configured templates are recorded
      const id = `${ctx.user.id}~${templateId}`
      const existing = await ctx.store.getDoc('subscribeConsent', id)
      const base: SubscribeConsent = existing ?? { id, version: 0, userId: ctx.user.id, templateId, kind: template.kind, accepted: 0, used: 0, rejected: 0, lastAnswer: answer, updatedAt: '' }
      const next: SubscribeConsent = {
        ...base,
        version: base.version + 1,
        accepted: base.accepted + (answer === 'accept' ? 1 : 0),
        rejected: base.rejected + (answer === 'accept' ? 0 : 1),
        lastAnswer: answer,
        updatedAt: ctx.now.toISOString(),
      }
      docs.push({ kind: 'subscribeConsent' as const, next, expectedVersion: existing ? existing.version : null })
    }
    if (docs.length) {
      const accepted = docs.filter((d) => d.next.lastAnswer === 'accept').length
      await ctx.store.commit({
        docs,
        audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'consent.record', caseId: c.id, outcome: 'done', changes: [{ field: `consent.${input.moment}`, before: null, after: `${accepted}/${docs.length}` }] })],
      })
    }
    return { ok: true as const }
  },
}
