import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createPlexSimulator } from '../../src/testing'
import { plexSimulatorHandlers } from '../../src/testing/msw'
import { server } from '../support/server'
import { recordHandled } from '../support/recordHandled'

const IDENTIFIER = 'X-Plex-Client-Identifier=msw-client&X-Plex-Product=msw'
const JSON_ACCEPT = { Accept: 'application/json' }

function serve(baseUrl?: string, options?: Parameters<typeof createPlexSimulator>[0]) {
  const simulator = createPlexSimulator(options)
  server.use(...plexSimulatorHandlers(simulator, baseUrl === undefined ? {} : { baseUrl }))
  return simulator
}

describe('plexSimulatorHandlers', () => {
  it('answers for plex.tv by default', async () => {
    const simulator = serve()
    const response = await fetch(`https://plex.tv/api/v2/pins?${IDENTIFIER}`, { method: 'POST', headers: JSON_ACCEPT })
    expect(response.status).toBe(201)
    expect(simulator.log).toMatchObject([{ path: '/api/v2/pins', route: 'create-pin', status: 201 }])
  })

  describe('given a baseUrl with a path prefix (plex.tv behind a reverse proxy)', () => {
    const BASE_URL = 'https://proxy.example/plex/'

    it('routes on the path after the prefix, as plex.tv sees the request', async () => {
      const simulator = serve(BASE_URL)
      const created = await fetch(`https://proxy.example/plex/api/v2/pins?${IDENTIFIER}`, { method: 'POST', headers: JSON_ACCEPT })
      expect(created.status).toBe(201)
      const pin = (await created.json()) as { id: number; code: string }

      // Method, headers and body reach the simulator unchanged.
      const linked = await fetch(`https://proxy.example/plex/api/v2/pins/link?${IDENTIFIER}`, {
        method: 'PUT',
        headers: { ...JSON_ACCEPT, 'X-Plex-Token': simulator.user.token, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `code=${pin.code}`,
      })
      expect(linked.status).toBe(204)

      const polled = await fetch(`https://proxy.example/plex/api/v2/pins/${pin.id}?${IDENTIFIER}`, { headers: JSON_ACCEPT })
      expect(polled.status).toBe(200)
      expect(((await polled.json()) as { authToken: unknown }).authToken).toEqual(expect.any(String))
      expect(simulator.log.map((entry) => `${entry.method} ${entry.path} ${entry.route} ${entry.status}`)).toEqual([
        'POST /api/v2/pins create-pin 201',
        'PUT /api/v2/pins/link link-pin 204',
        `GET /api/v2/pins/${pin.id} get-pin 200`,
      ])
      expect(simulator.log[0]?.query).toEqual({ 'X-Plex-Client-Identifier': 'msw-client', 'X-Plex-Product': 'msw' })
    })
  })

  it("leaves a path plex.tv's PIN API does not have to the app's own handlers listed after it", async () => {
    const simulator = serve()
    server.use(...plexSimulatorHandlers(simulator), http.get('https://plex.tv/api/v2/resources', () => HttpResponse.json([{ name: 'My Server' }])))
    const response = await fetch(`https://plex.tv/api/v2/resources?${IDENTIFIER}`, { headers: JSON_ACCEPT })
    expect(await response.json()).toEqual([{ name: 'My Server' }])
    expect(simulator.log).toEqual([])
  })

  it("answers the CORS preflights of plex.tv's PIN API, and leaves those of the app's own paths to its handlers", async () => {
    const simulator = serve()
    server.use(
      ...plexSimulatorHandlers(simulator),
      http.options('https://plex.tv/api/v2/resources', () => new HttpResponse(null, { status: 204, headers: { 'X-Answered-By': 'app' } })),
    )
    const preflight = (path: string, method: string) =>
      fetch(`https://plex.tv${path}`, { method: 'OPTIONS', headers: { Origin: 'https://my.app', 'Access-Control-Request-Method': method } })
    const ours = await preflight('/api/v2/pins', 'POST')
    expect(ours.headers.get('Access-Control-Allow-Origin')).toBe('https://my.app')
    const theirs = await preflight('/api/v2/resources', 'GET')
    expect(theirs.headers.get('X-Answered-By')).toBe('app')
    expect(simulator.log).toMatchObject([{ path: '/api/v2/pins', route: 'preflight' }])
    expect(simulator.log).toHaveLength(1)
  })

  it('says what baseUrl it needs when given one that is not a URL', () => {
    expect(() => plexSimulatorHandlers(createPlexSimulator(), { baseUrl: 'plex.tv' })).toThrow(
      new TypeError('plex.tv simulator: baseUrl must be an absolute URL such as "https://plex.tv"; got "plex.tv".'),
    )
  })

  it('does not act on a fetch aborted while the simulator waits out latencyMs', async () => {
    const simulator = serve(undefined, { latencyMs: 60_000 })
    const handled = recordHandled(simulator)
    const controller = new AbortController()
    const fetched = fetch(`https://plex.tv/api/v2/pins?${IDENTIFIER}`, { method: 'POST', headers: JSON_ACCEPT, signal: controller.signal })
    const outcome = fetched.then(() => 'answered', (error: unknown) => (error instanceof Error ? error.name : String(error)))
    for (let turn = 0; turn < 100 && handled.length === 0; turn += 1) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(handled).toHaveLength(1)

    controller.abort()
    expect(await outcome).toBe('AbortError')
    const settled = await Promise.race([handled[0], new Promise((resolve) => setTimeout(() => resolve('still pending'), 2000))])
    expect(settled).toBe('AbortError')
    expect(simulator.pins).toHaveLength(0)
    expect(simulator.log).toMatchObject([{ route: 'create-pin', status: 0 }])
  })

  // A fetch whose signal is aborted already sends nothing. MSW before 2.11.6 (the peer range
  // allows 2.0) still ran the handlers for it, so the simulator logged a request no browser sends
  // (a peer-range probe). Called directly here, as such an MSW does; the installed one never would.
  it('logs nothing for a request whose signal was aborted before it was sent', async () => {
    const simulator = createPlexSimulator()
    const [handler] = plexSimulatorHandlers(simulator)
    const request = new Request(`https://plex.tv/api/v2/pins?${IDENTIFIER}`, { method: 'POST', headers: JSON_ACCEPT, signal: AbortSignal.abort() })
    const result = await handler?.run({ request, requestId: 'aborted-before-sent' })
    expect(result?.response?.type).toBe('error')
    expect(simulator.log).toEqual([])
    expect(simulator.pins).toEqual([])
  })
})

describe('plexSimulatorHandlers, given a trailing slash', () => {
  it('answers a plex.tv path with a trailing slash, as the simulator routes it', async () => {
    const simulator = serve()
    const response = await fetch(`https://plex.tv/api/v2/pins/?${IDENTIFIER}`, { method: 'POST', headers: JSON_ACCEPT })
    expect(response.status).toBe(201)
    expect(simulator.log).toMatchObject([{ route: 'create-pin', status: 201 }])
  })
})
