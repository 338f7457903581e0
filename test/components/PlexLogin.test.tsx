import { focusManager } from '@tanstack/react-query'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { createRef, Profiler } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PlexLogin, type PlexPinStatus } from '../../src'
import { deepText } from '../support/deepText'
import { codeElement, renderWithClient, stateOf } from '../support/render'
import { FIVE_CREATE_ATTEMPTS_MS, flush, installFakeClock, startSimulator } from '../support/simulator'
import { signIn } from '../support/signIn'

afterEach(() => {
  focusManager.setFocused(undefined)
})

/** Runs `body` with `document.execCommand` (which jsdom lacks) stubbed, and removes it after. */
async function withCopyCommand(execCommand: (command: string) => boolean, body: () => Promise<void>) {
  Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true })
  try {
    await body()
  } finally {
    delete (document as { execCommand?: unknown }).execCommand
  }
}

describe('<PlexLogin>', () => {
  describe('given a working plex.tv', () => {
    it('shows the code, polls once a second and hands the token over once', async () => {
      const { sim, container, onAuthenticated } = await signIn()
      const code = sim.latestPin()?.code
      expect(codeElement(container)?.textContent).toBe(code)
      expect(stateOf(container)).toBe('waiting')

      expect(sim.requests('get-pin')).toHaveLength(0)
      await flush(1000)
      expect(sim.requests('get-pin')).toHaveLength(1)
      await flush(4000)
      expect(sim.requests('get-pin')).toHaveLength(5)

      sim.link(code ?? '')
      await flush(1000)
      expect(onAuthenticated).toHaveBeenCalledTimes(1)
      const [token, pin] = onAuthenticated.mock.calls[0] ?? []
      expect(token).toBe(sim.latestPin()?.authToken)
      expect(pin).toMatchObject({ id: sim.latestPin()?.id, code })
      expect(pin).not.toHaveProperty('authToken')
      expect(stateOf(container)).toBe('authenticated')
      expect(screen.getByText('Signed in with Plex.')).toBeTruthy()

      const requests = sim.requests().length
      await flush(60_000)
      expect(sim.requests().length).toBe(requests)
      expect(onAuthenticated).toHaveBeenCalledTimes(1)
    })

    it('shows the creating state until plex.tv answers', async () => {
      installFakeClock()
      const sim = startSimulator()
      sim.latencyMs = 3000
      const { container } = renderWithClient(<PlexLogin product="Test App" />)
      await flush(2000)
      expect(stateOf(container)).toBe('creating')
      expect(screen.getByRole('status').textContent).toContain('Getting a code from plex.tv')
      // The code's place is held (no layout jump), empty and hidden from assistive technology.
      expect(codeElement(container)?.textContent?.trim()).toBe('')
      expect(codeElement(container)?.closest('[data-placeholder][aria-hidden="true"]')).not.toBeNull()
      await flush(1000)
      expect(stateOf(container)).toBe('waiting')
      expect(sim.requests('create-pin')).toHaveLength(1)
    })

    // Building the first Intl.NumberFormat loads locale data: a runtime-cost probe measured it as
    // most of the task that shows the code (about 100 of 166 ms on a CPU throttled 6×).
    it("builds the countdown's number format while the code is on its way, not in the render that shows it", async () => {
      installFakeClock()
      const sim = startSimulator()
      sim.latencyMs = 3000
      const { NumberFormat } = Intl
      const built: unknown[] = []
      Intl.NumberFormat = new Proxy(NumberFormat, {
        construct: (target, args: Parameters<typeof NumberFormat>) => (built.push(args[0]), new target(...args)),
      })
      try {
        const { container } = renderWithClient(<PlexLogin product="Test App" locale="de-CH" />)
        await flush(1000)
        expect(stateOf(container)).toBe('creating')
        expect(built).toContain('de-CH')
      } finally {
        Intl.NumberFormat = NumberFormat
      }
    })

    it('draws a QR code of the link URL with the code, and links there in a new tab', async () => {
      const { sim, container } = await signIn()
      const code = sim.latestPin()?.code ?? ''
      const qr = screen.getByRole('img', { name: /QR code/ })
      expect(qr.tagName.toLowerCase()).toBe('svg')
      expect(qr.getAttribute('aria-label')).toMatch(/QR code/)
      const link = screen.getByRole('link', { name: /Open plex\.tv\/link/ })
      expect(link.getAttribute('href')).toBe(`https://plex.tv/link?pin=${code}`)
      expect(link.getAttribute('target')).toBe('_blank')
      expect(link.getAttribute('rel')).toBe('noopener noreferrer')
      // Screen readers get the code letter by letter; the visible element holds the code alone.
      expect(screen.getByText(`Your code is ${code.split('').join(' ')}`)).toBeTruthy()
      expect(codeElement(container)?.getAttribute('aria-hidden')).toBe('true')
    })

    it('counts down from the lifetime plex.tv gave, outside the live region', async () => {
      const { container } = await signIn()
      const countdown = container.querySelector('[data-part="countdown"]')
      const time = countdown?.querySelector('time')
      expect(countdown?.textContent).toBe('Code expires in 15:00')
      expect(time?.getAttribute('datetime')).toBe('PT900S')
      await flush(61_000)
      expect(countdown?.textContent).toBe('Code expires in 13:59')
      // The machine-readable duration says what the visible one does.
      expect(time?.getAttribute('datetime')).toBe('PT839S')
      expect(countdown?.closest('[aria-live]')).toBeNull()
    })

    // Two minute digits throughout: at 10:00 → 9:59 the line lost a digit, and where a long
    // translation wrapped at the card's edge the widget lost a line (an i18n probe). The styles
    // colour the last minute.
    it('keeps two minute digits below ten minutes, and marks the countdown urgent below one minute, not at it', async () => {
      const { container } = await signIn({ maxRenewals: 0 })
      const countdown = () => container.querySelector('[data-part="countdown"]')
      await flush(300_000)
      expect(countdown()?.textContent).toBe('Code expires in 10:00')
      await flush(1000)
      expect(countdown()?.textContent).toBe('Code expires in 09:59')
      await flush(539_000) // 60 s left
      expect(countdown()?.textContent).toBe('Code expires in 01:00')
      expect(countdown()?.hasAttribute('data-urgent')).toBe(false)
      await flush(1000)
      expect(countdown()?.textContent).toBe('Code expires in 00:59')
      expect(countdown()?.hasAttribute('data-urgent')).toBe(true)
    })

    it('copies the code and announces "Copied"', async () => {
      const writeText = vi.fn(() => Promise.resolve())
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
      try {
        const { sim } = await signIn()
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush()
        expect(writeText).toHaveBeenCalledWith(sim.latestPin()?.code)
        expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy()
        expect(screen.getByRole('status').textContent).toContain('Copied')
        await flush(2000)
        expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard
      }
    })

    it('a second press keeps "Copied" for its own full time, and unmounting leaves no timer', async () => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.resolve() }, configurable: true })
      try {
        const { unmount } = await signIn({ maxRenewals: 0 })
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush(1500)
        fireEvent.click(screen.getByRole('button', { name: 'Copied' }))
        await flush(1500) // 3 s after the first press, 1.5 s after the second
        expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy()
        await flush(500)
        expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush()
        unmount()
        await flush()
        expect(vi.getTimerCount()).toBe(0)
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard
      }
    })

    it('says so when the clipboard refuses', async () => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true })
      try {
        await signIn()
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush()
        expect(screen.getByText(/Could not copy the code/)).toBeTruthy()
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard
      }
    })

    it('when navigator.clipboard refuses (a frame without clipboard-write), falls back to the copy command', async () => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
        configurable: true,
      })
      let copied: string | undefined
      const execCommand = vi.fn((command: string) => {
        document.dispatchEvent(Object.assign(new Event('copy'), { clipboardData: { setData: (_type: string, value: string) => void (copied = value) } }))
        return command === 'copy'
      })
      try {
        await withCopyCommand(execCommand, async () => {
          const { sim } = await signIn()
          fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
          await flush()
          expect(copied).toBe(sim.latestPin()?.code)
          expect(screen.getByRole('status').textContent).toContain('Copied')
          // The page's own copies afterwards (Ctrl+C on some text) are the page's again.
          const later = new Event('copy', { cancelable: true })
          document.dispatchEvent(later)
          expect(later.defaultPrevented).toBe(false)
        })
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard
      }
    })

    it('a copy command that fires no copy event (nothing handed over) is not reported as copied', async () => {
      await withCopyCommand(vi.fn(() => true), async () => {
        await signIn()
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush()
        expect(screen.getByRole('status').textContent).toContain('Could not copy the code')
      })
    })

    it('keeps "Could not copy" up (unlike "Copied", which goes after a while)', async () => {
      await withCopyCommand(vi.fn(() => false), async () => {
        await signIn()
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush(10_000)
        expect(screen.getByRole('status').textContent).toContain('Could not copy the code')
      })
    })

    it("the copy-command fallback cancels the browser's own copy, so a selection on the page does not replace the code", async () => {
      let copyEvent: Event | undefined
      const execCommand = vi.fn(() => {
        copyEvent = Object.assign(new Event('copy', { cancelable: true }), { clipboardData: { setData: () => {} } })
        document.dispatchEvent(copyEvent)
        return true
      })
      await withCopyCommand(execCommand, async () => {
        await signIn()
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush()
        expect(copyEvent?.defaultPrevented).toBe(true)
      })
    })

    it('a slow copy that fails after a later one succeeded does not say "Could not copy"', async () => {
      let rejectFirst: (error: Error) => void = () => {}
      let calls = 0
      const writeText = () => {
        calls += 1
        return calls === 1 ? new Promise<void>((_resolve, reject) => (rejectFirst = reject)) : Promise.resolve()
      }
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
      try {
        await signIn()
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
        await flush()
        expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy()
        rejectFirst(new DOMException('denied', 'NotAllowedError'))
        await flush()
        expect(screen.getByRole('status').textContent).not.toContain('Could not copy')
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard
      }
    })

    it.each([
      ['copies', true, 'Copied'],
      ['says so', false, 'Could not copy the code'],
    ])('without navigator.clipboard (plain http on a LAN), the copy command %s', async (_name, accepted, shown) => {
      expect(navigator.clipboard).toBeUndefined()
      let copied: string | undefined
      const focused = () => document.activeElement
      let focusDuringCopy: Element | null = null
      const execCommand = vi.fn((command: string) => {
        // The browser fires `copy`; what a listener puts in clipboardData is what it copies.
        const event = Object.assign(new Event('copy', { cancelable: true }), {
          clipboardData: { setData: (_type: string, value: string) => void (copied = value) },
        })
        focusDuringCopy = focused()
        document.dispatchEvent(event)
        return command === 'copy' && accepted
      })
      await withCopyCommand(execCommand, async () => {
        const { sim } = await signIn()
        const button = screen.getByRole('button', { name: 'Copy code' })
        button.focus()
        fireEvent.click(button)
        await flush()
        expect(execCommand).toHaveBeenCalledWith('copy')
        expect(copied).toBe(sim.latestPin()?.code)
        // Nothing was selected or focused for it (a modal dialog or focus trap would have stopped that).
        expect(focusDuringCopy).toBe(button)
        expect(document.activeElement).toBe(button)
        expect(screen.getByRole('status').textContent).toContain(shown)
      })
    })
  })

  describe('given React.StrictMode', () => {
    it('reports each status once', async () => {
      const onStatusChange = vi.fn()
      await signIn({ onStatusChange }, { strict: true })
      expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['creating', 'waiting'])
    })

    it('creates exactly one PIN and polls it once per interval', async () => {
      // Count what leaves the page, not only what arrives: a POST aborted at once by
      // StrictMode's fake unmount may never reach MSW, yet a browser may already have sent it.
      const fetchSpy = vi.spyOn(globalThis, 'fetch')
      const { sim, container } = await signIn({}, { strict: true })
      const posts = fetchSpy.mock.calls.filter(([, init]) => init?.method === 'POST')
      expect(posts).toHaveLength(1)
      expect(sim.requests('create-pin')).toHaveLength(1)
      expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
      await flush(3000)
      expect(sim.requests('get-pin')).toHaveLength(3)
    })
  })

  describe('given the page is hidden and shown again', () => {
    it('polls at most every 5 s while hidden and at once when the page returns', async () => {
      const { sim } = await signIn()
      await flush(1000)
      expect(sim.requests('get-pin')).toHaveLength(1)
      act(() => focusManager.setFocused(false))
      await flush(1000) // the poll already scheduled still comes
      const before = sim.requests('get-pin').length
      await flush(20_000)
      expect(sim.requests('get-pin').length - before).toBeLessThanOrEqual(4)
      expect(sim.requests('get-pin').length - before).toBeGreaterThanOrEqual(3)

      const hidden = sim.requests('get-pin').length
      act(() => focusManager.setFocused(true))
      await flush()
      expect(sim.requests('get-pin').length).toBe(hidden + 1)
    })

    it('polls at once when the window regains focus (plex.tv/link was in another window)', async () => {
      const { sim } = await signIn()
      await flush(300)
      fireEvent.focus(window)
      await flush()
      expect(sim.requests('get-pin')).toHaveLength(1)
    })
  })

  describe('given an expired PIN', () => {
    it('replaces it when plex.tv answers 404/1020, and never polls the dead id again', async () => {
      const { sim, container } = await signIn()
      const first = sim.latestPin()
      sim.expire()
      await flush(1000)
      expect(sim.requests('create-pin')).toHaveLength(2)
      const second = sim.latestPin()
      expect(second?.id).not.toBe(first?.id)
      expect(codeElement(container)?.textContent).toBe(second?.code)
      expect(screen.getByRole('status').textContent).toContain('previous code expired')
      await flush(5000)
      expect(sim.requests('get-pin').filter((entry) => entry.path.endsWith(String(first?.id)))).toHaveLength(1)
    })

    // The QR is drawn a render after its code (useDeferredValue), so it could lag the code the
    // other way too: the expired code's QR left in the placeholder while the new code is on its
    // way, leading a phone to a dead code. Every commit is read, since the last one is always right.
    it('never draws a QR in a commit that shows no code while the code renews', async () => {
      installFakeClock()
      const sim = startSimulator()
      const commits: { state?: string; code: string; qr: boolean }[] = []
      // The first commit comes before render() returns the container; it shows no code yet.
      const view: { container?: HTMLElement } = {}
      const onRender = () => {
        const { container } = view
        if (container) commits.push({ state: stateOf(container), code: (codeElement(container)?.textContent ?? '').trim(), qr: !!container.querySelector('svg[data-part="qr"]') })
      }
      const { container } = renderWithClient(
        <Profiler id="widget" onRender={onRender}>
          <PlexLogin product="Test App" />
        </Profiler>,
      )
      view.container = container
      await flush()
      expect(stateOf(container)).toBe('waiting')
      sim.expire()
      await flush(1000)
      expect(stateOf(container)).toBe('waiting')
      expect(commits.some((commit) => commit.state === 'creating')).toBe(true)
      expect(commits.filter((commit) => commit.qr && commit.code === '')).toEqual([])
    })

    it('replaces it when the countdown runs out, up to maxRenewals, then waits for "Get a new code"', async () => {
      const onStatusChange = vi.fn<(status: PlexPinStatus) => void>()
      const { sim, container } = await signIn({ maxRenewals: 2, onStatusChange })
      await flush(900_000)
      expect(sim.requests('create-pin')).toHaveLength(2)
      await flush(900_000)
      expect(sim.requests('create-pin')).toHaveLength(3)
      expect(stateOf(container)).toBe('waiting')
      await flush(900_000)
      expect(stateOf(container)).toBe('expired')
      expect(codeElement(container)).toBeNull()
      expect(screen.getByRole('status').textContent).toContain('This code has expired.')

      const requests = sim.requests().length
      await flush(3_600_000)
      expect(sim.requests().length).toBe(requests)

      fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }))
      await flush()
      expect(sim.requests('create-pin')).toHaveLength(4)
      expect(stateOf(container)).toBe('waiting')
      expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
      expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['creating', 'waiting', 'creating', 'waiting', 'creating', 'waiting', 'expired', 'creating', 'waiting'])
    })
  })

  describe('given transient failures', () => {
    it('keeps the code on screen while it reconnects, then carries on', async () => {
      const { sim, container, onAuthenticated } = await signIn()
      const code = sim.latestPin()?.code
      sim.fail({ type: 'drop' }, { times: 3, route: 'get-pin' })
      await flush(3000) // two lost polls in a row (one alone passes silently)
      expect(stateOf(container)).toBe('waiting')
      expect(container.querySelector('[data-plex-login]')?.hasAttribute('data-retrying')).toBe(true)
      expect(screen.getByRole('status').textContent).toMatch(/Reconnecting to plex\.tv… Could not reach plex\.tv/)
      expect(codeElement(container)?.textContent).toBe(code)
      sim.link(code ?? '')
      await flush(10_000)
      expect(onAuthenticated).toHaveBeenCalledTimes(1)
      expect(sim.requests('create-pin')).toHaveLength(1)
    })

    it('says it is reconnecting while the first PIN cannot be created yet', async () => {
      installFakeClock()
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 503 }, { times: 2, route: 'create-pin' })
      const { container } = renderWithClient(<PlexLogin product="Test App" />)
      await flush(500)
      expect(stateOf(container)).toBe('creating')
      expect(screen.getByRole('status').textContent).toMatch(/Reconnecting to plex\.tv… plex\.tv is having trouble \(HTTP 503/)
      await flush(10_000)
      expect(stateOf(container)).toBe('waiting')
      expect(screen.getByRole('status').textContent).toContain('Waiting for you to enter the code')
    })

    it('waits as long as Retry-After says before asking again', async () => {
      const { sim } = await signIn()
      sim.fail({ type: 'status', status: 429, retryAfter: '20' }, { route: 'get-pin' })
      await flush(1000)
      expect(sim.requests('get-pin')).toHaveLength(1)
      await flush(19_000)
      expect(sim.requests('get-pin')).toHaveLength(1)
      await flush(1000)
      expect(sim.requests('get-pin')).toHaveLength(2)
    })
  })

  describe('given a failure that persists', () => {
    it('during creation: shows what failed and "Try again" works', async () => {
      installFakeClock()
      const sim = startSimulator()
      const onError = vi.fn()
      sim.fail({ type: 'status', status: 503 }, { times: 100, route: 'create-pin' })
      const { container } = renderWithClient(<PlexLogin product="Test App" onError={onError} />)
      await flush(FIVE_CREATE_ATTEMPTS_MS)
      expect(stateOf(container)).toBe('error')
      expect(sim.requests('create-pin')).toHaveLength(5)
      expect(screen.getByRole('status').textContent).toMatch(/plex\.tv is having trouble \(HTTP 503/)
      expect(onError).toHaveBeenCalledTimes(1)
      sim.clearFaults()
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
      await flush()
      expect(stateOf(container)).toBe('waiting')
      expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    })

    it('during creation: keeps trying slowly by itself, so an outage that ends recovers without a click', async () => {
      installFakeClock()
      const sim = startSimulator()
      sim.fail({ type: 'drop' }, { times: 6, route: 'create-pin' })
      const { container } = renderWithClient(<PlexLogin product="Test App" />)
      await flush(FIVE_CREATE_ATTEMPTS_MS)
      expect(stateOf(container)).toBe('error')
      expect(screen.getByRole('status').textContent).toMatch(/Could not reach plex\.tv/)
      // The sixth attempt comes 8–16 s later and fails too, the seventh 15–30 s after that.
      await flush(46_000)
      expect(stateOf(container)).toBe('waiting')
      expect(sim.requests('create-pin')).toHaveLength(7)
    })

    // The error stands, but what a person can do is wait for the connection (the widget resumes by
    // itself then, as the offline line says), not read about DNS (an error-message probe).
    it('during creation, once the browser is offline, says so in the status line', async () => {
      installFakeClock()
      const sim = startSimulator()
      sim.fail({ type: 'drop' }, { times: 100, route: 'create-pin' })
      const { container } = renderWithClient(<PlexLogin product="Test App" />)
      await flush(FIVE_CREATE_ATTEMPTS_MS)
      expect(stateOf(container)).toBe('error')
      const { onlineManager } = await import('@tanstack/react-query')
      try {
        // What a browser fires, and TanStack Query's onlineManager listens to.
        act(() => void window.dispatchEvent(new Event('offline')))
        await flush()
        expect(screen.getByRole('status').textContent).toMatch(/^You are offline\. The sign-in continues when the connection returns\./)
        sim.clearFaults()
        act(() => void window.dispatchEvent(new Event('online')))
        await flush()
        expect(stateOf(container)).toBe('waiting')
      } finally {
        onlineManager.setOnline(true)
      }
    })

    // Styles key on it: nothing is on its way while offline, so the stylesheet drops the spinner.
    it('marks its root data-offline while the browser is offline, from before the first request', async () => {
      installFakeClock()
      const sim = startSimulator()
      const { onlineManager } = await import('@tanstack/react-query')
      // TanStack Query hears the browser's events only once something subscribed; nothing has yet.
      onlineManager.setOnline(false)
      try {
        const { container } = renderWithClient(<PlexLogin product="Test App" />)
        await flush()
        const root = container.querySelector('[data-plex-login]')
        expect(stateOf(container)).toBe('creating')
        expect(sim.requests('create-pin')).toHaveLength(0)
        expect(root?.hasAttribute('data-offline')).toBe(true)
        expect(root?.hasAttribute('data-retrying')).toBe(false)
        act(() => void window.dispatchEvent(new Event('online')))
        await flush()
        expect(stateOf(container)).toBe('waiting')
        expect(root?.hasAttribute('data-offline')).toBe(false)
      } finally {
        onlineManager.setOnline(true)
      }
    })

    it('during polling: keeps the code, shows the error, and "Try again" resumes polling', async () => {
      const { sim, container, onAuthenticated } = await signIn()
      const code = sim.latestPin()?.code ?? ''
      sim.fail({ type: 'body', body: '<html>proxy error</html>', contentType: 'text/html' }, { route: 'get-pin' })
      await flush(1000)
      expect(stateOf(container)).toBe('error')
      expect(codeElement(container)?.textContent).toBe(code)
      expect(screen.getByRole('status').textContent).toMatch(/a web page: a Wi-Fi sign-in page/)
      // The code still works: its countdown stays, so nobody wonders whether to go on typing it.
      expect(container.querySelector('[data-part="countdown"]')?.textContent).toBe('Code expires in 14:59')
      const polls = sim.requests('get-pin').length
      await flush(10_000)
      expect(sim.requests('get-pin')).toHaveLength(polls)

      sim.link(code)
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
      await flush()
      expect(onAuthenticated).toHaveBeenCalledTimes(1)
      expect(stateOf(container)).toBe('authenticated')
    })

    it('rejects a malicious code instead of rendering it', async () => {
      installFakeClock()
      const sim = startSimulator()
      const payload = '<img src=x onerror=alert(1)>'
      sim.fail({ type: 'body', status: 201, body: JSON.stringify({ id: 99, code: payload, expiresIn: 900, authToken: null }) }, { route: 'create-pin' })
      const { container } = renderWithClient(<PlexLogin product="Test App" />)
      await flush()
      expect(stateOf(container)).toBe('error')
      expect(container.querySelector('img')).toBeNull()
      expect(container.textContent).not.toContain('onerror')
      expect(screen.getByRole('status').textContent).toMatch(/code is not 4 letters or digits/)
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
      await flush()
      expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    })
  })

  describe('given the widget goes away', () => {
    it('stops polling on unmount', async () => {
      const { sim, unmount } = await signIn()
      await flush(2000)
      unmount()
      const requests = sim.requests().length
      await flush(60_000)
      expect(sim.requests().length).toBe(requests)
    })

    it('aborts a slow create on unmount and never polls', async () => {
      installFakeClock()
      const sim = startSimulator()
      sim.latencyMs = 10_000
      const { unmount, client } = renderWithClient(<PlexLogin product="Test App" />)
      await flush(1000)
      unmount()
      await flush(60_000)
      expect(sim.requests('create-pin')).toHaveLength(1)
      expect(sim.requests('get-pin')).toHaveLength(0)
      expect(client.getQueryCache().findAll({ queryKey: ['react-plex-login'] })).toHaveLength(0)
    })
  })

  describe('given the app around it', () => {
    it('works without a QueryClientProvider', async () => {
      installFakeClock()
      const sim = startSimulator()
      const onAuthenticated = vi.fn()
      const { container } = render(<PlexLogin product="Test App" onAuthenticated={onAuthenticated} />)
      await flush()
      expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
      sim.link(sim.latestPin()?.code ?? '')
      await flush(1000)
      expect(onAuthenticated).toHaveBeenCalledTimes(1)
    })

    it("uses the app's QueryClient, and keeps no token in its cache", async () => {
      const { sim, client, onAuthenticated } = await signIn()
      expect(client.getQueryCache().findAll({ queryKey: ['react-plex-login'] }).length).toBeGreaterThan(0)
      sim.link(sim.latestPin()?.code ?? '')
      await flush(1000)
      const token = onAuthenticated.mock.calls[0]?.[0] as string
      expect(token).toBeTruthy()
      const cached = JSON.stringify(client.getQueryCache().findAll().map((query) => query.state))
      expect(cached).not.toContain(token)
    })

    it('never puts the token in the DOM, storage or the console', async () => {
      const log = vi.spyOn(console, 'log')
      const warn = vi.spyOn(console, 'warn')
      const error = vi.spyOn(console, 'error')
      const { sim, container, onAuthenticated } = await signIn()
      sim.link(sim.latestPin()?.code ?? '')
      await flush(1000)
      const token = onAuthenticated.mock.calls[0]?.[0] as string
      expect(token).toBeTruthy()
      expect(container.innerHTML).not.toContain(token)
      expect(document.documentElement.outerHTML).not.toContain(token)
      expect(JSON.stringify({ ...localStorage })).not.toContain(token)
      expect(JSON.stringify({ ...sessionStorage })).not.toContain(token)
      for (const spy of [log, warn, error]) expect(deepText(spy.mock.calls)).not.toContain(token)
    })

    // plex.tv lists the app under "Authorized Devices" by these; the hook took them, the widget did
    // not, and from JavaScript they landed on the <div> (an API probe, 2026-11-26).
    it('sends the device details and uses the fetch it is given, like usePlexPin', async () => {
      const transport = vi.fn((url: string, init: RequestInit) => fetch(url, init))
      const error = vi.spyOn(console, 'error')
      const { sim, container } = await signIn({
        version: '2.4.1',
        platform: 'Chrome',
        platformVersion: '131',
        device: 'Windows',
        deviceName: 'Living room PC',
        model: 'hosted',
        language: 'de',
        fetch: transport,
      })
      expect(sim.requests('create-pin')[0]?.query).toMatchObject({
        'X-Plex-Version': '2.4.1',
        'X-Plex-Platform': 'Chrome',
        'X-Plex-Platform-Version': '131',
        'X-Plex-Device': 'Windows',
        'X-Plex-Device-Name': 'Living room PC',
        'X-Plex-Model': 'hosted',
        'X-Plex-Language': 'de',
      })
      expect(transport).toHaveBeenCalledTimes(1)
      const root = container.firstElementChild
      expect(['version', 'platform', 'devicename', 'device', 'model', 'language', 'fetch'].filter((name) => root?.hasAttribute(name))).toEqual([])
      expect(error).not.toHaveBeenCalled()
    })

    it('passes props through to the root element, and the ref', async () => {
      const ref = createRef<HTMLDivElement>()
      const { container } = await signIn({ className: 'mine', id: 'login', style: { maxWidth: 300 }, 'aria-label': 'Plex sign-in', ref } as never)
      const root = container.querySelector<HTMLElement>('[data-plex-login]')
      expect(root?.className).toBe('mine')
      expect(root?.id).toBe('login')
      expect(root?.style.maxWidth).toBe('300px')
      expect(root?.getAttribute('aria-label')).toBe('Plex sign-in')
      expect(ref.current).toBe(root)
    })

    it('calls a callback ref once with the root, not on every render', async () => {
      const ref = vi.fn()
      const { container, sim } = await signIn({ ref } as never)
      sim.link(sim.latestPin()?.code ?? '')
      await flush(1000)
      expect(stateOf(container)).toBe('authenticated')
      expect(ref.mock.calls).toEqual([[container.querySelector('[data-plex-login]')]])
    })

    it('does not restart when re-rendered with new inline callbacks or a new product', async () => {
      const { sim, rerender, container } = await signIn()
      const onAuthenticated = vi.fn()
      rerender(<PlexLogin product="Renamed App" onAuthenticated={(token) => onAuthenticated(token)} />)
      await flush(3000)
      rerender(<PlexLogin product="Renamed App" onAuthenticated={(token) => onAuthenticated(token)} />)
      expect(sim.requests('create-pin')).toHaveLength(1)
      expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
      sim.link(sim.latestPin()?.code ?? '')
      await flush(1000)
      expect(onAuthenticated).toHaveBeenCalledTimes(1)
    })

    // Seerr's identifier comes from its server, Overseerr's from storage read in an effect: both
    // arrive after the first PIN, which stays bound to the default one (an adoption probe, 2026-11-26).
    it('warns in development when clientIdentifier arrives after the code is on screen, which keeps the first one', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { sim, rerender } = await signIn()
      rerender(<PlexLogin product="Test App" onAuthenticated={() => {}} />)
      expect(warn).not.toHaveBeenCalled()
      rerender(<PlexLogin product="Test App" clientIdentifier="seerr-server-uuid" onAuthenticated={() => {}} />)
      await flush(1000)
      rerender(<PlexLogin product="Test App" clientIdentifier="seerr-server-uuid" onAuthenticated={() => {}} />)
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/clientIdentifier changed while a code was on screen.*key=\{clientIdentifier\}/s)
      expect(sim.requests('create-pin')).toHaveLength(1)
      expect(sim.latestPin()?.clientIdentifier).not.toBe('seerr-server-uuid')
    })

    it('gives two widgets on one page a PIN each', async () => {
      installFakeClock()
      const sim = startSimulator()
      const first = vi.fn()
      const second = vi.fn()
      const { container } = renderWithClient(
        <>
          <PlexLogin product="Test App" onAuthenticated={first} />
          <PlexLogin product="Test App" onAuthenticated={second} />
        </>,
      )
      await flush()
      expect(sim.requests('create-pin')).toHaveLength(2)
      const codes = [...container.querySelectorAll('[data-part="code"]')].map((element) => element.textContent)
      expect(new Set(codes).size).toBe(2)
      sim.link(codes[1] ?? '')
      await flush(1000)
      expect(first).not.toHaveBeenCalled()
      expect(second).toHaveBeenCalledTimes(1)
    })

    it('translates every string through labels', async () => {
      const { sim } = await signIn({
        labels: {
          title: 'Inloggen met Plex',
          openLink: 'Open plex.tv/link (NL)',
          copy: 'Kopieer code',
          waiting: 'Wachten op de code…',
          expiresIn: (time) => `Verloopt over ${time}`,
          codeForScreenReaders: (spelled) => `Je code is ${spelled}`,
          qrTitle: 'QR-code naar plex.tv/link',
          region: 'Inloggen',
        },
      })
      expect(screen.getByText('Inloggen met Plex')).toBeTruthy()
      expect(screen.getByRole('button', { name: 'Kopieer code' })).toBeTruthy()
      expect(screen.getByRole('link', { name: /^Open plex\.tv\/link \(NL\)/ })).toBeTruthy()
      expect(screen.getByRole('status').textContent).toContain('Wachten op de code…')
      expect(screen.getByText('Verloopt over 15:00')).toBeTruthy()
      expect(screen.getByText(`Je code is ${(sim.latestPin()?.code ?? '').split('').join(' ')}`)).toBeTruthy()
      expect(screen.getByRole('img', { name: 'QR-code naar plex.tv/link' })).toBeTruthy()
      // The heading names the region; labels.region names it when the app draws its own layout.
      expect(screen.getByRole('region', { name: 'Inloggen met Plex' })).toBeTruthy()
      expect(screen.getByRole('heading', { name: 'Inloggen met Plex' })).toBeTruthy()
    })

    it('explains a missing product instead of crashing, and sends nothing', async () => {
      installFakeClock()
      const sim = startSimulator()
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { container } = renderWithClient(<PlexLogin product={'' as string} />)
      await flush(5000)
      expect(stateOf(container)).toBe('error')
      expect(screen.getByRole('status').textContent).toMatch(/product is required/)
      expect(sim.requests()).toHaveLength(0)
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/product is required/))
    })

    it('refuses a non-http(s) baseUrl or linkUrl with a message that says what to change', async () => {
      installFakeClock()
      startSimulator()
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { container } = renderWithClient(<PlexLogin product="Test App" linkUrl="javascript:alert(1)" />)
      await flush()
      expect(stateOf(container)).toBe('error')
      expect(screen.getByRole('status').textContent).toMatch(/linkUrl must be an absolute http: or https: URL/)
      expect(container.querySelector('a[href^="javascript"]')).toBeNull()
    })
  })
})
