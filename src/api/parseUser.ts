import { isRecord, optionalString } from './json.js'
import { invalidResponse } from './PlexApiError.js'
import type { PlexUser } from './types.js'

/** Validates the account object of `GET /api/v2/user`. */
export function parseUser(body: unknown): PlexUser {
  if (!isRecord(body)) throw invalidResponse('expected an account object')
  const { id } = body
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw invalidResponse('the account has no valid id')
  }
  return {
    id,
    uuid: optionalString(body.uuid),
    username: optionalString(body.username),
    title: optionalString(body.title),
    email: optionalString(body.email),
    thumb: optionalString(body.thumb),
  }
}
