/**
 * Any value as text for a development message, without the conversion that throws for some (a
 * Symbol in a template string, a null-prototype object).
 */
export function describeValue(value: unknown): string {
  try {
    return String(value)
  } catch {
    return typeof value
  }
}
