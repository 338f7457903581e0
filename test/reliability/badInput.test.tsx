/** Bad input from the server and from the app (issue #5): a clear message, never a crash, never raw. */
import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import type { SimulatorFault } from '../../src/testing'
import { codeElement, renderWithClient, stateOf } from '../support/render'
import { BASE_URL, flush, installFakeClock, startSimulator } from '../support/simulator'

const MARKUP = '<img src=x onerror="window.__pwned=1">'
const good = { id: 4242, code: 'AB12', expiresIn: 900, authToken: null }
const body = (value: unknown, status = 200): SimulatorFault => ({ type: 'body', status, body: JSON.stringify(value) })

// plex.tv counts expiresIn down, so on a poll 0 or below says the code expired (see below); on a
// PIN just created it is an answer the sign-in cannot use.
const lifetimeOver: [string, SimulatorFault, RegExp][] = [
  ['expiresIn negative', body({ ...good, expiresIn: -30 }), /lifetime/],
  ['expiresIn zero', body({ ...good, expiresIn: 0 }), /lifetime/],
]

const serverAnswers: [string, SimulatorFault, RegExp][] = [
  ['malformed JSON', { type: 'body', body: '{"id": 4242, "code": "AB' }, /malformed JSON/],
  ['JSON of the wrong shape', body({ pin: good }), /no valid id/],
  ['JSON that is an array', body([good]), /expected a PIN object/],
  ['a code with markup', body({ ...good, code: MARKUP }), /code is not 4 letters or digits/],
  ['a code of the wrong length', body({ ...good, code: 'AB123' }), /code is not 4 letters or digits/],
  ['an id that is missing', body({ ...good, id: undefined }), /no valid id/],
  ['an id that is not a number', body({ ...good, id: '4242' }), /no valid id/],
  ['expiresIn huge', body({ ...good, expiresIn: 9e15 }), /lifetime/],
  ['expiresIn a string', body({ ...good, expiresIn: '900' }), /lifetime/],
  ['authToken of the wrong type', body({ ...good, authToken: { token: 'x' } }), /token/],
  ['authToken an empty string', body({ ...good, authToken: '' }), /token/],
  ['an XML answer', { type: 'body', body: '<?xml version="1.0"?><pin id="1" code="AB12"/>', contentType: 'application/xml' }, /XML instead of JSON/],
  ['an HTML error page', { type: 'body', status: 200, body: `<!DOCTYPE html><html><body>${MARKUP}</body></html>`, contentType: 'text/html' }, /a web page/],
  ['a 200 with an empty body', { type: 'body', body: '' }, /empty answer/],
  ['a redirect to another origin', { type: 'redirect', location: 'https://evil.example/api/v2/pins' }, /redirect/],
]

function expectNothingRaw(container: HTMLElement) {
  expect(container.querySelector('img, script, iframe')).toBeNull()
  expect(container.innerHTML).not.toContain('onerror')
  expect((window as { __pwned?: number }).__pwned).toBeUndefined()
}

describe('bad input from the server', () => {
  describe.each([...serverAnswers, ...lifetimeOver])('%s', (_name, fault, message) => {
    it('while creating: an error that names the problem, and "Try again" works', async () => {
      installFakeClock()
      const sim = startSimulator()
      sim.fail(fault, { route: 'create-pin' })
      const onError = vi.fn()
      const { container } = renderWithClient(<PlexLogin product="Test App" onError={onError} />)
      await flush()
      expect(stateOf(container)).toBe('error')
      expect(screen.getByRole('status').textContent).toMatch(message)
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'invalid-response' }))
      expectNothingRaw(container)
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
      await flush()
      expect(stateOf(container)).toBe('waiting')
    })

    if (lifetimeOver.some(([, lifetimeFault]) => lifetimeFault === fault)) {
      it('while polling: the code counts as expired and is replaced, with no error', async () => {
        installFakeClock()
        const sim = startSimulator()
        const onError = vi.fn()
        const { container } = renderWithClient(<PlexLogin product="Test App" onError={onError} />)
        await flush()
        const first = sim.latestPin()?.code
        sim.fail(fault, { route: 'get-pin' })
        await flush(1000)
        expect(stateOf(container)).toBe('waiting')
        expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
        expect(sim.requests('create-pin')).toHaveLength(2)
        expect(first).not.toBe(sim.latestPin()?.code)
        expect(onError).not.toHaveBeenCalled()
      })
      return
    }

    it('while polling: the code stays, the problem is named, and "Try again" resumes', async () => {
      installFakeClock()
      const sim = startSimulator()
      const { container } = renderWithClient(<PlexLogin product="Test App" />)
      await flush()
      const code = sim.latestPin()?.code
      sim.fail(fault, { route: 'get-pin' })
      await flush(1000)
      expect(stateOf(container)).toBe('error')
      expect(codeElement(container)?.textContent).toBe(code)
      expect(screen.getByRole('status').textContent).toMatch(message)
      expectNothingRaw(container)
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
      await flush()
      expect(stateOf(container)).toBe('waiting')
    })
  })
})

describe('bad input from the app', () => {
  it.each([
    ['a missing product', { product: undefined as unknown as string }, /product is required/],
    ['an empty product', { product: '   ' }, /product is required/],
    ['an empty clientIdentifier', { product: 'App', clientIdentifier: '' }, /clientIdentifier must be a non-empty string/],
    ['an absurd clientIdentifier', { product: 'App', clientIdentifier: 'x'.repeat(5000) }, /at most 256 printable characters/],
    ['a clientIdentifier with control characters', { product: 'App', clientIdentifier: 'a\nb' }, /printable/],
    ['a non-http(s) baseUrl', { product: 'App', baseUrl: 'ftp://plex.tv' }, /baseUrl must be an absolute http: or https: URL/],
    ['a relative baseUrl', { product: 'App', baseUrl: '/plex' }, /baseUrl must be an absolute http: or https: URL/],
    ['a javascript: linkUrl', { product: 'App', linkUrl: 'javascript:alert(1)' }, /linkUrl must be an absolute http: or https: URL/],
    ['a linkUrl with credentials', { product: 'App', linkUrl: 'https://user:hunter2@plex.tv/link' }, /linkUrl must be .* without credentials/],
    ['a baseUrl with a query', { product: 'App', baseUrl: 'https://plex.tv/?via=proxy' }, /baseUrl must be .* without a query or fragment/],
    ['a linkUrl too long for a QR code', { product: 'App', linkUrl: `https://my.app/link?state=${'a'.repeat(2400)}` }, /linkUrl is too long for a QR code/],
  ])('%s: an error saying what to change, a development warning, no request and no button that cannot help', async (_name, props, message) => {
    installFakeClock()
    const sim = startSimulator()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { container } = renderWithClient(<PlexLogin {...props} />)
    await flush(5000)
    expect(stateOf(container)).toBe('error')
    expect(screen.getByRole('status').textContent).toMatch(message)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(message))
    expect(sim.requests()).toHaveLength(0)
    // Only new options cure it, and the widget recovers by itself when they come (next test):
    // "Try again" did nothing at all (a newcomer probe).
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('recovers by itself once the app passes options that work', async () => {
    installFakeClock()
    const sim = startSimulator()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { container, rerender } = renderWithClient(<PlexLogin product="Test App" baseUrl="ftp://plex.tv" />)
    await flush()
    expect(stateOf(container)).toBe('error')
    rerender(<PlexLogin product="Test App" baseUrl={BASE_URL} />)
    await flush()
    expect(stateOf(container)).toBe('waiting')
    expect(sim.requests('create-pin')).toHaveLength(1)
  })

  it.each([
    ['below the floor', 200, 1000],
    ['not a number', Number.NaN, 1000],
    ['infinite', Number.POSITIVE_INFINITY, 1000],
    // Past 2^31 - 1 ms, timers fire at once: unchecked, this polled ~1000 times a second.
    ['beyond what a timer can wait', 3_000_000_000, 60_000],
    ['above the ceiling', 120_000, 60_000],
  ])('pollInterval %s is corrected with one warning', async (_name, pollInterval, expected) => {
    installFakeClock()
    const sim = startSimulator()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    renderWithClient(<PlexLogin product="Test App" pollInterval={pollInterval} />)
    await flush()
    await flush(expected * 5)
    expect(sim.requests('get-pin')).toHaveLength(5)
    expect(warn.mock.calls.filter(([text]) => /pollInterval/.test(String(text)))).toHaveLength(1)
  })
})
