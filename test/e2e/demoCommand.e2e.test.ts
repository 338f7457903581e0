import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/browser'
import { until } from './support/waitFor'

/**
 * The README's first command, `npm ci && npm start`, as a person runs it: the real `start`
 * script in its own process (demo page and simulator together, nothing shared with this test),
 * then a sign-in in Chromium through the simulator's /link page, then Ctrl-C. The other e2e files
 * start the same pieces in-process; only this one would notice the script itself breaking.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url))

let child: ChildProcess
let output = ''
let browser: Browser

/** Whether any process of the group `npm start` leads (npm, its shell, tsx, the script) is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  // Free ports: CI may already have something on 5173 or 5055. `detached` gives npm and the
  // script under it their own process group, so Ctrl-C reaches the script as it would in a terminal.
  child = spawn('npm', ['start'], {
    cwd: repo,
    env: { ...process.env, PORT: '0', SIM_PORT: '0', PLEX_URL: '' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  if (child?.pid && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL')
})

describe('given `npm start` on a machine without network', () => {
  it('prints the demo and simulator addresses, signs a person in through /link, and stops on Ctrl-C', async () => {
    const started = await until(
      () => {
        if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`)
        return /demo: +(http:\/\/\S+)[\s\S]*link page (http:\/\/\S+?),/.exec(output) ?? undefined
      },
      { timeoutMs: 30_000, what: `npm start to print its addresses; it printed:\n${output}` },
    )
    const [, demoUrl = '', linkUrl = ''] = started
    expect(new URL(demoUrl).origin).not.toBe(new URL(linkUrl).origin)

    const context = await browser.newContext()
    context.setDefaultTimeout(20_000)
    const pageErrors: Error[] = []
    context.on('weberror', (error) => pageErrors.push(error.error()))
    // The token, read off the wire, only to prove the script's request log never prints it.
    let token: string | null = null
    context.on('response', (response) => {
      if (/\/api\/v2\/pins\/\d+/.test(response.url()) && response.request().method() === 'GET') {
        void response.json().then(
          (pin: { authToken?: string | null }) => (token ??= pin.authToken ?? null),
          () => {},
        )
      }
    })

    const page = await context.newPage()
    await page.goto(demoUrl)
    const code = page.locator('[data-part="code"]')
    await page.waitForFunction(() => /^[A-Z0-9]{4}$/.test(document.querySelector('[data-part="code"]')?.textContent ?? ''))
    const shown = (await code.textContent()) ?? ''

    const [linkPage] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /Open plex\.tv\/link/ }).click()])
    await linkPage.waitForLoadState()
    expect(linkPage.url()).toBe(`${linkUrl}?pin=${shown}`)
    await linkPage.getByRole('button', { name: 'Link' }).click()
    await linkPage.getByText('Linked! You can return to the app.').waitFor()

    await page.bringToFront()
    await page.locator('[data-plex-login][data-state="authenticated"]').waitFor()
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe('Signed in as Plex Fan (plexfan)')
    // Read before the context closes: closing it would cancel a response body still being read.
    const seenToken = await until(() => token ?? undefined, { what: 'the token on the wire' })
    await context.close()
    expect(pageErrors).toEqual([])

    // The script logs each request the simulator answered, and never the token.
    expect(output).toMatch(/\[sim\] POST \/api\/v2\/pins → 201/)
    expect(output).toMatch(/\[sim\] GET \/api\/v2\/pins\/\d+ → 200/)
    expect(seenToken.length).toBeGreaterThan(10)
    expect(output).not.toContain(seenToken)

    // Ctrl-C in the terminal (SIGINT to the whole foreground group): the script closes both
    // servers and exits; nothing is left running or listening.
    const pid = child.pid ?? 0
    process.kill(-pid, 'SIGINT')
    await until(() => !groupAlive(pid), { what: 'every process of `npm start` to exit after Ctrl-C' })
    expect(output).toContain('Stopping…')
    await expect(fetch(demoUrl)).rejects.toThrow()
    await expect(fetch(linkUrl)).rejects.toThrow()
  }, 90_000)
})
