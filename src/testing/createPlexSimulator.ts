/**
 * A stand-in for the plex.tv PIN API, for developing and testing offline. It holds PINs, users
 * and tokens in memory and answers Fetch API `Request`s with `Response`s as plex.tv does:
 * 201/200 PIN objects, 404/1020 once a PIN is gone,
 * 400/1000 without a client identifier, XML unless JSON is asked for, CORS for any origin.
 * Adapters put it behind MSW (`plexSimulatorHandlers`) or a real HTTP server.
 */

import { MAX_EXPIRES_IN_SECONDS } from '../api/parsePin.js'

/** Seconds a link PIN (the 4-character code) lives on plex.tv: 15 minutes. */
export const LINK_PIN_LIFETIME_S = 900
/** Seconds a strong PIN (the 25-character code of the app.plex.tv/auth flow) lives: 30 minutes. */
export const STRONG_PIN_LIFETIME_S = 1800

const LINK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const STRONG_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
const FIRST_PIN_ID = 1_272_322_473
/** What the log holds in place of a token, wherever the token travelled. */
const REDACTED = '<redacted>'
/** Statuses whose responses have no body by definition; `Response` refuses one with a body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304])

/** The code after `code` in `alphabet`'s order, like counting: `AAAZ` → `AAA0`, `AA99` → `ABAA`. */
function nextCode(code: string, alphabet: string): string {
  const last = code.length - 1
  const digit = alphabet.indexOf(code[last] ?? '')
  if (digit < alphabet.length - 1) return code.slice(0, last) + alphabet[digit + 1]
  return last > 0 ? nextCode(code.slice(0, last), alphabet) + alphabet[0] : alphabet[0] ?? ''
}

/**
 * What a request asked for: `create-pin` (`POST /api/v2/pins`), `get-pin` (`GET /api/v2/pins/{id}`),
 * `link-pin` (`PUT /api/v2/pins/link`), `get-user` (`GET /api/v2/user`), `get-avatar` (the
 * account's image), `preflight` (any `OPTIONS`), `unknown` (anything else).
 */
export type SimulatorRoute = 'create-pin' | 'get-pin' | 'link-pin' | 'get-user' | 'get-avatar' | 'preflight' | 'unknown'

const ROUTES: readonly SimulatorRoute[] = ['create-pin', 'get-pin', 'link-pin', 'get-user', 'get-avatar', 'preflight', 'unknown']
/** The routes a fault without a `route` applies to: plex.tv's API, not its images, preflights or unknown paths. */
const API_ROUTES: readonly SimulatorRoute[] = ['create-pin', 'get-pin', 'link-pin', 'get-user']
const FAULT_TYPES: readonly string[] = ['status', 'body', 'drop', 'redirect']

/** The fake plex.tv account that links codes, and what `/api/v2/user` answers for its tokens. */
export interface SimulatorUser {
  /** The account's numeric id. */
  id: number
  /** The account's stable UUID. */
  uuid: string
  /** Login name. */
  username: string
  /** Display name. */
  title: string
  /** E-mail address. */
  email: string
  /**
   * The avatar's address; a path is served by the simulator itself (an SVG with the initial), so
   * an app that shows it loads nothing from the real plex.tv.
   * @defaultValue `'/users/{uuid}/avatar'` on the simulator's origin
   */
  thumb: string
  /** The user's own token (what the signed-in person on plex.tv/link holds). */
  token: string
}

/** A PIN the simulator made, as it keeps it (times in ms of its clock). */
export interface SimulatorPin {
  /** The id in the poll URL. */
  id: number
  /** The code: 4 characters, or 25 for a strong PIN. */
  code: string
  /** Whether it was created with `strong=true`. */
  strong: boolean
  /** The `X-Plex-Product` it was created with (`''` without one). */
  product: string
  /** The `X-Plex-Client-Identifier` it was created with; only that client may poll it. */
  clientIdentifier: string
  /** When it was created (simulator clock, ms). */
  createdAt: number
  /** When it expires (simulator clock, ms); `expire()` moves it to now. */
  expiresAt: number
  /** The token a link gave it, or `null` while nobody has linked it. */
  authToken: string | null
}

/** One request the simulator received, in `log`. */
export interface SimulatorLogEntry {
  /** Simulator clock when the request arrived. */
  time: number
  /** The HTTP method, upper case. */
  method: string
  /** Path without the query string, e.g. `/api/v2/pins/1272322473`. */
  path: string
  /** What the request asked for. */
  route: SimulatorRoute
  /** Query parameters (X-Plex-* among them, when the client sent them that way); `X-Plex-Token` is redacted. */
  query: Record<string, string>
  /** Request headers, lower-case names; `x-plex-token` is redacted. */
  headers: Record<string, string>
  /** The status answered, or 0 for a dropped connection or a request aborted before its answer. */
  status: number
}

/**
 * A scripted failure, applied to the next matching requests. Statuses are what a fetch `Response`
 * can carry: 200–599 (`redirect`: 300–399); 204, 205 and 304 are answered without a body.
 */
export type SimulatorFault =
  | {
      /** Answer with this status and plex.tv's error shape (or `body`). */
      type: 'status'
      /** The status, 200–599. */
      status: number
      /** A `Retry-After` header, as text: seconds (`'5'`) or an HTTP date. */
      retryAfter?: string
      /** The body instead of plex.tv's error JSON. */
      body?: string
      /** The body's `Content-Type`. @defaultValue `'application/json'` */
      contentType?: string
    }
  | {
      /** Answer with this body (malformed JSON, a Wi-Fi login page). */
      type: 'body'
      /** The body, as sent. */
      body: string
      /** The status. @defaultValue 200 */
      status?: number
      /** The body's `Content-Type`. @defaultValue `'application/json'` */
      contentType?: string
    }
  | {
      /** Drop the connection: no answer at all (`fetch` rejects). */
      type: 'drop'
    }
  | {
      /** Send the client elsewhere. */
      type: 'redirect'
      /** The `Location` header. */
      location: string
      /** The status, 300–399. @defaultValue 302 */
      status?: number
    }

/** Which requests a fault applies to, and how many. */
export interface SimulatorFaultOptions {
  /** How many matching requests fail: a whole number from 1, or `Infinity` (a rate limiter with a predicate `route`). @defaultValue 1 */
  times?: number | undefined
  /**
   * Which requests: a route name or a predicate. A predicate sees every request, preflights and
   * unknown paths included; `'preflight'` fails the CORS preflights a request with X-Plex-*
   * headers causes in a browser.
   * @defaultValue the PIN and user routes (`create-pin`, `get-pin`, `link-pin`, `get-user`)
   */
  route?: (SimulatorRoute | ((entry: SimulatorLogEntry) => boolean)) | undefined
}

/** Options of {@link PlexSimulator.link} and {@link PlexSimulator.authorize}. */
export interface SimulatorLinkOptions {
  /**
   * The account that links the code, over the simulator's `user`: e.g. `{ id: 2, username: 'bob' }`
   * for a second person. `/api/v2/user` answers the token with this account.
   * @defaultValue the simulator's `user`
   */
  user?: Partial<Omit<SimulatorUser, 'token'>> | undefined
}

/** Options of {@link createPlexSimulator}. */
export interface PlexSimulatorOptions {
  /** The clock, in ms. Tests pass a fake one (or use fake timers) to expire PINs instantly. @defaultValue `Date.now` */
  now?: (() => number) | undefined
  /** Milliseconds added before every answer. @defaultValue 0 */
  latencyMs?: number | undefined
  /**
   * Seconds a new link PIN (4-character code) lives; shorten it to show or test expiry in real
   * time, e.g. 45 for a countdown that is urgent from the start. Strong PINs keep 1800 s.
   * @defaultValue {@link LINK_PIN_LIFETIME_S} (900, as plex.tv)
   */
  linkPinLifetimeS?: number | undefined
  /** The fake account that links codes. @defaultValue a user named "plexfan" */
  user?: Partial<SimulatorUser> | undefined
  /**
   * Whether cross-origin scripts may read `Retry-After` (`Access-Control-Expose-Headers`); unknown
   * for plex.tv, so both ways can be tested. @defaultValue true
   */
  exposeRetryAfter?: boolean | undefined
  /** Where the fake geo data says the requester is. */
  location?: Record<string, unknown> | undefined
  /** Random numbers for codes, ids and tokens; a constant gives predictable codes (`AAAA`, `AAAB`, …). @defaultValue `Math.random` */
  random?: (() => number) | undefined
}

/**
 * Thrown by {@link PlexSimulator.handle} when a fault asks for the connection to be dropped, and
 * for a request still waiting out `latencyMs` when `reset()` ran. The adapters turn it into what a
 * dropped connection is for the client: a network error.
 */
export class SimulatedConnectionDrop extends Error {
  constructor(message = 'plex.tv simulator: connection dropped (injected fault)') {
    super(message)
    this.name = 'SimulatedConnectionDrop'
  }
}

/** What {@link PlexSimulator.link} and {@link PlexSimulator.authorize} did: the approved PIN, or why none was. */
export type SimulatorLinkResult =
  | {
      /** The PIN now carries a token. */
      ok: true
      /** The PIN that was linked. */
      pin: SimulatorPin
    }
  | {
      /** Nothing was linked. */
      ok: false
      /** `unknown`: no such code (or a strong one given to `link`); `expired`: its time is up. */
      reason: 'unknown' | 'expired'
    }

/** An in-memory plex.tv, from {@link createPlexSimulator}; put it behind MSW, a server, or use its `fetch`. */
export interface PlexSimulator {
  /**
   * Answers one request as plex.tv would. Rejects with {@link SimulatedConnectionDrop} for a `drop`
   * fault, and with the abort reason when `request.signal` aborts before the answer (the request
   * then has no effect and is logged with status 0).
   */
  handle(request: Request): Promise<Response>
  /**
   * `handle` as a `fetch`, to pass to the client or the hook (`fetch={simulator.fetch}`) without
   * MSW or a server. A path is taken as on `https://plex.tv`. Like a real `fetch`, it rejects with
   * a `TypeError` for a dropped connection (its `cause` the {@link SimulatedConnectionDrop}) and
   * with the abort reason for an aborted request; one aborted before the call is not sent, so not logged.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>
  /** Every request so far, oldest first. */
  readonly log: SimulatorLogEntry[]
  /** Requests of one route (or all), e.g. `requests('create-pin').length`. */
  requests(route?: SimulatorRoute): SimulatorLogEntry[]
  /** Empties the log (PINs, tokens and faults stay). */
  clearLog(): void
  /** The PINs, newest last. */
  readonly pins: SimulatorPin[]
  /** The newest PIN (what the widget is showing, usually). */
  latestPin(): SimulatorPin | undefined
  /**
   * The fake account that links codes by default; its `token` is the one plex.tv/link's signed-in
   * person holds. A token minted by a link keeps the account as it was then: changing `user`
   * later moves no token to the new values.
   */
  readonly user: SimulatorUser
  /**
   * Links a code as plex.tv/link does for a signed-in person (same as `PUT /api/v2/pins/link`).
   * Returns the PIN, or the reason it did not: `expired`, or `unknown` for a code it never made
   * and for a strong one (plex.tv/link takes only the 4-character code). A code linked twice keeps
   * its first token.
   */
  link(code: string, options?: SimulatorLinkOptions): SimulatorLinkResult
  /**
   * Approves a PIN of either kind as app.plex.tv/auth does when the user signs in there (the
   * OAuth-style flow, the only way to approve a strong PIN), minting a token as {@link link}
   * does. Takes the code exactly as the app put it in the auth URL.
   */
  authorize(code: string, options?: SimulatorLinkOptions): SimulatorLinkResult
  /**
   * Makes a PIN expire now: the newest, or the one with this id (a number, or the text of a log
   * entry's path). Throws when there is no such PIN, so a test cannot expire nothing unawares.
   */
  expire(id?: number | string): void
  /**
   * Invalidates a token a link minted, as signing the device out on plex.tv does:
   * `/api/v2/user` answers 401 for it from now on. Returns whether the token was valid. (To
   * invalidate the user's own token, give `user.token` another value.)
   */
  revoke(token: string): boolean
  /**
   * Scripts a failure for the next matching requests. Throws a `TypeError` at once for a fault
   * that could never fire or that no `Response` can carry: an unknown `type` or `route`, `times`
   * that is not a whole number from 1 (or `Infinity`), a status outside 200–599 (300–399 for a
   * redirect), a body with 204/205/304, a redirect without a `location`.
   */
  fail(fault: SimulatorFault, options?: SimulatorFaultOptions): void
  /** Drops every scripted failure. */
  clearFaults(): void
  /** Milliseconds added before every answer: a number from 0 (a `RangeError` otherwise). */
  latencyMs: number
  /**
   * Forgets PINs, tokens minted by links, faults and the log, and puts `latencyMs` back to the
   * value it was created with. A request still waiting out `latencyMs` is dropped (a network
   * error for the client) instead of landing in the next test. `user` is kept as it is.
   */
  reset(): void
}

interface ScheduledFault {
  fault: SimulatorFault
  remaining: number
  matches: (entry: SimulatorLogEntry) => boolean
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function toXml(tag: string, fields: Record<string, unknown>): string {
  const attributes = Object.entries(fields)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${tag}${attributes}/>\n`
}

/** A value as a test wrote it: `"500"` for the text, `500` for the number. */
function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/**
 * Throws a `TypeError` for a fault that could never fire or that no `Response` could answer, so
 * the mistake shows where the test scripts it rather than as a test that passes for the wrong
 * reason, or a crash inside `handle` in the middle of the run.
 */
function checkFault(fault: SimulatorFault, times: number, route: SimulatorFaultOptions['route']): void {
  if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
    throw new TypeError(`plex.tv simulator: a fault's times must be a whole number from 1, or Infinity; got ${quote(times)}.`)
  }
  if (route !== undefined && typeof route !== 'function' && !ROUTES.includes(route)) {
    throw new TypeError(`plex.tv simulator: a fault's route must be a function or one of ${ROUTES.map(quote).join(', ')}; got ${quote(route)}.`)
  }
  const type: unknown = (fault as { type?: unknown } | null)?.type
  if (typeof type !== 'string' || !FAULT_TYPES.includes(type)) {
    throw new TypeError(`plex.tv simulator: a fault's type must be one of ${FAULT_TYPES.map(quote).join(', ')}; got ${quote(type)}.`)
  }
  if (fault.type === 'drop') return
  if (fault.type === 'redirect' && (typeof fault.location !== 'string' || fault.location === '')) {
    throw new TypeError(`plex.tv simulator: a redirect fault needs a location to send the client to; got ${quote(fault.location)}.`)
  }
  const [status, low, high] = fault.type === 'redirect' ? [fault.status ?? 302, 300, 399] : [fault.type === 'body' ? (fault.status ?? 200) : fault.status, 200, 599]
  if (!Number.isInteger(status) || status < low || status > high) {
    throw new TypeError(`plex.tv simulator: a ${fault.type} fault needs a status from ${low} to ${high} (what a fetch Response can carry); got ${quote(status)}.`)
  }
  if (fault.type !== 'redirect' && fault.body !== undefined && NULL_BODY_STATUSES.has(status)) {
    throw new TypeError(
      `plex.tv simulator: a ${fault.type} fault with status ${status} cannot have a body (204, 205 and 304 carry none); drop the body or pick another status.`,
    )
  }
}

/**
 * Waits `ms`, or rejects with the abort reason as soon as `signal` aborts: a client that went away
 * must neither be acted on later nor keep a timer (and so a Node process) alive.
 */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason as Error)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function checkLatency(value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`plex.tv simulator: latencyMs must be a number of milliseconds from 0; got ${quote(value)}.`)
  }
  return value
}

function isTokenName(name: string): boolean {
  return name.toLowerCase() === 'x-plex-token'
}

const DEFAULT_LOCATION = {
  code: 'NL',
  european_union_member: true,
  continent_code: 'EU',
  country: 'Netherlands',
  city: 'Breda',
  time_zone: 'Europe/Amsterdam',
  postal_code: '4811',
  in_privacy_restricted_country: true,
  in_privacy_restricted_region: true,
  subdivisions: 'North Brabant',
  coordinates: '51.5869, 4.7471',
}

/** The route of a request to plex.tv, its path without the query (internal: the MSW adapter reads it too). */
export function routeOf(method: string, path: string): SimulatorRoute {
  if (method === 'OPTIONS') return 'preflight'
  if (path === '/api/v2/pins' && method === 'POST') return 'create-pin'
  if (path === '/api/v2/pins/link' && method === 'PUT') return 'link-pin'
  if (/^\/api\/v2\/pins\/[^/]+$/.test(path) && method === 'GET') return 'get-pin'
  if (path === '/api/v2/user' && method === 'GET') return 'get-user'
  if (/^\/users\/[^/]+\/avatar$/.test(path) && method === 'GET') return 'get-avatar'
  return 'unknown'
}

/** Creates an in-memory plex.tv. Each simulator is independent: make one per test. */
export function createPlexSimulator(options: PlexSimulatorOptions = {}): PlexSimulator {
  const now = options.now ?? (() => Date.now())
  const random = options.random ?? Math.random
  for (const [name, value] of Object.entries({ now, random })) {
    if (typeof value !== 'function') throw new TypeError(`plex.tv simulator: ${name} must be a function returning a number; got ${quote(value)}.`)
  }
  const exposeRetryAfter = options.exposeRetryAfter ?? true
  const linkPinLifetimeS = options.linkPinLifetimeS ?? LINK_PIN_LIFETIME_S
  // Past a day the package's own client refuses the PIN as an answer it cannot use.
  if (typeof linkPinLifetimeS !== 'number' || !(linkPinLifetimeS > 0 && linkPinLifetimeS <= MAX_EXPIRES_IN_SECONDS)) {
    throw new RangeError(
      `plex.tv simulator: linkPinLifetimeS must be a number of seconds above 0 and at most ${MAX_EXPIRES_IN_SECONDS} (a day; the client refuses a PIN that lives longer); got ${quote(linkPinLifetimeS)}.`,
    )
  }
  const initialLatencyMs = checkLatency(options.latencyMs ?? 0)
  let latencyMs = initialLatencyMs
  /** Bumped by `reset()`: a request from an earlier generation has no effect. */
  let generation = 0
  const location = options.location ?? DEFAULT_LOCATION
  const user: SimulatorUser = {
    id: 27_500_911,
    uuid: 'f3d5a3c1b2e94c7a',
    username: 'plexfan',
    title: 'Plex Fan',
    email: 'plexfan@example.com',
    thumb: '/users/f3d5a3c1b2e94c7a/avatar',
    token: 'simUserToken-9fX2kQ7wLm3Rt8Zp',
    ...options.user,
  }

  const pins: SimulatorPin[] = []
  const log: SimulatorLogEntry[] = []
  let faults: ScheduledFault[] = []
  /** Device tokens minted by linking, each with the account it was minted for. */
  const deviceTokens = new Map<string, SimulatorUser>()
  let nextId = FIRST_PIN_ID

  function randomString(alphabet: string, length: number): string {
    let out = ''
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)] ?? alphabet[0]
    return out
  }

  function isLive(pin: SimulatorPin): boolean {
    return pin.expiresAt > now()
  }

  function newCode(strong: boolean): string {
    const alphabet = strong ? STRONG_ALPHABET : LINK_ALPHABET
    let code = randomString(alphabet, strong ? 25 : 4)
    // Taken: step to the next code (AAAA, AAAB, …) rather than draw again, so a `random` that
    // repeats itself (a constant in a test) cannot make this search forever.
    while (pins.some((pin) => pin.code === code && isLive(pin))) code = nextCode(code, alphabet)
    return code
  }

  /** The account a token signs in as, if plex.tv would accept it. */
  function accountOf(token: string | null): SimulatorUser | undefined {
    return token === user.token ? user : token ? deviceTokens.get(token) : undefined
  }

  /** Gives a token for the account to the newest PIN that `matches`, as both approval pages do. */
  function approve(matches: (pin: SimulatorPin) => boolean, options: SimulatorLinkOptions = {}): SimulatorLinkResult {
    const pin = [...pins].reverse().find(matches)
    if (!pin) return { ok: false, reason: 'unknown' }
    if (!isLive(pin)) return { ok: false, reason: 'expired' }
    if (pin.authToken === null) {
      pin.authToken = `simDeviceToken-${randomString(STRONG_ALPHABET, 20)}`
      // The account as it is now: a later change to `user` moves no token already given out.
      deviceTokens.set(pin.authToken, { ...user, ...options.user })
    }
    return { ok: true, pin }
  }

  function checkCode(method: string, code: unknown): asserts code is string {
    if (typeof code !== 'string') throw new TypeError(`plex.tv simulator: ${method}() takes the code as a string, e.g. "7RQZ"; got ${quote(code)}.`)
  }

  function link(code: string, options?: SimulatorLinkOptions): SimulatorLinkResult {
    checkCode('link', code)
    // A person types the code: forgive case and stray spaces, as plex.tv/link does.
    const wanted = code.trim().toUpperCase()
    return approve((pin) => !pin.strong && pin.code === wanted, options)
  }

  function authorize(code: string, options?: SimulatorLinkOptions): SimulatorLinkResult {
    checkCode('authorize', code)
    // The app puts the code in the auth URL itself, so it arrives exactly as plex.tv made it.
    return approve((pin) => pin.code === code, options)
  }

  function pinBody(pin: SimulatorPin, origin: string) {
    return {
      id: pin.id,
      code: pin.code,
      product: pin.product,
      trusted: false,
      qr: `${origin}/api/v2/pins/qr/${pin.code}`,
      clientIdentifier: pin.clientIdentifier,
      location,
      expiresIn: Math.max(0, Math.ceil((pin.expiresAt - now()) / 1000)),
      createdAt: isoSeconds(pin.createdAt),
      expiresAt: isoSeconds(pin.expiresAt),
      authToken: pin.authToken,
      newRegistration: null,
    }
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname.replace(/\/+$/, '') || '/'
    const method = request.method.toUpperCase()
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name] = isTokenName(name) ? REDACTED : value
    })
    // Plex takes any X-Plex-* value from the query too, X-Plex-Token included.
    const query = Object.fromEntries([...url.searchParams].map(([name, value]) => [name, isTokenName(name) ? REDACTED : value]))
    const entry: SimulatorLogEntry = { time: now(), method, path, route: routeOf(method, path), query, headers, status: 0 }
    log.push(entry)

    const started = generation
    if (latencyMs > 0) await wait(latencyMs, request.signal)
    // Nobody is waiting for the answer any more: plex.tv would not have received the request.
    if (request.signal.aborted) throw request.signal.reason
    // A test that left it running has ended; the next one must not see its effects.
    if (started !== generation) throw new SimulatedConnectionDrop('plex.tv simulator: connection dropped (reset() ran while this request waited)')

    const origin = request.headers.get('Origin')
    const cors: Record<string, string> = {
      'Access-Control-Allow-Origin': origin ?? '*',
      Vary: 'Origin',
    }
    if (exposeRetryAfter) cors['Access-Control-Expose-Headers'] = 'Retry-After'

    const scheduled = faults.find((candidate) => candidate.remaining > 0 && candidate.matches(entry))
    if (scheduled) {
      scheduled.remaining -= 1
      faults = faults.filter((candidate) => candidate.remaining > 0)
      const { fault } = scheduled
      if (fault.type === 'drop') throw new SimulatedConnectionDrop()
      if (fault.type === 'redirect') {
        entry.status = fault.status ?? 302
        return new Response(null, { status: entry.status, headers: { ...cors, Location: fault.location } })
      }
      entry.status = fault.status ?? 200
      const responseHeaders: Record<string, string> = { ...cors }
      if (fault.type === 'status' && fault.retryAfter !== undefined) responseHeaders['Retry-After'] = fault.retryAfter
      if (NULL_BODY_STATUSES.has(entry.status)) return new Response(null, { status: entry.status, headers: responseHeaders })
      responseHeaders['Content-Type'] = fault.contentType ?? 'application/json'
      const body =
        fault.type === 'body'
          ? fault.body
          : (fault.body ?? JSON.stringify({ errors: [{ code: 0, message: `Simulated HTTP ${fault.status}`, status: fault.status }] }))
      return new Response(body, { status: entry.status, headers: responseHeaders })
    }

    if (entry.route === 'preflight') {
      entry.status = 204
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
          'Access-Control-Allow-Headers':
            request.headers.get('Access-Control-Request-Headers') ??
            'Accept, Content-Type, X-Plex-Token, X-Plex-Client-Identifier, X-Plex-Product, X-Plex-Version',
          'Access-Control-Max-Age': '600',
        },
      })
    }

    const wantsJson = (request.headers.get('Accept') ?? '').includes('application/json')
    const plexValue = (name: string) => request.headers.get(name) ?? url.searchParams.get(name)

    const answer = (status: number, tag: string, body: Record<string, unknown> | null): Response => {
      entry.status = status
      if (body === null) return new Response(null, { status, headers: cors })
      return wantsJson
        ? Response.json(body, { status, headers: cors })
        : new Response(toXml(tag, body), { status, headers: { ...cors, 'Content-Type': 'application/xml' } })
    }
    const plexError = (status: number, code: number, message: string): Response => {
      entry.status = status
      const body = { errors: [{ code, message, status }] }
      return wantsJson
        ? Response.json(body, { status, headers: cors })
        : new Response(
            `<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error code="${code}" message="${escapeXml(message)}" status="${status}"/>\n</errors>\n`,
            { status, headers: { ...cors, 'Content-Type': 'application/xml' } },
          )
    }

    if (entry.route === 'unknown') return plexError(404, 404, 'Not found')
    // An <img> asks for it, with no X-Plex-* values.
    if (entry.route === 'get-avatar') {
      entry.status = 200
      const initial = escapeXml(user.title.trim().charAt(0).toUpperCase() || '?')
      return new Response(
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="#e5a00d"/><text x="32" y="43" font-family="sans-serif" font-size="30" font-weight="700" text-anchor="middle" fill="#1f1f1f">${initial}</text></svg>`,
        { headers: { ...cors, 'Content-Type': 'image/svg+xml' } },
      )
    }
    const clientIdentifier = plexValue('X-Plex-Client-Identifier')
    // plex.tv refuses every PIN and account call that does not say which app is asking.
    if (!clientIdentifier) return plexError(400, 1000, 'X-Plex-Client-Identifier is missing')

    switch (entry.route) {
      case 'create-pin': {
        const strong = url.searchParams.get('strong') === 'true'
        const created = now()
        const pin: SimulatorPin = {
          id: nextId,
          code: newCode(strong),
          strong,
          product: plexValue('X-Plex-Product') ?? '',
          clientIdentifier,
          createdAt: created,
          expiresAt: created + (strong ? STRONG_PIN_LIFETIME_S : linkPinLifetimeS) * 1000,
          authToken: null,
        }
        nextId += 1 + Math.floor(random() * 1000)
        pins.push(pin)
        return answer(201, 'pin', pinBody(pin, url.origin))
      }
      case 'get-pin': {
        // Compared as text: `Number()` would also read `0x…`, `….0`, `1.2e9` or `0…` as this id.
        const id = path.slice('/api/v2/pins/'.length)
        const pin = pins.find((candidate) => String(candidate.id) === id)
        if (!pin || !isLive(pin) || pin.clientIdentifier !== clientIdentifier) {
          return plexError(404, 1020, 'Code not found or expired')
        }
        return answer(200, 'pin', pinBody(pin, url.origin))
      }
      case 'link-pin': {
        const account = accountOf(plexValue('X-Plex-Token'))
        if (!account) return plexError(401, 1001, 'User could not be authenticated')
        const form = new URLSearchParams(method === 'PUT' ? await request.text() : '')
        const code = form.get('code') ?? url.searchParams.get('code') ?? ''
        // Linked as the person whose token signs the request.
        const result = link(code, { user: account })
        if (!result.ok) return plexError(404, 1020, 'Code not found or expired')
        return answer(204, 'pin', null)
      }
      case 'get-user': {
        const token = plexValue('X-Plex-Token')
        const found = accountOf(token)
        if (!found) return plexError(401, 1001, 'User could not be authenticated')
        const { token: _token, ...account } = found
        // Like plex.tv's, the account carries the token it was asked with (python-plexapi reads it
        // from there): an app that logs the account logs the token.
        return answer(200, 'user', { ...account, thumb: new URL(account.thumb, url.origin).href, authToken: token })
      }
    }
  }

  const simulator: PlexSimulator = {
    handle,
    async fetch(input, init) {
      const request = input instanceof Request ? new Request(input, init) : new Request(new URL(input, 'https://plex.tv'), init)
      // Aborted before it is sent, a real fetch sends nothing and plex.tv logs nothing.
      if (request.signal.aborted) throw request.signal.reason
      try {
        // Through the property, so a wrapper an app puts around `handle` (a logger) sees these too.
        return await simulator.handle(request)
      } catch (error) {
        if (error instanceof SimulatedConnectionDrop) throw new TypeError('fetch failed', { cause: error })
        throw error
      }
    },
    log,
    requests: (route) => (route ? log.filter((entry) => entry.route === route) : [...log]),
    clearLog: () => void log.splice(0),
    pins,
    latestPin: () => pins.at(-1),
    user,
    link,
    authorize,
    expire(id) {
      const pin = id === undefined ? pins.at(-1) : pins.find((candidate) => String(candidate.id) === String(id))
      if (!pin) {
        throw new RangeError(
          id === undefined
            ? 'plex.tv simulator: expire() found no PIN yet; create one first (the app creates it when it mounts).'
            : `plex.tv simulator: expire(${quote(id)}): no PIN has the id ${String(id)}; the ids so far: ${pins.map((candidate) => candidate.id).join(', ') || 'none'}.`,
        )
      }
      pin.expiresAt = Math.min(pin.expiresAt, now())
    },
    revoke: (token) => deviceTokens.delete(token),
    fail(fault, { times = 1, route } = {}) {
      checkFault(fault, times, route)
      const matches =
        typeof route === 'function' ? route : (entry: SimulatorLogEntry) => (route ? entry.route === route : API_ROUTES.includes(entry.route))
      faults.push({ fault, remaining: times, matches })
    },
    clearFaults: () => {
      faults = []
    },
    get latencyMs() {
      return latencyMs
    },
    set latencyMs(value) {
      latencyMs = checkLatency(value)
    },
    reset() {
      pins.splice(0)
      log.splice(0)
      faults = []
      deviceTokens.clear()
      latencyMs = initialLatencyMs
      generation += 1
    },
  }
  return simulator
}
