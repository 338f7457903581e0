/** How often countdowns refresh. */
export const TICK_INTERVAL_MS = 1000

const listeners = new Set<() => void>()
let now = Date.now()
let timer: ReturnType<typeof setInterval> | undefined

/**
 * One shared one-second clock for every countdown on the page, running only while something
 * listens, so an idle page keeps no timer and many widgets share one.
 */
export function subscribeToTicks(listener: () => void): () => void {
  listeners.add(listener)
  if (listeners.size === 1) {
    now = Date.now()
    timer = setInterval(() => {
      now = Date.now()
      for (const notify of listeners) notify()
    }, TICK_INTERVAL_MS)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/**
 * Whole seconds from the last tick until `deadline`, never negative. The time is fresh when
 * nothing listens, so a first render is right.
 */
export function secondsUntil(deadline: number): number {
  if (listeners.size === 0) now = Date.now()
  return Math.max(0, Math.ceil((deadline - now) / 1000))
}

/** A `useSyncExternalStore` subscription for when there is nothing to follow. */
export function subscribeToNothing(): () => void {
  return () => {}
}

/** The server snapshot of any countdown: nothing ticks on the server. */
export function getNoSeconds(): null {
  return null
}
