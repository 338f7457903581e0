/** Promises the README makes about <PlexLogin>'s props that no other test held (found by a README audit). */
import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { codeElement, stateOf } from '../support/render'
import { flush } from '../support/simulator'
import { signIn } from '../support/signIn'

describe('<PlexLogin> (README promises)', () => {
  // README, Props: "`classNames` | `{ root, code, qr, link, copy, status, countdown, actions }`".
  it('adds the actions class name to the part that holds "Try again" / "Get a new code"', async () => {
    const { sim, container } = await signIn({ maxRenewals: 0, classNames: { actions: 'my-actions' } })
    sim.expire()
    await flush(1000)
    expect(stateOf(container)).toBe('expired')
    expect(container.querySelector('[data-part="actions"]')?.getAttribute('class')).toBe('my-actions')
  })

  // README, Props: "`maxRenewals` | `number` | `3`".
  it('renews an expired code three times by default, then waits for "Get a new code"', async () => {
    const { sim, container } = await signIn()
    for (let renewal = 1; renewal <= 3; renewal += 1) {
      sim.expire()
      await flush(1000)
      expect(stateOf(container)).toBe('waiting')
      expect(sim.requests('create-pin')).toHaveLength(1 + renewal)
    }
    sim.expire()
    await flush(1000)
    expect(stateOf(container)).toBe('expired')
    expect(sim.requests('create-pin')).toHaveLength(4)
    expect(screen.getByRole('button', { name: 'Get a new code' })).toBeTruthy()
  })

  // README, Props: "`clientIdentifier` ... the PIN is bound to it, and a change applies to the next code."
  it('creates the next code with a clientIdentifier changed mid-flow, and signs in with it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { sim, rerender, onAuthenticated, container } = await signIn({ clientIdentifier: 'first-install-id' })
    expect(sim.latestPin()?.clientIdentifier).toBe('first-install-id')
    rerender(<PlexLogin product="Test App" clientIdentifier="second-install-id" onAuthenticated={onAuthenticated} />)
    await flush(1000)
    expect(sim.requests('create-pin')).toHaveLength(1)
    sim.expire()
    await flush(1000)
    expect(sim.requests('create-pin')).toHaveLength(2)
    expect(sim.latestPin()?.clientIdentifier).toBe('second-install-id')
    expect(codeElement(container)?.textContent).toBe(sim.latestPin()?.code)
    sim.link(sim.latestPin()?.code ?? '')
    await flush(1000)
    expect(onAuthenticated).toHaveBeenCalledWith(sim.latestPin()?.authToken, expect.objectContaining({ clientIdentifier: 'second-install-id' }))
  })
})
