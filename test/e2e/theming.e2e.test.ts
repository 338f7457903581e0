/**
 * Theming in a real browser: custom properties inherit and media queries apply only there (jsdom
 * does neither). The stylesheet is the one the package ships; the markup is the widget's root and
 * one part, which is all its rules key on.
 */
import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/browser'

const STYLES = readFileSync(new URL('../../src/styles.css', import.meta.url), 'utf8')
const THEME = 'rgb(1, 2, 3)'
const LIGHT_BG = 'rgb(255, 255, 255)'
const DARK_BG = 'rgb(22, 27, 34)'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

/**
 * What `read` finds in a page of `body` whose `<head>` has `before` (the app's CSS loaded first),
 * the stylesheet, then `after`; the page is opened with `pageOptions` and closed afterwards.
 */
async function inStyledPage<T>(body: string, read: () => T, { before = '', after = '', ...pageOptions }: StyledPageOptions = {}): Promise<T> {
  const page = await browser.newPage(pageOptions)
  try {
    await page.setContent(`<!doctype html><html><head><style>${before}</style><style>${STYLES}</style><style>${after}</style></head><body>${body}</body></html>`)
    return await page.evaluate(read)
  } finally {
    await page.close()
  }
}

type StyledPageOptions = { before?: string; after?: string } & NonNullable<Parameters<Browser['newPage']>[0]>

/**
 * The widget's background and its code's font, with the app's CSS `before` and `after` the
 * stylesheet; `outer`/`root`/`part` are attributes of an ancestor, of the widget's root and of its
 * copy button.
 */
function computed({ scheme = 'light' as 'light' | 'dark', before = '', after = '', outer = '', root = '', part = '' }) {
  return inStyledPage(
    `<div ${outer}><div data-plex-login="styled" ${root}><p data-part="code">AB12</p><button type="button" data-part="copy" ${part}>Copy code</button></div></div>`,
    () => {
      const widget = document.querySelector('[data-plex-login]') as HTMLElement
      const code = document.querySelector('[data-part="code"]') as HTMLElement
      const button = document.querySelector('button') as HTMLElement
      return {
        background: getComputedStyle(widget).backgroundColor,
        codeFont: getComputedStyle(code).fontFamily,
        buttonMargin: getComputedStyle(button).margin,
        buttonBorder: getComputedStyle(button).borderTopColor,
        buttonRadius: getComputedStyle(button).borderTopLeftRadius,
        buttonHeight: getComputedStyle(button).minHeight,
      }
    },
    { colorScheme: scheme, before, after },
  )
}

describe('given the default theme', () => {
  it('is light, dark under prefers-color-scheme: dark, and follows data-color-scheme over the media query', async () => {
    expect((await computed({ scheme: 'light' })).background).toBe(LIGHT_BG)
    expect((await computed({ scheme: 'dark' })).background).toBe(DARK_BG)
    expect((await computed({ scheme: 'dark', root: 'data-color-scheme="light"' })).background).toBe(LIGHT_BG)
    expect((await computed({ scheme: 'light', root: 'data-color-scheme="dark"' })).background).toBe(DARK_BG)
  })
})

describe('given an app theme', () => {
  it.each(['light', 'dark'] as const)('set on an ancestor applies, in %s mode', async (scheme) => {
    const theme = `.theme { --plex-login-bg: ${THEME}; --plex-login-code-font: Themed; }`
    const style = await computed({ scheme, after: theme, outer: 'class="theme"' })
    expect(style).toMatchObject({ background: THEME, codeFont: 'Themed' })
  })

  it.each([
    ['light', ''],
    ['dark', ''],
    ['light', 'data-color-scheme="dark"'],
    ['dark', 'data-color-scheme="light"'],
  ] as const)('set by a class on the widget wins, in %s mode %s', async (scheme, forced) => {
    const style = await computed({ scheme, after: `.brand { --plex-login-bg: ${THEME}; }`, root: `class="brand" ${forced}` })
    expect(style.background).toBe(THEME)
  })

  it.each(['light', 'dark'] as const)('in CSS loaded before the stylesheet applies, in %s mode', async (scheme) => {
    const style = await computed({ scheme, before: `.my-app [data-plex-login] { --plex-login-bg: ${THEME}; }`, outer: 'class="my-app"' })
    expect(style.background).toBe(THEME)
  })
})

describe('given a theme for one part (through classNames)', () => {
  it.each(['light', 'dark'] as const)('its colours, radius and size apply to that part, in %s mode', async (scheme) => {
    const theme = `.mine { --plex-login-border: ${THEME}; --plex-login-button-radius: 3px; --plex-login-button-height: 50px; }`
    const style = await computed({ scheme, after: theme, part: 'class="mine"' })
    expect(style).toMatchObject({ buttonBorder: THEME, buttonRadius: '3px', buttonHeight: '50px' })
  })
})

describe("given the app's own element styles", () => {
  it('a global button rule does not move the widget\'s buttons', async () => {
    const style = await computed({ before: 'button { margin: 12px 4px; }' })
    expect(style.buttonMargin).toBe('0px')
  })
})

/**
 * The status line's spinner in a page with the stylesheet: whether its `::before` is drawn and
 * animated, for a root with the attributes `root`, under `reducedMotion`.
 */
function spinner(root: string, reducedMotion: 'reduce' | 'no-preference' = 'no-preference') {
  return inStyledPage(
    `<div data-plex-login="styled" ${root}><div data-part="status"><p>Getting a code from plex.tv…</p></div></div>`,
    () => {
      const line = getComputedStyle(document.querySelector('[data-part="status"] > p') as HTMLElement, '::before')
      return { drawn: line.content !== 'none', animation: line.animationName }
    },
    { reducedMotion },
  )
}

describe('given a code on its way', () => {
  it('spins while the request for it is out', async () => {
    expect(await spinner('data-state="creating"')).toEqual({ drawn: true, animation: 'plex-login-spin' })
  })

  it('holds still under reduced motion', async () => {
    expect((await spinner('data-state="creating"', 'reduce')).animation).toBe('none')
  })

  // Offline or between attempts nothing is on its way, and the status line says so. A spinner
  // there claims progress, and kept a throttled core about 3 % busy for as long as an outage
  // lasted (a runtime-cost probe, 2026-11-26: ~375 style recalculations a minute while visible).
  it('shows no spinner while it waits to retry or for the connection to return', async () => {
    expect(await spinner('data-state="creating" data-retrying=""')).toEqual({ drawn: false, animation: 'none' })
    expect(await spinner('data-state="creating" data-offline=""')).toEqual({ drawn: false, animation: 'none' })
  })

  it('shows none once the code is on screen', async () => {
    expect((await spinner('data-state="waiting"')).drawn).toBe(false)
  })
})
