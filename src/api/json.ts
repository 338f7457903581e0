/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value` when it is a string, else `null`: for optional fields we only display. */
export function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}
