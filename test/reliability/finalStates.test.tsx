import { act } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { mountHook } from '../support/hook'
import { codeElement, renderWithClient, stateOf } from '../support/render'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

// "expired" (the renewal limit reached) and "authenticated" are final: only renew() (or a new
// mount) starts anything again. Found by a bug-hunting probe (2026-11-26).

const requestsSince = (sim: ReturnType<typeof startSimulator>, from: number) => sim.log.slice(from).map((entry) => `${entry.method} ${entry.path} ${entry.status}`)

/** A code on screen whose last 20 s fall in a plex.tv outage (every poll 503), with no renewal left. */
async function outageAtTheDeadline(step: (ms: number) => Promise<void>, sim: ReturnType<typeof startSimulator>) {
  await step(880_000)
  sim.fail({ type: 'status', status: 503 }, { route: 'get-pin', times: 1000 })
  for (let second = 0; second < 30; second++) await step(1000)
}

describe('the renewal limit reached', () => {
  it('during a poll outage: "expired", not "reconnecting", and the dead PIN is asked nothing more', async () => {
    const { sim, result } = mountHook({ maxRenewals: 0 })
    await flush()
    await outageAtTheDeadline(flush, sim)
    expect(result.current.status).toBe('expired')
    expect({ isRetrying: result.current.isRetrying, failureReason: result.current.failureReason }).toEqual({ isRetrying: false, failureReason: null })
    const from = sim.log.length
    for (let step = 0; step < 30; step++) await flush(10_000)
    expect(requestsSince(sim, from)).toEqual([])
  })

  it('during a poll outage, the widget says the code expired and offers a new one', async () => {
    installFakeClock()
    const sim = startSimulator()
    const { container } = renderWithClient(<PlexLogin product="Test App" maxRenewals={0} />)
    await flush()
    await outageAtTheDeadline(flush, sim)
    expect(stateOf(container)).toBe('expired')
    const root = container.querySelector<HTMLElement>('[data-plex-login]')
    expect(root?.hasAttribute('data-retrying')).toBe(false)
    expect(container.querySelector('[data-part="status"]')?.textContent).toBe('This code has expired.')
    expect(container.querySelector('[data-part="renew"]')).not.toBeNull()
  })

  it("through plex.tv's 404: an online event or retry() sends nothing", async () => {
    const { sim, result } = mountHook({ maxRenewals: 0 })
    await flush()
    sim.expire()
    await flush(1500)
    expect(result.current.status).toBe('expired')
    const from = sim.log.length
    act(() => void window.dispatchEvent(new Event('online')))
    await flush(1000)
    act(() => result.current.retry())
    await flush(1000)
    expect(requestsSince(sim, from)).toEqual([])
    expect(result.current.status).toBe('expired')
  })

  it('an option unusable for a moment says so, without showing the dead code again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { sim, result, rerender } = mountHook({ maxRenewals: 0 })
    await flush()
    sim.expire()
    await flush(1500)
    rerender({ product: '' })
    await flush(10)
    expect({ status: result.current.status, code: result.current.code, qrValue: result.current.qrValue, expiresAt: result.current.expiresAt }).toEqual({
      status: 'error',
      code: null,
      qrValue: null,
      expiresAt: null,
    })
  })
})

describe('a finished sign-in', () => {
  it('stays signed in when an option is unusable for a moment: no error, no spent code, one "authenticated"', async () => {
    installFakeClock()
    const sim = startSimulator()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const onStatusChange = vi.fn()
    const onError = vi.fn()
    const ui = (product: string) => <PlexLogin product={product} onStatusChange={onStatusChange} onError={onError} />
    const { container, rerender } = renderWithClient(ui('Test App'))
    await flush()
    sim.link(sim.latestPin()?.code ?? '')
    await flush(2000)
    expect(stateOf(container)).toBe('authenticated')
    rerender(ui(''))
    await flush(10)
    expect({ state: stateOf(container), code: codeElement(container) }).toEqual({ state: 'authenticated', code: null })
    rerender(ui('Test App'))
    await flush(10)
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['creating', 'waiting', 'authenticated'])
    expect(onError).not.toHaveBeenCalled()
  })
})

describe('after unmount', () => {
  it('a retry() the app kept sends nothing', async () => {
    const { sim, result, unmount } = mountHook()
    await flush()
    sim.fail({ type: 'status', status: 400 }, { route: 'get-pin' })
    await flush(1500)
    expect(result.current.status).toBe('error')
    const { retry } = result.current
    unmount()
    await flush(35_000)
    const from = sim.log.length
    retry()
    await flush(1000)
    expect(requestsSince(sim, from)).toEqual([])
  })
})
