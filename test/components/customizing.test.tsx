import { fireEvent, screen } from '@testing-library/react'
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { isPlexApiError, PlexLogin } from '../../src'
import { codeElement, renderWithClient, stateOf } from '../support/render'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

async function shown(props: Partial<Parameters<typeof PlexLogin>[0]> = {}) {
  installFakeClock()
  const sim = startSimulator()
  const view = renderWithClient(<PlexLogin product="Test App" {...props} />)
  await flush()
  return { sim, ...view, root: view.container.querySelector<HTMLElement>('[data-plex-login]') }
}

describe('customizing <PlexLogin>', () => {
  it('keys every rule of the stylesheet on data-plex-login="styled", so unstyled drops them all', async () => {
    const css = readFileSync('src/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
    const selectors = [...css.matchAll(/(^|})\s*([^{}@]+)\{/g)].map((match) => (match[2] ?? '').trim())
    const ruleSelectors = selectors.filter((selector) => !/^(to|from|\d+%)$/.test(selector))
    expect(ruleSelectors.length).toBeGreaterThan(20)
    for (const list of ruleSelectors) {
      // Split at the list's own commas, not those inside :not(…) or :is(…).
      for (const selector of list.split(/,(?![^(]*\))/)) expect(selector.trim()).toMatch(/^\[data-plex-login='styled'\]/)
    }
    const { root } = await shown({ unstyled: true })
    expect(root?.getAttribute('data-plex-login')).toBe('unstyled')
  })

  it('takes every color, radius, font and size from a --plex-login-* custom property', () => {
    const css = readFileSync('src/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
    const all = [...css.matchAll(/([a-z_-]+)\s*:\s*([^;{}]+);/g)]
    // The private --_name are plain defaults (light, then dark), read only as the fallback of
    // --plex-login-name where a rule uses it, so the public one wins wherever the app sets it.
    const privates = all.filter(([, property]) => property?.startsWith('--_'))
    expect(privates.length).toBeGreaterThan(20)
    for (const [declaration, , value = ''] of privates) expect(value, declaration).not.toMatch(/var\(/)
    for (const [use, name] of css.matchAll(/var\(--_([a-z-]+)\)/g)) {
      expect(css, use).not.toMatch(new RegExp(`(?<!var\\(--plex-login-${name}, )var\\(--_${name}\\)`))
    }
    expect(all.filter(([, property]) => property?.startsWith('--plex-login-')), 'declared --plex-login-*').toEqual([])
    const declarations = all.filter(([, property]) => !property?.startsWith('--'))
    expect(declarations.length).toBeGreaterThan(50)
    for (const [declaration, property, value = ''] of declarations) {
      if (/color|background|font-family|radius/.test(property ?? '')) {
        expect(value, declaration).toMatch(/var\(--plex-login-[a-z-]+, |^(transparent|inherit|currentColor|50%)$/)
      }
      // Hairlines and the visually-hidden pattern aside, lengths come from the theme.
      const withoutThemed = value.replace(/var\(--plex-login-[a-z-]+, [^()]+\)/g, '')
      expect(withoutThemed.replace(/-?[01]px/g, ''), declaration).not.toMatch(/\d(px|rem)/)
    }
  })

  it('adds class names per part', async () => {
    const { root, container } = await shown({
      className: 'app',
      classNames: { root: 'r', code: 'c', qr: 'q', link: 'l', copy: 'cp', status: 's', countdown: 'cd' },
    })
    expect(root?.className).toBe('r app')
    for (const [part, name] of Object.entries({ code: 'c', qr: 'q', link: 'l', copy: 'cp', status: 's', countdown: 'cd' })) {
      expect(container.querySelector(`[data-part="${part}"]`)?.getAttribute('class'), part).toBe(name)
    }
  })

  it('formats the countdown for the locale', async () => {
    const { container } = await shown({ locale: 'ar-EG', labels: { expiresIn: (time) => time } })
    expect(container.querySelector('[data-part="countdown"]')?.textContent).toBe('١٥:٠٠')
  })

  it('takes a list of locales, like navigator.languages, and uses the first one Intl supports', async () => {
    const { container } = await shown({ locale: ['ar-EG', 'en-US'], labels: { expiresIn: (time) => time } })
    expect(container.querySelector('[data-part="countdown"]')?.textContent).toBe('١٥:٠٠')
  })

  it.each([
    ['a trailing slash of the path (a link page served as a directory)', 'https://plex.example.com/link/', 'https://plex.example.com/link/?pin=CODE'],
    ['a query value that ends in a slash, unencoded', 'https://my.app/plex/link?return=/', 'https://my.app/plex/link?return=/&pin=CODE'],
    ['a pin it already had, replaced', 'https://my.app/link?pin=OLD&x=1', 'https://my.app/link?x=1&pin=CODE'],
    ['a hash route that ends in a slash', 'https://my.app/#/link/', 'https://my.app/?pin=CODE#/link/'],
    ['a query and a fragment', 'https://my.app/link?utm=x#top', 'https://my.app/link?utm=x&pin=CODE#top'],
  ])('keeps %s of linkUrl in the address the link and the QR code carry', async (_name, linkUrl, expected) => {
    let qrValue: string | null = null
    const { sim, container } = await shown({ linkUrl })
    const code = sim.latestPin()?.code ?? ''
    expect(container.querySelector('[data-part="link"]')?.getAttribute('href')).toBe(expected.replace('CODE', code))
    // The QR code is drawn from the same `qrValue` (the SVG's modules cannot be read back here).
    const custom = await shown({ linkUrl, children: (state) => void (qrValue = state.qrValue) })
    expect(qrValue).toBe(expected.replace('CODE', custom.sim.latestPin()?.code ?? ''))
  })

  it('accepts a linkUrl whose address, with ?pin=CODE, fits a QR code, and draws it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // 2,316 characters with &pin=CODE: near the 2,331 a QR code holds, and full of characters
    // URLSearchParams would have re-encoded to three each.
    const linkUrl = `https://my.app/link?return=${'/a'.repeat(1140)}`
    const { container } = await shown({ linkUrl })
    expect(container.querySelector('[data-plex-login]')?.getAttribute('data-state')).toBe('waiting')
    expect(container.querySelector('svg[data-part="qr"]')).not.toBeNull()
  })

  it('lays out right-to-left, keeping the code itself left-to-right', async () => {
    const { root, container } = await shown({ dir: 'rtl' })
    expect(root?.getAttribute('dir')).toBe('rtl')
    expect(codeElement(container)?.getAttribute('dir')).toBe('ltr')
  })

  // An Arabic widget that keeps the default, English describeError drew its full stop and
  // parentheses on the wrong side (Chromium, an i18n probe); each sentence now takes its own
  // direction.
  it('lays the error sentence out in its own direction, whatever the widget’s', async () => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'body', body: '<html>portal</html>', contentType: 'text/html' }, { route: 'create-pin' })
    const { container } = renderWithClient(<PlexLogin product="Test App" dir="rtl" />)
    await flush()
    expect(stateOf(container)).toBe('error')
    expect(container.querySelector('[data-part="error"]')?.getAttribute('dir')).toBe('auto')
  })

  it('renders your own layout from the children function, with the same logic', async () => {
    const { sim, container, root } = await shown({
      children: ({ status, code, renew }) => (
        <div>
          <output data-testid="mine">{code ?? status}</output>
          <button type="button" onClick={renew}>
            Another code
          </button>
        </div>
      ),
    })
    expect(screen.getByTestId('mine').textContent).toBe(sim.latestPin()?.code)
    expect(root?.getAttribute('data-state')).toBe('waiting')
    expect(container.querySelector('[data-part="qr"]')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Another code' }))
    await flush()
    expect(screen.getByTestId('mine').textContent).toBe(sim.latestPin()?.code)
    expect(sim.requests('create-pin')).toHaveLength(2)
  })

  it('translates failures by their kind through labels.describeError', async () => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'status', status: 503 }, { times: 2, route: 'create-pin' })
    const { container } = renderWithClient(
      <PlexLogin product="Test App" labels={{ retrying: (reason) => `Opnieuw verbinden… ${reason}`, describeError: (error) => (isPlexApiError(error, 'http') ? `plex.tv geeft fout ${String(error.status)}` : 'Onbekende fout') }} />,
    )
    await flush(500)
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Opnieuw verbinden… plex.tv geeft fout 503')
  })

  it('gives focus back to the widget when the pressed action disappears', async () => {
    installFakeClock()
    const sim = startSimulator()
    sim.fail({ type: 'body', body: 'garbage' }, { route: 'create-pin' })
    const { container } = renderWithClient(<PlexLogin product="Test App" />)
    await flush()
    const button = screen.getByRole('button', { name: 'Try again' })
    button.focus()
    fireEvent.click(button)
    await flush()
    expect(stateOf(container)).toBe('waiting')
    expect(document.activeElement).toBe(container.querySelector('[data-plex-login]'))
  })
})
