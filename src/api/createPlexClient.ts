import { getClientIdentifier } from './getClientIdentifier.js'
import { isRecord } from './json.js'
import { parsePin } from './parsePin.js'
import { parseRetryAfter } from './parseRetryAfter.js'
import { parseUser } from './parseUser.js'
import { invalidResponse, PlexApiError } from './PlexApiError.js'
import type { PlexClient, PlexClientOptions, PlexDeviceInfo } from './types.js'

export const DEFAULT_BASE_URL = 'https://plex.tv'
/** Longest `X-Plex-Client-Identifier` we send; plex.tv's own are UUIDs (36 characters). */
export const MAX_CLIENT_IDENTIFIER_LENGTH = 256
/** Plex's error code for "Code not found or expired". */
export const PLEX_ERROR_PIN_NOT_FOUND = 1020
/** Plex's error code for "X-Plex-Client-Identifier is missing". */
export const PLEX_ERROR_MISSING_CLIENT_IDENTIFIER = 1000
/** Longest piece of plex.tv's own error message we keep (it is shown as text, never as markup). */
const MAX_PLEX_MESSAGE_LENGTH = 200

const DEVICE_PARAMETERS: Record<keyof PlexDeviceInfo, string> = {
  product: 'X-Plex-Product',
  version: 'X-Plex-Version',
  platform: 'X-Plex-Platform',
  platformVersion: 'X-Plex-Platform-Version',
  device: 'X-Plex-Device',
  deviceName: 'X-Plex-Device-Name',
  model: 'X-Plex-Model',
  language: 'X-Plex-Language',
}

/** Checks `baseUrl` is http(s) and drops a trailing slash; throws a `TypeError` that says what to change. */
export function normalizeBaseUrl(baseUrl: string, name = 'baseUrl'): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new TypeError(`react-plex-login: ${name} must be an absolute http(s) URL such as "https://plex.tv"; got ${JSON.stringify(baseUrl)}.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`react-plex-login: ${name} must use http: or https:; got ${JSON.stringify(url.protocol)}.`)
  }
  return url.href.replace(/\/+$/, '')
}

/** The app's name, trimmed; throws a `TypeError` that says what to pass. */
export function checkProduct(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError('react-plex-login: product is required: pass your app\'s name (it is shown in plex.tv\'s "Authorized Devices" list).')
  }
  return value.trim()
}

/** A usable `X-Plex-Client-Identifier`, trimmed; throws a `TypeError` that says what to change. */
export function checkClientIdentifier(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  if (trimmed === '' || trimmed.length > MAX_CLIENT_IDENTIFIER_LENGTH || /[\u0000-\u001f]/.test(trimmed)) {
    throw new TypeError(
      `react-plex-login: clientIdentifier must be a non-empty string of at most ${MAX_CLIENT_IDENTIFIER_LENGTH} printable characters that stays the same across page loads (a UUID is usual). Leave it out to use one kept in localStorage.`,
    )
  }
  return trimmed
}

function cleanPlexMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  return text === '' ? undefined : text.slice(0, MAX_PLEX_MESSAGE_LENGTH)
}

function readPlexError(text: string): { plexCode?: number; plexMessage?: string } {
  try {
    const body: unknown = JSON.parse(text)
    const first: unknown = isRecord(body) && Array.isArray(body.errors) ? body.errors[0] : undefined
    if (!isRecord(first)) return {}
    return {
      plexCode: typeof first.code === 'number' ? first.code : undefined,
      plexMessage: cleanPlexMessage(first.message),
    }
  } catch {
    return {}
  }
}

function describeNonJson(text: string, contentType: string): string {
  const start = text.trimStart().slice(0, 200).toLowerCase()
  if (text.trim() === '') return 'an empty answer instead of JSON'
  if (contentType.includes('html') || start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return 'an HTML page instead of JSON (a proxy, captive portal or error page may be in the way)'
  }
  if (contentType.includes('xml') || start.startsWith('<')) return 'XML instead of JSON'
  return 'malformed JSON'
}

interface Request {
  method: 'GET' | 'POST'
  path: string
  query?: Record<string, string>
  headers?: Record<string, string>
  signal?: AbortSignal
  /** A 404 on this endpoint means the PIN is gone. */
  pinEndpoint?: boolean
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
  // Looked up at call time, not here, so fetch mocks installed later (MSW, tests) are honoured.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const host = new URL(baseUrl).host

  const identity = new URLSearchParams()
  for (const key of Object.keys(DEVICE_PARAMETERS) as (keyof PlexDeviceInfo)[]) {
    const value = key === 'product' ? product : options[key]
    if (value) identity.set(DEVICE_PARAMETERS[key], value)
  }
  identity.set('X-Plex-Client-Identifier', clientIdentifier)

  async function request(req: Request): Promise<{ body: unknown; receivedAt: number }> {
    const params = new URLSearchParams(req.query)
    for (const [name, value] of identity) params.set(name, value)
    const url = `${baseUrl}${req.path}?${params.toString()}`

    let response: Response
    let text: string
    try {
      response = await fetchImpl(url, {
        method: req.method,
        headers: { Accept: 'application/json', ...req.headers },
        signal: req.signal,
        // A redirect elsewhere is not plex.tv's answer; see it instead of following it blindly.
        redirect: 'manual',
      })
      text = await response.text()
    } catch (error) {
      if (req.signal?.aborted) throw error
      throw new PlexApiError({
        kind: 'network',
        message: `Could not reach ${host}. You may be offline, or DNS, a firewall, an ad blocker or the browser's cross-origin (CORS) rules blocked the request. Check the connection and try again.`,
        cause: error,
      })
    }
    const receivedAt = Date.now()
    const { status } = response

    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      throw invalidResponse(`a redirect (HTTP ${status || '3xx'}) instead of an answer`)
    }
    if (status < 200 || status >= 300) {
      const { plexCode, plexMessage } = readPlexError(text)
      const said = plexMessage ? ` ("${plexMessage}")` : ''
      if (status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'))
        throw new PlexApiError({
          kind: 'rate-limited',
          status,
          plexCode,
          plexMessage,
          retryAfterMs,
          message: `plex.tv is receiving too many requests and asked to slow down${retryAfterMs === undefined ? '' : ` for ${Math.ceil(retryAfterMs / 1000)} s`}. The sign-in will retry by itself.`,
        })
      }
      if (plexCode === PLEX_ERROR_PIN_NOT_FOUND || (req.pinEndpoint && status === 404)) {
        throw new PlexApiError({
          kind: 'expired',
          status,
          plexCode,
          plexMessage,
          message: 'This code has expired or is no longer known to plex.tv. Get a new code to continue.',
        })
      }
      if (plexCode === PLEX_ERROR_MISSING_CLIENT_IDENTIFIER) {
        throw new PlexApiError({
          kind: 'missing-client-identifier',
          status,
          plexCode,
          plexMessage,
          message: `plex.tv refused the request because it did not receive the app's client identifier${said}. A proxy may be stripping query parameters; check the app's Plex settings.`,
        })
      }
      if (status === 401) {
        throw new PlexApiError({
          kind: 'unauthorized',
          status,
          plexCode,
          plexMessage,
          message: `plex.tv did not accept the credentials (HTTP 401${said}). Sign in again.`,
        })
      }
      throw new PlexApiError({
        kind: 'http',
        status,
        plexCode,
        plexMessage,
        // HTTP lets a 503 carry Retry-After too; backoff honours it like a 429's.
        retryAfterMs: status === 503 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined,
        message:
          status >= 500
            ? `plex.tv is having trouble (HTTP ${status}${said}); this usually passes within minutes.`
            : `plex.tv refused the request (HTTP ${status}${said}). Try again; if it keeps failing, the app's Plex settings may be wrong.`,
      })
    }

    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (error) {
      throw invalidResponse(describeNonJson(text, response.headers.get('Content-Type') ?? ''), error)
    }
    return { body, receivedAt }
  }

  return {
    baseUrl,
    clientIdentifier,
    product,

    async createPin({ strong = false, signal } = {}) {
      const { body, receivedAt } = await request({
        method: 'POST',
        path: '/api/v2/pins',
        query: { strong: String(strong) },
        signal,
      })
      return parsePin(body, { strong, receivedAt })
    },

    async getPin(id, { signal } = {}) {
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new TypeError(`react-plex-login: getPin needs a PIN id (a positive integer); got ${String(id)}.`)
      }
      const { body, receivedAt } = await request({
        method: 'GET',
        path: `/api/v2/pins/${id}`,
        signal,
        pinEndpoint: true,
      })
      // Strong codes are exactly 25 characters; anything else must be a valid link code.
      const strong = isRecord(body) && typeof body.code === 'string' && body.code.length === 25
      return parsePin(body, { strong, receivedAt })
    },

    async getUser(token, { signal } = {}) {
      if (typeof token !== 'string' || token === '') {
        throw new TypeError('react-plex-login: getUser needs the Plex token (a non-empty string).')
      }
      const { body } = await request({
        method: 'GET',
        path: '/api/v2/user',
        headers: { 'X-Plex-Token': token },
        signal,
      })
      return parseUser(body)
    },
  }
}
