/**
 * The characters a printed page (notice letter, poster) can show, for the CJK font that the
 * build cuts from Debian's WenQuanYi Micro Hei: printable ASCII, GB 2312 in full (its symbol
 * rows 1–9, level 1 with 3 755 hanzi and level 2 with 3 008: the set names and addresses on
 * a roster are written in), and every character of the fixed text given (letters, policy).
 * A name with a character outside it prints that character as an empty box: see
 * `missingCharacters`, which the print step uses to say so instead.
 */

function gb2312(): string {
  const decoder = new TextDecoder('gb2312')
  const bytes: number[] = []
  const rows = [...range(0xa1, 0xa9), ...range(0xb0, 0xf7)]
  for (const row of rows) for (const cell of range(0xa1, 0xfe)) bytes.push(row, cell)
  // Unassigned codes decode to U+FFFD, which is dropped.
  return decoder.decode(new Uint8Array(bytes)).replace(/\uFFFD/g, '')
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** The set, sorted and without repeats, for the given fixed text. */
export function printCharacters(fixedText: string): string {
  const ascii = String.fromCharCode(...range(0x20, 0x7e))
  return [...new Set(ascii + gb2312() + fixedText)].filter((c) => c.trim() !== '' || c === ' ').sort().join('')
}

/** The characters of `text` that `set` lacks (line breaks aside). */
export function missingCharacters(text: string, set: ReadonlySet<string>): string[] {
  return [...new Set([...text].filter((c) => c !== '\n' && !set.has(c)))]
}
