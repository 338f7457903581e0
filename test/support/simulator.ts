import { act } from '@testing-library/react'
import { vi } from 'vitest'
import { createPlexSimulator, type PlexSimulatorOptions } from '../../src/testing'
import { plexSimulatorHandlers } from '../../src/testing/msw'
import { server } from './server'

export const BASE_URL = 'https://plex.tv'

/**
 * Long enough for a create that keeps failing transiently to use its five attempts (backoff
 * 1 + 1–2 + 2–4 + 4–8 s, at most 15 s) and short of the sixth (8–16 s after the fifth).
 */
export const FIVE_CREATE_ATTEMPTS_MS = 15_500

/** A fresh simulator answering for plex.tv in this test. */
export function startSimulator(options?: PlexSimulatorOptions) {
  const simulator = createPlexSimulator(options)
  server.use(...plexSimulatorHandlers(simulator, { baseUrl: BASE_URL }))
  return simulator
}

/** Fake timers that leave microtasks alone, so fetch, MSW and React promises still settle. */
export function installFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
}

const realSetImmediate = globalThis.setImmediate
const realTurn = () => new Promise((resolve) => realSetImmediate(resolve))

let started = 0
/**
 * Requests sent and not yet answered. MSW ends a request with `request:end`, but sends nothing for
 * one aborted on the way (an unmount, a cancelled poll): its abort ends it here, or it would
 * count as in flight for the rest of the file, and every later wait would run to its turn limit.
 */
const live = new Set<string>()
server.events.on('request:start', ({ request, requestId }) => {
  started += 1
  live.add(requestId)
  request.signal.addEventListener('abort', () => live.delete(requestId), { once: true })
})
server.events.on('request:end', ({ requestId }) => {
  live.delete(requestId)
})

/**
 * Real event-loop turns until no request is in flight and its answer has been read (MSW and the
 * Fetch body streams need real turns, which fake timers do not give). A request waiting on a
 * fake timer (the simulator's latency) stays in flight; the turn limit ends the wait for it.
 */
async function settle() {
  for (let turn = 0, quiet = 0; turn < 40 && quiet < 3; turn += 1) {
    await realTurn()
    await vi.advanceTimersByTimeAsync(0)
    quiet = live.size === 0 ? quiet + 1 : 0
  }
}

interface FakeClock {
  now: number
  timers?: Record<string, { callAt: number }>
}

/**
 * Moves the fake clock by `ms`, one timer at a time, and after any timer that sent a request lets
 * that request complete before the next timer fires, so fake time is spent as it would be
 * against a fast plex.tv, whatever the machine's load. Each step is an `act()` of its own: React 18
 * holds every render queued inside an async `act` until it ends (19 renders in a microtask), so
 * one `act` around the whole walk would show React 18 nothing between the timers.
 */
export async function flush(ms = 0) {
  const clock = (globalThis.setTimeout as unknown as { clock?: FakeClock }).clock
  if (!clock) throw new Error('flush() needs installFakeClock() first')
  const end = clock.now + ms
  await act(settle)
  for (;;) {
    const next = Math.min(...Object.values(clock.timers ?? {}).map((timer) => timer.callAt))
    const target = Math.min(next, end)
    const before = started
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.max(0, target - clock.now))
      if (started !== before || live.size > 0) await settle()
    })
    await act(settle)
    if (target >= end) break
  }
}
