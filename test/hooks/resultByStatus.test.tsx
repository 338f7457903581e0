import { QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { usePlexPin, type PlexPinStatus, type UsePlexPinOptions, type UsePlexPinResult } from '../../src'
import { newQueryClient } from '../support/render'
import { FIVE_CREATE_ATTEMPTS_MS, flush, installFakeClock, startSimulator } from '../support/simulator'

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
  installFakeClock()
  const sim = startSimulator()
  const client = newQueryClient()
  const seen = new Set<PlexPinStatus>()
  const violations: string[] = []
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  const hook = renderHook(
    (props: Partial<UsePlexPinOptions>) => {
      const result = usePlexPin({ product: 'Test App', ...options, ...props })
      seen.add(result.status)
      violations.push(...broken(result))
      return result
    },
    { wrapper, initialProps: {} },
  )
  return { sim, seen, violations, ...hook }
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
    expect([...seen].sort()).toEqual(['authenticated', 'creating', 'error', 'expired', 'waiting'])
    expect(violations).toEqual([])
  })

  it('holds on every render of a create that fails for good, and for a mistake in the options', async () => {
    const { sim, result, rerender, seen, violations } = watched()
    sim.fail({ type: 'status', status: 503 }, { times: 100, route: 'create-pin' })
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    rerender({ baseUrl: 'ftp://nowhere' })
    await flush()
    expect(result.current.error).toBeInstanceOf(TypeError)
    expect([...seen].sort()).toEqual(['creating', 'error'])
    expect(violations).toEqual([])
  })
})
