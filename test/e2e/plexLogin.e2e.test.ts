import jsQR from 'jsqr'
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CLIENT_IDENTIFIER_STORAGE_KEY } from '../../src/api/getClientIdentifier'
import type { RunningPlexSimulator } from '../../src/testing/startPlexSimulator'
import { launchChromium } from './support/browser'
import { codeLines } from './support/codeLines'
import { startDemoStack, type DemoStack, type RunningDemo } from './support/demoServer'
import { sha256Hex, sleep, until } from './support/waitFor'

/** Longer than three polls at the 1 s interval: long enough to see polling that did not stop. */
const QUIET_PERIOD_MS = 3500
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

let sim: RunningPlexSimulator
let demo: RunningDemo
let browser: Browser
let stack: DemoStack<Browser>
let context: BrowserContext
let pageErrors: Error[]
let consoleMessages: ConsoleMessage[]

beforeAll(async () => {
  stack = await startDemoStack(launchChromium)
  ;({ sim, demo, browser } = stack)
})

afterAll(async () => {
  await stack?.close()
})

beforeEach(async () => {
  sim.simulator.reset()
  pageErrors = []
  consoleMessages = []
  // A fresh profile per test: empty localStorage, no cached preflights.
  context = await browser.newContext({ deviceScaleFactor: 2 })
  context.setDefaultTimeout(10_000)
  context.on('console', (message) => consoleMessages.push(message))
  context.on('weberror', (error) => pageErrors.push(error.error()))
})

afterEach(async () => {
  await context.close()
  expect(pageErrors, 'uncaught errors in the pages').toEqual([])
})

const simulator = () => sim.simulator
const widget = (page: Page) => page.locator('[data-plex-login]')

async function openDemo(): Promise<Page> {
  const page = await context.newPage()
  await page.goto(demo.url)
  return page
}

/** The code on screen, once it is the simulator's newest PIN. */
async function shownCode(page: Page, { not }: { not?: string } = {}): Promise<string> {
  const codeElement = page.locator('[data-part="code"]')
  await page.waitForFunction(
    (previous) => {
      const text = document.querySelector('[data-part="code"]')?.textContent ?? ''
      return /^[A-Z0-9]{4}$/.test(text) && text !== previous
    },
    not ?? null,
  )
  const code = (await codeElement.textContent()) ?? ''
  expect(code).toBe(simulator().latestPin()?.code)
  return code
}

async function events(page: Page): Promise<PlexDemoEvent[]> {
  return page.evaluate(() => window.__plexLoginEvents ?? [])
}

async function authenticatedEvents(page: Page) {
  return (await events(page)).filter((event) => event.type === 'authenticated')
}

async function waitUntilSignedIn(page: Page): Promise<void> {
  await page.locator('[data-plex-login][data-state="authenticated"]').waitFor()
  await page.waitForFunction(() => window.__plexLoginEvents?.some((event) => event.type === 'authenticated'))
  await page.getByTestId('signed-in-as').waitFor()
}

describe('given a person signing in with the code', () => {
  it('links it at /link from the widget, and the app signs in exactly once and stops polling', async () => {
    const page = await openDemo()
    const code = await shownCode(page)
    await expect(widget(page).getAttribute('data-state')).resolves.toBe('waiting')

    const link = page.getByRole('link', { name: /Open plex\.tv\/link/ })
    expect(await link.getAttribute('href')).toBe(`${sim.linkUrl}?pin=${code}`)
    const [linkPage] = await Promise.all([context.waitForEvent('page'), link.click()])
    await linkPage.waitForLoadState()
    expect(linkPage.url()).toBe(`${sim.linkUrl}?pin=${code}`)

    // The stand-in for plex.tv/link: the signed-in user, the code already in its labelled field.
    await expect(linkPage.getByRole('heading', { name: 'Link a device' }).isVisible()).resolves.toBe(true)
    await expect(linkPage.locator('.account').textContent()).resolves.toBe('Signed in as Plex Fan (plexfan)')
    const field = linkPage.getByLabel('Enter the 4-character code shown on your device')
    await expect(field.inputValue()).resolves.toBe(code)
    // Its stylesheet loaded under the page's strict CSP.
    await expect(field.evaluate((element) => getComputedStyle(element).textTransform)).resolves.toBe('uppercase')

    await linkPage.getByRole('button', { name: 'Link' }).click()
    await linkPage.getByText('Linked! You can return to the app.').waitFor()
    expect(simulator().latestPin()?.authToken).toEqual(expect.any(String))

    await page.bringToFront()
    await waitUntilSignedIn(page)
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe('Signed in as Plex Fan (plexfan)')

    const token = simulator().latestPin()?.authToken ?? ''
    const [authenticated] = await authenticatedEvents(page)
    expect(authenticated).toMatchObject({ code, pinId: simulator().latestPin()?.id, tokenLength: token.length, tokenSha256: sha256Hex(token) })

    // The token is never rendered nor stored by the page; a masked form is all that shows.
    await expect(page.getByTestId('masked-token').textContent()).resolves.toBe(`••••${token.slice(-4)}`)
    expect(await page.content()).not.toContain(token)
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(token)

    // Polling has stopped, and onAuthenticated stays at one call.
    const polls = simulator().requests('get-pin').length
    await sleep(QUIET_PERIOD_MS)
    expect(simulator().requests('get-pin')).toHaveLength(polls)
    expect(await authenticatedEvents(page)).toHaveLength(1)

    // The link page obeyed its CSP without a single violation.
    expect(consoleMessages.map((message) => message.text()).filter((text) => /Content Security Policy/i.test(text))).toEqual([])
  })

  it('draws a QR code that a phone can scan: the link page with ?pin=CODE', async () => {
    const page = await openDemo()
    const code = await shownCode(page)

    const png = PNG.sync.read(await page.locator('svg[data-part="qr"]').screenshot())
    const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)
    expect(decoded?.data).toBe(`${sim.linkUrl}?pin=${code}`)

    // Where the scan leads: the link page with the code filled in.
    const phone = await context.newPage()
    await phone.goto(decoded?.data ?? 'about:blank')
    await expect(phone.getByLabel('Enter the 4-character code shown on your device').inputValue()).resolves.toBe(code)
  })
})

describe('given the requests the browser sends', () => {
  it('sends no CORS preflight for PIN requests and exactly one POST per PIN, cross-origin', async () => {
    const page = await openDemo()
    const first = await shownCode(page)
    await until(() => simulator().requests('get-pin').length >= 2, { what: 'two polls' })

    simulator().expire()
    const second = await shownCode(page, { not: first })
    await until(() => simulator().requests('get-pin').some((entry) => entry.path.endsWith(`/${simulator().latestPin()?.id}`)), {
      what: 'a poll of the new PIN',
    })

    expect(simulator().pins.map((pin) => pin.code)).toEqual([first, second])
    expect(simulator().requests('create-pin')).toHaveLength(2)
    expect(simulator().requests('preflight')).toEqual([])
    for (const entry of simulator().requests()) {
      // Really cross-origin: the browser says where the page lives, and it is not the simulator.
      expect(entry.headers.origin).toBe(demo.origin)
      expect(entry.headers.origin).not.toBe(sim.url)
      // X-Plex-* travel in the query, so the only request header the page sets is Accept.
      expect(entry.query['X-Plex-Product']).toBe('react-plex-login demo')
      expect(Object.keys(entry.headers).filter((name) => name.startsWith('x-plex-'))).toEqual([])
    }

    // Signing in: the one request that carries a secret header (getUser's X-Plex-Token) is the
    // only one that needs a preflight.
    expect(simulator().link(second).ok).toBe(true)
    await waitUntilSignedIn(page)
    expect(simulator().requests('create-pin')).toHaveLength(2)
    expect(simulator().requests('preflight').map((entry) => entry.path)).toEqual(['/api/v2/user'])
    expect(simulator().requests('get-user')).toHaveLength(1)
  })
})

describe('given a PIN that expires while the page is open', () => {
  it('shows a new code without a reload, and the new code signs in', async () => {
    const page = await openDemo()
    const first = await shownCode(page)
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }))

    simulator().expire()
    const second = await shownCode(page, { not: first })
    expect(simulator().requests('get-pin').some((entry) => entry.status === 404)).toBe(true)
    await page.getByText('The previous code expired, so here is a new one.').waitFor()
    await expect(widget(page).getAttribute('data-state')).resolves.toBe('waiting')
    await expect(page.evaluate(() => '__sameDocument' in window)).resolves.toBe(true)

    // A person types the new code by hand, in lower case, at the plain link page.
    const linkPage = await context.newPage()
    await linkPage.goto(sim.linkUrl)
    await linkPage.getByLabel('Enter the 4-character code shown on your device').fill(second.toLowerCase())
    await linkPage.getByRole('button', { name: 'Link' }).click()
    await linkPage.getByText('Linked! You can return to the app.').waitFor()

    await page.bringToFront()
    await waitUntilSignedIn(page)
    const [authenticated] = await authenticatedEvents(page)
    expect(authenticated).toMatchObject({ code: second, tokenSha256: sha256Hex(simulator().latestPin()?.authToken ?? '') })
  })
})

describe('given a page reload', () => {
  it('keeps the client identifier (localStorage), so plex.tv sees the same device', async () => {
    const page = await openDemo()
    await shownCode(page)
    const [created] = simulator().requests('create-pin')
    const before = created?.query['X-Plex-Client-Identifier']
    expect(before).toMatch(UUID)
    await expect(page.evaluate((key) => localStorage.getItem(key), CLIENT_IDENTIFIER_STORAGE_KEY)).resolves.toBe(before)

    await page.reload()
    await until(() => simulator().requests('create-pin').length === 2, { what: 'the PIN of the reloaded page' })
    await shownCode(page)
    await until(() => simulator().requests('get-pin').some((entry) => entry.path.endsWith(`/${simulator().latestPin()?.id}`)), {
      what: 'a poll after the reload',
    })

    const identifiers = new Set(simulator().requests().map((entry) => entry.query['X-Plex-Client-Identifier']))
    expect([...identifiers]).toEqual([before])
    expect(simulator().pins.map((pin) => pin.clientIdentifier)).toEqual([before, before])
  })
})

describe('given keyboard, screen reader and phone use', () => {
  const activePart = (page: Page) =>
    page.evaluate(() => {
      const active = document.activeElement
      return active?.hasAttribute('data-plex-login') ? 'root' : (active?.getAttribute('data-part') ?? active?.tagName ?? null)
    })

  it('keeps focus in the widget and its height steady while a code renews, then through the sign-in', async () => {
    const page = await openDemo()
    const first = await shownCode(page)
    await page.getByRole('button', { name: 'Copy code' }).focus()
    const before = await widget(page).evaluate((element) => element.getBoundingClientRect().height)
    // Record the widget's height on every frame through the renewal.
    await widget(page).evaluate((element) => {
      const heights: number[] = []
      Object.assign(window, { __heights: heights })
      const frame = () => {
        heights.push(element.getBoundingClientRect().height)
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
    simulator().latencyMs = 400
    simulator().expire()
    await page.waitForFunction(() => document.querySelector('[data-plex-login]')?.getAttribute('data-state') === 'creating', null, { polling: 10 })
    await shownCode(page, { not: first })
    simulator().latencyMs = 0
    const heights = await page.evaluate(() => (window as unknown as { __heights: number[] }).__heights)
    expect(heights.length).toBeGreaterThan(10)
    expect(Math.max(...heights.map((height) => Math.abs(height - before))), `heights ${before} → ${heights.join(', ')}`).toBeLessThanOrEqual(1)
    expect(await activePart(page)).toMatch(/^(root|copy)$/)

    await page.getByRole('link', { name: /Open plex\.tv\/link/ }).focus()
    expect(simulator().link(simulator().latestPin()?.code ?? '').ok).toBe(true)
    await waitUntilSignedIn(page)
    expect(await activePart(page)).toBe('root')
  })

  it.each([
    [320, 24],
    [360, 32],
  ])('fits a %i px wide phone with a %i px text size: no sideways scrolling, the code inside the card', async (width, fontPx) => {
    const page = await context.newPage()
    await page.setViewportSize({ width, height: 800 })
    await page.goto(demo.url)
    await page.addStyleTag({ content: `html { font-size: ${fontPx}px }` })
    await shownCode(page)
    const fit = await page.evaluate(() => {
      const card = document.querySelector('[data-plex-login]')?.getBoundingClientRect()
      const code = document.querySelector('[data-part="code"]')?.getBoundingClientRect()
      return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, card, code }
    })
    expect(await codeLines(page), 'the code on one line').toBe(1)
    expect(fit.page, 'page width').toBeLessThanOrEqual(fit.viewport)
    expect(fit.code?.right, 'code right edge').toBeLessThanOrEqual(fit.card?.right ?? 0)
    expect(fit.code?.left, 'code left edge').toBeGreaterThanOrEqual(fit.card?.left ?? 0)
  })
})
