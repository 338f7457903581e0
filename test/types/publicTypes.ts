/**
 * Type-level contracts of the public API, checked by `npm run typecheck` (`tsconfig.json` includes
 * `test/`), not run by vitest: each `expectTypeOf` and `@ts-expect-error` below fails the type
 * check when its contract breaks. Nothing here executes.
 */
import { expectTypeOf } from 'vitest'
import { defaultPlexLoginLabels, type PlexLoginProps, type PlexPinInfo, type UsePlexPinOptions, type UsePlexPinResult } from '../../src'

/** <PlexLogin> takes every usePlexPin option but `enabled` (mount it to start), with the same types. */
export function widgetTakesTheHookOptions() {
  type WidgetOptions = Omit<UsePlexPinOptions, 'enabled'>
  expectTypeOf<WidgetOptions>().toExtend<PlexLoginProps>()
  expectTypeOf<Pick<PlexLoginProps, keyof WidgetOptions>>().toEqualTypeOf<Pick<UsePlexPinOptions, keyof WidgetOptions>>()
}

/** The result narrows by status, as the runtime keeps it (test/hooks/resultByStatus.test.tsx). */
export function resultNarrowsByStatus(result: UsePlexPinResult) {
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

/** The default labels are read-only: writing one would change every widget on the page. */
export function defaultLabelsAreReadOnly() {
  // @ts-expect-error the defaults are Readonly<PlexLoginLabels>
  defaultPlexLoginLabels.title = 'Mit Plex anmelden'
}
