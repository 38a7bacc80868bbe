/** The clock is a port: production uses the real time, the local demo and tests set it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that starts at `start` and moves on with real time (for the local demo). */
export function offsetClock(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow()
  return { now: () => new Date(realNow() + offset) }
}

/** A clock that stands still until it is moved (for tests). */
export function fixedClock(start: Date | string): Clock & { set(t: Date | string): void } {
  let t = new Date(start)
  return { now: () => new Date(t), set: (next) => void (t = new Date(next)) }
}
