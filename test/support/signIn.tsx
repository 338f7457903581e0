import { vi } from 'vitest'
import { PlexLogin, type PlexLoginProps } from '../../src'
import { renderWithClient } from './render'
import { flush, installFakeClock, startSimulator } from './simulator'

/** Renders the widget against a fresh simulator with fake timers, and waits for the code. */
export async function signIn(props: Partial<PlexLoginProps> = {}, options: { strict?: boolean } = {}) {
  installFakeClock()
  const sim = startSimulator()
  const onAuthenticated = vi.fn()
  const view = renderWithClient(<PlexLogin product="Test App" onAuthenticated={onAuthenticated} {...props} />, options)
  await flush()
  return { sim, onAuthenticated, ...view }
}
