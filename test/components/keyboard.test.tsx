import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PlexLogin } from '../../src'
import { renderWithClient, stateOf } from '../support/render'
import { startSimulator } from '../support/simulator'

describe('keyboard-only use', () => {
  it('tabs from the link to the copy button, and Enter copies', async () => {
    // Real timers: user-event's own pacing and fake timers do not mix.
    const sim = startSimulator()
    renderWithClient(<PlexLogin product="Test App" />)
    await screen.findByRole('button', { name: 'Copy code' })
    const user = userEvent.setup()
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('link', { name: /Open plex\.tv\/link/ }))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy code' }))
    await user.keyboard('{Enter}')
    // user-event puts its own clipboard on navigator; read the code back from it.
    await screen.findByRole('button', { name: 'Copied' })
    await expect(navigator.clipboard.readText()).resolves.toBe(sim.latestPin()?.code)
  })

  it('reaches "Try again" by keyboard and activates it with Space', async () => {
    const sim = startSimulator()
    sim.fail({ type: 'body', body: 'garbage' }, { route: 'create-pin' })
    const { container } = renderWithClient(<PlexLogin product="Test App" />)
    await screen.findByRole('button', { name: 'Try again' })
    const user = userEvent.setup()
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Try again' }))
    await user.keyboard(' ')
    await waitFor(() => expect(stateOf(container)).toBe('waiting'))
  })

  it('shows a visible focus ring on every interactive part', () => {
    const css = readFileSync('src/styles.css', 'utf8')
    for (const part of ["a[data-part='link']:focus-visible", 'button:focus-visible']) {
      expect(css).toMatch(new RegExp(`\\[data-plex-login='styled'\\] ${part.replace(/[[\]()]/g, '\\$&')}[^{]*\\{[^}]*outline: var\\(--plex-login-focus-width, 3px\\) solid`))
    }
  })
})
