/**
 * The built Storybook (`npm test` builds it before the end-to-end tests) in Chromium, as its
 * visitors see it: axe with every rule, colour contrast included (jsdom cannot compute it, so the
 * unit tests' axe run leaves it out), and the snippets "Show code" prints on the Docs page.
 * Found by a Storybook probe (2026-11-26): contrast failed in the Storybook a11y panel, and the
 * All states snippet printed the simulator, a Plex token included.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import preview from '../../stories/.storybook/preview'
import { plexLoginStates, STATE_SHOWN_AFTER_MS, type StateClaim } from '../../stories/support/states'
import { serveDirectory, type StaticServer } from '../consumer/support/staticServer'
import { launchChromium } from './support/browser'

const built = resolve(import.meta.dirname, '../../storybook-static')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let server: StaticServer
let browser: Browser
let storyIds: string[] = []

/** Stories checked at the same time, each in its own tab. */
const STORIES_AT_ONCE = 4

/**
 * Story id → the state it claims to show (Storybook's ids are the kebab-cased export names;
 * `ErrorState` is exported so, not to shadow `Error`).
 */
const claims = new Map<string, StateClaim>(
  Object.entries(plexLoginStates).map(([name, state]) => [
    `plexlogin--${name === 'error' ? 'error-state' : name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
    state.shows,
  ]),
)

beforeAll(async () => {
  if (!existsSync(join(built, 'index.json'))) {
    throw new Error(`${built} is missing: run "npm run build-storybook" first (npm test does).`)
  }
  const index = JSON.parse(readFileSync(join(built, 'index.json'), 'utf8')) as { entries: Record<string, { type: string }> }
  storyIds = Object.entries(index.entries).filter(([, entry]) => entry.type === 'story').map(([id]) => id)
  server = await serveDirectory(built)
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const newTab = () => browser.newPage({ viewport: { width: 1280, height: 900 } })
const show = (page: Page, path: string) => page.goto(new URL(path, server.url).href)

describe('every story in Chromium', () => {
  it('has no axe violation, colour contrast included, under the a11y settings the Storybook panel uses', async () => {
    expect(storyIds.length).toBeGreaterThan(10)
    // Every state story is found by its id, so none is checked in the state before the one it shows.
    expect([...claims.keys()].filter((id) => !storyIds.includes(id))).toEqual([])
    const violations: string[] = []
    // The a11y addon's own run after each render is switched off (`a11y.manual`): it repeated
    // ours in the same tab, at the cost of loading and running axe twice.
    const check = async (page: Page, id: string) => {
      await show(page, `iframe.html?id=${id}&viewMode=story&globals=a11y.manual:!true`)
      await page.waitForSelector('[data-plex-login]')
      const claim = claims.get(id)
      // A state story is checked in the state it shows (Expired and Retrying pass through
      // "waiting" first; a fixed 1.2 s once checked them there); the others once they have had
      // the time every story is given to reach its state.
      if (claim) {
        await page
          .waitForFunction(
            ({ state, retrying, status }) => {
              const widget = document.querySelector<HTMLElement>('[data-plex-login]')
              return (
                widget?.dataset.state === state &&
                widget.hasAttribute('data-retrying') === retrying &&
                (widget.querySelector('[role="status"]')?.textContent ?? '').includes(status)
              )
            },
            claim,
            { timeout: 15_000 },
          )
          .catch(() => {
            throw new Error(`${id} never showed ${JSON.stringify(claim)}`)
          })
      } else {
        await page.waitForTimeout(STATE_SHOWN_AFTER_MS)
      }
      await page.addScriptTag({ content: axeSource })
      const found = await page.evaluate(async (a11y) => {
        // Should the addon run axe after all (a Storybook that ignores `a11y.manual`), a run of
        // ours started meanwhile throws "Axe is already running": wait for that run to end.
        const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
        if (a11y.config) axe.configure(a11y.config)
        const root = document.querySelector('#storybook-root') ?? document
        const run = async (triesLeft: number): Promise<import('axe-core').AxeResults> => {
          try {
            return await axe.run(root)
          } catch (error) {
            if (triesLeft === 0 || !/already running/i.test(String(error))) throw error
            await new Promise((resolve) => setTimeout(resolve, 100))
            return run(triesLeft - 1)
          }
        }
        const result = await run(100)
        return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
      }, preview.parameters?.a11y ?? {})
      violations.push(...found.map((text) => `${id}: ${text}`))
    }
    // Most of a story's time is spent waiting for its state (up to STATE_SHOWN_AFTER_MS), so a
    // few tabs at once, each kept for its next story (its cache and MSW's service worker stay
    // warm): a new tab per story, one at a time, took 80 s of the suite on a two-core machine.
    const queue = [...storyIds]
    await Promise.all(
      Array.from({ length: STORIES_AT_ONCE }, async () => {
        const page = await newTab()
        try {
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) await check(page, id)
        } finally {
          await page.close()
        }
      }),
    )
    expect(violations.sort()).toEqual([])
  }, 180_000)
})

describe('the Docs page', () => {
  it('prints snippets a visitor can paste: no token, no simulator, no function bodies', async () => {
    const page = await newTab()
    try {
      await show(page, 'iframe.html?id=plexlogin--docs&viewMode=docs')
      const buttons = page.locator('button', { hasText: 'Show code' })
      // One per story, and one for the story at the top of the page.
      await expect.poll(() => buttons.count(), { timeout: 20_000 }).toBe(storyIds.length + 1)
      // A pressed button says "Hide code": the first "Show code" is always the next one.
      for (let left = storyIds.length + 1; left > 0; left -= 1) await buttons.first().click()
      const snippets = await page.locator('pre').allInnerTexts()
      expect(snippets.length).toBeGreaterThanOrEqual(storyIds.length + 1)
      for (const snippet of snippets) {
        expect(snippet).not.toMatch(/token: '|authToken|simUserToken|simDeviceToken/)
        expect(snippet).not.toMatch(/function \w*\(\)\s*\{\}|simulator|handlers/)
      }
    } finally {
      await page.close()
    }
  }, 90_000)
})
