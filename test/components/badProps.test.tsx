import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin, type PlexLoginProps } from '../../src'
import { codeElement, renderWithClient, stateOf } from '../support/render'
import { FIVE_CREATE_ATTEMPTS_MS, flush, installFakeClock, startSimulator } from '../support/simulator'

// Props TypeScript would reject but a JavaScript app (or a translation file, or a settings page)
// can still pass. Each must leave a working widget: the code on screen and the sign-in going on.
type LooseProps = Record<string, unknown>

async function shownWith(props: LooseProps) {
  installFakeClock()
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const sim = startSimulator()
  const view = renderWithClient(<PlexLogin product="Test App" {...(props as Partial<PlexLoginProps>)} />)
  await flush()
  return { sim, warn, ...view }
}

function countdownText(container: HTMLElement) {
  return container.querySelector('[data-part="countdown"]')?.textContent
}

describe('<PlexLogin> with props a JavaScript app got wrong', () => {
  it.each([
    ['a POSIX-style locale', 'en_US'],
    ['a locale that is not a language tag', 'not a locale!'],
    ['a locale that is not a string', 42],
    ['a list of locales with one that is not a language tag', ['en_US', 'ar-EG']],
    ['a list of locales with one that is not a string', [42]],
  ])('falls back to the default digits for %s, with a development warning', async (_, locale) => {
    const { container, sim, warn } = await shownWith({ locale })
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(countdownText(container)).toBe('Code expires in 15:00')
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: locale .* is not a valid language tag/))
  })

  it('uses the default for a function label given as a string, and warns', async () => {
    const { container, sim, warn } = await shownWith({
      labels: { expiresIn: 'Expires in', codeForScreenReaders: 'Your code', retrying: 'Retrying', describeError: 'Oops' },
    })
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(countdownText(container)).toBe('Code expires in 15:00')
    expect(screen.getByText(/^Your code is [A-Z\d] /)).toBeTruthy()
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: labels\.expiresIn must be a function/))
  })

  it('uses the default for a string label given as something else, and for an undefined one', async () => {
    const { container } = await shownWith({ labels: { title: undefined, copy: { text: 'Copy' }, openLink: 7 } })
    expect(container.querySelector('[data-part="title"]')?.textContent).toBe('Sign in with Plex')
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
    // A number is a fine thing to render; only what React cannot render falls back.
    expect(container.querySelector('[data-part="link"]')?.textContent).toBe('7 (opens in a new tab)')
  })

  it('uses the default words when a label function throws or returns nothing', async () => {
    const { container, warn } = await shownWith({
      labels: {
        expiresIn: () => {
          throw new Error('missing translation')
        },
        codeForScreenReaders: () => undefined,
      },
    })
    expect(countdownText(container)).toBe('Code expires in 15:00')
    expect(screen.getByText(/^Your code is [A-Z\d] /)).toBeTruthy()
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: labels\.expiresIn threw: missing translation/))
  })

  it('treats null labels, classNames and locale as not given', async () => {
    const { container, sim } = await shownWith({ labels: null, classNames: null, locale: null })
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(countdownText(container)).toBe('Code expires in 15:00')
  })

  it('draws the built-in layout when children is not a function, and warns', async () => {
    const { container, sim, warn } = await shownWith({ children: <span>mine</span> })
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: children must be a function/))
  })

  it('keeps the widget and the sign-in when onStatusChange or onAuthenticated throws', async () => {
    const report = vi.fn()
    vi.stubGlobal('reportError', report)
    const onAuthenticated = vi.fn(() => {
      throw new Error('app bug in onAuthenticated')
    })
    const onStatusChange = () => {
      throw new Error('app bug in onStatusChange')
    }
    const { container, sim } = await shownWith({ onAuthenticated, onStatusChange })
    expect(stateOf(container)).toBe('waiting')
    const linked = sim.link(sim.latestPin()?.code ?? '')
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledWith(linked.ok && linked.pin.authToken, expect.anything())
    expect(stateOf(container)).toBe('authenticated')
    expect(report.mock.calls.map(([error]) => (error as Error).message)).toEqual(
      expect.arrayContaining(['app bug in onStatusChange', 'app bug in onAuthenticated']),
    )
  })

  // The natural `async (token) => { await post(token) }` rejects instead of throwing; the README
  // promises such errors reach reportError, not an unhandled rejection (an API probe).
  it('hands a rejection of an async onAuthenticated to reportError', async () => {
    const report = vi.fn()
    vi.stubGlobal('reportError', report)
    const onAuthenticated = async () => {
      await Promise.resolve()
      throw new Error('the server refused the token')
    }
    const { container, sim } = await shownWith({ onAuthenticated })
    sim.link(sim.latestPin()?.code ?? '')
    await flush(1000)
    expect(stateOf(container)).toBe('authenticated')
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ message: 'the server refused the token' }))
  })

  it('still offers "Try again" when onError throws', async () => {
    const report = vi.fn()
    vi.stubGlobal('reportError', report)
    const onError = () => {
      throw new Error('app bug in onError')
    }
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'status', status: 503 }, { times: 100, route: 'create-pin' })
    const { container } = renderWithClient(<PlexLogin product="Test App" onError={onError} />)
    await flush(FIVE_CREATE_ATTEMPTS_MS)
    expect(stateOf(container)).toBe('error')
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ message: 'app bug in onError' }))
    sim.clearFaults()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await flush()
    expect(stateOf(container)).toBe('waiting')
  })

  // The app's own layout has bugs of its own: one that shows only in a rarer state (reconnecting),
  // or a function that returns what React cannot render. The sign-in must go on.
  it('keeps the sign-in when the children function throws in one state, reports it, and draws the built-in layout meanwhile', async () => {
    const report = vi.fn()
    vi.stubGlobal('reportError', report)
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const onAuthenticated = vi.fn()
    const children: PlexLoginProps['children'] = (state) => {
      if (state.isRetrying) throw new Error('app layout bug while reconnecting')
      return <b data-testid="mine">{state.code ?? state.status}</b>
    }
    const { container, sim } = await shownWith({ onAuthenticated, children })
    const code = sim.latestPin()?.code ?? ''
    expect(screen.getByTestId('mine').textContent).toBe(code)
    // Three failed polls: reconnecting from the second (at 2 s) until the fourth answers (5–8 s).
    sim.fail({ type: 'status', status: 503 }, { times: 3, route: 'get-pin' })
    await flush(3100)
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(code)
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ message: 'app layout bug while reconnecting' }))
    // Once the state that broke it is over, the app's layout is back.
    await flush(8000)
    expect(screen.getByTestId('mine').textContent).toBe(code)
    sim.link(code)
    await flush(2000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('mine').textContent).toBe('authenticated')
  })

  it('keeps the sign-in when the children function returns something React cannot render', async () => {
    const report = vi.fn()
    vi.stubGlobal('reportError', report)
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { container, sim } = await shownWith({ children: (state: { status: string }) => ({ status: state.status }) })
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(report).toHaveBeenCalled()
  })

  // A design-system wrapper forwards its optional props as they are: undefined when not given.
  it.each([
    ['pollInterval', Object.create(null)],
    ['pollInterval', Symbol('poll')],
    ['maxRenewals', Object.create(null)],
    ['maxRenewals', Symbol('renewals')],
  ])('uses the default %s for a value with no number in it (%s), and warns', async (name, value) => {
    const { container, sim, warn } = await shownWith({ [name]: value })
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^react-plex-login: ${name} must be`)))
  })

  it('uses the default words when a label function throws something that is not even a string', async () => {
    const { container, warn } = await shownWith({ labels: { expiresIn: () => { throw Object.create(null) } } })
    expect(countdownText(container)).toBe('Code expires in 15:00')
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: labels\.expiresIn threw/))
  })

  it.each([
    ['a CSS string', 'color: red'],
    ['a number', 42],
    ['an array', [1, 2]],
  ])('ignores a style given as %s, with a warning, instead of unmounting mid sign-in', async (_name, style) => {
    const { container, sim, warn } = await shownWith({ style })
    expect(stateOf(container)).toBe('waiting')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: style must be an object/))
  })

  it('uses the default words for labels left blank (an untranslated entry), so no button or image goes nameless', async () => {
    const { container, warn } = await shownWith({ labels: { copy: ' ', openLink: '', qrTitle: '', title: '', waiting: '', expiresIn: () => '' } })
    expect(container.querySelector('[data-part="countdown"]')?.textContent).toBe('Code expires in 15:00')
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
    expect(screen.getByRole('link', { name: /^Open plex\.tv\/link/ })).toBeTruthy()
    expect(screen.getByRole('img', { name: /QR code/ })).toBeTruthy()
    expect(container.querySelector('[data-part="title"]')?.textContent).toBe('Sign in with Plex')
    expect(screen.getByRole('status').textContent).not.toBe('')
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^react-plex-login: labels\.copy is blank/))
  })

  it('keeps its region, name and focus target when a wrapper passes role, aria-labelledby and tabIndex as undefined', async () => {
    const { container, sim } = await shownWith({ role: undefined, 'aria-labelledby': undefined, tabIndex: undefined })
    expect(screen.getByRole('region', { name: 'Sign in with Plex' })).toBeTruthy()
    screen.getByRole('link', { name: /Open plex\.tv\/link/ }).focus()
    sim.link(sim.latestPin()?.code ?? '')
    await flush(1000)
    expect(stateOf(container)).toBe('authenticated')
    expect(document.activeElement).toBe(container.querySelector('[data-plex-login]'))
  })
})
