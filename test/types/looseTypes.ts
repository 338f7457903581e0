/**
 * The public types in a project without `strict` (Next.js writes `"strict": false` into the
 * tsconfig it creates), checked by `npm run typecheck` through `tsconfig.loose.json`. Nothing here
 * executes. Under `strictNullChecks: false` an intersection of `null` with `string | null` is
 * `never`; a result type built that way dropped `creating`, `authenticated` and `expired`, and this
 * file failed to compile (a README-claims probe, 2026-11-26).
 */
import type { PlexLoginProps, UsePlexPinResult } from '../../src'

export function everyStatusCanBeTested(result: UsePlexPinResult): string {
  if (result.status === 'creating') return 'creating'
  if (result.status === 'authenticated') return 'authenticated'
  if (result.status === 'expired') return 'expired'
  if (result.status === 'waiting') return result.code.split('').join(' ')
  return result.error.message
}

export const layout: PlexLoginProps['children'] = (state) => (state.status === 'authenticated' ? 'done' : state.code)
