/** The token reaches onAuthenticated and nothing else (issue #5, "Secrets"). */
import { dehydrate } from '@tanstack/react-query'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { deepText } from '../support/deepText'
import { renderWithClient } from '../support/render'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

describe('the token', () => {
  it('goes to onAuthenticated and nowhere else: DOM, URL, storage, console, query cache', async () => {
    const consoles = (['log', 'info', 'debug', 'warn', 'error', 'trace'] as const).map((method) => vi.spyOn(console, method))
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const url = window.location.href
    installFakeClock()
    const sim = startSimulator()
    const onAuthenticated = vi.fn()
    const { container, client } = renderWithClient(<PlexLogin product="Test App" onAuthenticated={onAuthenticated} />, { strict: true })
    await flush()
    sim.link(sim.latestPin()?.code ?? '')
    await flush(1000)
    await flush(10_000)

    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    const token = String(onAuthenticated.mock.calls[0]?.[0])
    expect(token).toBe(sim.latestPin()?.authToken)

    expect(document.documentElement.outerHTML).not.toContain(token)
    expect(container.textContent).not.toContain(token)
    for (const element of container.querySelectorAll('*')) {
      for (const attribute of element.attributes) expect(attribute.value).not.toContain(token)
    }
    expect(window.location.href).toBe(url)
    for (const [input] of fetchSpy.mock.calls) expect(String(input)).not.toContain(token)
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie).not.toContain(token)
    for (const spy of consoles) expect(deepText(spy.mock.calls)).not.toContain(token)
    expect(deepText(dehydrate(client, { shouldDehydrateQuery: () => true }))).not.toContain(token)
    // The second argument is the PIN without its token.
    expect(deepText(onAuthenticated.mock.calls[0]?.[1])).not.toContain(token)
  })
})
