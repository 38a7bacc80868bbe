/**
 * Record ids in the order they are made: UUID version 7 (RFC 9562 §5.7) — 48 bits of Unix time in
 * milliseconds, a 12-bit counter for the ids of one millisecond (RFC 9562 §6.2, method 1), then 62
 * random bits. The ids one instance makes sort as it made them, so the records of one commit land
 * side by side in every index that ends in an id (a roster chunk dirties a few index pages instead
 * of one page per record per index), and no id can be guessed from another.
 */
import { randomBytes } from 'node:crypto'

/** A maker of ordered ids; `now` and `random` are the clock and the random source (tests pass their own). */
export function orderedIds(now: () => number = Date.now, random: (bytes: number) => Buffer = randomBytes): () => string {
  let lastMs = -1
  let counter = 0
  // Random bytes are drawn 256 ids at a time (one draw per id costs more than the rest of the id).
  let pool: Buffer = Buffer.alloc(0)
  let used = 0
  return () => {
    let ms = now()
    if (ms <= lastMs) {
      // The same millisecond, or the clock stepped back: count on from the last id.
      ms = lastMs
      counter++
      // 4 096 ids in one millisecond: borrow the next one.
      if (counter > 0xfff) {
        ms++
        counter = 0
      }
    } else counter = 0
    lastMs = ms
    if (used === pool.length) {
      pool = random(16 * 256)
      used = 0
    }
    const bytes = Buffer.from(pool.subarray(used, used + 16))
    used += 16
    bytes.writeUIntBE(ms, 0, 6)
    bytes[6] = 0x70 | (counter >> 8)
    bytes[7] = counter & 0xff
    bytes[8] = 0x80 | (bytes[8] & 0x3f)
    const hex = bytes.toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
}
