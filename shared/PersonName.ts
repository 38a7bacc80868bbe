/**
 * A person's name as it is stored, whoever typed it (roster, correction, staff, relative).
 * Chinese names carry no spaces, so a space typed between two Chinese characters (张　丽) is a
 * slip and goes. Names in Latin letters keep their spaces, and so do names written with the
 * middle dot (阿依古丽·买买提: Mongolian and Uyghur names in Chinese transliteration), whose
 * parts are the writer's. Comparison (normalName) ignores spaces altogether.
 */

/** Every way a middle dot gets typed: ·, •, ・, ‧, and the full stop (half or full width). */
const DOTS = /[•・‧.．·]/g
/** A space with a Chinese character on both sides (code points, so rare characters count too). */
const BETWEEN_HAN = /(?<=\p{Script=Han}) (?=\p{Script=Han})/gu

/**
 * Full-width letters and spaces folded (NFKC), any middle dot written as ·, spaces trimmed and
 * runs of them made one; then a space between two Chinese characters goes, unless the name is
 * written with ·, and a space beside the · goes. Nothing but spaces is ever dropped.
 */
export function personName(raw: string): string {
  const text = raw.normalize('NFKC').replace(DOTS, '·').replace(/\s+/g, ' ').trim()
  if (text.includes('·')) return text.replace(/ ?· ?/g, '·')
  return text.replace(BETWEEN_HAN, '')
}

/** Names compare without spaces, full-width forms folded, with any middle dot written as ·. */
export function normalName(name: string): string {
  return name.normalize('NFKC').replace(/\s/g, '').replace(DOTS, '·')
}
