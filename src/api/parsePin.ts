import { isRecord, optionalString } from './json.js'
import { invalidResponse } from './PlexApiError.js'
import type { PlexPin, PlexPinLocation } from './types.js'

/** What plex.tv/link accepts: four uppercase letters or digits. */
export const LINK_CODE_PATTERN = /^[A-Z0-9]{4}$/
/** What the app.plex.tv sign-in page takes: 25 lowercase letters or digits. */
export const STRONG_CODE_PATTERN = /^[a-z0-9]{25}$/
/** plex.tv gives 900 s (link) or 1800 s (strong); anything beyond a day is not a real lifetime. */
export const MAX_EXPIRES_IN_SECONDS = 24 * 60 * 60


/** Keeps the location's text and yes/no fields; anything else (objects, markup in numbers…) goes. */
function parseLocation(value: unknown): PlexPinLocation | null {
  if (!isRecord(value)) return null
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => typeof field === 'string' || typeof field === 'boolean'),
  ) as PlexPinLocation
}

/**
 * Validates a PIN object from plex.tv. Never trusts the answer: a field of the wrong type or shape
 * (markup in the code, a negative lifetime, an empty token) is an `invalid-response` error, never
 * a value that reaches the screen.
 */
export function parsePin(body: unknown, options: { strong: boolean; receivedAt: number }): PlexPin {
  if (!isRecord(body)) throw invalidResponse('expected a PIN object')

  const { id, code, expiresIn, authToken } = body
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw invalidResponse('the PIN has no valid id')
  }
  const pattern = options.strong ? STRONG_CODE_PATTERN : LINK_CODE_PATTERN
  if (typeof code !== 'string' || !pattern.test(code)) {
    throw invalidResponse(
      options.strong
        ? 'the PIN code is not 25 lowercase letters or digits'
        : 'the PIN code is not 4 letters or digits',
    )
  }
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0 || expiresIn > MAX_EXPIRES_IN_SECONDS) {
    throw invalidResponse('the PIN has no valid lifetime (expiresIn)')
  }
  if (authToken !== null && authToken !== undefined && (typeof authToken !== 'string' || authToken === '')) {
    throw invalidResponse('the PIN carries a token that is not a non-empty string')
  }

  return {
    id,
    code,
    strong: options.strong,
    product: optionalString(body.product),
    trusted: body.trusted === true,
    qr: optionalString(body.qr),
    clientIdentifier: optionalString(body.clientIdentifier),
    location: parseLocation(body.location),
    expiresIn,
    createdAt: optionalString(body.createdAt),
    expiresAt: optionalString(body.expiresAt),
    authToken: authToken ?? null,
    receivedAt: options.receivedAt,
  }
}
