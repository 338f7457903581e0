import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

describe('server rendering, then hydration', () => {
  it('hydrates the server HTML without a mismatch, then signs in on the client', async () => {
    installFakeClock()
    const sim = startSimulator()
    const errors = vi.spyOn(console, 'error')
    const html = renderToString(<PlexLogin product="Test App" />)
    expect(sim.requests()).toHaveLength(0)

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const recoverable = vi.fn()
    const root = await act(async () => hydrateRoot(container, <PlexLogin product="Test App" />, { onRecoverableError: recoverable }))
    expect(recoverable).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    await flush()
    expect(container.querySelector('[data-part="code"]')?.textContent).toBe(sim.latestPin()?.code)
    act(() => root.unmount())
    container.remove()
  })
})
