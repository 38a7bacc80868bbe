/** The community's poster, one A4 page: name, the code, one line of instructions, address, hours and phone, in large type. */
import PDFDocument from 'pdfkit'
import type { Community } from '../../../shared/Organisation'
import { POSTER_INSTRUCTION } from '../../../shared/Poster'
import type { MiniProgramCodeImage } from '../../../shared/ports/MiniProgramCode'
import { pdfBytes } from './pdfBytes'

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 56

export function posterPdf(community: Community, code: MiniProgramCodeImage, fontPath: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: fontPath, info: { Title: `${community.name}服务二维码`, Author: community.name }, autoFirstPage: true })
  const width = A4.width - 2 * MARGIN
  doc.fontSize(40).text(community.name, { align: 'center', width })
  doc.moveDown(0.3).fontSize(24).text('退休人员服务二维码', { align: 'center', width })
  const side = 300
  const top = doc.y + 20
  doc.image(code.bytes, (A4.width - side) / 2, top, { width: side, height: side })
  doc.y = top + side + 24
  doc.fontSize(22).text(POSTER_INSTRUCTION, MARGIN, doc.y, { align: 'center', width })
  doc.moveDown(1).fontSize(20)
  doc.text(`地址：${community.address}`, { width })
  doc.text(`办公时间：${community.serviceHours}`, { width })
  doc.text(`电话：${community.phone}`, { width })
  return pdfBytes(doc)
}
