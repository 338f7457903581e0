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

// The unit projects share a worker's jsdom between test files (`isolate: false`, vite.config.ts),
// so what a file left on the page is taken away after it: the next file starts on an empty page,
// and without the properties a file defined on navigator, document or crypto (a stubbed
// clipboard, `execCommand`), as a fresh jsdom would.
if (typeof document !== 'undefined') {
  const targets = [navigator, document, crypto]
  const ownKeys = new Map(targets.map((target) => [target, new Set(Reflect.ownKeys(target))]))
  afterAll(() => {
    for (const [target, keys] of ownKeys) for (const key of Reflect.ownKeys(target)) if (!keys.has(key)) Reflect.deleteProperty(target, key)
    document.head.replaceChildren()
    document.body.replaceChildren()
    for (const element of [document.documentElement, document.body]) for (const name of element.getAttributeNames()) element.removeAttribute(name)
  })
}
