/** 我的社区: the receiving community, the one where a person lives if elsewhere, and who to call. */
import { AppError } from '../../../shared/AppError'
import type { Community } from '../../../shared/Organisation'
import type { CommunityCard } from '../../../shared/Views'
import type { Handlers } from '../router'
import { ownCase } from './common'

export function communityCard(c: Community): CommunityCard {
  return {
    code: c.code,
    name: c.name,
    address: c.address,
    serviceHours: c.serviceHours,
    phone: c.phone,
    location: c.location ?? null,
    activityVenue: c.activityVenue ?? null,
    services: c.services ?? [],
  }
}

export const communityHandlers: Pick<Handlers, 'community.byCode' | 'community.mine'> = {
  async 'community.byCode'(ctx, input) {
    const code = input.code.toUpperCase()
    const community = (await ctx.store.listCommunities()).find((c) => c.code.toUpperCase() === code)
    if (!community) throw new AppError('NOT_FOUND', '没有找到这个社区，请核对海报上的二维码或社区编号。')
    return communityCard(community)
  },

  async 'community.mine'(ctx) {
    const c = await ownCase(ctx, 'community.mine')
    const receiving = await ctx.store.getCommunity(c.summary.receivingCommunityId)
    if (!receiving) throw new AppError('NOT_FOUND', '还没有确定接收您的社区，请联系原企业。', { caseId: c.id })
    const otherId = c.residenceCommunityId && c.residenceCommunityId !== receiving.id ? c.residenceCommunityId : c.hukouCommunityId !== receiving.id ? c.hukouCommunityId : null
    const other = otherId ? await ctx.store.getCommunity(otherId) : null
    const [gridWorker] = await ctx.store.listUsers({ orgId: receiving.id, role: 'gridWorker' })
    const takenIn = c.actions.some((a) => a.type === 'takenIn')
    const gw = gridWorker ? { name: gridWorker.name.replace(/^网格员\s*/, ''), phone: gridWorker.phone ?? receiving.phone } : null
    return {
      receiving: communityCard(receiving),
      residence: other ? communityCard(other) : null,
      gridWorker: gw,
      partyBranch: c.categories.partyMember && receiving.partyBranch ? receiving.partyBranch : null,
      contactCard: takenIn
        ? {
            name: c.person.name,
            community: receiving.name,
            gridWorker: gw?.name ?? '',
            gridWorkerPhone: gw?.phone ?? receiving.phone,
            communityPhone: receiving.phone,
            address: receiving.address,
            serviceHours: receiving.serviceHours,
          }
        : null,
    }
  },
}
