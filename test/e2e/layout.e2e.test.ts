/**
 * The layout under what apps and people do to it: a translation twice as long as English with
 * words no line can break, large text, and a narrow box (a sidebar, a dialog) in a wide window.
 * Found by a visual probe (2026-11-26) that screenshotted every state; these measure instead.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningPlexSimulator } from '../../src/testing/startPlexSimulator'
import { customTheme } from '../../stories/support/themes'
import { launchChromium } from './support/browser'
import { codeLines } from './support/codeLines'
import { startDemoStack, type DemoStack, type RunningDemo } from './support/demoServer'

let sim: RunningPlexSimulator
let demo: RunningDemo
let browser: Browser
let stack: DemoStack<Browser>

beforeAll(async () => {
  stack = await startDemoStack(launchChromium)
  ;({ sim, demo, browser } = stack)
})

afterAll(async () => {
  await stack?.close()
})

// A test that sets latency resets it in its own `finally`, which a test timed out by vitest only
// reaches once its page wait gives up; the next test must not start against a slow simulator.
afterEach(() => {
  if (sim) sim.simulator.latencyMs = 0
})

interface OpenOptions {
  width: number
  viewport?: number
  labels?: string
  rootFontPx?: number
  css?: string
}

/**
 * Whether the code (four letters or digits in its part) and its QR code are on the page. The QR
 * code is drawn in the render after the code's (ARCHITECTURE, "The code first, then its QR"): a
 * layout measured between the two has an empty box where the QR code goes, and the check for parts
 * running under the QR code sees nothing to run under.
 */
const codeAndQrShown = () =>
  /^[A-Z0-9]{4}$/.test(document.querySelector('[data-part="code"]')?.textContent ?? '') && document.querySelector('svg[data-part="qr"]') !== null

/** The demo with the widget in a `width` px box, in a window `viewport` px wide, once its code and QR code show. */
async function open({ width, viewport = width + 32, labels = '', rootFontPx = 0, css = '' }: OpenOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: viewport, height: 900 } })
  const url = new URL(demo.url)
  url.searchParams.set('width', String(width))
  if (labels) url.searchParams.set('labels', labels)
  await page.goto(url.href)
  if (rootFontPx) await page.addStyleTag({ content: `html { font-size: ${rootFontPx}px }` })
  if (css) await page.addStyleTag({ content: css })
  await page.waitForFunction(codeAndQrShown)
  return page
}

/** Opens the demo as `open` does and checks the code takes one line and nothing leaves the card. */
async function expectCodeOnOneLineInsideCard(options: OpenOptions) {
  const page = await open(options)
  try {
    expect(await codeLines(page)).toBe(1)
    expect(await overflow(page)).toEqual({ page: 0, widget: 0, parts: [] })
  } finally {
    await page.close()
  }
}

/** What overflows: the page sideways, the widget's own box, and parts running under the QR code. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const widget = document.querySelector('[data-plex-login]') as HTMLElement
    const qr = document.querySelector('svg[data-part="qr"]')?.getBoundingClientRect()
    // Without the QR code nothing can run under it, and the check below would pass on any layout.
    if (!qr) throw new Error('No QR code on the page yet: measure after codeAndQrShown')
    const card = widget.getBoundingClientRect()
    const parts = ['instructions', 'code', 'link', 'copy', 'countdown'].map((name) => {
      const box = document.querySelector(`[data-part="${name}"]`)?.getBoundingClientRect()
      const besideQr = box && box.top < qr.bottom && qr.top < box.bottom
      return {
        name,
        outsideCard: box ? Math.max(0, box.right - (card.right - 1), card.left + 1 - box.left) : 0,
        underQr: besideQr ? Math.max(0, box.right - qr.left) : 0,
      }
    })
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      widget: widget.scrollWidth - widget.clientWidth,
      parts: parts.filter((part) => part.outsideCard > 0.5 || part.underQr > 0.5),
    }
  })
}

describe('given a long translation', () => {
  it.each([280, 360, 480])('fits a %i px box: nothing leaves the card or runs under the QR code', async (width) => {
    const page = await open({ width, labels: 'long' })
    try {
      expect(await overflow(page)).toEqual({ page: 0, widget: 0, parts: [] })
    } finally {
      await page.close()
    }
  })

  it('holds the body\'s height while the code is on its way: the countdown has its place already', async () => {
    // The body (instructions, code, links, countdown, QR); the status line below says different
    // words in each state, and may wrap differently by design.
    sim.simulator.latencyMs = 600
    const page = await browser.newPage({ viewport: { width: 392, height: 900 } })
    try {
      await page.goto(`${demo.url}?width=360&labels=long`)
      await page.waitForFunction(() => document.querySelector('[data-plex-login]')?.getAttribute('data-state') === 'creating')
      const body = page.locator('[data-part="body"]')
      const creating = await body.evaluate((element) => element.getBoundingClientRect().height)
      await page.waitForFunction(codeAndQrShown)
      const waiting = await body.evaluate((element) => element.getBoundingClientRect().height)
      expect(Math.abs(waiting - creating), `creating ${creating} px, waiting ${waiting} px`).toBeLessThanOrEqual(1)
    } finally {
      sim.simulator.latencyMs = 0
      await page.close()
    }
  })
})

describe('given large text', () => {
  it.each([
    ['a 480 px box', { width: 480 }],
    ['a 280 px box in a 1280 px window (a sidebar)', { width: 280, viewport: 1280 }],
    ['a 360 px box in a 1280 px window', { width: 360, viewport: 1280 }],
  ])('keeps the code on one line in %s at 32 px text', async (_name, box) => {
    await expectCodeOnOneLineInsideCard({ ...box, rootFontPx: 32 })
  })
})

describe('given a login page that centres the card (a shrink-to-fit parent)', () => {
  it('the card still takes its full width, the QR code beside the details', async () => {
    // Containment on the wrong element zeroes its intrinsic width, and the card shrank to 332 px
    // with the QR code wrapped below (a rejected first version of the code-size fix).
    const centred = 'main > div:has(> [data-plex-login]) { display: flex; flex-direction: column; align-items: center }'
    const page = await open({ width: 560, viewport: 900, css: centred })
    try {
      const layout = await page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect()
        return { card: box('[data-plex-login]')?.width, qrTop: box('svg[data-part="qr"]')?.top, detailsBottom: box('[data-part="details"]')?.bottom }
      })
      expect(layout.card).toBe(560)
      expect(layout.qrTop ?? Infinity).toBeLessThan(layout.detailsBottom ?? 0)
      expect(await overflow(page)).toEqual({ page: 0, widget: 0, parts: [] })
    } finally {
      await page.close()
    }
  })
})

describe('given the custom theme the stories ship (3rem code, 0.5em between its characters)', () => {
  // The code's size cap once assumed the default 0.35em spacing: on a phone "CH9V" broke as "CH9"
  // over "V" (a probe, 2026-11-26).
  const theme = `[data-plex-login] { ${Object.entries(customTheme).map(([name, value]) => `${name}: ${value}`).join('; ')} }`
  it.each([
    ['a 320 px phone', { width: 288, viewport: 320 }],
    ['a 360 px phone', { width: 328, viewport: 360 }],
    ['a 320 px box in a 1280 px window', { width: 320, viewport: 1280 }],
  ])('keeps the code on one line on %s', async (_name, box) => {
    await expectCodeOnOneLineInsideCard({ ...box, css: theme })
  })
})

describe('given a press of "Copy code" on a phone', () => {
  // "Copied" is shorter than "Copy code": the button shrank, and at some widths moved beside the
  // link and pulled everything under it up 48 px, from under the finger (a probe, 2026-11-26).
  it.each([358, 390, 412])('nothing moves at %i px: the button keeps its place and size, the card its height', async (viewport) => {
    const context = await browser.newContext({ viewport: { width: viewport, height: 900 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(demo.url).origin })
    const page = await context.newPage()
    try {
      await page.goto(demo.url)
      await page.waitForFunction(codeAndQrShown)
      const boxes = () =>
        page.evaluate(() => {
          const rect = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().toJSON() as DOMRect
          return { copy: rect('[data-part="copy"]'), card: rect('[data-plex-login]').height }
        })
      const before = await boxes()
      await page.tap('[data-part="copy"]')
      await page.waitForFunction(() => document.querySelector('[data-part="copy"]')?.hasAttribute('data-copied'))
      const after = await boxes()
      expect(await page.getByRole('button', { name: 'Copied' }).count()).toBe(1)
      expect(after).toEqual(before)
    } finally {
      await context.close()
    }
  })
})
