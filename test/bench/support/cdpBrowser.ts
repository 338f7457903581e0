/**
 * Debian's Chromium driven over the raw DevTools protocol (a `--remote-debugging-pipe`), without
 * Playwright attached to the pages.
 *
 * Why not playwright-core here: Playwright enables `Emulation.setFocusEmulationEnabled` on every
 * page it attaches to, and Chromium implements that by counting the page as "being captured",
 * which keeps it visible: with Playwright attached, neither `page.bringToFront()` of another tab,
 * `Target.activateTarget` nor minimizing the window ever makes `document.visibilityState`
 * `hidden` (checked with a `visibilitychange` listener on Chromium 156). Without it, switching
 * tabs hides the page exactly as in a desktop browser, which is what the focus-return figure needs.
 *
 * Also unlike Playwright, none of the `--disable-background-timer-throttling`,
 * `--disable-renderer-backgrounding` or `--disable-backgrounding-occluded-windows` switches are
 * passed: a hidden tab's timers are throttled as in the browser a person uses.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/browser'

type Params = Record<string, unknown>
type Listener = (params: Params, sessionId: string | undefined) => void

interface Message {
  id?: number
  method?: string
  params?: Params
  result?: Params
  error?: { message: string; code?: number }
  sessionId?: string
}

export class CdpError extends Error {
  override name = 'CdpError'
}

export interface CdpBrowser {
  /** Sends one command; `sessionId` addresses a page session (from `Target.attachToTarget`). */
  send<T = Params>(method: string, params?: Params, sessionId?: string): Promise<T>
  /** Listens to an event of any session; returns the unsubscribe function. */
  on(method: string, listener: Listener): () => void
  /** The browser's stderr so far (for a failure message). */
  stderr(): string
  /** Closes the browser (politely, then by its pid) and removes its profile directory. */
  close(): Promise<void>
}

export async function launchCdpChromium({ timeoutMs = 30_000 } = {}): Promise<CdpBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing. Run "bash test/e2e/ensure-chromium.sh" (as root it installs Debian's chromium).`)
  }
  const profile = await mkdtemp(join(tmpdir(), 'plex-login-bench-chromium-'))
  const args = [
    ...CHROMIUM_ARGS,
    '--headless',
    '--remote-debugging-pipe',
    '--no-startup-window',
    '--no-default-browser-check',
    '--password-store=basic',
    '--hide-scrollbars',
    '--mute-audio',
    `--user-data-dir=${profile}`,
  ]
  const child: ChildProcess = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] })
  const toBrowser = child.stdio[3] as Writable
  const fromBrowser = child.stdio[4] as Readable
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000)
  })

  let nextId = 0
  const pending = new Map<number, { resolve: (value: Params) => void; reject: (error: Error) => void; method: string }>()
  const listeners = new Map<string, Set<Listener>>()
  let exited = false
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exitPromise.then(() => {
    exited = true
    for (const { reject, method } of pending.values()) reject(new CdpError(`Chromium exited while ${method} was pending`))
    pending.clear()
  })

  let buffer = ''
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    let end: number
    while ((end = buffer.indexOf('\0')) !== -1) {
      const raw = buffer.slice(0, end)
      buffer = buffer.slice(end + 1)
      const message = JSON.parse(raw) as Message
      if (message.id !== undefined) {
        const waiter = pending.get(message.id)
        pending.delete(message.id)
        if (!waiter) continue
        if (message.error) waiter.reject(new CdpError(`${waiter.method}: ${message.error.message}`))
        else waiter.resolve(message.result ?? {})
      } else if (message.method) {
        for (const listener of listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId)
      }
    }
  })
  // A write after the browser died must reject the command, not crash the process.
  toBrowser.on('error', () => {})
  fromBrowser.on('error', () => {})

  const browser: CdpBrowser = {
    send<T = Params>(method: string, params: Params = {}, sessionId?: string): Promise<T> {
      if (exited) return Promise.reject(new CdpError(`Chromium has exited; cannot send ${method}`))
      const id = ++nextId
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: Params) => void, reject, method })
        toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`)
      })
    },
    on(method, listener) {
      let set = listeners.get(method)
      if (!set) listeners.set(method, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
    stderr: () => stderr,
    async close() {
      if (!exited) {
        await Promise.race([browser.send('Browser.close').catch(() => {}), sleep(3000)])
        await Promise.race([exitPromise, sleep(3000)])
        if (!exited && child.pid !== undefined) {
          child.kill('SIGKILL')
          await Promise.race([exitPromise, sleep(3000)])
        }
      }
      await rm(profile, { recursive: true, force: true }).catch(() => {})
    },
  }

  try {
    await Promise.race([
      browser.send('Browser.getVersion'),
      sleep(timeoutMs).then(() => {
        throw new Error(`Chromium did not answer on the DevTools pipe within ${timeoutMs} ms`)
      }),
      exitPromise.then(() => {
        throw new Error(`Chromium exited at start:\n${stderr.slice(-2000)}`)
      }),
    ])
  } catch (error) {
    await browser.close()
    throw error
  }
  return browser
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A page in a browser context of its own (no shared cache, cookies or preflights), attached. */
export interface IsolatedPage {
  browserContextId: string
  targetId: string
  sessionId: string
}

/** Opens `url` in a new window of a fresh browser context and attaches to it (flat session). */
export async function openIsolatedPage(browser: CdpBrowser, url: string): Promise<IsolatedPage> {
  const { browserContextId } = await browser.send<{ browserContextId: string }>('Target.createBrowserContext', { disposeOnDetach: true })
  const { targetId } = await browser.send<{ targetId: string }>('Target.createTarget', { url, browserContextId, newWindow: true })
  const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
  return { browserContextId, targetId, sessionId }
}
