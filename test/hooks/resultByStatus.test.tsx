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

/** Mounts the hook and checks the promise on every render, collecting the statuses seen. */
function watched(options: Partial<UsePlexPinOptions> = {}) {
  const mounted = mountHook(options)
  const seen = new Set<PlexPinStatus>()
  const violations: string[] = []
  const check = async (ms = 0) => {
    await flush(ms)
    seen.add(mounted.result.current.status)
    violations.push(...broken(mounted.result.current))
  }
  return { ...mounted, seen, violations, check }
}

describe('usePlexPin result, narrowed by status', () => {
  it('holds through creating, waiting, a failure, renewals, the renewal limit and a sign-in', async () => {
    const { sim, result, seen, violations, check } = watched({ maxRenewals: 1 })
    await check() // creating: nothing answered yet within this same tick
    await check(1000)
    sim.fail({ type: 'body', body: '<html>portal</html>', contentType: 'text/html' }, { route: 'get-pin' })
    await check(1000) // error, code still on screen
    act(() => result.current.retry())
    await check(1000)
    sim.expire()
    await check(1000) // renewed
    sim.expire()
    await check(1000) // expired: the limit is reached
    act(() => result.current.renew())
    await check()
    sim.link(result.current.code ?? '')
    await check(1000)
    expect([...seen].sort()).toEqual(['authenticated', 'error', 'expired', 'waiting'])
    expect(violations).toEqual([])
  })

  it('holds while creating, in a create that fails for good, and for a mistake in the options', async () => {
    const { sim, result, rerender, seen, violations } = watched()
    violations.push(...broken(result.current))
    seen.add(result.current.status)
    sim.fail({ type: 'status', status: 503 }, { times: 100, route: 'create-pin' })
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    seen.add(result.current.status)
    violations.push(...broken(result.current))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    rerender({ baseUrl: 'ftp://nowhere' })
    await flush()
    violations.push(...broken(result.current))
    expect(result.current.error).toBeInstanceOf(TypeError)
    expect([...seen].sort()).toEqual(['creating', 'error'])
    expect(violations).toEqual([])
  })
})
