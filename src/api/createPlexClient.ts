import { getClientIdentifier } from './getClientIdentifier.js'
import { isId, isRecord, isToken } from './json.js'
import { parsePin } from './parsePin.js'
import { parseRetryAfter } from './parseRetryAfter.js'
import { parseUser } from './parseUser.js'
import { invalidResponse, PlexApiError, type PlexApiErrorKind } from './PlexApiError.js'
import type { PlexClient, PlexClientOptions } from './types.js'

/** plex.tv's API origin, the client's `baseUrl` unless given another. */
export const DEFAULT_BASE_URL = 'https://plex.tv'

/** For a 404/1020 on a PIN, and for an unlinked PIN polled at `expiresIn` 0. */
const EXPIRED_MESSAGE = 'This code has expired or plex.tv no longer knows it. Get a new code to continue.'

/** Longest `X-Plex-Client-Identifier` we send; plex.tv's own are UUIDs (36 characters). */
export const MAX_CLIENT_IDENTIFIER_LENGTH = 256
/**
 * How long a request waits for plex.tv's answer. A stalled connection (Wi-Fi handover, a proxy
 * that swallows the request) otherwise keeps a poll pending for minutes while the person who
 * linked the code waits; failing as `network` lets the widget retry it.
 */
export const REQUEST_TIMEOUT_MS = 30_000

/**
 * The options sent as `X-Plex-*`: `platformVersion` becomes `X-Plex-Platform-Version`,
 * `clientIdentifier` `X-Plex-Client-Identifier`.
 */
const IDENTITY_KEYS = ['product', 'version', 'platform', 'platformVersion', 'device', 'deviceName', 'model', 'language', 'clientIdentifier'] as const satisfies readonly (keyof PlexClientOptions)[]

/**
 * A `TypeError` for a developer's mistake. The sentence that says what to change is written inline
 * behind `process.env.NODE_ENV !== 'production'` at each call site (as React does), so production
 * bundles keep only the short form.
 */
export function optionError(message: string): TypeError {
  return new TypeError(`react-plex-login: ${message}`)
}

/**
 * Checks `value` is an absolute http(s) URL without credentials (and, for `baseUrl`, without a
 * query or fragment, which paths are appended to) and drops trailing slashes; throws a
 * `TypeError` that says what to change, never repeating a password.
 */
export function normalizeBaseUrl(value: string, name = 'baseUrl'): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    // Handled below, with the same message as a wrong scheme.
  }
  // `?` and `#` alone leave search and hash empty, hence the test on href.
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || (name === 'baseUrl' && /[?#]/.test(url.href))) {
    throw optionError(process.env.NODE_ENV !== 'production' ? describeBadUrl(value, name, url) : `invalid ${name}`)
  }
  return url.href.replace(/\/+$/, '')
}

/** What is wrong with a URL `normalizeBaseUrl` refuses, for the development message. */
function describeBadUrl(value: string, name: string, url: URL | undefined): string {
  const problem = !url || !/^https?:$/.test(url.protocol)
    ? ''
    : url.username || url.password
      ? ' without credentials'
      : ' without a query or fragment'
  // Never the query either: a Plex server address pasted from a browser carries X-Plex-Token.
  return `${name} must be an absolute http: or https: URL${problem} such as "https://plex.tv"${problem === ' without credentials' ? '' : `; got ${JSON.stringify(value.replace(/[?#][^]*/, '?…'))}`}.`
}

/** The app's name, trimmed; throws a `TypeError` that says what to pass. */
export function checkProduct(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  if (!trimmed) {
    throw optionError(
      process.env.NODE_ENV !== 'production'
        ? 'product is required: pass your app\'s name (plex.tv shows it in "Authorized Devices").'
        : 'invalid product',
    )
  }
  return trimmed
}

/** A usable `X-Plex-Client-Identifier`, trimmed; throws a `TypeError` that says what to change. */
export function checkClientIdentifier(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  if (!trimmed || trimmed.length > MAX_CLIENT_IDENTIFIER_LENGTH || /[\0-\x1f]/.test(trimmed)) {
    throw optionError(
      process.env.NODE_ENV !== 'production'
        ? `clientIdentifier must be a non-empty string of at most ${MAX_CLIENT_IDENTIFIER_LENGTH} printable characters that stays the same across page loads (a UUID is usual). Leave it out to use one kept in localStorage.`
        : 'invalid clientIdentifier',
    )
  }
  return trimmed
}

/** plex.tv's own error (`errors[0]`), its message cleaned to one line of at most 200 characters. */
function readPlexError(text: string): { plexCode?: number; plexMessage?: string } {
  try {
    // Any JSON value: what is not an object has neither field; null throws, as no `errors` does.
    const { code, message }: Record<string, unknown> = JSON.parse(text).errors[0]
    return {
      plexCode: typeof code === 'number' ? code : undefined,
      plexMessage: typeof message === 'string' ? message.replace(/[\0-\x1f\x7f]/g, ' ').trim().slice(0, 200) || undefined : undefined,
    }
  } catch {
    return {}
  }
}

/** What a body that is not JSON looks like, for the error message (never the body itself). */
function describeNonJson(text: string, contentType: string): string {
  if (!text.trim()) return 'an empty answer instead of JSON'
  if (/html/.test(contentType) || /^\s*<(!doctype html|html)/i.test(text)) {
    return 'a web page: a Wi-Fi sign-in page or a network filter may be in the way'
  }
  return /xml/.test(contentType) || /^\s*</.test(text) ? 'XML instead of JSON' : 'malformed JSON'
}

/**
 * Creates a typed plex.tv client, free of React.
 *
 * Every X-Plex-* value travels in the query string and the only request header is
 * `Accept: application/json`, so browsers send PIN requests as CORS simple requests (no
 * preflight). `getUser` is the one exception: its token goes in a header, never in a URL.
 */
export function createPlexClient(options: PlexClientOptions): PlexClient {
  const product = checkProduct(options.product)
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)
  const clientIdentifier = checkClientIdentifier(options.clientIdentifier ?? getClientIdentifier())
  const host = new URL(baseUrl).host

  const identity: Record<string, string> = {}
  const checked: PlexClientOptions = { ...options, product, clientIdentifier }
  for (const key of IDENTITY_KEYS) {
    const value = checked[key]
    if (value) identity[`X-Plex-${key.charAt(0).toUpperCase()}${key.slice(1).replace(/[A-Z]/g, '-$&')}`] = value
  }

  /**
   * One request to plex.tv: its JSON body and the local time it arrived, or a `PlexApiError` whose
   * message says what failed, why, and what to do. `pinEndpoint`: a 404 there means the PIN is gone.
   */
  async function request(
    path: string,
    signal: AbortSignal | undefined,
    { method = 'GET', query, headers, pinEndpoint }: { method?: string; query?: Record<string, string>; headers?: Record<string, string>; pinEndpoint?: boolean } = {},
  ): Promise<[body: unknown, receivedAt: number]> {
    let response: Response | undefined
    let answered = false
    let text: string
    // The caller's abort, or our own once the answer is overdue (AbortSignal.any is too new).
    const attempt = new AbortController()
    const abort = () => attempt.abort(signal?.reason)
    signal?.addEventListener('abort', abort)
    if (signal?.aborted) abort()
    const timer = setTimeout(() => attempt.abort(), REQUEST_TIMEOUT_MS)
    try {
      // Looked up per call, not at creation, so fetch mocks installed later (MSW, tests) apply.
      response = await (options.fetch ?? fetch)(`${baseUrl}${path}?${new URLSearchParams({ ...query, ...identity })}`, {
        method,
        headers: { Accept: 'application/json', ...headers },
        signal: attempt.signal,
        // A redirect elsewhere is not plex.tv's answer; see it instead of following it blindly.
        redirect: 'manual',
      })
      answered = true
      text = await response.text()
    } catch (error) {
      if (signal?.aborted) throw error
      // The app's fetch answered with something else (ofetch's $fetch resolves to the body): not a
      // network failure, and no retry will change it; each retry would create a PIN.
      if (answered && typeof response?.text !== 'function') {
        throw optionError(
          process.env.NODE_ENV !== 'production'
            ? `fetch must resolve to a Response, as the global fetch does; it resolved to ${response === null ? 'null' : typeof response}. A wrapper such as ofetch's $fetch resolves to the body: pass its raw form (ofetch.raw) or the global fetch.`
            : 'invalid fetch',
        )
      }
      if (process.env.NODE_ENV !== 'production' && typeof (options.fetch ?? globalThis.fetch) !== 'function') {
        throw optionError('there is no global fetch here (Jest\'s jsdom environment has none: use jest-fixed-jsdom, as MSW advises), so nothing reached plex.tv. Provide one, or pass `fetch` to <PlexLogin>, usePlexPin or createPlexClient.')
      }
      throw new PlexApiError({
        kind: 'network',
        // Words for a person on a phone or a TV; the widget says it is reconnecting, or offers
        // "Try again", itself. (DNS, CORS and the like are in `cause` and the browser's console.)
        message: attempt.signal.aborted
          ? `${host} did not answer in ${REQUEST_TIMEOUT_MS / 1000} seconds. Check your internet connection.`
          : `Could not reach ${host}. Check your internet connection or ad blocker.`,
        cause: error,
      })
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', abort)
    }
    const receivedAt = Date.now()
    const { status } = response

    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      throw invalidResponse('a redirect instead of an answer')
    }
    if (status < 200 || status >= 300) {
      const { plexCode, plexMessage } = readPlexError(text)
      const fail = (kind: PlexApiErrorKind, message: string, retryAfterMs?: number) =>
        new PlexApiError({ kind, status, plexCode, plexMessage, retryAfterMs, message })
      // HTTP lets a 503 carry Retry-After too; backoff honours it like a 429's.
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined
      // plex.tv's own words (or a proxy's) stay on the error as `plexMessage`, out of the sentence
      // the widget shows and announces: someone else's text there could be a phone number to call.
      const said = `HTTP ${status}`
      // How long plex.tv asked to wait stays on the error (`retryAfterMs`), not in the words: a
      // number of seconds frozen on screen would go stale while the backoff honours it.
      if (status === 429) throw fail('rate-limited', 'plex.tv is busy. The sign-in retries by itself.', retryAfterMs)
      // Only a PIN that existed can expire; a create answered so is refused like any other.
      if (pinEndpoint && (plexCode === 1020 || status === 404)) {
        throw fail('expired', EXPIRED_MESSAGE)
      }
      // A proxy stripping query parameters: nothing a person can change, so they are sent to whoever
      // can, with the numbers to look up.
      if (plexCode === 1000) {
        throw fail('missing-client-identifier', `plex.tv refused this app's request (${said}, code 1000). Tell whoever runs this app.`)
      }
      throw fail(
        status === 401 ? 'unauthorized' : 'http',
        status >= 500 || status === 408
          ? `plex.tv is having trouble (${said}); this usually passes within minutes.`
          : `plex.tv refused the request (${said}). Try again later, or tell whoever runs this app.`,
        retryAfterMs,
      )
    }
    try {
      return [JSON.parse(text), receivedAt]
    } catch {
      // Without the SyntaxError as `cause`: it quotes the text around the fault, a token's half.
      throw invalidResponse(describeNonJson(text, response.headers.get('Content-Type') ?? ''))
    }
  }

  return {
    baseUrl,
    clientIdentifier,
    product,

    async createPin({ strong = false, signal } = {}) {
      const [body, receivedAt] = await request('/api/v2/pins', signal, { method: 'POST', query: { strong: `${strong}` } })
      return parsePin(body, strong, receivedAt)
    },

    async getPin(id, { signal } = {}) {
      if (!isId(id)) {
        throw optionError(process.env.NODE_ENV !== 'production' ? `getPin needs a PIN id (a positive integer); got ${String(id)}.` : 'invalid id')
      }
      const [body, receivedAt] = await request(`/api/v2/pins/${id}`, signal, { pinEndpoint: true })
      // A strong code is 25 characters; anything else must be a valid link code.
      const pin = parsePin(body, isRecord(body) && `${body.code}`.length === 25, receivedAt, true)
      // plex.tv counts expiresIn down: an unlinked PIN at 0 (in its last second, or rounded below)
      // is as expired as one it answers 404 for.
      if (pin.authToken === null && pin.expiresIn === 0) throw new PlexApiError({ kind: 'expired', status: 200, message: EXPIRED_MESSAGE })
      return pin
    },

    async getUser(token, { signal } = {}) {
      if (!isToken(token)) {
        throw optionError(process.env.NODE_ENV !== 'production' ? 'getUser needs the Plex token exactly as onAuthenticated gave it (printable characters, no spaces).' : 'invalid token')
      }
      const [body] = await request('/api/v2/user', signal, { headers: { 'X-Plex-Token': token } })
      return parseUser(body)
    },
  }
}
