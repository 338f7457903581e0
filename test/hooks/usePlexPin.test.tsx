import { QueryClientProvider } from '@tanstack/react-query'
import { act, render, renderHook, screen } from '@testing-library/react'
import { useLayoutEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it, vi } from 'vitest'
import { usePlexPin, type UsePlexPinResult } from '../../src'
import { mountHook } from '../support/hook'
import { newQueryClient } from '../support/render'
import { FIVE_CREATE_ATTEMPTS_MS, flush, installFakeClock, startSimulator } from '../support/simulator'

describe('usePlexPin', () => {
  it('reports creating, then the code, link and QR value', async () => {
    const { sim, result } = mountHook()
    expect(result.current).toMatchObject({ status: 'creating', code: null, pin: null, qrValue: null, error: null, isRetrying: false })
    await flush()
    const { code, id } = sim.latestPin() ?? {}
    expect(result.current).toMatchObject({
      status: 'waiting',
      code,
      linkUrl: 'https://plex.tv/link',
      qrValue: `https://plex.tv/link?pin=${code}`,
      renewals: 0,
    })
    expect(result.current.pin).toMatchObject({ id, code, expiresIn: 900 })
    expect(result.current.pin).not.toHaveProperty('authToken')
  })

  it('measures the deadline from the answer’s arrival, not from plex.tv’s clock', async () => {
    installFakeClock()
    // plex.tv's clock two hours ahead of the user's: expiresAt is useless here, expiresIn is not.
    const sim = startSimulator({ now: () => Date.now() + 2 * 3_600_000 })
    const client = newQueryClient()
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
    const { result } = renderHook(() => usePlexPin({ product: 'Test App' }), { wrapper })
    await flush()
    const arrived = Date.now()
    expect(Date.parse(result.current.pin?.expiresAt ?? '') - arrived).toBeGreaterThan(2 * 3_600_000)
    expect(result.current.expiresAt).toBe(arrived + 900_000)
    expect(result.current.secondsLeft).toBe(900)
    await flush(899_000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    await flush(1000)
    expect(sim.requests('create-pin')).toHaveLength(2)
  })

  it('keeps secondsLeft live for a caller that reads it', async () => {
    installFakeClock()
    startSimulator()
    const client = newQueryClient()
    const renders = vi.fn()
    function Countdown() {
      const { secondsLeft } = usePlexPin({ product: 'Test App' })
      renders()
      return <p>{secondsLeft === null ? 'none' : `${secondsLeft}s`}</p>
    }
    render(
      <QueryClientProvider client={client}>
        <Countdown />
      </QueryClientProvider>,
    )
    await flush()
    expect(screen.getByText('900s')).toBeTruthy()
    const before = renders.mock.calls.length
    await flush(10_000)
    expect(screen.getByText('890s')).toBeTruthy()
    // Once a second, plus the polls that came back: about 10 renders, not one per poll and tick each.
    expect(renders.mock.calls.length - before).toBeGreaterThanOrEqual(10)
    expect(renders.mock.calls.length - before).toBeLessThanOrEqual(12)
  })

  it('does not re-render a caller that ignores secondsLeft on polls that change nothing', async () => {
    installFakeClock()
    const sim = startSimulator()
    const client = newQueryClient()
    const renders = vi.fn()
    function Code() {
      const { code } = usePlexPin({ product: 'Test App' })
      renders()
      return <p>{code}</p>
    }
    render(
      <QueryClientProvider client={client}>
        <Code />
      </QueryClientProvider>,
    )
    await flush()
    const settled = renders.mock.calls.length
    await flush(10_000)
    expect(sim.requests('get-pin').length).toBeGreaterThanOrEqual(9)
    expect(renders.mock.calls.length).toBe(settled)
  })

  it('waits while enabled is false, then starts', async () => {
    const { sim, result, rerender } = mountHook({ enabled: false })
    await flush(5000)
    expect(result.current.status).toBe('creating')
    expect(sim.requests()).toHaveLength(0)
    rerender({ enabled: true })
    await flush()
    expect(result.current.status).toBe('waiting')
    expect(sim.requests('create-pin')).toHaveLength(1)
  })

  // The budget's "mount → code visible" is mostly one round trip: a request sent only in the
  // passive effects waits for the browser's layout, and often its paint, of the whole page.
  it('sends the create request in the commit that mounts it: a layout effect after the hook sees it sent', () => {
    const sent: string[] = []
    const fetchSpy = (input: RequestInfo | URL) => {
      sent.push(String(input))
      return new Promise<Response>(() => {}) // never answered: only the sending matters here
    }
    let sentBeforeLayout = -1
    function SignIn({ enabled }: { enabled: boolean }) {
      usePlexPin({ product: 'Test App', fetch: fetchSpy, enabled })
      useLayoutEffect(() => {
        sentBeforeLayout = sent.length
      }, [])
      return null
    }
    const { unmount } = render(<SignIn enabled />)
    expect(sentBeforeLayout).toBe(1)
    expect(sent).toEqual([expect.stringMatching(/\/api\/v2\/pins\?/)])
    unmount()

    // Not where useQuery would not ask either.
    sent.length = 0
    render(<SignIn enabled={false} />)
    expect(sentBeforeLayout).toBe(0)
    expect(sent).toEqual([])
  })

  it('a create refused before useQuery subscribes is the error of that request: one POST, not a second', async () => {
    // An app's own fetch (a test double, plex.fetch from the simulator) can answer before React
    // runs passive effects, where useQuery subscribes. Outside act(), as in a browser, React runs
    // them in a later task; the refusal comes first. A prefetch through TanStack made a second
    // POST here (its failed fetch is not joined but restarted), and a scripted one-time fault never showed.
    const sent: string[] = []
    const refuse = (input: RequestInfo | URL) => {
      sent.push(String(input))
      return Promise.resolve(new Response('{"errors":[{"code":1000,"message":"bad"}]}', { status: 400, headers: { 'Content-Type': 'application/json' } }))
    }
    const seen: { result?: UsePlexPinResult } = {}
    function SignIn() {
      seen.result = usePlexPin({ product: 'Test App', fetch: refuse })
      return null
    }
    const reactGlobals = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
    const actEnvironment = reactGlobals.IS_REACT_ACT_ENVIRONMENT
    reactGlobals.IS_REACT_ACT_ENVIRONMENT = false
    const root = createRoot(document.createElement('div'))
    try {
      root.render(<SignIn />)
      await vi.waitFor(() => expect(seen.result?.status).toBe('error'))
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(sent).toHaveLength(1)
      expect(seen.result?.status).toBe('error')
    } finally {
      root.unmount()
      reactGlobals.IS_REACT_ACT_ENVIRONMENT = actEnvironment
    }
  })

  it("an app fetch that sets state when it starts (a network-activity indicator) is called outside React's insertion phase", async () => {
    // React logs "useInsertionEffect must not schedule updates" for a fetch started in one.
    const errors = vi.spyOn(console, 'error')
    try {
      installFakeClock()
      startSimulator()
      let active = 0
      const listeners = new Set<() => void>()
      const activity = {
        subscribe: (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener)),
        get: () => active,
        add: (n: number) => ((active += n), listeners.forEach((listener) => listener())),
      }
      const tracked: typeof fetch = (...args) => {
        activity.add(1)
        return fetch(...args).finally(() => activity.add(-1))
      }
      function SignIn() {
        return <p>{usePlexPin({ product: 'Test App', fetch: tracked }).status}</p>
      }
      function App() {
        const busy = useSyncExternalStore(activity.subscribe, activity.get)
        const [open, setOpen] = useState(false)
        return (
          <>
            <button data-busy={busy} onClick={() => setOpen(true)}>
              Sign in with Plex
            </button>
            {open && <SignIn />}
          </>
        )
      }
      render(<App />)
      act(() => screen.getByRole('button').click())
      await flush()
      expect(screen.getByText('waiting')).toBeTruthy()
      expect(errors).not.toHaveBeenCalled()
    } finally {
      errors.mockRestore()
    }
  })

  it('renew() drops the current code for a fresh one', async () => {
    const { sim, result } = mountHook()
    await flush()
    const first = result.current.code
    act(() => result.current.renew())
    await flush()
    expect(sim.requests('create-pin')).toHaveLength(2)
    expect(result.current.code).toBe(sim.latestPin()?.code)
    expect(result.current.pin?.id).not.toBe(sim.pins[0]?.id)
    expect(first).toBe(sim.pins[0]?.code)
  })

  it('renew() after the renewal limit gives a fresh budget: the next expiry renews by itself again', async () => {
    const { sim, result } = mountHook({ maxRenewals: 1 })
    await flush()
    sim.expire()
    await flush(1000)
    sim.expire()
    await flush(1000)
    expect(result.current.status).toBe('expired')
    act(() => result.current.renew())
    await flush()
    expect(result.current.renewals).toBe(0)
    const creates = sim.requests('create-pin').length
    sim.expire()
    await flush(1000)
    expect(result.current.status).toBe('waiting')
    expect(result.current.renewals).toBe(1)
    expect(sim.requests('create-pin')).toHaveLength(creates + 1)
  })

  it('four failed create attempts never reach "error" nor onError: a fifth that succeeds shows the code', async () => {
    const onError = vi.fn()
    const { sim, result } = mountHook({ onError })
    sim.fail({ type: 'status', status: 503 }, { route: 'create-pin', times: 4 })
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    expect(sim.requests('create-pin')).toHaveLength(5)
    expect(result.current.status).toBe('waiting')
    expect(onError).not.toHaveBeenCalled()
  })

  // A kiosk or TV dashboard that shows the code all day (an API probe found Infinity replaced by 3).
  it('maxRenewals: Infinity renews for good, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { sim, result } = mountHook({ maxRenewals: Infinity })
    await flush()
    await flush(5 * 900_000)
    expect({ status: result.current.status, renewals: result.current.renewals, pins: sim.pins.length }).toEqual({ status: 'waiting', renewals: 5, pins: 6 })
    expect(warn).not.toHaveBeenCalled()
  })

  it('clamps pollInterval to the 1 s floor and warns once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { sim } = mountHook({ pollInterval: 50 })
    await flush()
    await flush(3000)
    expect(sim.requests('get-pin')).toHaveLength(3)
    expect(warn.mock.calls.filter(([message]) => String(message).includes('pollInterval'))).toHaveLength(1)
  })

  it('honours a slower pollInterval', async () => {
    const { sim } = mountHook({ pollInterval: 3000 })
    await flush()
    await flush(9000)
    expect(sim.requests('get-pin')).toHaveLength(3)
  })

  // Weak Wi-Fi loses a poll now and then; the next one comes within the interval anyway. Flagging
  // each lost poll flipped the status line (and a screen reader) 17 times in 30 s (an
  // error-message probe).
  it('lets a single lost poll pass silently; from the second in a row it reports isRetrying', async () => {
    const { sim, result } = mountHook()
    await flush()
    const seen: boolean[] = []
    sim.fail({ type: 'drop' }, { times: 1, route: 'get-pin' })
    for (let second = 0; second < 5; second += 1) {
      await flush(1000)
      seen.push(result.current.isRetrying)
    }
    expect(seen).toEqual([false, false, false, false, false])
    sim.fail({ type: 'drop' }, { times: 2, route: 'get-pin' })
    await flush(1000)
    expect(result.current.isRetrying).toBe(false)
    await flush(1500) // the second lost poll came at 2 s; the next is due 1–2 s after it
    expect(result.current).toMatchObject({ status: 'waiting', isRetrying: true })
  })

  it('reports isRetrying with the reason while a poll fails transiently', async () => {
    const { sim, result } = mountHook()
    await flush()
    sim.fail({ type: 'status', status: 502 }, { times: 3, route: 'get-pin' })
    await flush(3000) // the second failure in a row (at 2 s); the third keeps it up to 4 s
    expect(result.current).toMatchObject({ status: 'waiting', isRetrying: true })
    expect(result.current.failureReason?.message).toMatch(/HTTP 502/)
    await flush(10_000)
    expect(result.current).toMatchObject({ status: 'waiting', isRetrying: false, failureReason: null })
  })

  it('a poll refused for good reaches "error" and stays there: no poll until "Try again"', async () => {
    const { sim, result } = mountHook()
    await flush()
    sim.fail({ type: 'status', status: 400 }, { route: 'get-pin' })
    await flush(1000)
    expect(result.current.status).toBe('error')
    const polls = sim.requests('get-pin').length
    await flush(60_000)
    expect(sim.requests('get-pin')).toHaveLength(polls)
    expect(result.current.status).toBe('error')
  })

  it('is not retrying once a create failure persists: the error is what shows', async () => {
    const { sim, result } = mountHook()
    sim.fail({ type: 'status', status: 503 }, { route: 'create-pin', times: 100 })
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    expect(result.current).toMatchObject({ status: 'error', isRetrying: false, failureReason: null })
  })

  it('is not retrying once the code expired for good during an outage', async () => {
    const { sim, result } = mountHook({ maxRenewals: 0 })
    await flush()
    sim.fail({ type: 'drop' }, { route: 'get-pin', times: 1000 })
    await flush(10_000)
    expect(result.current).toMatchObject({ status: 'waiting', isRetrying: true })
    await flush(900_000)
    expect(result.current).toMatchObject({ status: 'expired', isRetrying: false, failureReason: null })
  })

  it('is not offline while a retry waits for the hidden tab to come back', async () => {
    const { focusManager } = await import('@tanstack/react-query')
    try {
      const { sim, result } = mountHook()
      sim.fail({ type: 'drop' }, { times: 1, route: 'create-pin' })
      act(() => focusManager.setFocused(false))
      await flush(5000) // the backoff sleep is over; TanStack Query holds the retry until visible
      expect(sim.requests('create-pin')).toHaveLength(1)
      expect(result.current).toMatchObject({ status: 'creating', isRetrying: true, isOffline: false })
      act(() => focusManager.setFocused(true))
      await flush()
      expect(result.current.status).toBe('waiting')
    } finally {
      focusManager.setFocused(undefined)
    }
  })

  it('reports isOffline while the browser is offline, and resumes when it is back', async () => {
    const { sim, result } = mountHook()
    await flush()
    const { onlineManager } = await import('@tanstack/react-query')
    try {
      act(() => onlineManager.setOnline(false))
      await flush(1000)
      expect(result.current.isOffline).toBe(true)
      expect(result.current.status).toBe('waiting')
      const polls = sim.requests('get-pin').length
      await flush(10_000)
      expect(sim.requests('get-pin').length).toBe(polls)
      sim.link(result.current.code ?? '')
      act(() => onlineManager.setOnline(true))
      await flush()
      expect(result.current.status).toBe('authenticated')
    } finally {
      onlineManager.setOnline(true)
    }
  })

  it('is not offline when nothing waits for the network: switched off, or signed in', async () => {
    const { onlineManager } = await import('@tanstack/react-query')
    try {
      const off = mountHook({ enabled: false })
      await flush()
      act(() => onlineManager.setOnline(false))
      await flush()
      expect(off.result.current.isOffline).toBe(false)
      off.unmount()
      act(() => onlineManager.setOnline(true))

      const { sim, result } = mountHook()
      await flush()
      sim.link(result.current.code ?? '')
      await flush(1000)
      expect(result.current.status).toBe('authenticated')
      act(() => onlineManager.setOnline(false))
      await flush()
      expect(result.current.isOffline).toBe(false)
    } finally {
      onlineManager.setOnline(true)
    }
  })

  // "The person closed the sign-in dialog" during a plex.tv outage: the create's retries, which
  // never give up on a transient failure, must stop, and no PIN may be made while switched off.
  // What the README says `enabled: false` reads as once a code is on screen (an API probe found
  // the README claiming "creating" there).
  it('enabled: false with a code on screen keeps the code unpolled, drops it at its deadline, and picks up again', async () => {
    const { sim, result, rerender } = mountHook()
    await flush()
    const first = result.current.code
    rerender({ enabled: false })
    const polls = sim.requests('get-pin').length
    await flush(10_000)
    expect({ status: result.current.status, code: result.current.code, polls: sim.requests('get-pin').length - polls }).toEqual({
      status: 'waiting',
      code: first,
      polls: 0,
    })
    await flush(900_000)
    expect({ status: result.current.status, code: result.current.code, renewals: result.current.renewals, pins: sim.pins.length }).toEqual({
      status: 'creating',
      code: null,
      renewals: 1,
      pins: 1,
    })
    rerender({ enabled: true })
    await flush()
    expect(result.current.status).toBe('waiting')
    expect(result.current.code).not.toBe(first)
  })

  it('enabled: false during a create outage stops the POSTs', async () => {
    const { sim, result, rerender } = mountHook()
    sim.fail({ type: 'status', status: 503 }, { times: 1000, route: 'create-pin' })
    await flush(3000)
    rerender({ enabled: false })
    await flush(2000)
    const posts = sim.requests('create-pin').length
    await flush(30 * 60_000)
    expect({ postsWhileDisabled: sim.requests('create-pin').length - posts, status: result.current.status }).toEqual({
      postsWhileDisabled: 0,
      status: 'creating',
    })
  })

  it('enabled: false with a create in flight: no PIN is made while disabled, and enabling makes one', async () => {
    const { sim, result, rerender } = mountHook({}, undefined, { latencyMs: 500 })
    await flush(100)
    rerender({ enabled: false })
    await flush(10 * 60_000)
    expect({ code: result.current.code, status: result.current.status }).toEqual({ code: null, status: 'creating' })
    rerender({ enabled: true })
    await flush(1000)
    expect(result.current.status).toBe('waiting')
    expect(result.current.code).toBe(sim.latestPin()?.code)
    expect(sim.pins).toHaveLength(1)
  })

  // An app's useEffect(…, [error]) (a toast, a log line) would fire every 15–30 s for one outage.
  it('keeps the same error object while one failure persists through background retries', async () => {
    const { sim, result } = mountHook()
    sim.fail({ type: 'status', status: 503 }, { times: 1000, route: 'create-pin' })
    await flush(20_000)
    expect(result.current.status).toBe('error')
    const first = result.current.error
    await flush(120_000)
    expect(result.current.error).toBe(first)
  })

  // With a minute between polls, a code linked while the connection was down would otherwise wait
  // up to a minute after it is back.
  it('polls as soon as the connection is back, not at the next of slow polls', async () => {
    const { onlineManager } = await import('@tanstack/react-query')
    try {
      const { sim, result } = mountHook({ pollInterval: 60_000 })
      await flush()
      await flush(60_000)
      const polls = sim.requests('get-pin').length
      act(() => onlineManager.setOnline(false))
      await flush(5000)
      sim.link(result.current.code ?? '')
      act(() => onlineManager.setOnline(true))
      await flush(100)
      expect({ polls: sim.requests('get-pin').length - polls, status: result.current.status }).toEqual({ polls: 1, status: 'authenticated' })
    } finally {
      onlineManager.setOnline(true)
    }
  })

  // A poll sent into a dead connection can hang until the 30 s request timeout; the `online` event
  // replaces it rather than joining it.
  it('back online, a poll hanging in a dead connection is replaced by a fresh one', async () => {
    const { sim, result } = mountHook({ pollInterval: 60_000 })
    await flush()
    sim.fail({ type: 'drop' }, { times: 1, route: 'get-pin' })
    await flush(60_000)
    expect(sim.requests('get-pin').at(-1)?.status).toBe(0) // lost: the next poll is a retry
    sim.latencyMs = 25_000
    await flush(65_000) // the next poll, backed off to the interval, is sent and hangs
    const hanging = sim.requests('get-pin').length
    expect(sim.requests('get-pin').at(-1)?.status).toBe(0)
    sim.latencyMs = 0
    sim.link(result.current.code ?? '')
    act(() => void window.dispatchEvent(new Event('online')))
    await flush(100)
    expect({ polls: sim.requests('get-pin').length - hanging, status: result.current.status }).toEqual({ polls: 1, status: 'authenticated' })
  })

  // The online handler restarts a create only once an attempt has failed: a blip while the first
  // create is on its way must not abandon it and ask plex.tv for a second PIN.
  it('a connection blip while the first create is on its way sends no second create', async () => {
    const { sim, result } = mountHook({}, undefined, { latencyMs: 2000 })
    await flush(500)
    expect(sim.requests('create-pin')).toHaveLength(1)
    act(() => {
      window.dispatchEvent(new Event('offline'))
      window.dispatchEvent(new Event('online'))
    })
    await flush(3000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(result.current.status).toBe('waiting')
  })

  // A person who linked the code in another window (not another tab: no visibilitychange) and
  // comes back is seen at once, not at the next poll, which can be a minute away.
  it('a window focus polls at once, without waiting out a long pollInterval', async () => {
    const { sim, result } = mountHook({ pollInterval: 60_000 })
    await flush()
    await flush(1000)
    expect(result.current.status).toBe('waiting')
    const before = sim.requests('get-pin').length
    sim.link(result.current.code ?? '')
    act(() => void window.dispatchEvent(new Event('focus')))
    await flush(100)
    expect(sim.requests('get-pin').length).toBe(before + 1)
    expect(result.current.status).toBe('authenticated')
  })

  it('cancels a poll in flight when polling ends, aborting its request', async () => {
    const signals: AbortSignal[] = []
    const recording: typeof fetch = (input, init) => {
      if (init?.signal) signals.push(init.signal)
      return fetch(input, init)
    }
    const { sim, result } = mountHook({ fetch: recording, maxRenewals: 0 })
    await flush()
    expect(result.current.status).toBe('waiting')
    await flush((result.current.expiresAt ?? 0) - Date.now() - 1500)
    sim.latencyMs = 5000 // the last poll before the deadline is still on its way after it
    await flush(1000)
    const inFlight = signals.at(-1)
    expect(sim.requests('get-pin').at(-1)?.status).toBe(0)
    await flush(600)
    expect(result.current.status).toBe('expired')
    expect(inFlight?.aborted).toBe(true)
  })
})
