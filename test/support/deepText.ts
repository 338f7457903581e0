import { inspect } from 'node:util'

/**
 * Everything `value` holds, as text: an Error's message, stack and cause, non-enumerable and
 * nested properties included. `JSON.stringify` turns an Error into `{}`, so a secret logged inside
 * one (the usual way a token would leak, `console.error(error)`) would pass unseen.
 */
export function deepText(value: unknown): string {
  return inspect(value, { depth: null, showHidden: true, maxArrayLength: null, maxStringLength: null, breakLength: Infinity })
}
