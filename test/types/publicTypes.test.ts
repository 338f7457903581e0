/**
 * Type-level contracts of the public API. `npm run typecheck` checks this file (`tsconfig.json`
 * includes `test/`): each `expectTypeOf` and `@ts-expect-error` below fails the type check when a
 * contract breaks. The one runtime assertion only keeps vitest from reporting an empty file.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import { defaultPlexLoginLabels, type PlexLoginProps, type PlexPinInfo, type UsePlexPinOptions, type UsePlexPinResult } from '../../src'

describe('public types', () => {
  it("<PlexLogin> takes every usePlexPin option but `enabled` (mount it to start), with the same types", () => {
    type WidgetOptions = Omit<UsePlexPinOptions, 'enabled'>
    expectTypeOf<WidgetOptions>().toExtend<PlexLoginProps>()
    expectTypeOf<Pick<PlexLoginProps, keyof WidgetOptions>>().toEqualTypeOf<Pick<UsePlexPinOptions, keyof WidgetOptions>>()
    expect(true).toBe(true)
  })

  it('narrows the usePlexPin result by status, as the runtime keeps it (test/hooks/resultByStatus.test.tsx)', () => {
    const read = (result: UsePlexPinResult) => {
      if (result.status === 'waiting') {
        expectTypeOf(result.code).toEqualTypeOf<string>()
        expectTypeOf(result.pin).toEqualTypeOf<PlexPinInfo>()
        expectTypeOf(result.qrValue).toEqualTypeOf<string>()
        expectTypeOf(result.expiresAt).toEqualTypeOf<number>()
        expectTypeOf(result.secondsLeft).toEqualTypeOf<number>()
        expectTypeOf(result.error).toEqualTypeOf<null>()
      } else if (result.status === 'error') {
        expectTypeOf(result.error).toEqualTypeOf<Error>()
        expectTypeOf(result.code).toEqualTypeOf<string | null>()
      } else if (result.status === 'creating') {
        expectTypeOf(result.pin).toEqualTypeOf<null>()
      } else {
        expectTypeOf(result.code).toEqualTypeOf<null>()
        expectTypeOf(result.pin).toEqualTypeOf<PlexPinInfo | null>()
      }
      // Destructured, too (TypeScript narrows destructured discriminated unions).
      const { status, code } = result
      if (status === 'waiting') expectTypeOf(code).toEqualTypeOf<string>()
    }
    expect(read).toBeTypeOf('function')
  })

  it('keeps the default labels read-only: writing one would change every widget on the page', () => {
    const rename = () => {
      // @ts-expect-error the defaults are Readonly<PlexLoginLabels>
      defaultPlexLoginLabels.title = 'Mit Plex anmelden'
    }
    expect(rename).toBeTypeOf('function')
  })
})
