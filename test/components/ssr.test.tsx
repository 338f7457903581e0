// @vitest-environment node
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'

afterEach(() => {
  vi.unstubAllGlobals()
})

/** A first page load: the package's module state (its page-load id) starts over. */
async function freshPackage() {
  vi.resetModules()
  return import('../../src')
}

/**
 * Counts what a prerender may not read: Next.js with `cacheComponents` fails `next build` ("did not
 * produce a static shell") when a client component outside `<Suspense>` reads the clock or
 * randomness while it is prerendered, since the result would be frozen into the static HTML.
 */
function watchUnstableValues(): string[] {
  const reads: string[] = []
  const RealDate = Date
  class WatchedDate extends RealDate {
    constructor(...args: ConstructorParameters<typeof Date> | []) {
      if (args.length === 0) reads.push('new Date()')
      super(...(args as ConstructorParameters<typeof Date>))
    }

    static override now() {
      reads.push('Date.now()')
      return RealDate.now()
    }
  }
  vi.stubGlobal('Date', WatchedDate)
  vi.spyOn(Math, 'random').mockImplementation(() => {
    reads.push('Math.random()')
    return 0.5
  })
  vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
    reads.push('crypto.randomUUID()')
    return '00000000-0000-4000-8000-000000000000'
  })
  return reads
}

describe('server rendering', () => {
  it('renders the creating state without touching window, document or storage', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const html = renderToString(<PlexLogin product="Test App" />)
    expect(html).toContain('data-state="creating"')
    expect(html).toContain('Getting a code from plex.tv')
  })

  type Package = Awaited<ReturnType<typeof freshPackage>>
  it.each([
    ['<PlexLogin> with its own QueryClient', ({ PlexLogin: Widget }: Package) => <Widget product="Test App" />],
    [
      "<PlexLogin> in the app's QueryClientProvider",
      ({ PlexLogin: Widget }: Package) => (
        <QueryClientProvider client={new QueryClient()}>
          <Widget product="Test App" />
        </QueryClientProvider>
      ),
    ],
    [
      'usePlexPin in an app component',
      ({ usePlexPin }: Package) => {
        function HookOnly() {
          return <p>{usePlexPin({ product: 'Test App' }).status}</p>
        }
        return (
          <QueryClientProvider client={new QueryClient()}>
            <HookOnly />
          </QueryClientProvider>
        )
      },
    ],
  ])('%s reads no clock and no randomness (a prerender would freeze them)', async (_name, ui) => {
    const element = ui(await freshPackage())
    const reads = watchUnstableValues()
    const html = renderToString(element)
    expect(html).toContain('creating')
    expect(reads).toEqual([])
  })
})
