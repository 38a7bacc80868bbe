/** After a failed poll (the network, a function that timed out), the next one waits this long: 3 s, then twice as long after each failure in a row, at most a minute. */
export function pollRetryMs(failuresInARow: number): number {
  return Math.min(60_000, 3000 * 2 ** Math.max(0, failuresInARow - 1))
}
