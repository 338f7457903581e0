import { describe, expect, it, vi } from 'vitest'
import { createPlexClient, isTransientError, PlexApiError, REQUEST_TIMEOUT_MS, type PlexApiErrorKind } from '../../src'
import { deepText } from '../support/deepText'
import { BASE_URL, startSimulator } from '../support/simulator'

const CLIENT_ID = '5b8c1f0e-3a52-4c1e-9f65-2c1d3e4f5a6b'

function client(extra: Partial<Parameters<typeof createPlexClient>[0]> = {}) {
  return createPlexClient({ product: 'Test App', clientIdentifier: CLIENT_ID, ...extra })
}

async function failure(promise: Promise<unknown>): Promise<PlexApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(PlexApiError)
  return error as PlexApiError
}

/** Header names a browser lets a page send without a CORS preflight. */
const CORS_SAFELISTED = new Set(['accept', 'accept-language', 'content-language'])

describe('createPlexClient', () => {
  describe('given the simulator as plex.tv', () => {
    it('creates a 4-character link PIN with every field parsed', async () => {
      const sim = startSimulator()
      const pin = await client().createPin()
      expect(pin.code).toMatch(/^[A-Z0-9]{4}$/)
      expect(pin.code).toBe(sim.latestPin()?.code)
      expect(pin).toMatchObject({
        id: sim.latestPin()?.id,
        strong: false,
        product: 'Test App',
        clientIdentifier: CLIENT_ID,
        expiresIn: 900,
        authToken: null,
        trusted: false,
      })
      expect(pin.location?.code).toBe('NL')
      expect(pin.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    })

    it('creates a 25-character strong PIN when asked', async () => {
      startSimulator()
      const pin = await client().createPin({ strong: true })
      expect(pin.code).toMatch(/^[a-z0-9]{25}$/)
      expect(pin.expiresIn).toBe(1800)
    })

    it('sends every X-Plex-* value in the query string and no custom header', async () => {
      const sim = startSimulator()
      const plex = client({ version: '1.2.3', platform: 'Chrome', device: 'Linux', deviceName: 'Desk', language: 'nl' })
      const pin = await plex.createPin()
      await plex.getPin(pin.id)
      for (const entry of sim.log) {
        expect(entry.query).toMatchObject({
          'X-Plex-Product': 'Test App',
          'X-Plex-Client-Identifier': CLIENT_ID,
          'X-Plex-Version': '1.2.3',
          'X-Plex-Platform': 'Chrome',
          'X-Plex-Device': 'Linux',
          'X-Plex-Device-Name': 'Desk',
          'X-Plex-Language': 'nl',
        })
        expect(Object.keys(entry.headers).filter((name) => name.startsWith('x-plex'))).toEqual([])
        expect(entry.headers.accept).toBe('application/json')
      }
      expect(sim.requests('create-pin')[0]?.query.strong).toBe('false')
    })

    it('makes CORS simple requests: a safelisted method and only safelisted headers', async () => {
      startSimulator()
      const seen: RequestInit[] = []
      const spy: typeof fetch = (input, init) => {
        seen.push(init ?? {})
        return fetch(input, init)
      }
      const plex = client({ fetch: spy })
      const pin = await plex.createPin()
      await plex.getPin(pin.id)
      expect(seen).toHaveLength(2)
      for (const init of seen) {
        expect(['GET', 'POST', 'HEAD']).toContain(init.method)
        expect(init.body ?? null).toBeNull()
        const names = [...new Headers(init.headers).keys()]
        expect(names).toEqual(['accept'])
        expect(names.every((name) => CORS_SAFELISTED.has(name))).toBe(true)
      }
    })

    it('polls the PIN and sees the token once the code is linked', async () => {
      const sim = startSimulator()
      const plex = client()
      const pin = await plex.createPin()
      expect((await plex.getPin(pin.id)).authToken).toBeNull()
      expect(sim.link(pin.code).ok).toBe(true)
      const linked = await plex.getPin(pin.id)
      expect(linked.authToken).toMatch(/\S+/)
    })

    it('reads the account with the token in a header, never in the URL', async () => {
      const sim = startSimulator()
      const plex = client()
      const pin = await plex.createPin()
      sim.link(pin.code)
      const { authToken } = await plex.getPin(pin.id)
      const user = await plex.getUser(authToken ?? '')
      expect(user).toMatchObject({ id: sim.user.id, username: 'plexfan', title: 'Plex Fan' })
      const request = sim.requests('get-user')[0]
      expect(request?.headers['x-plex-token']).toBe('<redacted>')
      expect(JSON.stringify(request?.query)).not.toContain(authToken)
    })
  })

  describe('given failing answers, each error kind comes from a real HTTP answer', () => {
    const cases: [string, (sim: ReturnType<typeof startSimulator>) => void, PlexApiErrorKind, RegExp][] = [
      ['a dropped connection', (sim) => sim.fail({ type: 'drop' }), 'network', /^Could not reach plex\.tv\. Check your internet connection or ad blocker\.$/],
      ['HTTP 500', (sim) => sim.fail({ type: 'status', status: 500 }), 'http', /having trouble \(HTTP 500/],
      ['HTTP 403', (sim) => sim.fail({ type: 'status', status: 403 }), 'http', /^plex\.tv refused the request \(HTTP 403\)\. Try again later, or tell whoever runs this app\.$/],
      // 408 is a timeout, retried as transient: not a refusal, and nothing in the app to check.
      ['HTTP 408', (sim) => sim.fail({ type: 'status', status: 408 }), 'http', /having trouble \(HTTP 408/],
      // Only a PIN that existed can expire: on a create, plex.tv's 1020 is a refusal like any other.
      ['HTTP 404/1020 on a create', (sim) => sim.fail({ type: 'status', status: 404, body: JSON.stringify({ errors: [{ code: 1020, message: 'x', status: 404 }] }) }), 'http', /refused the request \(HTTP 404\)/],
      ['HTTP 429', (sim) => sim.fail({ type: 'status', status: 429, retryAfter: '7' }), 'rate-limited', /^plex\.tv is busy\. The sign-in retries by itself\.$/],
      ['malformed JSON', (sim) => sim.fail({ type: 'body', body: '{"id": 12,' }), 'invalid-response', /malformed JSON/],
      ['an HTML page', (sim) => sim.fail({ type: 'body', body: '<!DOCTYPE html><html>Captive portal</html>', contentType: 'text/html' }), 'invalid-response', /a web page: a Wi-Fi sign-in page or a network filter may be in the way/],
      ['an empty 200', (sim) => sim.fail({ type: 'body', body: '' }), 'invalid-response', /empty answer/],
      ['an HTML page known by its Content-Type alone', (sim) => sim.fail({ type: 'body', body: '<head><title>Log in</title></head>', contentType: 'text/html' }), 'invalid-response', /a web page/],
      ['a redirect to another origin', (sim) => sim.fail({ type: 'redirect', location: 'https://evil.example/pins' }), 'invalid-response', /redirect/],
    ]
    it.each(cases)('%s', async (_name, inject, kind, message) => {
      const sim = startSimulator()
      inject(sim)
      const error = await failure(client().createPin())
      expect(error.kind).toBe(kind)
      expect(error.message).toMatch(message)
    })

    it('a PIN that expired is kind "expired" (404, Plex error 1020)', async () => {
      const sim = startSimulator()
      const plex = client()
      const pin = await plex.createPin()
      sim.expire(pin.id)
      const error = await failure(plex.getPin(pin.id))
      expect(error).toMatchObject({ kind: 'expired', status: 404, plexCode: 1020, plexMessage: 'Code not found or expired' })
    })

    it('polling with another client identifier does not find the PIN', async () => {
      startSimulator()
      const pin = await client().createPin()
      const error = await failure(client({ clientIdentifier: 'another-install' }).getPin(pin.id))
      expect(error.kind).toBe('expired')
    })

    it('a missing client identifier (a proxy stripped it) is kind "missing-client-identifier"', async () => {
      startSimulator()
      const stripping: typeof fetch = (input, init) =>
        fetch(String(input).replace(/X-Plex-Client-Identifier=[^&]*&?/, ''), init)
      const error = await failure(client({ fetch: stripping }).createPin())
      expect(error).toMatchObject({ kind: 'missing-client-identifier', status: 400, plexCode: 1000 })
      // A person cannot fix a proxy; whoever runs the app can, with the number to look up.
      expect(error.message).toBe('plex.tv refused this app\'s request (HTTP 400, code 1000). Tell whoever runs this app.')
    })

    it('an XML answer (no Accept: application/json) is named as such', async () => {
      startSimulator()
      const xmlOnly: typeof fetch = (input, init) => fetch(input, { ...init, headers: {} })
      const error = await failure(client({ fetch: xmlOnly }).createPin())
      expect(error.kind).toBe('invalid-response')
      expect(error.message).toMatch(/XML instead of JSON/)
    })

    it('Retry-After as an HTTP date becomes milliseconds', async () => {
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 429, retryAfter: new Date(Date.now() + 30_000).toUTCString() })
      const error = await failure(client().createPin())
      expect(error.retryAfterMs).toBeGreaterThan(28_000)
      expect(error.retryAfterMs).toBeLessThanOrEqual(30_000)
    })

    it("keeps plex.tv's own error text on the error, out of the sentence a person sees and hears", async () => {
      // A proxy or plex.tv's body is someone else's words: a phone number to call, a look-alike
      // address, a right-to-left override. The widget shows and announces `message`.
      const phishing = 'Call support at +1-800-555-0199 or sign in at https://p1ex-login.example \u202Eecnalab'
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 9, message: phishing }] }) })
      const error = await failure(client().createPin())
      expect(error).toMatchObject({ kind: 'http', status: 400, plexCode: 9, plexMessage: phishing })
      expect(error.message).toMatch(/refused the request \(HTTP 400\)/)
      expect(error.message).not.toMatch(/800|p1ex|\u202E/)
    })

    it('a body that is not JSON leaves no piece of it in the error, its cause included', async () => {
      // JSON.parse quotes the text around the fault: here, half a token.
      const sim = startSimulator()
      const created = await client().createPin()
      sim.fail({ type: 'body', body: `{"id":${created.id},"code":"7RQZ","expiresIn":900,"authToken":xT9kP2mQ7rSECRET}` }, { route: 'get-pin' })
      const error = await failure(client().getPin(created.id))
      expect(error.kind).toBe('invalid-response')
      expect(error.message).toMatch(/malformed JSON/)
      expect(`${error.message} ${String(error.cause)} ${JSON.stringify(error)}`).not.toMatch(/SECRET|xT9k/)
    })

    it('a 404 outside the PIN endpoint (a wrong baseUrl path) is "http", not "expired"', async () => {
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 404, body: '{}' }, { route: 'create-pin' })
      const error = await failure(client().createPin())
      expect(error).toMatchObject({ kind: 'http', status: 404 })
      expect(error.message).not.toMatch(/expired/)
    })

    it('Plex error 1020 on a poll is "expired" whatever the HTTP status', async () => {
      const sim = startSimulator()
      const pin = await client().createPin()
      sim.fail({ type: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 1020, message: 'Code not found or expired' }] }) }, { route: 'get-pin' })
      expect(await failure(client().getPin(pin.id))).toMatchObject({ kind: 'expired', status: 400 })
    })

    it("cuts plex.tv's own message to one line of at most 200 characters", async () => {
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 9, message: `a\nb${'x'.repeat(500)}` }] }) })
      const error = await failure(client().createPin())
      expect(error.plexMessage).toHaveLength(200)
      expect(error.plexMessage).toMatch(/^a b/)
    })

    it('a 408 is transient (retried), like a 5xx; a 400 is not', () => {
      expect(isTransientError(new PlexApiError({ kind: 'http', status: 408, message: 'timeout' }))).toBe(true)
      expect(isTransientError(new PlexApiError({ kind: 'http', status: 400, message: 'refused' }))).toBe(false)
    })

    it('sends nothing for a signal aborted before the call', async () => {
      const sim = startSimulator()
      await expect(client().createPin({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
      expect(sim.requests('create-pin')).toHaveLength(0)
    })

    it('keeps only the text and yes/no fields of the location', async () => {
      const sim = startSimulator()
      sim.fail({ type: 'body', status: 201, body: JSON.stringify({ id: 7, code: '7RQZ', expiresIn: 900, location: { code: 'NL', europeanUnionMember: true, latitude: 51.5, nested: { a: 1 } } }) })
      expect((await client().createPin()).location).toEqual({ code: 'NL', europeanUnionMember: true })
    })

    it('leaves no timer behind once a request has its answer', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      startSimulator()
      await client().createPin()
      expect(vi.getTimerCount()).toBe(0)
    })

    it("leaves no listener on the caller's signal once a request has its answer", async () => {
      // The hook passes one long-lived signal to every create and poll: a listener left per
      // request would pile up for as long as a kiosk renews its code.
      startSimulator()
      const controller = new AbortController()
      const add = vi.spyOn(controller.signal, 'addEventListener')
      const remove = vi.spyOn(controller.signal, 'removeEventListener')
      const plex = client()
      const pin = await plex.createPin({ signal: controller.signal })
      await plex.getPin(pin.id, { signal: controller.signal })
      const added = add.mock.calls.filter(([type]) => type === 'abort').map(([, listener]) => listener)
      expect(added).toHaveLength(2)
      expect(remove.mock.calls.filter(([type]) => type === 'abort').map(([, listener]) => listener)).toEqual(added)
    })

    it('keeps the Retry-After of a 503, as of a 429, and ignores it on other statuses', async () => {
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 503, retryAfter: '7' })
      expect(await failure(client().createPin())).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 7000 })
      sim.fail({ type: 'status', status: 500, retryAfter: '7' })
      expect((await failure(client().createPin())).retryAfterMs).toBeUndefined()
    })

    it('a bare 404 on a poll (no Plex error code) is "expired"', async () => {
      const sim = startSimulator()
      const pin = await client().createPin()
      sim.fail({ type: 'status', status: 404, body: '{}' }, { route: 'get-pin' })
      expect(await failure(client().getPin(pin.id))).toMatchObject({ kind: 'expired', status: 404 })
    })

    it('a 5xx on a poll is a transient "http" error, not an expiry', async () => {
      const sim = startSimulator()
      const pin = await client().createPin()
      sim.fail({ type: 'status', status: 503 }, { route: 'get-pin' })
      const error = await failure(client().getPin(pin.id))
      expect(error).toMatchObject({ kind: 'http', status: 503 })
      expect(isTransientError(error)).toBe(true)
    })

    it('polls a strong PIN, known by its 25-character code', async () => {
      startSimulator()
      const plex = client()
      const pin = await plex.createPin({ strong: true })
      expect(await plex.getPin(pin.id)).toMatchObject({ id: pin.id, code: pin.code, strong: true, authToken: null })
    })

    it('a 300 is refused as a redirect, like the other 3xx', async () => {
      const sim = startSimulator()
      sim.fail({ type: 'redirect', status: 300, location: 'https://evil.example/pins' })
      const error = await failure(client().createPin())
      expect(error.kind).toBe('invalid-response')
      expect(error.message).toMatch(/redirect/)
    })

    it('a connection dropped while the body arrives is a network failure (retried), not a wrong fetch', async () => {
      startSimulator()
      const cutOff: typeof fetch = async () =>
        new Response(new ReadableStream({ pull: (controller) => controller.error(new TypeError('terminated')) }), { status: 201 })
      const error = await failure(client({ fetch: cutOff }).createPin())
      expect(error.kind).toBe('network')
    })

    it("trims plex.tv's message, and keeps its code when the message is no text", async () => {
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 9, message: '\n  Bad request \t' }] }) })
      expect((await failure(client().createPin())).plexMessage).toBe('Bad request')
      sim.fail({ type: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 1000, message: 42 }] }) })
      expect(await failure(client().createPin())).toMatchObject({ kind: 'missing-client-identifier', plexCode: 1000, plexMessage: undefined })
    })

    it('drops a Plex error code that is not a number', async () => {
      const sim = startSimulator()
      sim.fail({ type: 'status', status: 400, body: JSON.stringify({ errors: [{ code: '1000', message: 'x' }] }) })
      expect(await failure(client().createPin())).toMatchObject({ kind: 'http', plexCode: undefined })
    })

    it.each([
      ['only white space', '  \n ', /empty answer/],
      ['an HTML page served as text/plain, after blank lines', '\n\n<!DOCTYPE html><html>Captive portal</html>', /a web page/],
      ['XML served as text/plain, indented', '  <MediaContainer size="0"/>', /XML instead of JSON/],
      ['text with markup further on', 'oops <html>', /malformed JSON/],
    ])('names a body of %s by its look', async (_name, body, message) => {
      const sim = startSimulator()
      sim.fail({ type: 'body', body, contentType: 'text/plain' })
      expect((await failure(client().createPin())).message).toMatch(message)
    })

    it.each([
      ['an id of 0', { id: 0, username: 'plexfan' }],
      ['no id', { username: 'plexfan' }],
      ['an array', [{ id: 1 }]],
    ])('an account with %s is an invalid-response error', async (_name, body) => {
      const sim = startSimulator()
      sim.fail({ type: 'body', body: JSON.stringify(body) }, { route: 'get-user' })
      const error = await failure(client().getUser('a-token'))
      expect(error.kind).toBe('invalid-response')
      expect(error.message).toMatch(/no valid id/)
    })

    it('keeps only the text fields of an account, the others null', async () => {
      const sim = startSimulator()
      sim.fail({ type: 'body', body: JSON.stringify({ id: 5, username: 42, title: 'Plex Fan', email: { to: 'x' } }) }, { route: 'get-user' })
      expect(await client().getUser('a-token')).toEqual({ id: 5, uuid: null, username: null, title: 'Plex Fan', email: null, thumb: null })
    })

    it('an invalid token is kind "unauthorized"', async () => {
      startSimulator()
      const error = await failure(client().getUser('not-a-token'))
      expect(error).toMatchObject({ kind: 'unauthorized', status: 401, plexCode: 1001 })
    })
  })

  describe('given a PIN of the wrong shape', () => {
    const pin = { id: 1272322473, code: '7RQZ', expiresIn: 900, authToken: null }
    /** The next create is answered with `body` as its PIN. */
    const answerCreate = (sim: ReturnType<typeof startSimulator>, body: unknown) => sim.fail({ type: 'body', body: JSON.stringify(body), status: 201 })
    const shapes: [string, unknown, RegExp][] = [
      ['markup in the code', { ...pin, code: '<img src=x onerror=alert(1)>' }, /code is not 4 letters or digits/],
      ['a code of the wrong length', { ...pin, code: '7RQZX' }, /code is not 4 letters or digits/],
      ['a lowercase code', { ...pin, code: '7rqz' }, /code is not 4 letters or digits/],
      ['no id', { ...pin, id: undefined }, /no valid id/],
      ['an id that is a string', { ...pin, id: '1272322473' }, /no valid id/],
      ['a negative id', { ...pin, id: -4 }, /no valid id/],
      ['an id of 0', { ...pin, id: 0 }, /no valid id/],
      ['a code that is a number', { ...pin, code: 1234 }, /code is not 4 letters or digits/],
      ['a negative expiresIn', { ...pin, expiresIn: -1 }, /lifetime/],
      ['a zero expiresIn', { ...pin, expiresIn: 0 }, /lifetime/],
      ['a huge expiresIn', { ...pin, expiresIn: 1e12 }, /lifetime/],
      ['an expiresIn one second longer than a day', { ...pin, expiresIn: 24 * 60 * 60 + 1 }, /lifetime/],
      ['expiresIn as a string', { ...pin, expiresIn: '900' }, /lifetime/],
      ['an empty token', { ...pin, authToken: '' }, /token/],
      ['a token that is a number', { ...pin, authToken: 42 }, /token/],
      ['a token of spaces', { ...pin, authToken: '   ' }, /token/],
      ['a token with a line break', { ...pin, authToken: 'abc\n' }, /token/],
      ['a token with a non-ASCII letter', { ...pin, authToken: 'tökén' }, /token/],
      ['an array', [pin], /expected a PIN object/],
      ['null', null, /expected a PIN object/],
    ]
    it.each(shapes)('%s is an invalid-response error', async (_name, body, message) => {
      answerCreate(startSimulator(), body)
      const error = await failure(client().createPin())
      expect(error.kind).toBe('invalid-response')
      expect(error.message).toMatch(message)
      expect(error.message).not.toContain('<img')
    })

    it.each([
      ['26 characters', 'a'.repeat(26)],
      ['an uppercase letter first', `A${'a'.repeat(24)}`],
      ['an uppercase letter last', `${'a'.repeat(24)}A`],
    ])('a strong code of %s is an invalid-response error', async (_name, code) => {
      answerCreate(startSimulator(), { ...pin, code })
      expect((await failure(client().createPin({ strong: true }))).message).toMatch(/code is not 25 lowercase letters or digits/)
    })

    it('takes a lifetime of exactly one day, the longest it believes', async () => {
      answerCreate(startSimulator(), { ...pin, expiresIn: 24 * 60 * 60 })
      expect((await client().createPin()).expiresIn).toBe(86_400)
    })

    it('is trusted only for trusted: true', async () => {
      const sim = startSimulator()
      answerCreate(sim, { ...pin, trusted: true })
      expect((await client().createPin()).trusted).toBe(true)
      answerCreate(sim, { ...pin, trusted: 'yes' })
      expect((await client().createPin()).trusted).toBe(false)
    })

    it.each([
      ['0', 0],
      ['below 0 (rounded down past the end)', -1],
    ])('a linked PIN whose expiresIn is %s still hands over its token', async (_name, expiresIn) => {
      const sim = startSimulator()
      const created = await client().createPin()
      sim.fail({ type: 'body', body: JSON.stringify({ ...pin, id: created.id, expiresIn, authToken: 'tok-end-of-life' }) }, { route: 'get-pin' })
      const polled = await client().getPin(created.id)
      expect(polled.authToken).toBe('tok-end-of-life')
      expect(polled.expiresIn).toBe(0)
    })

    it.each([
      ['0', 0],
      ['below 0', -1],
    ])('an unlinked PIN polled with expiresIn %s is an expired error, as a 404 would be', async (_name, expiresIn) => {
      const sim = startSimulator()
      const created = await client().createPin()
      sim.fail({ type: 'body', body: JSON.stringify({ ...pin, id: created.id, expiresIn }) }, { route: 'get-pin' })
      const error = await failure(client().getPin(created.id))
      expect(error.kind).toBe('expired')
      expect(error.message).toMatch(/expired/)
    })
  })

  describe('given bad options', () => {
    it.each([
      [{ product: '' }, /product is required/],
      [{ product: 'App', baseUrl: 'javascript:alert(1)' }, /must be an absolute http: or https: URL/],
      [{ product: 'App', baseUrl: 'not a url' }, /must be an absolute http: or https: URL/],
      [{ product: 'App', clientIdentifier: '   ' }, /clientIdentifier must be a non-empty string/],
      [{ product: 'App', clientIdentifier: 'x'.repeat(300) }, /at most 256/],
      [{ product: 'App', clientIdentifier: 'x'.repeat(257) }, /at most 256/],
    ])('%o throws a TypeError that says what to change', (options, message) => {
      expect(() => createPlexClient(options)).toThrow(message)
    })

    it.each([
      ['credentials', 'https://admin:hunter2@plex.tv', /without credentials/],
      ['a query', 'https://plex.tv/?x=1', /without a query or fragment/],
      ['a fragment', 'https://plex.tv/#frag', /without a query or fragment/],
      ['an empty query', 'https://plex.tv/?', /without a query or fragment/],
      ['an empty fragment', 'https://plex.tv#', /without a query or fragment/],
    ])('a baseUrl with %s throws a TypeError that names the problem and never echoes a password', (_name, baseUrl, message) => {
      expect(() => client({ baseUrl })).toThrow(message)
      expect(() => client({ baseUrl })).not.toThrow(/hunter2/)
    })

    it.each([
      ['a line break', 'tok\nen-SECRET'],
      ['a NUL', 'tok\0en-SECRET'],
      ['a space', 'tok en-SECRET'],
      ['a non-ASCII letter', 'tokén-SECRET'],
    ])('getUser with a token holding %s: a TypeError that neither sends nor repeats it', async (_name, token) => {
      const sim = startSimulator()
      const error = await client().getUser(token).catch((reason: unknown) => reason)
      expect(error).toBeInstanceOf(TypeError)
      expect(deepText(error)).not.toContain('SECRET')
      expect(sim.requests()).toHaveLength(0)
    })

    // Browsers answer `redirect: 'manual'` with an opaque, status-0 Response (Node gives the 3xx
    // itself, which the redirect case above covers), so the browser's form needs its own test.
    it("a browser's opaque redirect (type opaqueredirect, status 0) is an invalid response, not an answer", async () => {
      startSimulator()
      const opaque: typeof fetch = async () => {
        const response = new Response(null, { status: 200 })
        Object.defineProperties(response, { type: { value: 'opaqueredirect' }, status: { value: 0 }, ok: { value: false } })
        return response
      }
      const error = await failure(client({ fetch: opaque }).createPin())
      expect(error.kind).toBe('invalid-response')
      expect(error.message).toMatch(/redirect/)
    })

    it('takes a fetch with a plain (url, init) signature', async () => {
      startSimulator()
      const seen: string[] = []
      const plainFetch = (url: string, init: RequestInit): Promise<Response> => {
        seen.push(url)
        return fetch(url, init)
      }
      await client({ fetch: plainFetch }).createPin()
      expect(seen).toHaveLength(1)
    })

    it.each([
      ['the parsed body (ofetch, $fetch)', async () => ({ id: 1, code: '7RQZ' })],
      ['nothing', async () => undefined],
    ])('a fetch that resolves to %s is a TypeError that says so, not "offline", and is not retried', async (_name, wrongFetch) => {
      startSimulator()
      const error = await client({ fetch: wrongFetch as unknown as typeof fetch }).createPin().catch((reason: unknown) => reason)
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toMatch(/fetch must resolve to a Response/)
      expect(isTransientError(error)).toBe(false)
    })

    it.each([
      ['baseUrl', { baseUrl: 'http://192.168.1.20:32400/?X-Plex-Token=MyOwnPlexToken1234567' }],
      ['a baseUrl of the wrong scheme', { baseUrl: 'ftp://192.168.1.20:32400/?X-Plex-Token=MyOwnPlexToken1234567' }],
    ])('%s pasted with a Plex server token in its query is never repeated in the TypeError', (_name, options) => {
      expect(() => client(options)).toThrow(TypeError)
      expect(() => client(options)).not.toThrow(/MyOwnPlexToken/)
    })

    it('takes a clientIdentifier of exactly 256 characters', () => {
      expect(client({ clientIdentifier: 'x'.repeat(256) }).clientIdentifier).toHaveLength(256)
    })

    it.each([['a trailing slash', '/'], ['several trailing slashes', '///']])('%s on baseUrl is harmless', async (_name, slashes) => {
      const sim = startSimulator()
      await client({ baseUrl: `${BASE_URL}${slashes}` }).createPin()
      expect(sim.requests('create-pin')[0]?.path).toBe('/api/v2/pins')
    })

    it('takes a plain-http baseUrl (a simulator or proxy on the LAN), but no other scheme ending in http', () => {
      expect(client({ baseUrl: 'http://192.168.1.20:8080' }).baseUrl).toBe('http://192.168.1.20:8080')
      expect(() => client({ baseUrl: 'git+https://plex.tv' })).toThrow(TypeError)
    })

    it('trims product and clientIdentifier, and refuses ones that are not text with the message that says so', async () => {
      const sim = startSimulator()
      const plex = createPlexClient({ product: '  Test App  ', clientIdentifier: ` ${CLIENT_ID}\t` })
      expect(plex).toMatchObject({ product: 'Test App', clientIdentifier: CLIENT_ID })
      await plex.createPin()
      expect(sim.requests('create-pin')[0]?.query).toMatchObject({ 'X-Plex-Product': 'Test App', 'X-Plex-Client-Identifier': CLIENT_ID })
      expect(() => createPlexClient({ product: undefined as unknown as string })).toThrow(/product is required/)
      expect(() => createPlexClient({ product: 'App', clientIdentifier: 42 as unknown as string })).toThrow(/clientIdentifier must be/)
    })

    it('sends no X-Plex-* parameter for a device value left out or empty', async () => {
      const sim = startSimulator()
      await client({ version: '', device: undefined }).createPin()
      const sent = Object.keys(sim.requests('create-pin')[0]?.query ?? {})
      expect(sent.filter((name) => name.startsWith('X-Plex-')).sort()).toEqual(['X-Plex-Client-Identifier', 'X-Plex-Product'])
    })

    it.each([['a path', '../user'], ['zero', 0], ['a fraction', 1.5]])('getPin refuses %s as an id, before any request', async (_name, id) => {
      const sim = startSimulator()
      await expect(client().getPin(id as number)).rejects.toBeInstanceOf(TypeError)
      expect(sim.requests()).toHaveLength(0)
    })
  })

  it(`gives up on an answer that never comes after ${REQUEST_TIMEOUT_MS / 1000} s, as a network error (retried by the widget)`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const sim = startSimulator()
    sim.latencyMs = 10 * 60_000
    const pending = failure(client().createPin())
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1)
    let settled = false
    void pending.finally(() => (settled = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const error = await pending
    expect(error.kind).toBe('network')
    expect(error.message).toBe('plex.tv did not answer in 30 seconds. Check your internet connection.')
  })

  it('passes an abort through untouched, so callers can tell it from a failure', async () => {
    const sim = startSimulator()
    sim.latencyMs = 50
    const controller = new AbortController()
    const pending = client().createPin({ signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('says so when the environment has no fetch (Jest\'s jsdom), rather than "you may be offline"', async () => {
    const sim = startSimulator()
    const realFetch = globalThis.fetch
    vi.stubGlobal('fetch', undefined)
    try {
      const error = await client().createPin().catch((reason: unknown) => reason)
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toMatch(/no global fetch.*jest-fixed-jsdom.*`fetch`/)
      // A fetch passed in is enough.
      const pin = await client({ fetch: realFetch }).createPin()
      expect(pin.code).toBe(sim.latestPin()?.code)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
