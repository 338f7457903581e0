import { afterEach, describe, expect, it, vi } from 'vitest'
import { secondsUntil, subscribeToTicks, TICK_INTERVAL_MS } from '../../src/internal/secondTicker'

afterEach(() => {
  vi.useRealTimers()
})

describe('secondsUntil', () => {
  // A code with 1.4 s left still works for 1.4 s: reading "0:01" would say it has less time than it
  // has, and "0:00" would show while it can still be entered.
  it('rounds up to the whole second, and reads 0 only once the deadline has passed', () => {
    vi.useFakeTimers({ now: 0 })
    const unsubscribe = subscribeToTicks(() => {})
    try {
      expect(secondsUntil(1400)).toBe(2)
      expect(secondsUntil(600)).toBe(1)
      expect(secondsUntil(1)).toBe(1)
      expect(secondsUntil(0)).toBe(0)
      expect(secondsUntil(-5000)).toBe(0)
    } finally {
      unsubscribe()
    }
  })

  it('reads the time of the last tick while something listens, and stops ticking when nothing does', () => {
    vi.useFakeTimers({ now: 0 })
    const unsubscribe = subscribeToTicks(() => {})
    vi.advanceTimersByTime(TICK_INTERVAL_MS - 1)
    expect(secondsUntil(10_000)).toBe(10) // no tick yet: still the subscription's time
    vi.advanceTimersByTime(1)
    expect(secondsUntil(10_000)).toBe(9)
    unsubscribe()
    expect(vi.getTimerCount()).toBe(0)
  })

  // The first render of a countdown reads before it subscribes: a widget shown after another one
  // went away must not start from that one's last tick, with seconds that have since passed.
  it('reads the time now when nothing listens, not the last tick of a countdown that has gone', () => {
    vi.useFakeTimers({ now: 0 })
    subscribeToTicks(() => {})()
    vi.advanceTimersByTime(5000)
    expect(secondsUntil(10_000)).toBe(5)
  })
})
