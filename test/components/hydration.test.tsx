import { onlineManager } from '@tanstack/react-query'
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

  // A PWA shell served from its cache while the device is offline: the server said "Getting a
  // code", and the first client render must say the same before it says "You are offline".
  it('hydrates without a mismatch on a client that is offline, then says it is offline', async () => {
    installFakeClock()
    startSimulator()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const html = renderToString(<PlexLogin product="Test App" />)
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    onlineManager.setOnline(false)
    try {
      const recoverable = vi.fn()
      const root = await act(async () => hydrateRoot(container, <PlexLogin product="Test App" />, { onRecoverableError: recoverable }))
      await flush()
      expect(recoverable).not.toHaveBeenCalled()
      expect(errors).not.toHaveBeenCalled()
      expect(container.querySelector('[role="status"]')?.textContent).toMatch(/You are offline/)
      act(() => root.unmount())
    } finally {
      onlineManager.setOnline(true)
      container.remove()
    }
  })
})
