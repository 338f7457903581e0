/**
 * Type-level contracts of the public API. `npm run typecheck` checks this file (`tsconfig.json`
 * includes `test/`): each `expectTypeOf` and `@ts-expect-error` below fails the type check when a
 * contract breaks. The one runtime assertion only keeps vitest from reporting an empty file.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { PlexLoginProps, UsePlexPinOptions } from '../../src'

describe('public types', () => {
  it("<PlexLogin> takes every usePlexPin option but `enabled` (mount it to start), with the same types", () => {
    type WidgetOptions = Omit<UsePlexPinOptions, 'enabled'>
    expectTypeOf<WidgetOptions>().toExtend<PlexLoginProps>()
    expectTypeOf<Pick<PlexLoginProps, keyof WidgetOptions>>().toEqualTypeOf<Pick<UsePlexPinOptions, keyof WidgetOptions>>()
    expect(true).toBe(true)
  })
})
