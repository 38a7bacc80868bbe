/**
 * One PDF for a batch of printed notices: one A4 page a letter, in large type (body 20 pt, the
 * title 26 pt), with the community's code (one image, embedded once for the whole batch).
 */
import PDFDocument from 'pdfkit'
import { formatChinaDate, type ChinaDate } from '../../../shared/ChinaTime'
import { NOTICE_NO_CODE, NOTICE_RELATIVES, NOTICE_SCAN, NOTICE_TITLE, type NoticeLetter } from '../../../shared/NoticeLetter'
import type { MiniProgramCodeImage } from '../../../shared/ports/MiniProgramCode'
import { pdfBytes } from './pdfBytes'

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 50
const BODY = 20
const CODE_SIDE = 150

export function noticesPdf(letters: NoticeLetter[], code: MiniProgramCodeImage, today: ChinaDate, fontPath: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: fontPath, autoFirstPage: false, info: { Title: NOTICE_TITLE } })
  // pdfkit embeds an opened image once, however many pages draw it.
  const image = doc.openImage(code.bytes)
  const width = A4.width - 2 * MARGIN
  for (const l of letters) {
    doc.addPage()
    doc.fontSize(26).text(NOTICE_TITLE, { align: 'center', width })
    doc.moveDown(0.5).fontSize(22).text(`${l.name}，您好：`, { width })
    doc.moveDown(0.3).fontSize(BODY)
    doc.text(l.standing, { width, indent: BODY * 2 })
    doc.text(`您要做的：${l.todo}`, { width, indent: BODY * 2 })
    if (l.deadline) doc.text(l.deadline, { width, indent: BODY * 2 })
    doc.moveDown(0.4)
    doc.text(`网格员：${l.gridWorker.name}，电话 ${l.gridWorker.phone}`, { width })
    doc.text(`${l.community.name}地址：${l.community.address}`, { width })
    doc.text(`办公时间：${l.community.hours}`, { width })
    doc.text(`社区电话：${l.community.phone}`, { width })
    doc.moveDown(0.4).text(NOTICE_RELATIVES, { width })
    const top = doc.y + 8
    doc.image(image, MARGIN, top, { width: CODE_SIDE, height: CODE_SIDE })
    doc.text(NOTICE_SCAN, MARGIN + CODE_SIDE + 16, top + 10, { width: width - CODE_SIDE - 16 })
    doc.moveDown(0.3).text(`${l.community.name}\n${formatChinaDate(today)}`, { width: width - CODE_SIDE - 16 })
    doc.fontSize(14).text(NOTICE_NO_CODE, MARGIN, top + CODE_SIDE + 10, { width })
  }
  return pdfBytes(doc)
}
