import { isId, isRecord, isToken, optionalStrings } from './json.js'
import { invalidResponse } from './PlexApiError.js'
import type { PlexPin, PlexPinLocation } from './types.js'

/** plex.tv gives 900 s (link) or 1800 s (strong); anything beyond a day is not a real lifetime. */
export const MAX_EXPIRES_IN_SECONDS = 24 * 60 * 60

/**
 * Validates a PIN object from plex.tv. Never trusts the answer: a field of the wrong type or shape
 * (markup in the code, a negative lifetime, a token with spaces) is an `invalid-response` error, never
 * a value that reaches the screen. A strong PIN's code is 25 lowercase letters or digits; a link
 * PIN's is the 4 uppercase letters or digits plex.tv/link accepts.
 */
export function parsePin(body: unknown, strong: boolean, receivedAt: number, polled = false): PlexPin {
  if (!isRecord(body)) throw invalidResponse('expected a PIN object')
  const { id, code, authToken = null, location } = body
  // Checked below: Number.isFinite is false for anything but a finite number (it converts nothing).
  const expiresIn = body.expiresIn as number
  if (!isId(id)) throw invalidResponse('the PIN has no valid id')
  if (typeof code !== 'string' || !(strong ? /^[a-z\d]{25}$/ : /^[A-Z\d]{4}$/).test(code)) {
    throw invalidResponse(`the PIN code is not ${strong ? '25 lowercase' : '4'} letters or digits`)
  }
  if (authToken !== null && !isToken(authToken)) {
    throw invalidResponse('the PIN carries an unusable token')
  }
  // A PIN polled in its last second may count down to 0 or, rounded, below: a linked one's token
  // is what matters then, and an unlinked one is about to be renewed; neither is a broken answer.
  // A PIN just created with no lifetime left is.
  if (!Number.isFinite(expiresIn) || expiresIn > MAX_EXPIRES_IN_SECONDS || (expiresIn <= 0 && !polled)) {
    throw invalidResponse('the PIN has no valid lifetime (expiresIn)')
  }
  return {
    id,
    code,
    strong,
    trusted: body.trusted === true,
    // Geo data: only its text and yes/no fields; anything else (objects, markup in numbers…) goes.
    location: isRecord(location)
      ? (Object.fromEntries(Object.entries(location).filter(([, field]) => typeof field === 'string' || typeof field === 'boolean')) as PlexPinLocation)
      : null,
    expiresIn: Math.max(0, expiresIn),
    // Checked above; said again for projects without strictNullChecks, where the check narrows nothing.
    authToken: authToken as string | null,
    receivedAt,
    ...optionalStrings(body, ['product', 'qr', 'clientIdentifier', 'createdAt', 'expiresAt'] as const),
  }
}
