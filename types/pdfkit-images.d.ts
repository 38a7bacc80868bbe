/**
 * pdfkit's documented image re-use, missing from @types/pdfkit: `openImage` reads an image once
 * and `image` draws that object, which the PDF then holds once however many pages show it.
 */
declare namespace PDFKit {
  interface OpenedImage {
    readonly width: number
    readonly height: number
  }
  interface PDFDocument {
    openImage(src: Buffer): OpenedImage
  }
  namespace Mixins {
    interface PDFImage {
      image(src: OpenedImage, x?: number, y?: number, options?: ImageOption): this
    }
  }
}
