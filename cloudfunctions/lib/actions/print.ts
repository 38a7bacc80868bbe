/** Printed pages, served by the `print` function (pdfkit and the CJK font cut at build time): the community's QR poster and the notice letters. */
import { AppError } from '../../../shared/AppError'
import { POSTER_PAGE, posterScene } from '../../../shared/Poster'
import type { ActionName } from '../../../shared/Api'
import { NOTICE_BATCH, noticeLetter } from '../../../shared/NoticeLetter'
import type { Community } from '../../../shared/Organisation'
import type { MiniProgramCode, MiniProgramCodeImage } from '../../../shared/ports/MiniProgramCode'
import { auditEntry } from '../audit'
import { reachabilityOf } from '../reachability'
import { noticesPdf } from '../print/noticesPdf'
import type { Ctx, Handlers } from '../router'
import { posterPdf } from '../print/posterPdf'
import { printFontPath } from '../print/printFont'
import { standInQrCode } from '../print/StandInQrCode'

/** Pixels asked of wxacode.getUnlimited (280 to 1280): sharp at 10 cm on A4. */
const CODE_WIDTH = 860

const localStandIn = standInQrCode()
/** Codes already made, per maker: a wxacode from getUnlimited is permanent (documented), so an instance asks once per community. */
const made = new WeakMap<MiniProgramCode, Map<string, Promise<MiniProgramCodeImage>>>()

/** The code that opens the community's landing page, `pages/community/index?scene=<code>`. */
export function communityCode(ctx: Ctx, code: string): Promise<MiniProgramCodeImage> {
  const maker = ctx.miniProgramCode ?? localStandIn
  const scene = posterScene(code)
  const known = made.get(maker) ?? new Map<string, Promise<MiniProgramCodeImage>>()
  made.set(maker, known)
  const cached = known.get(scene)
  if (cached) return cached
  const image = maker.make({ scene, page: POSTER_PAGE, width: CODE_WIDTH })
  known.set(scene, image)
  // A failed call is not kept: the next print asks again.
  image.catch(() => known.delete(scene))
  return image
}

/** The actions the `print` function serves (functionFor sends every `print.` action there). */
export type PrintAction = Extract<ActionName, `print.${string}`>

/** The community's grid worker, as 我的社区 names them: the first on its staff, or none. */
async function gridWorkerOf(ctx: Ctx, community: Community): Promise<{ name: string; phone: string } | null> {
  const [worker] = await ctx.store.listUsers({ orgId: community.id, role: 'gridWorker' })
  return worker ? { name: worker.name.replace(/^网格员\s*/, ''), phone: worker.phone ?? community.phone } : null
}

export const printHandlers: Pick<Handlers, PrintAction> = {
  async 'print.poster'(ctx) {
    const community = await ctx.store.getCommunity(ctx.user.orgId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到您所在的社区，请联系管理员。')
    const pdf = await posterPdf(community, await communityCode(ctx, community.code), printFontPath())
    return { fileName: `${community.name}服务二维码.pdf`, mimeType: 'application/pdf', contentBase64: pdf.toString('base64') }
  },

  async 'print.notices'(ctx, input) {
    const community = await ctx.store.getCommunity(ctx.user.orgId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到您所在的社区，请联系管理员。')
    const { cases, partial } = await reachabilityOf(ctx.store, { communityId: community.id }, ctx.now)
    // The cases and reach documents reachabilityOf loaded are used as they are: nothing is read again per case.
    const unreached = cases.filter((r) => !r.hasWorkingDigitalChannel).sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
    const gridWorker = await gridWorkerOf(ctx, community)
    // Out of the hand-over's scope: the community does not receive the person, and there is no letter (reachabilityOf leaves them out already).
    const letters = unreached.flatMap((r) => {
      const letter = noticeLetter(ctx.policy, r.retireeCase, ctx.today, community, gridWorker)
      return letter ? [{ letter, delivery: r.printed }] : []
    })
    const from = input.after === undefined ? 0 : letters.findIndex((l) => l.letter.caseId > input.after!)
    const chosen = from < 0 ? [] : letters.slice(from, from + NOTICE_BATCH)
    const batch = chosen.map((l) => l.letter)
    const last = batch.at(-1)
    const nextAfter = last && letters.at(-1)?.letter !== last ? last.caseId : null
    const people = chosen.map(({ letter, delivery }) => ({ caseId: letter.caseId, name: letter.name, delivery }))
    if (batch.length === 0) return { file: null, people, total: letters.length, nextAfter: null, partial }
    const pdf = await noticesPdf(batch, await communityCode(ctx, community.code), ctx.today, printFontPath())
    // Personal data leaves on paper: who printed which batch is audited (the people by case id, in the entries' count).
    await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'print.notices', caseId: null, outcome: 'done', changes: [{ field: 'letters', before: null, after: `${batch.length}（${batch[0].caseId}…${last!.caseId}）` }] })] })
    const part = input.after === undefined && nextAfter === null ? '' : `（${from + 1}-${from + batch.length}）`
    return { file: { fileName: `${community.name}纸质通知${ctx.today}${part}.pdf`, mimeType: 'application/pdf', contentBase64: pdf.toString('base64') }, people, total: letters.length, nextAfter, partial }
  },
}
