import { notifyManager } from '@tanstack/react-query'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { resetWarnings } from '../src/internal/warnOnce'
import { server } from './support/server'

// TanStack Query hands results to React with setTimeout(0). Under fake timers a 0 ms timeout set
// while the clock is ticking is due 1 ms later, so a test that advances by exactly one poll
// interval would never see the last result. A microtask keeps the same batching semantics.
notifyManager.setScheduler(queueMicrotask)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  resetWarnings()
  server.resetHandlers()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  if (typeof localStorage !== 'undefined') localStorage.clear()
  if (typeof sessionStorage !== 'undefined') sessionStorage.clear()
})
afterAll(() => server.close())
