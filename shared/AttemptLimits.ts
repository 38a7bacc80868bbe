/**
 * Limits on guessing: binding a WeChat to a case, one-time codes, staff invitations. Every limit
 * is kept the same way, so that parallel attempts cannot race past it: increment the counter
 * first, then refuse when the new value is over the limit (cloudfunctions/lib/actions/attempts.ts).
 * Counter keys never hold personal data in clear: a name and birth date go in as a keyed hash.
 */
import { normalName } from './PersonName'

/**
 * Binding attempts (实名绑定) per China day: per WeChat user, per case the ID number finds, and
 * per normalised name + birth date. Every attempt counts, the right one too: a retiree who binds
 * at the first try uses one of five. A malformed ID number is refused before anything is counted
 * (its check needs no stored data, so it tells a guesser nothing).
 */
export const BIND_ATTEMPTS_PER_DAY = 5

/**
 * Binding attempts city-wide per clock hour (not documented anywhere; our choice). A city hands
 * over a few tens of thousands of retirees across months, and a community's notice brings at
 * most a few hundred bindings in one hour; 1 000 leaves room for that peak and for typos, while
 * capping what many WeChat accounts together can try against people they do not know.
 */
export const BIND_ATTEMPTS_PER_HOUR_CITY = 1000

/**
 * Community-issued binding codes (社区工作人员给的绑定码) a WeChat user may type per China day.
 * A counter of its own: a retiree locked out of binding by someone else's guesses can still use it.
 */
export const ASSIST_CODE_ATTEMPTS_PER_DAY = 10

/** Staff invitation codes a WeChat user may type per China day (every attempt counts). */
export const STAFF_JOIN_ATTEMPTS_PER_DAY = 5

/**
 * Fallback visit codes a worker may type per China day. Only wrong ones stay counted: a code
 * that opens a case gives its count back, so a worker whose camera fails can visit all day.
 */
export const VISIT_CODE_ATTEMPTS_PER_DAY = 20

/**
 * Visit passes per case per clock hour. The QR page refreshes itself every 4 minutes (15 an
 * hour); 30 leaves room for the retiree pressing 「刷新二维码」 and reopening the page.
 */
export const VISIT_PASSES_PER_HOUR = 30

/** The UTC clock hour of an instant, as a counter key part: `2020-03-20T01`. */
export function hourOf(now: Date): string {
  return now.toISOString().slice(0, 13)
}

/**
 * What is keyed-hashed for the per-person counter: the normalised name and the birth date.
 * The prefix keeps it apart from any ID number's lookup hash.
 */
export function personCounterInput(name: string, birthDate: string): string {
  return `bind-person:${normalName(name)}|${birthDate}`
}
