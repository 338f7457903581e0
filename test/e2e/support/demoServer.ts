import { createServer, type ViteDevServer } from 'vite'
import { startPlexSimulator, type RunningPlexSimulator } from '../../../src/testing/startPlexSimulator'
import { demoViteConfig } from '../app/vite.config'

export interface RunningDemo {
  /** The page's URL, e.g. `http://127.0.0.1:41234/`. */
  url: string
  /** Its origin, which the simulator sees as `Origin`. */
  origin: string
  server: ViteDevServer
  close(): Promise<void>
}

/** Serves the demo page on a free port of 127.0.0.1, pointed at `baseUrl`/`linkUrl`, with test hooks on. */
export async function startDemo({ baseUrl, linkUrl }: { baseUrl: string; linkUrl: string }): Promise<RunningDemo> {
  const server = await createServer(
    demoViteConfig({ settings: { baseUrl, linkUrl, simulated: true, testHooks: true }, port: 0, hmr: false, logLevel: 'warn' }),
  )
  await server.listen()
  const url = server.resolvedUrls?.local[0]
  if (!url) {
    await server.close()
    throw new Error('the demo server has no local URL')
  }
  // Transform the page once before any test opens it, so the first test does not pay for it.
  await fetch(url).then((response) => response.text())
  await fetch(new URL('main.tsx', url)).then((response) => response.text())
  return { url, origin: new URL(url).origin, server, close: () => server.close() }
}

export interface DemoStack<B> {
  sim: RunningPlexSimulator
  demo: RunningDemo
  browser: B
  /** Closes the browser, the demo and the simulator, whichever started. */
  close(): Promise<void>
}

/**
 * What most e2e files start once: the HTTP simulator, the demo page pointed at it (two ports of
 * 127.0.0.1, so the page and "plex.tv" are different origins) and a browser from `launch`.
 */
export async function startDemoStack<B extends { close(): Promise<void> }>(launch: () => Promise<B>): Promise<DemoStack<B>> {
  const sim = await startPlexSimulator({ port: 0 })
  const [demo, browser] = await Promise.all([startDemo({ baseUrl: sim.url, linkUrl: sim.linkUrl }), launch()]).catch(async (error: unknown) => {
    await sim.close()
    throw error
  })
  return {
    sim,
    demo,
    browser,
    async close() {
      await browser.close()
      await demo.close()
      await sim.close()
    },
  }
}
