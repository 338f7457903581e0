/**
 * The fault matrix (issue #5): every row of test/README.md's table has a test here, named after
 * the row. Each drives the real widget against the simulator with fake timers.
 */
import { QueryClientProvider } from '@tanstack/react-query'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { codeElement, newQueryClient, renderWithClient, stateOf } from '../support/render'
import { FIVE_CREATE_ATTEMPTS_MS, flush, installFakeClock, startSimulator } from '../support/simulator'
import { signIn } from '../support/signIn'

function rootOf(container: HTMLElement) {
  return container.querySelector<HTMLElement>('[data-plex-login]')
}

async function waitingWidget(props: Partial<Parameters<typeof PlexLogin>[0]> = {}) {
  const signedIn = await signIn(props)
  expect(stateOf(signedIn.container)).toBe('waiting')
  return { ...signedIn, code: signedIn.sim.latestPin()?.code ?? '' }
}

describe('fault: network down while waiting, then back', () => {
  it('keeps the code and a reconnecting hint through a 2-minute outage, then resumes by itself', async () => {
    const { sim, container, code, onAuthenticated } = await waitingWidget()
    sim.fail({ type: 'drop' }, { times: 1000, route: 'get-pin' })
    await flush(120_000)
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(code)
    expect(rootOf(container)?.hasAttribute('data-retrying')).toBe(true)
    expect(screen.getByRole('status').textContent).toMatch(/Reconnecting to plex\.tv… Could not reach plex\.tv/)
    // Backoff, not a tight loop: gaps double from 1 s with jitter, and never drop below 15 s
    // (half of the 30 s cap) once the cap is reached.
    const times = sim.requests('get-pin').map((entry) => entry.time)
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000)
    expect(Math.min(...gaps.slice(6))).toBeGreaterThanOrEqual(15_000)
    expect(times.length).toBeLessThanOrEqual(13)

    sim.clearFaults()
    sim.link(code)
    await flush(31_000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    expect(sim.requests('create-pin')).toHaveLength(1)
  })

  it('polls at once when the browser reports the connection is back', async () => {
    const { sim, container, code, onAuthenticated } = await waitingWidget()
    sim.fail({ type: 'drop' }, { times: 1000, route: 'get-pin' })
    await flush(40_000) // failing since 1 s: now sleeping in a backoff of several seconds
    sim.clearFaults()
    sim.link(code)
    const before = sim.requests('get-pin').length
    act(() => void window.dispatchEvent(new Event('online')))
    await flush()
    expect(sim.requests('get-pin').length).toBe(before + 1)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    expect(stateOf(container)).toBe('authenticated')
  })

  it('waits without requests while the browser is offline and says so', async () => {
    const { sim } = await waitingWidget()
    const { onlineManager } = await import('@tanstack/react-query')
    try {
      act(() => onlineManager.setOnline(false))
      await flush(1000)
      const requests = sim.requests().length
      await flush(60_000)
      expect(sim.requests().length).toBe(requests)
      expect(screen.getByRole('status').textContent).toMatch(/You are offline/)
    } finally {
      act(() => onlineManager.setOnline(true))
    }
    await flush()
    expect(screen.getByRole('status').textContent).not.toMatch(/offline/)
  })

  // isOffline used to need a query paused by TanStack Query, which for the poll happens only
  // when the next poll falls due: up to a minute at the longest pollInterval.
  it('says it is offline at once, not when the next poll falls due', async () => {
    await waitingWidget({ pollInterval: 15_000 })
    const { onlineManager } = await import('@tanstack/react-query')
    try {
      await flush(500)
      act(() => onlineManager.setOnline(false))
      await flush(100)
      expect(screen.getByRole('status').textContent).toMatch(/You are offline/)
    } finally {
      act(() => onlineManager.setOnline(true))
    }
    await flush(100)
    expect(screen.getByRole('status').textContent).not.toMatch(/offline/)
  })
})

describe('fault: 5xx bursts and dropped connections', () => {
  it.each([
    ['503s', { type: 'status', status: 503 } as const],
    ['500s', { type: 'status', status: 500 } as const],
    ['dropped connections', { type: 'drop' } as const],
  ])('%s while creating: backoff, then a code without a reload', async (_name, fault) => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail(fault, { times: 3, route: 'create-pin' })
    const { container } = renderWithClient(<PlexLogin product="Test App" />)
    await flush(500)
    expect(sim.requests('create-pin')).toHaveLength(1)
    await flush(400) // the first backoff is at least 1 s: nothing yet
    expect(sim.requests('create-pin')).toHaveLength(1)
    await flush(20_000)
    expect(sim.requests('create-pin')).toHaveLength(4)
    expect(stateOf(container)).toBe('waiting')
  })

  it.each([
    ['503s', { type: 'status', status: 503 } as const],
    ['dropped connections', { type: 'drop' } as const],
  ])('%s while polling: the code stays and polling recovers', async (_name, fault) => {
    const { sim, container, code } = await waitingWidget()
    sim.fail(fault, { times: 3, route: 'get-pin' })
    await flush(20_000)
    expect(codeElement(container)?.textContent).toBe(code)
    expect(rootOf(container)?.hasAttribute('data-retrying')).toBe(false)
    const polls = sim.requests('get-pin').length
    await flush(3000)
    expect(sim.requests('get-pin').length).toBe(polls + 3)
  })

  it('a persistent create failure shows an error, then keeps retrying every 30 s at most', async () => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'status', status: 503 }, { times: 1000, route: 'create-pin' })
    const statuses: string[] = []
    const onError = vi.fn()
    const { container } = renderWithClient(<PlexLogin product="Test App" onError={onError} onStatusChange={(status) => statuses.push(status)} />)
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    expect(sim.requests('create-pin')).toHaveLength(5)
    expect(stateOf(container)).toBe('error')
    expect(screen.getByRole('status').textContent).toMatch(/plex\.tv is having trouble \(HTTP 503/)
    // The retries go on in the background without taking the error and "Try again" away: the
    // status does not flip back to "creating" for each attempt (TanStack Query would, for a
    // query without data that refetches after an error).
    for (let second = 0; second < 570; second += 1) {
      await flush(1000)
      expect(stateOf(container)).toBe('error')
      expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy()
    }
    expect(statuses).toEqual(['creating', 'error'])
    // One persisting failure, reported once: not once per background attempt.
    expect(onError).toHaveBeenCalledTimes(1)
    // Backoff doubles from 1 s with jitter up to the 30 s cap, then 15–30 s apart: never a tight
    // loop, and never longer than 30 s without a try.
    const times = sim.requests('create-pin').map((entry) => entry.time)
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0))
    expect(Math.min(...gaps.slice(5))).toBeGreaterThanOrEqual(15_000)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000)

    sim.clearFaults()
    await flush(30_000)
    expect(stateOf(container)).toBe('waiting')
    expect(statuses).toEqual(['creating', 'error', 'waiting'])
  })

  it.each([
    ['"Try again" after a persistent create failure asks at once, not after the backoff', () => fireEvent.click(screen.getByRole('button', { name: 'Try again' }))],
    ['a create failing since before the connection dropped asks at once when it is back', () => act(() => void window.dispatchEvent(new Event('online')))],
  ])('%s', async (_name, askAgain) => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'drop' }, { times: 5, route: 'create-pin' })
    const { container } = renderWithClient(<PlexLogin product="Test App" />)
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    expect(stateOf(container)).toBe('error')
    const before = sim.requests('create-pin').length
    askAgain()
    await flush()
    expect(sim.requests('create-pin')).toHaveLength(before + 1)
    expect(stateOf(container)).toBe('waiting')
  })

  it('a create paused while offline resumes once when the connection returns, not twice', async () => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'drop' }, { times: 2, route: 'create-pin' })
    // The app (and its QueryClient's online listener) was there before the widget, as usual.
    const { container, rerender } = renderWithClient(<p>app</p>)
    rerender(<PlexLogin product="Test App" />)
    await flush(500)
    act(() => void window.dispatchEvent(new Event('offline')))
    await flush(10_000) // the backoff sleep ends while offline: TanStack Query pauses the retry
    const before = sim.requests('create-pin').length
    expect(screen.getByRole('status').textContent).toMatch(/You are offline/)
    // TanStack Query's own listener resumes the paused retry; the widget's must not add another.
    act(() => void window.dispatchEvent(new Event('online')))
    await flush()
    expect(sim.requests('create-pin')).toHaveLength(before + 1)
    await flush(5000)
    expect(stateOf(container)).toBe('waiting')
  })
})

describe('fault: 429 rate limiting', () => {
  it.each([
    ['with Retry-After in seconds: no request before the time is up', 429, 15],
    ['a 503 with Retry-After is honoured like a 429', 503, 12],
  ])('%s', async (_name, status, seconds) => {
    const { sim } = await waitingWidget()
    sim.fail({ type: 'status', status, retryAfter: String(seconds) }, { route: 'get-pin' })
    await flush(1000)
    const limited = sim.requests('get-pin').length
    await flush(seconds * 1000 - 500)
    expect(sim.requests('get-pin').length).toBe(limited)
    await flush(600)
    expect(sim.requests('get-pin').length).toBe(limited + 1)
  })

  it('with Retry-After as an HTTP date: no request before that date', async () => {
    const { sim } = await waitingWidget()
    await flush(1000)
    const until = new Date(Date.now() + 21_000)
    sim.fail({ type: 'status', status: 429, retryAfter: until.toUTCString() }, { route: 'get-pin' })
    await flush(1000)
    const limited = sim.requests('get-pin').length
    await flush(30_000)
    const next = sim.requests('get-pin')[limited]
    // HTTP dates have whole seconds: the retry may come up to 1 s before `until`, never earlier.
    expect(next?.time).toBeGreaterThanOrEqual(until.getTime() - 1000)
    expect(next?.time).toBeLessThanOrEqual(until.getTime() + 1000)
  })

  it('without Retry-After: backoff, never tighter than the 1 s floor', async () => {
    const { sim } = await waitingWidget()
    sim.fail({ type: 'status', status: 429 }, { times: 4, route: 'get-pin' })
    await flush(1000)
    const times = () => sim.requests('get-pin').map((entry) => entry.time)
    await flush(30_000)
    const gaps = times()
      .slice(0, 5)
      .map((time, index, all) => (index === 0 ? Infinity : time - (all[index - 1] ?? 0)))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000)
    expect(gaps[4]).toBeGreaterThanOrEqual(4000)
  })

  it('while creating: waits out Retry-After, one POST at a time', async () => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'status', status: 429, retryAfter: '10' }, { route: 'create-pin' })
    const { container } = renderWithClient(<PlexLogin product="Test App" />)
    await flush(9000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(screen.getByRole('status').textContent).toMatch(/plex\.tv is busy\. The sign-in retries by itself\./)
    await flush(1100)
    expect(sim.requests('create-pin')).toHaveLength(2)
    expect(stateOf(container)).toBe('waiting')
  })
})

describe('fault: slow plex.tv', () => {
  it('a 10 s create shows "creating", sends one POST, and unmount aborts it', async () => {
    installFakeClock()
    const sim = startSimulator()
    sim.latencyMs = 10_000
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const { container, unmount } = renderWithClient(<PlexLogin product="Test App" />, { strict: true })
    await flush(5000)
    expect(stateOf(container)).toBe('creating')
    expect(rootOf(container)?.querySelector('[data-placeholder]')).not.toBeNull()
    const [[, init]] = fetchSpy.mock.calls as [[unknown, RequestInit]]
    expect(fetchSpy).toHaveBeenCalledTimes(1)
    unmount()
    await flush()
    expect(init.signal?.aborted).toBe(true)
    await flush(60_000)
    expect(fetchSpy).toHaveBeenCalledTimes(1)
    expect(sim.requests('get-pin')).toHaveLength(0)
  })
})

describe('fault: expiry edge cases', () => {
  it('a PIN that expires while a poll is in flight: renewed once, the dead id is not polled again', async () => {
    const { sim, container } = await waitingWidget()
    const first = sim.latestPin()
    await flush(898_000)
    sim.latencyMs = 3000 // the poll sent at 899 s is still in flight at 900 s
    await flush(1500)
    sim.latencyMs = 0
    await flush(5000)
    expect(sim.requests('create-pin')).toHaveLength(2)
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    const deadPolls = sim.requests('get-pin').filter((entry) => entry.path.endsWith(`/${String(first?.id)}`))
    expect(deadPolls.filter((entry) => entry.time >= (first?.expiresAt ?? 0))).toHaveLength(0)
  })

  it('a 404/1020 for the PIN on screen: a new code, and the old id polled once', async () => {
    const { sim, container } = await waitingWidget()
    const first = sim.latestPin()
    await flush(3000)
    sim.expire()
    await flush(1000)
    await flush(10_000)
    const dead = sim.requests('get-pin').filter((entry) => entry.path.endsWith(`/${String(first?.id)}`) && entry.status === 404)
    expect(dead).toHaveLength(1)
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(sim.requests('create-pin')).toHaveLength(2)
  })

  // plex.tv counts expiresIn down and rounds: a poll in the PIN's last second may read 0. That is
  // a code about to be renewed, not an answer the sign-in cannot use.
  it('a poll in the last second answered with expiresIn 0: renewed as usual, no error on the way', async () => {
    const onError = vi.fn()
    const onStatusChange = vi.fn()
    const { sim, container } = await waitingWidget({ onError, onStatusChange })
    const pin = sim.latestPin()
    await flush(899_000 - 300)
    const body = JSON.stringify({ id: pin?.id, code: pin?.code, clientIdentifier: pin?.clientIdentifier, expiresIn: 0, authToken: null })
    sim.fail({ type: 'body', body, contentType: 'application/json' }, { route: 'get-pin' })
    await flush(3000)
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(onError).not.toHaveBeenCalled()
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['creating', 'waiting', 'creating', 'waiting'])
  })

  it("expiresIn that disagrees with expiresAt (the user's clock is skewed): expiresIn wins", async () => {
    installFakeClock()
    const sim = startSimulator({ now: () => Date.now() - 5 * 3_600_000 })
    const { container } = renderWithClient(<PlexLogin product="Test App" />)
    await flush()
    expect(container.querySelector('[data-part="countdown"]')?.textContent).toBe('Code expires in 15:00')
    await flush(899_000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    await flush(1000)
    expect(sim.requests('create-pin')).toHaveLength(2)
  })
})

describe('fault: the renewal limit is reached', () => {
  it('polling stops completely until "Get a new code"', async () => {
    const { sim, container } = await waitingWidget({ maxRenewals: 0 })
    await flush(900_000)
    expect(stateOf(container)).toBe('expired')
    const requests = sim.requests().length
    await flush(24 * 3_600_000)
    expect(sim.requests().length).toBe(requests)
    fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }))
    await flush(1000)
    expect(stateOf(container)).toBe('waiting')
    expect(sim.requests('create-pin')).toHaveLength(2)
    expect(sim.requests().length).toBe(requests + 2)
  })
})

describe('fault: StrictMode, remounts, two widgets, prop changes', () => {
  it('a fast remount (new key) starts one new PIN and the old one stops', async () => {
    installFakeClock()
    const sim = startSimulator()
    const client = newQueryClient()
    const ui = (key: string) => (
      <StrictMode>
        <QueryClientProvider client={client}>
          <PlexLogin key={key} product="Test App" />
        </QueryClientProvider>
      </StrictMode>
    )
    const { rerender } = render(ui('a'))
    await flush()
    const first = sim.latestPin()
    rerender(ui('b'))
    await flush()
    expect(sim.requests('create-pin')).toHaveLength(2)
    await flush(5000)
    expect(sim.requests('get-pin').filter((entry) => entry.path.endsWith(`/${String(first?.id)}`))).toHaveLength(0)
    expect(sim.requests('get-pin').length).toBe(5)
  })

  it('exactly one onAuthenticated per sign-in, even with a poll answered after a focus refetch', async () => {
    const { sim, code, onAuthenticated } = await waitingWidget()
    sim.link(code)
    sim.latencyMs = 500
    fireEvent.focus(window)
    await flush(600)
    fireEvent.focus(window)
    await flush(5000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
  })
})

describe('fault: the same app open in two tabs', () => {
  it('each tab has its own PIN; a sign-in in one leaves the other waiting', async () => {
    installFakeClock()
    const sim = startSimulator()
    const tabA = vi.fn()
    const tabB = vi.fn()
    // Two tabs: two React roots with their own QueryClient, one shared localStorage.
    const a = render(
      <QueryClientProvider client={newQueryClient()}>
        <PlexLogin product="Test App" onAuthenticated={tabA} />
      </QueryClientProvider>,
    )
    const b = render(
      <QueryClientProvider client={newQueryClient()}>
        <PlexLogin product="Test App" onAuthenticated={tabB} />
      </QueryClientProvider>,
    )
    await flush()
    const [pinA, pinB] = sim.pins
    expect(pinA?.clientIdentifier).toBe(pinB?.clientIdentifier)
    expect(codeElement(a.container)?.textContent).toBe(pinA?.code)
    expect(codeElement(b.container)?.textContent).toBe(pinB?.code)
    sim.link(pinB?.code ?? '')
    await flush(3000)
    expect(tabB).toHaveBeenCalledTimes(1)
    expect(tabA).not.toHaveBeenCalled()
    expect(stateOf(a.container)).toBe('waiting')
    expect(stateOf(b.container)).toBe('authenticated')
  })
})

describe('fault: unmount at every stage leaves nothing behind', () => {
  const stages: [string, (sim: ReturnType<typeof startSimulator>) => void, number][] = [
    ['creating', (sim) => (sim.latencyMs = 10_000), 500],
    ['waiting', () => {}, 2500],
    ['retrying', (sim) => sim.fail({ type: 'status', status: 503 }, { times: 1000 }), 1500],
    ['backoff sleep', (sim) => sim.fail({ type: 'drop' }, { times: 1000, route: 'get-pin' }), 40_000],
    ['error', (sim) => sim.fail({ type: 'body', body: 'nope' }, { route: 'create-pin' }), 500],
  ]
  it.each(stages)('%s: no request, timer or listener survives', async (_stage, arrange, runFor) => {
    installFakeClock()
    const sim = startSimulator()
    arrange(sim)
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    const client = newQueryClient()
    const { unmount } = render(
      <QueryClientProvider client={client}>
        <PlexLogin product="Test App" />
      </QueryClientProvider>,
    )
    await flush(runFor)
    unmount()
    const requests = sim.requests().length
    // TanStack Query does not clear a cancelled retry's sleep (at most 30 s), and the simulator's
    // own latency timer may be pending: both end without doing anything.
    await flush(30_000)
    expect(vi.getTimerCount()).toBe(0)
    await flush(3_600_000)
    expect(sim.requests().length).toBe(requests)
    expect(client.getQueryCache().getAll()).toHaveLength(0)
    const listeners = (spy: typeof added) => spy.mock.calls.map(([type, listener]) => `${type}:${String(listener)}`).sort()
    expect(listeners(removed)).toEqual(listeners(added))
  })
})

describe('fault: storage unavailable or throwing', () => {
  it('signs in with an in-memory client identifier', async () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    })
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError')
    })
    const { sim, code, onAuthenticated } = await waitingWidget()
    sim.link(code)
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    const ids = new Set(sim.log.map((entry) => entry.query['X-Plex-Client-Identifier']))
    expect(ids.size).toBe(1)
  })
})
