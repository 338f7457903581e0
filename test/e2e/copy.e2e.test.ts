/**
 * "Copy code" where navigator.clipboard is missing or refuses, in a real browser: plain http (no
 * secure context), a cross-origin iframe without `allow="clipboard-write"` (dashboards embed apps
 * so), a modal <dialog> and a focus trap. "Copied" must mean the code is on the clipboard, and
 * keyboard focus must stay on the button.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlexSimulator } from '../../src/testing/createPlexSimulator'
import { startPlexSimulator, type RunningPlexSimulator } from '../../src/testing/startPlexSimulator'
import { launchChromium } from './support/browser'
import { startDemo, type RunningDemo } from './support/demoServer'

let sim: RunningPlexSimulator
let demo: RunningDemo
let browser: Browser
let parent: Server
let parentUrl: string

beforeAll(async () => {
  sim = await startPlexSimulator({ port: 0, simulator: createPlexSimulator() })
  ;[demo, browser] = await Promise.all([startDemo({ baseUrl: sim.url, linkUrl: sim.linkUrl }), launchChromium()])
  // An app page on another origin (localhost vs 127.0.0.1) that embeds the sign-in in an iframe,
  // as dashboards (Organizr, Home Assistant panels…) do, without allow="clipboard-write".
  parent = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html')
    res.end(`<!doctype html><title>dashboard</title><iframe src="${demo.url}" style="width:900px;height:800px"></iframe>`)
  })
  await new Promise<void>((resolve) => parent.listen(0, 'localhost', resolve))
  parentUrl = `http://localhost:${(parent.address() as AddressInfo).port}/`
})

afterAll(async () => {
  await browser?.close()
  await demo?.close()
  await sim?.close()
  await new Promise((resolve) => parent?.close(resolve))
})

const codeShown = () => /^[A-Z0-9]{4}$/.test(document.querySelector('[data-part="code"]')?.textContent ?? '')
// The copy has an outcome: "Copied" on the button, or the copy error. Waited for instead of a fixed
// sleep, which a loaded CI machine could outlast; the assertions after it tell the two apart.
const copySettled = () => document.querySelector('[data-part="copy"][data-copied], [data-part="copy-error"]') !== null

async function newPage(init?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } })
  context.setDefaultTimeout(15_000)
  await context.addInitScript('window.__name = (f) => f')
  if (init) await context.addInitScript(init)
  return context.newPage()
}

describe('copy in Chromium', () => {
  it('inside a cross-origin iframe without clipboard-write: copies with the copy command that works there', async () => {
    const page = await newPage()
    await page.goto(parentUrl)
    const frame = page.frames().find((f) => f.url().startsWith(demo.url))
    if (!frame) throw new Error('the demo frame did not load')
    await frame.waitForFunction(codeShown)

    // Control: in the very same frame, the copy command the widget keeps for plain http works.
    const result = frame.evaluate(() => new Promise<boolean>((resolve) => {
      const button = document.body.appendChild(document.createElement('button'))
      button.id = 'probe2'
      button.textContent = 'probe2'
      button.addEventListener('click', () => {
        const field = document.body.appendChild(document.createElement('textarea'))
        field.value = 'x'
        field.select()
        const ok = document.execCommand('copy')
        field.remove()
        button.remove()
        resolve(ok)
      })
    }))
    await frame.click('#probe2')
    expect(await result).toBe(true)

    await frame.click('[data-part="copy"]')
    await frame.waitForFunction(copySettled)
    const status = await frame.evaluate(() => document.querySelector('[role="status"]')?.textContent)
    expect(status).toContain('Copied')
    // The dashboard page (localhost: a secure context) may read the clipboard back.
    await page.context().grantPermissions(['clipboard-read'], { origin: new URL(parentUrl).origin })
    const code = await frame.evaluate(() => document.querySelector('[data-part="code"]')?.textContent)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code)
  })

  it('on plain http (no navigator.clipboard), pressing Enter on "Copy code" keeps keyboard focus on the button', async () => {
    const page = await newPage(`Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true })`)
    await page.goto(demo.url)
    await page.waitForFunction(codeShown)
    await page.focus('[data-part="copy"]')
    await page.keyboard.press('Enter')
    await page.waitForFunction(copySettled)
    const after = await page.evaluate(() => ({
      active: `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('data-part') ?? document.activeElement?.getAttribute('data-plex-login') ?? ''}`,
      status: document.querySelector('[role="status"]')?.textContent,
    }))
    expect(after.status).toContain('Copied')
    expect(after.active).toBe('BUTTON copy')
  })
  it.each(['a modal <dialog>', 'a focus trap (as Radix Dialog, focus-trap, react-focus-lock keep one)'])(
    'on plain http, inside %s: "Copied" means the code is on the clipboard',
    async (where) => {
      const context = await browser.newContext()
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.origin })
      // Plain http: no navigator.clipboard for the page (the test keeps a handle to read it back).
      await context.addInitScript(
        `window.__name = (f) => f; window.__clip = navigator.clipboard; Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true })`,
      )
      const page = await context.newPage()
      await page.goto(demo.url)
      await page.waitForFunction(codeShown)
      await page.evaluate(() => (window as unknown as { __clip: Clipboard }).__clip.writeText('what was there before'))
      await page.evaluate((dialog) => {
        const app = document.getElementById('root') as HTMLElement
        if (dialog) {
          const modal = document.body.appendChild(document.createElement('dialog'))
          modal.append(app)
          modal.showModal()
        } else {
          document.addEventListener('focusin', (event) => {
            if (!app.contains(event.target as Node)) document.querySelector<HTMLElement>('[data-part="copy"]')?.focus()
          })
        }
      }, where.includes('dialog'))
      await page.focus('[data-part="copy"]')
      await page.keyboard.press('Enter')
      await page.waitForFunction(copySettled)
      const seen = await page.evaluate(async () => ({
        code: document.querySelector('[data-part="code"]')?.textContent,
        status: document.querySelector('[role="status"]')?.textContent,
        clipboard: await (window as unknown as { __clip: Clipboard }).__clip.readText(),
      }))
      await context.close()
      expect(seen.status).toContain('Copied')
      expect(seen.clipboard).toBe(seen.code)
    },
  )
})
