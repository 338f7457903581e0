import { dehydrate, focusManager, hydrate, IsRestoringProvider, onlineManager, QueryClient, QueryClientProvider, useQueryClient, type DehydratedState } from '@tanstack/react-query'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { Activity, useEffect, useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PlexLogin, usePlexPin, type PlexLoginProps, type UsePlexPinResult } from '../../src'
import { createPlexSimulator } from '../../src/testing'
import { deepText } from '../support/deepText'
import { codeElement, renderWithClient, stateOf } from '../support/render'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

// What the rest of the app does around the widget: its own QueryClient calls, tab switches after
// the sign-in, React hiding the widget, a persisted cache. None of it may replace the code a person
// may be typing, undo a sign-in, or start a new one.

afterEach(() => {
  focusManager.setFocused(undefined)
  onlineManager.setOnline(true)
})

async function waitingWidget(onAuthenticated = vi.fn(), onStatusChange = vi.fn()) {
  installFakeClock()
  const sim = startSimulator()
  const view = renderWithClient(<PlexLogin product="Test App" onAuthenticated={onAuthenticated} onStatusChange={onStatusChange} />)
  await flush()
  const code = codeElement(view.container)?.textContent ?? ''
  expect(code).toBe(sim.latestPin()?.code)
  return { sim, code, onAuthenticated, onStatusChange, ...view }
}

async function signedIn() {
  const widget = await waitingWidget()
  widget.sim.link(widget.code)
  await flush(1000)
  expect(stateOf(widget.container)).toBe('authenticated')
  expect(widget.onAuthenticated).toHaveBeenCalledTimes(1)
  return widget
}

const cacheCalls = [
  ['invalidateQueries()', (client: QueryClient) => client.invalidateQueries()],
  ['refetchQueries()', (client: QueryClient) => client.refetchQueries()],
  ['resetQueries()', (client: QueryClient) => client.resetQueries()],
] as const

describe("the app's own QueryClient calls", () => {
  it.each(cacheCalls)('%s while the code is on screen keeps the code, and linking it signs in', async (_name, call) => {
    const { sim, code, container, client, onAuthenticated } = await waitingWidget()
    await act(() => call(client))
    await flush(100)
    expect(codeElement(container)?.textContent).toBe(code)
    expect(sim.requests('create-pin')).toHaveLength(1)
    sim.link(code)
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
  })

  it.each(cacheCalls)('%s after the sign-in (say, in onAuthenticated) leaves it signed in, with no new PIN', async (_name, call) => {
    const { sim, container, client, onAuthenticated, onStatusChange } = await signedIn()
    await act(() => call(client))
    await flush(20 * 60_000)
    expect(stateOf(container)).toBe('authenticated')
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['creating', 'waiting', 'authenticated'])
  })
})

describe('after the sign-in', () => {
  it('a tab switch or a reconnect sends nothing, even once the PIN has expired on plex.tv', async () => {
    const { sim, container, onStatusChange } = await signedIn()
    const polls = sim.requests('get-pin').length
    for (const minutes of [0, 20]) {
      await flush(minutes * 60_000)
      act(() => {
        focusManager.setFocused(false)
        focusManager.setFocused(true)
        onlineManager.setOnline(false)
        onlineManager.setOnline(true)
      })
      act(() => void window.dispatchEvent(new Event('focus')))
      await flush(2000)
    }
    expect(sim.requests('get-pin')).toHaveLength(polls)
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(stateOf(container)).toBe('authenticated')
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['creating', 'waiting', 'authenticated'])
  })
})

/** `<Activity>` is React 19.2's; the React 18 run (`npm run test:react18`) reports these as skipped. */
const hasActivity = typeof (Activity as unknown) !== 'undefined'

describe.runIf(hasActivity)('React hiding the widget (<Activity>, React 19.2+)', () => {
  /** The widget inside `<Activity>`, first rendered in `mode`; `setMode()` hides or shows it. */
  function inActivity(props: Partial<PlexLoginProps> = {}, mode: 'visible' | 'hidden' = 'visible') {
    installFakeClock()
    const sim = startSimulator()
    const ui = (current: 'visible' | 'hidden') => (
      <Activity mode={current}>
        <PlexLogin product="Test App" {...props} />
      </Activity>
    )
    const view = renderWithClient(ui(mode))
    return { sim, ui, ...view, setMode: (next: 'visible' | 'hidden') => view.rerender(ui(next)) }
  }

  /** A waiting widget inside `<Activity>`, hidden for 3 s; `show()` makes it visible again. */
  async function hiddenWaitingWidget(props: Partial<PlexLoginProps> = {}) {
    const { sim, container, setMode } = inActivity(props)
    await flush()
    const code = codeElement(container)?.textContent ?? ''
    setMode('hidden')
    await flush(3000)
    return { sim, code, container, show: () => setMode('visible') }
  }

  it('<Activity mode="hidden"> for a while keeps the code; linking it meanwhile signs in once shown', async () => {
    const onAuthenticated = vi.fn()
    const { sim, code, container, show } = await hiddenWaitingWidget({ onAuthenticated })
    const pollsWhileHidden = sim.requests('get-pin').length
    sim.link(code)
    await flush(3000)
    // Hidden means effects are gone: nothing polls until it is shown again.
    expect(sim.requests('get-pin')).toHaveLength(pollsWhileHidden)
    show()
    await flush(1000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    expect(stateOf(container)).toBe('authenticated')
  })

  it('<Activity> hiding and showing a signed-in widget hands the token over once, not again', async () => {
    // A mutation probe removed both places that clear the delivered token: nothing noticed.
    const onAuthenticated = vi.fn()
    const { sim, container, setMode } = inActivity({ onAuthenticated })
    await flush()
    sim.link(codeElement(container)?.textContent ?? '')
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    setMode('hidden')
    await flush(1000)
    setMode('visible')
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    expect(stateOf(container)).toBe('authenticated')
  })

  it('<Activity> hiding and showing a waiting widget never blanks the code nor reports "creating" again', async () => {
    // Found in Next.js: with cacheComponents, navigating back shows the hidden route again.
    const onStatusChange = vi.fn()
    const { sim, code, container, show } = await hiddenWaitingWidget({ onStatusChange })
    const shown: string[] = []
    const observer = new MutationObserver(() => shown.push(`${stateOf(container)} ${codeElement(container)?.textContent}`))
    observer.observe(container, { subtree: true, attributes: true, childList: true, characterData: true })
    show()
    await flush(1000)
    observer.disconnect()
    expect(shown.length).toBeGreaterThan(0)
    expect(new Set(shown)).toEqual(new Set([`waiting ${code}`]))
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['creating', 'waiting'])
    expect(sim.requests('create-pin')).toHaveLength(1)
  })

  // README: "past the code's deadline that means a new code".
  it('<Activity> shown again after the deadline: a new code from one POST, the dead PIN not polled, and the new one signs in', async () => {
    const onAuthenticated = vi.fn()
    const { sim, container, setMode } = inActivity({ onAuthenticated })
    await flush()
    const first = codeElement(container)?.textContent
    setMode('hidden')
    await flush(16 * 60_000) // past the 900 s the code lives
    const pollsWhileHidden = sim.requests('get-pin').length
    setMode('visible')
    await flush(1000)
    expect(sim.requests('create-pin')).toHaveLength(2)
    expect(stateOf(container)).toBe('waiting')
    const second = codeElement(container)?.textContent
    expect(second).toBe(sim.latestPin()?.code)
    expect(second).not.toBe(first)
    // The dead PIN is not asked about: the one poll after showing is the new PIN's.
    expect(sim.requests('get-pin').slice(pollsWhileHidden).map((entry) => entry.path)).toEqual([`/api/v2/pins/${sim.latestPin()?.id}`])
    sim.link(second ?? '')
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
  })

  it('first mounted hidden (a sign-in prerendered by <Activity>): no PIN until shown, and then a fresh one', async () => {
    // The create request leaves in the commit, before useQuery subscribes. From an insertion
    // effect it left in a hidden commit too (a probe found it): a PIN ageing unseen, a renewal
    // spent, or "expired" at once with maxRenewals 0, and a PIN made for a page never shown.
    const { sim, ui, container, setMode, unmount } = inActivity({ maxRenewals: 0 }, 'hidden')
    await flush(20 * 60_000)
    expect(sim.requests()).toHaveLength(0)
    setMode('visible')
    await flush()
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(sim.requests('create-pin')).toHaveLength(1)

    unmount()
    renderWithClient(ui('hidden')).unmount()
    await flush(1000)
    expect(sim.requests('create-pin')).toHaveLength(1)
  })
})

describe('a query cache restored by a persister', () => {
  // What a persister (persistQueryClient, PersistQueryClientProvider) saves and restores.
  const roundTrip = (client: QueryClient): DehydratedState => JSON.parse(JSON.stringify(dehydrate(client))) as DehydratedState

  it('a create refused while the persister restores (IsRestoringProvider) is asked once, not in a loop', async () => {
    // PersistQueryClientProvider marks the tree as restoring (IndexedDB can take 200 ms), and
    // useQuery does not subscribe meanwhile. The refused create's query, with no observer and
    // gcTime 0, was collected, and the watcher for the app's clear() asked again: about one POST
    // per millisecond of restore (a probe counted 200).
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'status', status: 400 }, { route: 'create-pin', times: Infinity })
    const ui = (restoring: boolean) => (
      <IsRestoringProvider value={restoring}>
        <PlexLogin product="Test App" />
      </IsRestoringProvider>
    )
    const { container, rerender } = renderWithClient(ui(true))
    await flush(200)
    rerender(ui(false))
    await flush(5000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(stateOf(container)).toBe('error')
  })

  // A page load: module state (the widget's instance counter) starts over.
  async function pageLoad() {
    vi.resetModules()
    const { PlexLogin: FreshPlexLogin } = await import('../../src')
    return FreshPlexLogin
  }

  it.each([
    ['ended signed in', true],
    ['ended waiting', false],
  ])('from a page load that %s: a widget on the next page load starts its own sign-in', async (_name, link) => {
    installFakeClock()
    const sim = startSimulator()
    const FirstLoad = await pageLoad()
    const first = renderWithClient(<FirstLoad product="Test App" />)
    await flush()
    const firstCode = codeElement(first.container)?.textContent
    const linked = link ? sim.link(firstCode ?? '') : null
    expect(linked?.ok ?? false).toBe(link)
    await flush(1000)
    const saved = roundTrip(first.client)
    expect(saved.queries.length).toBeGreaterThan(0)
    if (linked?.ok) expect(deepText(saved)).not.toContain(linked.pin.authToken)
    first.unmount()

    const NextLoad = await pageLoad()
    const client = new QueryClient()
    hydrate(client, saved)
    const onAuthenticated = vi.fn()
    const { container } = renderWithClient(<NextLoad product="Test App" onAuthenticated={onAuthenticated} />, { client })
    await flush()
    expect(stateOf(container)).toBe('waiting')
    const code = codeElement(container)?.textContent ?? ''
    expect(code).toBe(sim.latestPin()?.code)
    expect(code).not.toBe(firstCode)
    sim.link(code)
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
  })
})

describe('the app swaps its QueryClient', () => {
  it('"Try again" still works afterwards', async () => {
    installFakeClock()
    const sim = startSimulator()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    sim.fail({ type: 'body', body: 'not json' }, { route: 'create-pin' })
    const [a, b] = [new QueryClient(), new QueryClient()]
    const { container, rerender } = renderWithClient(<PlexLogin product="Test App" queryClient={a} />)
    await flush()
    expect(stateOf(container)).toBe('error')
    rerender(<PlexLogin product="Test App" queryClient={b} />)
    await flush()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await flush()
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: the QueryClient changed after mount/))
  })
})

describe('the app swaps the client of its QueryClientProvider', () => {
  it('a focus return still polls at once: the first client stays mounted while the widget uses it', async () => {
    installFakeClock()
    const sim = startSimulator()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const [a, b] = [new QueryClient(), new QueryClient()]
    const onAuthenticated = vi.fn()
    const app = (client: QueryClient) => (
      <QueryClientProvider client={client}>
        <PlexLogin product="Test App" onAuthenticated={onAuthenticated} />
      </QueryClientProvider>
    )
    const { container, rerender } = render(app(a))
    await flush()
    rerender(app(b))
    await flush()
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: the QueryClient changed after mount/))
    act(() => focusManager.setFocused(false))
    await flush(10_000)
    sim.link(codeElement(container)?.textContent ?? '')
    act(() => focusManager.setFocused(true))
    await flush(100)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
  })
})

describe("the app's clear() or cancelQueries() while the code is being created", () => {
  function MyLogin() {
    const { status, code } = usePlexPin({ product: 'Test App' })
    return <p data-testid="login">{`${status}:${code ?? '-'}`}</p>
  }

  // A usual logout: the app drops its user, the login screen mounts, and an effect wipes the
  // previous user's data from the cache, the sign-in's create in flight included.
  it('clear() on logout, in the commit that mounts the login: the code still arrives, from one POST', async () => {
    installFakeClock()
    const sim = startSimulator({ latencyMs: 200 })
    let logout = () => {}
    function App() {
      const [user, setUser] = useState<string | null>('alice')
      const queryClient = useQueryClient()
      logout = () => setUser(null)
      useEffect(() => {
        if (user === null) queryClient.clear()
      }, [user, queryClient])
      return user ? <p>hello {user}</p> : <MyLogin />
    }
    render(
      <QueryClientProvider client={new QueryClient()}>
        <App />
      </QueryClientProvider>,
    )
    act(() => logout())
    await flush(60_000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(screen.getByTestId('login').textContent).toBe(`waiting:${sim.latestPin()?.code}`)
  })

  it('cancelQueries(): the code still arrives, from one POST', async () => {
    installFakeClock()
    const sim = startSimulator({ latencyMs: 200 })
    const client = new QueryClient()
    render(
      <QueryClientProvider client={client}>
        <MyLogin />
      </QueryClientProvider>,
    )
    await flush(50)
    await act(() => client.cancelQueries())
    await flush(60_000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    expect(screen.getByTestId('login').textContent).toBe(`waiting:${sim.latestPin()?.code}`)
  })
})

describe('a create request abandoned by a restart or a renewal', () => {
  // A fetch whose chosen POST stalls until released: a connection that answers late.
  function stallingFetch(sim: ReturnType<typeof createPlexSimulator>, { failFirst, stall }: { failFirst: boolean; stall: number }) {
    let posts = 0
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    const fetchWithStall = async (url: string, init: RequestInit) => {
      const request = new Request(url, { method: init.method, headers: init.headers as HeadersInit })
      if (init.method === 'POST') {
        posts += 1
        if (failFirst && posts === 1) throw new TypeError('Failed to fetch')
        if (posts === stall) await released
      }
      return sim.handle(request)
    }
    return { fetch: fetchWithStall, release, posts: () => posts }
  }

  let api: UsePlexPinResult | undefined
  function Shown(props: { fetch: (url: string, init: RequestInit) => Promise<Response> }) {
    api = usePlexPin({ product: 'Test App', fetch: props.fetch })
    return <p data-testid="shown">{`${api.status}:${api.code ?? '-'}`}</p>
  }

  it.each([
    ['the `online` restart of a failing create', true, () => void window.dispatchEvent(new Event('online'))],
    ['renew()', false, () => api?.renew()],
  ])('after %s, the late answer never becomes the code the app’s cache calls bring back', async (_name, failFirst, restart) => {
    installFakeClock()
    const sim = createPlexSimulator()
    const stalled = stallingFetch(sim, { failFirst, stall: failFirst ? 2 : 1 })
    const view = renderWithClient(<Shown fetch={stalled.fetch} />)
    const shown = () => view.getByTestId('shown').textContent
    await flush(failFirst ? 2500 : 0)
    act(restart)
    await flush(10)
    const current = shown()
    expect(current).toMatch(/^waiting:[A-Z0-9]{4}$/)
    stalled.release()
    await flush(10)
    await act(() => view.client.invalidateQueries())
    await flush(10)
    expect(shown()).toBe(current)
    expect(stalled.posts()).toBe(failFirst ? 3 : 2)
  })
})
