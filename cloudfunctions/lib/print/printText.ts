/** Every fixed text a printed page can carry, for the print font's character set (buildPrintFont). */
import { NOTICE_FIXED_TEXT } from '../../../shared/NoticeLetter'
import { POSTER_INSTRUCTION } from '../../../shared/Poster'

export const PRINT_FIXED_TEXT = [NOTICE_FIXED_TEXT, POSTER_INSTRUCTION, '退休人员服务二维码', '地址：', '办公时间：', '电话：'].join('')
