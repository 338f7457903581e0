// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { PlexLogin } from '../../src'

describe('server rendering', () => {
  it('renders the creating state without touching window, document or storage', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const html = renderToString(<PlexLogin product="Test App" />)
    expect(html).toContain('data-state="creating"')
    expect(html).toContain('Getting a code from plex.tv')
  })
})
