import { act } from '@testing-library/react'
import { vi } from 'vitest'
import { createPlexSimulator, plexSimulatorHandlers, type PlexSimulatorOptions } from '../../src/testing'
import { server } from './server'

export const BASE_URL = 'https://plex.tv'

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

const realSetTimeout = globalThis.setTimeout

/**
 * Moves the fake clock by `ms`, then lets in-flight requests settle: MSW and the Fetch body
 * streams need a few turns of the real event loop, which fake timers do not give on their own.
 */
export async function flush(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
    for (let turn = 0; turn < 10; turn += 1) {
      await new Promise((resolve) => realSetTimeout(resolve, 0))
      await vi.advanceTimersByTimeAsync(0)
    }
  })
}
