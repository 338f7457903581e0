import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { createPlexSimulator } from '../../src/testing'
import { codeElement, renderWithClient, stateOf } from '../support/render'
import { flush, installFakeClock } from '../support/simulator'

/*
 * `simulator.fetch`, the README's way in without MSW: the widget signs in through it, and a dropped
 * connection is network trouble, as with MSW or the HTTP server. (That it rejects with a
 * `TypeError`, as a real fetch does, is checked in createPlexSimulator.test.ts: the widget takes
 * any rejection as network trouble.)
 */
describe('simulator.fetch', () => {
  it('signs the widget in with no MSW and no server', async () => {
    installFakeClock()
    const plex = createPlexSimulator()
    const onAuthenticated = vi.fn()
    const { container } = renderWithClient(<PlexLogin product="Test App" fetch={plex.fetch} onAuthenticated={onAuthenticated} />)
    await flush()
    const code = plex.latestPin()?.code ?? ''
    expect(codeElement(container)?.textContent).toBe(code)
    plex.link(code)
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledTimes(1)
    expect(onAuthenticated.mock.calls[0]?.[0]).toBe(plex.latestPin()?.authToken)
  })

  it('makes a dropped connection network trouble for the widget, as with MSW or the HTTP server', async () => {
    installFakeClock()
    const plex = createPlexSimulator()
    plex.fail({ type: 'drop' }, { route: 'create-pin', times: Number.POSITIVE_INFINITY })
    const { container } = renderWithClient(<PlexLogin product="Test App" fetch={plex.fetch} onAuthenticated={() => {}} />)
    await flush(60_000)
    expect(stateOf(container)).toBe('error')
    expect(container.textContent).toContain('Could not reach plex.tv')
    expect(plex.requests('create-pin').length).toBeGreaterThan(1)
  })

  it('sends nothing for a signal aborted before the call, as a real fetch', async () => {
    const plex = createPlexSimulator()
    const sent = plex.fetch('/api/v2/pins?X-Plex-Client-Identifier=abort&X-Plex-Product=abort', { method: 'POST', signal: AbortSignal.abort() })
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' })
    expect(plex.log).toEqual([])
  })
})
