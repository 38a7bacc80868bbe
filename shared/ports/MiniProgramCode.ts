/**
 * The mini-program code port: an image that opens a page of the mini-program with a `scene`.
 * In WeChat it is a 小程序码 from cloud.openapi.wxacode.getUnlimited (needs the openapi permission
 * in the function's config.json); locally a plain QR code of the H5 landing address stands in.
 * Adapters: cloudfunctions/lib/print/WxacodeMiniProgramCode, StandInQrCode; FakeWxacode for tests.
 */
export interface MiniProgramCodeRequest {
  /** At most 32 visible characters (shared/Poster.posterScene). */
  scene: string
  /** A page of the published mini-program, without leading slash or query. */
  page: string
  /** Pixels, 280 to 1280 (documented). */
  width: number
}

export interface MiniProgramCodeImage {
  /** PNG or JPEG bytes, as pdfkit embeds them. */
  bytes: Buffer
  contentType: 'image/png' | 'image/jpeg'
  /** True for a real 小程序码 (scanned only by WeChat), false for a plain QR stand-in. */
  wxacode: boolean
}

export interface MiniProgramCode {
  make(request: MiniProgramCodeRequest): Promise<MiniProgramCodeImage>
}
