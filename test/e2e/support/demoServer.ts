import { createServer, type ViteDevServer } from 'vite'
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
