import { http, HttpResponse, type HttpHandler } from 'msw'
import { SimulatedConnectionDrop, type PlexSimulator } from './createPlexSimulator.js'

export interface PlexSimulatorHandlersOptions {
  /** The origin the app talks to. @defaultValue `'https://plex.tv'` */
  baseUrl?: string
}

/**
 * MSW 2 request handlers that answer every request to `baseUrl` from the simulator, for vitest,
 * jsdom and Storybook. A `drop` fault becomes a network error (`fetch` rejects).
 */
export function plexSimulatorHandlers(simulator: PlexSimulator, { baseUrl = 'https://plex.tv' }: PlexSimulatorHandlersOptions = {}): HttpHandler[] {
  const origin = baseUrl.replace(/\/+$/, '')
  return [
    http.all(`${origin}/*`, async ({ request }) => {
      try {
        return await simulator.handle(request)
      } catch (error) {
        if (error instanceof SimulatedConnectionDrop) return HttpResponse.error()
        throw error
      }
    }),
  ]
}
