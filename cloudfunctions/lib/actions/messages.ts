/** A member of staff's in-app inbox: stage changes they must act on, reminders, overdue digests. */
import type { InboxView } from '../../../shared/Views'
import type { Ctx, Handlers } from '../router'

async function view(ctx: Ctx): Promise<InboxView> {
  const { items } = await ctx.store.listDocs('staffMessage', { recipientUserId: ctx.user.id }, { limit: 1000 })
  const sorted = [...items].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : -1))
  return { items: sorted.map((m) => ({ id: m.id, title: m.title, body: m.body, createdAt: m.createdAt, read: m.read, ...(m.link ? { link: m.link } : {}) })), unread: sorted.filter((m) => !m.read).length }
}

export const messageHandlers: Pick<Handlers, 'messages.mine' | 'messages.markRead'> = {
  'messages.mine': (ctx) => view(ctx),

  async 'messages.markRead'(ctx, input) {
    const unread = []
    for (const id of new Set(input.ids)) {
      const m = await ctx.store.getDoc('staffMessage', id)
      if (m && m.recipientUserId === ctx.user.id && !m.read) unread.push(m)
    }
    // Reading one's own messages changes nothing else; it is not an audited decision.
    if (unread.length) await ctx.store.commit({ docs: unread.map((m) => ({ kind: 'staffMessage' as const, next: { ...m, version: m.version + 1, read: true }, expectedVersion: m.version })) })
    return view(ctx)
  },
}
