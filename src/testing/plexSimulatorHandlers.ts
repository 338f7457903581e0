import { http, HttpResponse, type HttpHandler } from 'msw'
import { routeOf, SimulatedConnectionDrop, type PlexSimulator } from './createPlexSimulator.js'

/** Options of {@link plexSimulatorHandlers}. */
export interface PlexSimulatorHandlersOptions {
  /**
   * Where the app sends its plex.tv requests: the origin, or origin plus path prefix (plex.tv
   * behind a reverse proxy, e.g. `'https://proxy.example/plex'`), as given to the client's
   * `baseUrl`. The simulator sees each request with the prefix taken off, as plex.tv would.
   * @defaultValue `'https://plex.tv'`
   */
  baseUrl?: string | undefined
}

/**
 * MSW 2 request handlers that answer plex.tv's PIN and user API (and the account image, and the
 * CORS preflights for those) under `baseUrl` from the simulator, for vitest, jsdom and Storybook. A `drop` fault becomes a network error (`fetch`
 * rejects); an aborted fetch is not acted on, even while the simulator waits out its `latencyMs`.
 * Any other path under `baseUrl` (`/api/v2/resources`, a typo) goes on to the handlers after
 * these, then to MSW's `onUnhandledRequest`, instead of a 404 from the simulator.
 */
export function plexSimulatorHandlers(simulator: PlexSimulator, { baseUrl = 'https://plex.tv' }: PlexSimulatorHandlersOptions = {}): HttpHandler[] {
  const base = parseBaseUrl(baseUrl)
  const prefix = base.pathname.replace(/\/+$/, '')
  return [
    http.all(`${base.origin}${prefix}/*`, async ({ request }) => {
      const path = new URL(request.url).pathname.slice(prefix.length).replace(/\/+$/, '')
      // A CORS preflight is judged by the request it asks about: one for a path of the app's own
      // (`/api/v2/resources`) is the app's handlers' to answer, like the request that follows it.
      const method = request.method.toUpperCase()
      const asked = method === 'OPTIONS' ? (request.headers.get('Access-Control-Request-Method') ?? '').toUpperCase() : method
      // Not plex.tv's PIN or user API: the app's own handlers, or onUnhandledRequest, answer it.
      if (routeOf(asked, path) === 'unknown') return undefined
      // A fetch aborted before it was sent reaches no server; MSW before 2.11.6 ran handlers for it.
      if (request.signal.aborted) return HttpResponse.error()
      try {
        return await simulator.handle(prefix === '' ? request : await withoutPrefix(request, prefix))
      } catch (error) {
        // An aborted fetch has rejected already; what is answered here reaches nobody.
        if (error instanceof SimulatedConnectionDrop || request.signal.aborted) return HttpResponse.error()
        throw error
      }
    }),
  ]
}

function parseBaseUrl(baseUrl: string): URL {
  try {
    return new URL(baseUrl)
  } catch (error) {
    throw new TypeError(`plex.tv simulator: baseUrl must be an absolute URL such as "https://plex.tv"; got ${JSON.stringify(baseUrl)}.`, { cause: error })
  }
}

/** `request` as plex.tv receives it from the proxy: the same, at the path after `prefix`. */
async function withoutPrefix(request: Request, prefix: string): Promise<Request> {
  const url = new URL(request.url)
  url.pathname = url.pathname.slice(prefix.length)
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    // Read whole rather than streamed: a stream body needs `duplex`, which not every fetch
    // implementation knows, and plex.tv's request bodies are a few bytes.
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: request.signal,
  })
}
