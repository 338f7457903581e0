/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A positive safe integer, as plex.tv's ids are. */
export function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0
}

/** Copies the `keys` of `body` that are strings, and sets the others to `null`: for fields we only display. */
export function optionalStrings<K extends string>(body: Record<string, unknown>, keys: readonly K[]): Record<K, string | null> {
  const fields = {} as Record<K, string | null>
  for (const key of keys) fields[key] = typeof body[key] === 'string' ? body[key] : null
  return fields
}

/**
 * A Plex token as plex.tv issues them: printable ASCII, no spaces. Anything else is no token, and
 * fetch would reject it in a header with the value in its message.
 */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]+$/.test(value)
}
