/** Promises the README makes about usePlexPin that no other test held (found by a README audit). */
import { focusManager, QueryClient } from '@tanstack/react-query'
import { act } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountHook } from '../support/hook'
import { flush } from '../support/simulator'

afterEach(() => {
  focusManager.setFocused(undefined)
})

describe('usePlexPin (README promises)', () => {
  // README: "`renew()`, which starts a new sign-in from any status, `authenticated` included."
  it('renew() after a sign-in starts a new one: a new PIN, polled, that signs in again', async () => {
    const onAuthenticated = vi.fn()
    const { sim, result } = mountHook({ onAuthenticated })
    await flush()
    sim.link(result.current.code ?? '')
    await flush(1000)
    expect(result.current.status).toBe('authenticated')
    expect(onAuthenticated).toHaveBeenCalledTimes(1)

    act(() => result.current.renew())
    await flush()
    expect(result.current.status).toBe('waiting')
    expect(sim.requests('create-pin')).toHaveLength(2)
    expect(result.current.code).toBe(sim.latestPin()?.code)
    sim.link(result.current.code ?? '')
    await flush(1000)
    expect(result.current.status).toBe('authenticated')
    expect(onAuthenticated).toHaveBeenCalledTimes(2)
    expect(onAuthenticated.mock.calls[1]?.[0]).toBe(sim.latestPin()?.authToken)
  })

  // README, "A 'Sign in with Plex' button": "keeps polling (`pollInterval` after each answer)".
  it('waits pollInterval after each answer, not from when the poll was sent', async () => {
    const { sim } = mountHook({}, undefined, { latencyMs: 500 })
    await flush(1000) // the create: 500 ms
    const start = sim.requests('get-pin').length
    await flush(15_000)
    const times = sim.requests('get-pin').slice(start).map((entry) => entry.time)
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0))
    expect(gaps.length).toBeGreaterThanOrEqual(8)
    // Each poll is answered 500 ms after it arrives; the next comes 1000 ms after that answer.
    for (const gap of gaps) expect(gap).toBe(1500)
  })

  // README: the sign-in's queries set "gcTime, staleTime, retry, retryDelay, retryOnMount,
  // refetchOnMount, refetchOnWindowFocus, refetchOnReconnect ... themselves".
  it("ignores the app's gcTime, staleTime, retry, retryDelay and refetchOn* defaults", async () => {
    const client = new QueryClient({
      defaultOptions: {
        queries: {
          gcTime: 0,
          staleTime: Infinity,
          retry: 20,
          retryDelay: 120_000,
          retryOnMount: false,
          refetchOnMount: false,
          refetchOnWindowFocus: false,
          refetchOnReconnect: false,
        },
      },
    })
    const { sim, result } = mountHook({}, client)
    sim.fail({ type: 'status', status: 503 }, { times: 1, route: 'create-pin' })
    await flush(2000) // the package's backoff (1–2 s), not the app's 120 s retryDelay
    expect(result.current.status).toBe('waiting')
    expect(sim.requests('create-pin')).toHaveLength(2)

    const before = sim.requests('get-pin').length
    await flush(5000)
    expect(sim.requests('get-pin').length - before).toBe(5) // once a second, staleTime: Infinity or not

    act(() => focusManager.setFocused(false))
    await flush(200)
    const hidden = sim.requests('get-pin').length
    act(() => focusManager.setFocused(true))
    await flush(10)
    expect(sim.requests('get-pin').length).toBe(hidden + 1) // at once, refetchOnWindowFocus: false or not

    sim.link(result.current.code ?? '')
    await flush(1000)
    expect(result.current.status).toBe('authenticated')
  })

  // README, usePlexPin: "A code already on screen stays there (`status` `waiting`, or `error` if a
  // poll had failed) but is not polled. When its deadline passes it is dropped: ... with none
  // left, `status` becomes `expired`."
  it('enabled: false after a failed poll keeps the code in "error", unpolled; with no renewal left the deadline makes it "expired"', async () => {
    const { sim, result, rerender } = mountHook({ maxRenewals: 0 })
    await flush()
    const code = result.current.code
    sim.fail({ type: 'status', status: 400 }, { route: 'get-pin' })
    await flush(1000)
    expect(result.current).toMatchObject({ status: 'error', code })
    rerender({ enabled: false })
    const requests = sim.requests().length
    await flush(10_000)
    expect(result.current).toMatchObject({ status: 'error', code })
    expect(sim.requests()).toHaveLength(requests)
    await flush(900_000)
    expect(result.current).toMatchObject({ status: 'expired', code: null, error: null })
    expect(sim.requests()).toHaveLength(requests)
  })
})
