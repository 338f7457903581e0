/** Memory budget (issue #6): 1,000 mounts and unmounts leave no timer, listener or query behind. */
import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { newQueryClient } from '../support/render'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

const MOUNTS = 1000

describe('memory budget', () => {
  it(`mounting and unmounting the widget ${MOUNTS} times leaves nothing behind`, async () => {
    installFakeClock()
    const sim = startSimulator()
    const client = newQueryClient()
    // Which listeners are still attached, by type and identity: counting adds and removes would
    // pass a cleanup that removes the right number of the wrong ones (a test-quality probe).
    const attached = new Set<string>()
    const identities = new Map<unknown, number>()
    const key = (type: string, listener: unknown) => {
      if (!identities.has(listener)) identities.set(listener, identities.size + 1)
      return `${type}:${identities.get(listener)}`
    }
    const realAdd = window.addEventListener.bind(window)
    const realRemove = window.removeEventListener.bind(window)
    vi.spyOn(window, 'addEventListener').mockImplementation((type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
      attached.add(key(type, listener))
      realAdd(type, listener as EventListenerOrEventListenerObject, options)
    })
    vi.spyOn(window, 'removeEventListener').mockImplementation((type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) => {
      attached.delete(key(type, listener))
      realRemove(type, listener as EventListenerOrEventListenerObject, options)
    })
    const documentAdded = vi.spyOn(document, 'addEventListener')
    const documentRemoved = vi.spyOn(document, 'removeEventListener')
    const started = performance.now()
    for (let mount = 0; mount < MOUNTS; mount += 1) {
      const { unmount } = render(
        <QueryClientProvider client={client}>
          <PlexLogin product="Test App" />
        </QueryClientProvider>,
      )
      // Every fourth one gets as far as showing its code; the rest unmount while creating.
      if (mount % 4 === 0) await flush()
      unmount()
    }
    await flush(30_000)
    const ms = performance.now() - started
    console.info(`[bench] ${MOUNTS} mounts/unmounts in ${Math.round(ms)} ms; timers left ${vi.getTimerCount()}, queries left ${client.getQueryCache().getAll().length}, window listeners left ${attached.size}, document listeners added ${documentAdded.mock.calls.length} (React's selectionchange), removed ${documentRemoved.mock.calls.length}`)
    expect(sim.requests('create-pin').length).toBeGreaterThanOrEqual(MOUNTS / 4)
    expect(vi.getTimerCount()).toBe(0)
    expect(client.getQueryCache().getAll()).toHaveLength(0)
    expect([...attached]).toEqual([])
    // React DOM itself listens to `selectionchange` on the document once, for good; not ours.
    const ours = (spy: typeof documentAdded) => spy.mock.calls.filter(([type]) => type !== 'selectionchange').length
    expect(ours(documentAdded) - ours(documentRemoved)).toBe(0)
    const requests = sim.requests().length
    await flush(3_600_000)
    expect(sim.requests().length).toBe(requests)
  })
})
