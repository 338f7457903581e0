import { act } from '@testing-library/react'
import { focusManager } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountHook } from '../support/hook'
import { flush } from '../support/simulator'

// The person is on plex.tv/link in another tab, ours hidden: exactly when the link happens. A
// failed poll there used to stop polling until the tab was shown again (TanStack Query pauses a
// query's retries while the page is unfocused), so a code linked meanwhile went unnoticed, and
// was lost once its deadline passed. Found by an invariant fuzz probe (2026-11-26).

afterEach(() => {
  focusManager.setFocused(undefined)
})

async function steps(count: number, ms = 500) {
  for (let step = 0; step < count; step++) await flush(ms)
}

// The rate itself, with nothing failing (the end-to-end suite counts it in Chromium too).
it('polls a healthy code every 5 s while the tab is hidden, and every second again once shown', async () => {
  const { sim } = mountHook()
  await flush()
  act(() => focusManager.setFocused(false))
  await flush(5000)
  const from = sim.requests('get-pin').length
  await flush(60_000)
  expect(sim.requests('get-pin').length - from).toBe(12)
  act(() => focusManager.setFocused(true))
  await flush(100)
  const shown = sim.requests('get-pin').length
  await flush(10_000)
  expect(sim.requests('get-pin').length - shown).toBeGreaterThanOrEqual(9)
})

describe('a failed poll while the tab is hidden', () => {
  it.each([
    ['a dropped connection', { type: 'drop' }],
    ['a 503', { type: 'status', status: 503 }],
  ] as const)('after %s, polling goes on while hidden and a link is noticed there', async (_name, fault) => {
    const onAuthenticated = vi.fn()
    const { sim, result } = mountHook({ onAuthenticated })
    await flush()
    act(() => focusManager.setFocused(false))
    await flush(500)
    sim.fail(fault, { route: 'get-pin', times: 1 })
    await steps(12)
    expect(sim.log.filter((entry) => entry.route === 'get-pin').some((entry) => entry.status !== 200)).toBe(true)
    sim.link(result.current.code ?? '')
    await steps(80)
    expect({ status: result.current.status, isRetrying: result.current.isRetrying }).toEqual({ status: 'authenticated', isRetrying: false })
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
  })

  it('that failed while visible, with the tab hidden during its backoff: still noticed while hidden', async () => {
    const onAuthenticated = vi.fn()
    const { sim, result } = mountHook({ onAuthenticated })
    await flush()
    sim.fail({ type: 'status', status: 503 }, { route: 'get-pin', times: 1 })
    await steps(3)
    expect(sim.requests('get-pin').at(-1)?.status).toBe(503) // in its backoff
    act(() => focusManager.setFocused(false))
    sim.link(result.current.code ?? '')
    await steps(80)
    expect(result.current.status).toBe('authenticated')
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
  })

  it('keeps to the hidden budget through an outage: at most 12 polls a minute', async () => {
    const { sim } = mountHook()
    await flush()
    act(() => focusManager.setFocused(false))
    sim.fail({ type: 'status', status: 503 }, { route: 'get-pin', times: 1000 })
    await steps(10)
    const from = sim.requests('get-pin').length
    await steps(120)
    expect(sim.requests('get-pin').length - from).toBeGreaterThan(0)
    expect(sim.requests('get-pin').length - from).toBeLessThanOrEqual(12)
  })
})
