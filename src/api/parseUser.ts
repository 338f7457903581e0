import { isId, isRecord, optionalStrings } from './json.js'
import { invalidResponse } from './PlexApiError.js'
import type { PlexUser } from './types.js'

/** Validates the account object of `GET /api/v2/user`. */
export function parseUser(body: unknown): PlexUser {
  if (!isRecord(body) || !isId(body.id)) throw invalidResponse('the account has no valid id')
  return { id: body.id, ...optionalStrings(body, ['uuid', 'username', 'title', 'email', 'thumb'] as const) }
}
