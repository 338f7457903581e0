import { act } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { PlexPinStatus, UsePlexPinOptions, UsePlexPinResult } from '../../src'
import { mountHook } from '../support/hook'
import { FIVE_CREATE_ATTEMPTS_MS, flush } from '../support/simulator'

/**
 * The fields `UsePlexPinResult` promises for each status (its type narrows by `status`, so an app
 * writes `if (status === 'waiting') code.split('')` without a `!`). Null or not, per field.
 */
const PROMISED: Record<PlexPinStatus, Partial<Record<'code' | 'pin' | 'qrValue' | 'expiresAt' | 'secondsLeft' | 'error', boolean>>> = {
  creating: { code: false, pin: false, qrValue: false, expiresAt: false, secondsLeft: false, error: false },
  waiting: { code: true, pin: true, qrValue: true, expiresAt: true, secondsLeft: true, error: false },
  authenticated: { code: false, qrValue: false, error: false },
  expired: { code: false, qrValue: false, expiresAt: false, secondsLeft: false, error: false },
  error: { error: true },
}

function broken(result: UsePlexPinResult): string[] {
  const promised = PROMISED[result.status]
  return Object.entries(promised)
    .filter(([field, present]) => (result[field as keyof UsePlexPinResult] !== null) !== present)
    .map(([field, present]) => `${result.status}: ${field} ${present ? 'missing' : 'present'}`)
}

/** Mounts the hook; `seen()` and `violations()` look at the result of every render so far. */
function watched(options: Partial<UsePlexPinOptions> = {}) {
  const mounted = mountHook(options)
  const results = () => mounted.renders.mock.calls.map(([result]) => result as UsePlexPinResult)
  return {
    ...mounted,
    seen: () => new Set(results().map((result) => result.status)),
    violations: () => results().flatMap(broken),
  }
}

describe('usePlexPin result, narrowed by status', () => {
  it('holds on every render through creating, waiting, a failure, renewals, the renewal limit and a sign-in', async () => {
    const { sim, result, seen, violations } = watched({ maxRenewals: 1 })
    await flush(1000)
    sim.fail({ type: 'body', body: '<html>portal</html>', contentType: 'text/html' }, { route: 'get-pin' })
    await flush(1000) // error, the code still on screen
    act(() => result.current.retry())
    await flush(1000)
    sim.expire()
    await flush(1000) // renewed
    sim.expire()
    await flush(1000) // expired: the limit is reached
    act(() => result.current.renew())
    await flush()
    sim.link(result.current.code ?? '')
    await flush(1000)
    expect([...seen()].sort()).toEqual(['authenticated', 'creating', 'error', 'expired', 'waiting'])
    expect(violations()).toEqual([])
  })

  it('holds on every render of a create that fails for good, and for a mistake in the options', async () => {
    const { sim, result, rerender, seen, violations } = watched()
    sim.fail({ type: 'status', status: 503 }, { times: 100, route: 'create-pin' })
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    rerender({ baseUrl: 'ftp://nowhere' })
    await flush()
    expect(result.current.error).toBeInstanceOf(TypeError)
    expect([...seen()].sort()).toEqual(['creating', 'error'])
    expect(violations()).toEqual([])
  })
})
