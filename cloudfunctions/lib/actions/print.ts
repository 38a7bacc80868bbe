/** Printed pages, served by the `print` function (pdfkit and the CJK font cut at build time): the community's QR poster. */
import { AppError } from '../../../shared/AppError'
import { POSTER_PAGE, posterScene } from '../../../shared/Poster'
import type { ActionName } from '../../../shared/Api'
import type { Ctx, Handlers } from '../router'
import { posterPdf } from '../print/posterPdf'
import { printFontPath } from '../print/printFont'
import { standInQrCode } from '../print/StandInQrCode'

/** Pixels asked of wxacode.getUnlimited (280 to 1280): sharp at 10 cm on A4. */
const CODE_WIDTH = 860

/** The code that opens the community's landing page, `pages/community/index?scene=<code>`. */
export function communityCode(ctx: Ctx, code: string) {
  return (ctx.miniProgramCode ?? standInQrCode()).make({ scene: posterScene(code), page: POSTER_PAGE, width: CODE_WIDTH })
}

/** The actions the `print` function serves (functionFor sends every `print.` action there). */
export type PrintAction = Extract<ActionName, `print.${string}`>

export const printHandlers: Pick<Handlers, PrintAction> = {
  async 'print.poster'(ctx) {
    const community = await ctx.store.getCommunity(ctx.user.orgId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到您所在的社区，请联系管理员。')
    const pdf = await posterPdf(community, await communityCode(ctx, community.code), printFontPath())
    return { fileName: `${community.name}服务二维码.pdf`, mimeType: 'application/pdf', contentBase64: pdf.toString('base64') }
  },
}
