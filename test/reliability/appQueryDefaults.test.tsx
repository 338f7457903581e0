import { focusManager, keepPreviousData, onlineManager, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { Component, type ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { usePlexPin } from '../../src'
import { mountHook } from '../support/hook'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

// An app's QueryClient defaultOptions apply to every query in it, the sign-in's included, unless
// the sign-in's queries set the option themselves. Each case is a default a real app might have.

afterEach(() => {
  focusManager.setFocused(undefined)
  onlineManager.setOnline(true)
})

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    return this.state.failed ? <p>app crashed</p> : this.props.children
  }
}

function MyLogin() {
  const { status, code } = usePlexPin({ product: 'Test App' })
  return <p data-testid="login">{`${status}:${code ?? '-'}`}</p>
}

describe("the app's QueryClient defaults", () => {
  // A common way to send query errors to error boundaries; it would tear the sign-in down, the
  // code a person may be typing and "Try again" with it.
  function mountBehindBoundary() {
    installFakeClock()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const sim = startSimulator()
    const client = new QueryClient({ defaultOptions: { queries: { throwOnError: true } } })
    render(
      <QueryClientProvider client={client}>
        <Boundary>
          <MyLogin />
        </Boundary>
      </QueryClientProvider>,
    )
    return sim
  }

  it('throwOnError: true — a poll answered 400 keeps the code, with status error', async () => {
    const sim = mountBehindBoundary()
    await flush()
    const code = sim.latestPin()?.code
    expect(screen.getByTestId('login').textContent).toBe(`waiting:${code}`)
    sim.fail({ type: 'status', status: 400 }, { route: 'get-pin' })
    await flush(1000)
    expect(screen.queryByText('app crashed')).toBeNull()
    expect(screen.getByTestId('login').textContent).toBe(`error:${code}`)
  })

  it('throwOnError: true — a create answered by a captive portal shows status error', async () => {
    const sim = mountBehindBoundary()
    sim.fail({ type: 'body', body: '<html>Hotel Wi-Fi</html>', contentType: 'text/html' }, { route: 'create-pin' })
    await flush()
    expect(screen.queryByText('app crashed')).toBeNull()
    expect(screen.getByTestId('login').textContent).toBe('error:-')
  })

  // The new round's query would show the old PIN as a placeholder; its deadline is past, so every
  // new round expired at once and the whole renewal budget burnt in a second.
  it('placeholderData: keepPreviousData — one expiry renews once, with a fresh code', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { placeholderData: keepPreviousData } } })
    const { sim, result } = mountHook({}, client, { latencyMs: 300 })
    await flush(300)
    const first = result.current.code
    expect(result.current.status).toBe('waiting')
    await flush(900_000 - 300)
    await flush(2000)
    expect({
      status: result.current.status,
      renewals: result.current.renewals,
      posts: sim.requests('create-pin').length,
      newCode: result.current.code !== first && result.current.code === sim.latestPin()?.code,
    }).toEqual({ status: 'waiting', renewals: 1, posts: 2, newCode: true })
  })

  it("networkMode: 'always' — offline still pauses requests and reports isOffline", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { networkMode: 'always' } } })
    const { sim, result } = mountHook({}, client)
    await flush()
    act(() => onlineManager.setOnline(false))
    sim.fail({ type: 'drop' }, { times: 1000 }) // what fetch does while the machine is offline
    await flush(1000)
    const requests = sim.requests().length
    await flush(60_000)
    expect({ isOffline: result.current.isOffline, requestsWhileOffline: sim.requests().length - requests }).toEqual({
      isOffline: true,
      requestsWhileOffline: 0,
    })
  })

  it("notifyOnChangeProps: 'all' — polls that change nothing still re-render nothing", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { notifyOnChangeProps: 'all' } } })
    const { sim, renders, result } = mountHook({}, client)
    await flush()
    expect(result.current.status).toBe('waiting')
    const settled = renders.mock.calls.length
    await flush(10_000)
    expect(sim.requests('get-pin').length).toBeGreaterThanOrEqual(9)
    expect(renders.mock.calls.length - settled).toBe(0)
  })

  // A live dashboard that refreshes every query each second would re-send a create that failed
  // for good, flipping "error" to "creating" and back every second.
  it('refetchInterval: 1000 — a create answered 400 stays an error and is not sent again', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { refetchInterval: 1000 } } })
    const statuses = vi.fn()
    const { sim, result } = mountHook({ onStatusChange: statuses }, client)
    sim.fail({ type: 'status', status: 400 }, { times: 1000, route: 'create-pin' })
    await flush(100)
    expect(result.current.status).toBe('error')
    await flush(10_000)
    expect({ posts: sim.requests('create-pin').length, statuses: statuses.mock.calls.map(([status]) => status) }).toEqual({
      posts: 1,
      statuses: ['creating', 'error'],
    })
  })
})
